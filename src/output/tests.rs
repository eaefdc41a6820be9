//! Exact text of every output file for hand-built outcomes.

use super::*;
use crate::model::Outcome;
use crate::model::fake;
use crate::model::outcome::{DailyPoint, Hours, LostCards, Moment, Totals, WaitSummary};

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

/// A replication that cleared on day 84.25 (working day 61), and one that did not.
fn outcomes() -> [Outcome; 2] {
    let start = fake::scenario("s").start;
    let moment = |day: f64, workdays| Moment {
        day,
        workdays,
        date: crate::time::date_at(start, day),
    };
    let wait = |mean, p90| WaitSummary {
        count: 100,
        mean: Some(mean),
        p90: Some(p90),
    };
    let cleared = Outcome {
        replication: 0,
        cleared: Some(moment(84.25, 61)),
        empty: Some(moment(90.5, 65)),
        delivered: None,
        delivered_90: Some(moment(88.0, 63)),
        printed: 35_123,
        rejects: 321,
        blanks_used: 35_444,
        recorded: 7,
        wait: wait(41.123_456, 80.0),
        wait_by_class: vec![wait(12.0, 20.5), WaitSummary::default()],
        hours: Hours {
            server_down: 60.0,
            certificate_service_lost: 17.5,
            link_down: 2.0 / 3.0,
            link_degraded: 0.0,
            stockout: 0.0,
            idle_no_work: 1.234_56,
        },
        lost: LostCards {
            server: 1_062.5,
            link_down: 11.04,
            blanks: 0.0,
            link_degraded: 0.0,
            no_work: 3.0,
        },
        // Until day 84.25: the idle time came after it.
        to_clearing: Totals {
            hours: Hours {
                server_down: 60.0,
                certificate_service_lost: 17.5,
                link_down: 2.0 / 3.0,
                link_degraded: 0.0,
                stockout: 0.0,
                idle_no_work: 0.25,
            },
            lost: LostCards {
                server: 1_062.5,
                link_down: 11.04,
                blanks: 0.0,
                link_degraded: 0.0,
                no_work: 0.5,
            },
            printed: 35_000,
            rejects: 300,
        },
        blank_arrivals: Vec::new(),
        end: 100.0,
        daily: vec![
            DailyPoint {
                awaiting: 35_000,
                initial_unprinted: 35_000,
                printed: 0,
                blanks: 36_000,
            },
            DailyPoint {
                awaiting: 34_500,
                initial_unprinted: 34_501,
                printed: 499,
                blanks: 35_501,
            },
        ],
        national: None,
    };
    let censored = Outcome {
        replication: 1,
        cleared: None,
        empty: None,
        delivered_90: None,
        to_clearing: Totals {
            hours: cleared.hours,
            lost: cleared.lost,
            printed: cleared.printed,
            rejects: cleared.rejects,
        },
        wait: wait(50.0, 99.0),
        daily: vec![
            DailyPoint {
                awaiting: 35_000,
                initial_unprinted: 35_000,
                printed: 0,
                blanks: 36_000,
            },
            DailyPoint {
                awaiting: 34_600,
                initial_unprinted: 34_600,
                printed: 400,
                blanks: 35_600,
            },
        ],
        ..cleared.clone()
    };
    [cleared, censored]
}

fn stats() -> (crate::scenario::Scenario, ScenarioStats) {
    let scenario = fake::scenario("bojonegoro");
    let mut stats = ScenarioStats::new(&scenario);
    outcomes().iter().for_each(|o| stats.add(o));
    (scenario, stats)
}

#[test]
fn replications_csv_exact_text() {
    let scenario = fake::scenario("s");
    let mut rows = replications::RowWriter::new(Vec::new(), &scenario).unwrap();
    outcomes().iter().for_each(|o| rows.write(o).unwrap());
    let want = "\
replication,cleared,cleared_day,cleared_workdays,cleared_date,empty_day,delivered_day,delivered_90_day,printed,rejects,blanks_used,recorded,wait_mean_days,wait_p90_days,\
server_down_hours_to_clearing,certificate_service_lost_hours_to_clearing,link_down_hours_to_clearing,link_degraded_hours_to_clearing,stockout_hours_to_clearing,idle_no_work_hours_to_clearing,\
lost_cards_server_to_clearing,lost_cards_link_to_clearing,lost_cards_degraded_to_clearing,lost_cards_blanks_to_clearing,lost_cards_no_work_to_clearing,\
server_down_hours_whole_run,certificate_service_lost_hours_whole_run,link_down_hours_whole_run,link_degraded_hours_whole_run,stockout_hours_whole_run,idle_no_work_hours_whole_run,\
lost_cards_server_whole_run,lost_cards_link_whole_run,lost_cards_degraded_whole_run,lost_cards_blanks_whole_run,lost_cards_no_work_whole_run,\
wait_mean_days_first_time,wait_p90_days_first_time,wait_mean_days_regular,wait_p90_days_regular
0,true,84.2500,61,2017-12-18,90.5000,,88.0000,35123,321,35444,7,41.1235,80.0000,\
60.00,17.50,0.67,0.00,0.00,0.25,1062.5,11.0,0.0,0.0,0.5,\
60.00,17.50,0.67,0.00,0.00,1.23,1062.5,11.0,0.0,0.0,3.0,12.0000,20.5000,,
1,false,,,,,,,35123,321,35444,7,50.0000,99.0000,\
60.00,17.50,0.67,0.00,0.00,1.23,1062.5,11.0,0.0,0.0,3.0,\
60.00,17.50,0.67,0.00,0.00,1.23,1062.5,11.0,0.0,0.0,3.0,12.0000,20.5000,,
";
    assert_eq!(text(rows.into_inner().unwrap()), want);
}

#[test]
fn summary_csv_exact_text() {
    let (scenario, stats) = stats();
    let got = text(summary::write_to(Vec::new(), &scenario, &stats).unwrap());
    let mut lines = got.lines();
    assert_eq!(
        lines.next(),
        Some("metric,n,mean,ci95_low,ci95_high,p10,p50,p90,mean_date,p10_date,p50_date,p90_date")
    );
    let want_head = [
        "share_cleared_by_horizon,2,0.5000,0.0945,0.9055,,,,,,,",
        "share_cleared_by_deadline,2,0.5000,0.0945,0.9055,,,,,,,",
        // One cleared value: no interval; p50 is the cleared one, p90 is
        // censored. Dates beside the numbers, the numbers' columns numeric.
        "cleared_day,1,84.2500,,,84.2500,84.2500,,2017-12-18,2017-12-18,2017-12-18,",
        "cleared_workdays,1,61.0,,,61,61,,,,,",
        "empty_day,1,90.5000,,,90.5000,90.5000,,2017-12-24,2017-12-24,2017-12-24,",
        // Never delivered: every quantile lies beyond the horizon.
        "delivered_day,0,,,,,,,,,,",
        // 90% delivered in one, not by the horizon in the other.
        "delivered_90_day,1,88.0000,,,88.0000,88.0000,,2017-12-22,2017-12-22,2017-12-22,",
        "printed,2,35123.0,35123.0,35123.0,35123,35123,35123,,,,",
    ];
    for want in want_head {
        assert_eq!(lines.next(), Some(want));
    }
    // Two values 41.123456 and 50: mean 45.561728, sd 8.876544 / √2, half-width
    // t(0.975, 1) · sd / √2 = 12.706205 · 4.438272 = 56.3936. The quantiles are
    // the exact minimum and maximum, which the sketch keeps.
    let wait = got
        .lines()
        .find(|l| l.starts_with("wait_mean_days,"))
        .unwrap();
    assert_eq!(
        wait,
        "wait_mean_days,2,45.5617,-10.8319,101.9553,41.1235,41.1235,50.0000,,,,"
    );
    assert!(
        got.ends_with("wait_mean_days_regular,0,,,,,,,,,,\nwait_p90_days_regular,0,,,,,,,,,,\n")
    );
    // The header, two shares, 11 leading metrics, 2 x 11 hours and losses,
    // 2 x 2 class waits.
    assert_eq!(got.lines().count(), 1 + 2 + 11 + 22 + 4);
}

#[test]
fn daily_csv_exact_text() {
    let (scenario, stats) = stats();
    let got = text(daily::write_to(Vec::new(), &scenario, &stats).unwrap());
    assert_eq!(
        got,
        "\
day,date,backlog_p10,backlog_p50,backlog_p90,unprinted_initial_p10,unprinted_initial_p50,unprinted_initial_p90,printed_mean,blanks_p10,blanks_p50,blanks_p90
0,2017-09-25,35000,35000,35000,35000,35000,35000,0.0,36000,36000,36000
1,2017-09-26,34500,34500,34600,34501,34501,34600,449.5,35501,35501,35600
"
    );
    // Daily quantiles are the sketch's, within 0.5%, clamped to the exact
    // extremes: with two replications every quantile is one of the two values.
}

#[test]
fn comparison_csv_and_table_exact_text() {
    let (scenario, stats) = stats();
    let mut never = fake::scenario("never-clears");
    never.deadline = None;
    let mut none = ScenarioStats::new(&never);
    none.add(&outcomes()[1]);
    let results = [(&scenario, &stats), (&never, &none)];
    let got = text(comparison::write_to(Vec::new(), &results).unwrap());
    assert_eq!(
        got,
        "\
scenario,title,replications,clear_days_p10,clear_days_p50,clear_days_p90,clear_date_p50,clear_date_p90,share_cleared_by_horizon,share_cleared_by_deadline,deadline
bojonegoro,bojonegoro (test),2,84.2500,84.2500,,2017-12-18,,0.5000,0.5000,2017-12-23
never-clears,never-clears (test),1,,,,,,0.0000,,
"
    );
    assert_eq!(
        table::render(&results),
        "\
scenario      clear p10      p50      p90  p50 date     p90 date     by deadline  by horizon
bojonegoro         84.2     84.2        -  2017-12-18   not cleared        50.0%       50.0%
never-clears          -        -        -  not cleared  not cleared            -        0.0%
"
    );
}

#[test]
fn files_appear_only_when_committed() {
    let dir = tempfile::tempdir().unwrap();
    let (scenario, stats) = stats();
    let staged = stage_scenario_files(dir.path(), &scenario, &stats).unwrap();
    assert!(!dir.path().join(summary::FILE_NAME).exists());
    crate::files::atomic::rename_all(staged).unwrap();
    assert!(dir.path().join(summary::FILE_NAME).exists());
    assert!(dir.path().join(daily::FILE_NAME).exists());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2);
}

/// Every file a command writes at the top of `--out`, beside the scenario
/// folders, is a name no scenario may take ([`crate::names::TAKEN`]).
#[test]
fn every_file_written_beside_the_scenario_folders_is_reserved() {
    use crate::names::{Problem, check};
    let mut written = vec![
        report::FILE_NAME.to_owned(),
        comparison::FILE_NAME.to_owned(),
        compare::FILE_NAME.to_owned(),
        decide::GOAL_FILE.to_owned(),
    ];
    for stem in [charts::COMPARISON_CHART, charts::paired::STEM] {
        for ext in ["png", "svg"] {
            written.push(format!("{stem}.{ext}"));
        }
    }
    for file in written {
        assert!(
            matches!(check(&file), Err(Problem::Taken { exact: true, .. })),
            "{file} is written beside the scenario folders but not reserved in names::TAKEN"
        );
    }
}
