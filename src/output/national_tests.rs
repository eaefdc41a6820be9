//! offices.csv, regions.csv and the national columns of daily.csv.

use super::*;
use crate::model::fake;
use crate::model::outcome::{LostCards, NationalDay, NationalOutcome, OfficeOutcome};
use crate::output::national_fixture as fixture;

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

/// Three offices in two regions, no pool, and two hand-built replications:
/// in the first every office clears (days 10, 20, 30), in the second the
/// third office does not clear by the horizon.
fn hand_built() -> (Scenario, ScenarioStats) {
    let s = fixture::national(3, 2, 1_000, false);
    let mut stats = ScenarioStats::new(&s);
    let office = |cleared: Option<f64>, by_deadline: bool, printed: u64| OfficeOutcome {
        cleared,
        ahead: 0.0,
        initial: 1_000,
        printed_by_deadline: printed.min(1_000),
        cleared_by_deadline: by_deadline,
        printed,
        received: 0,
        waiting_days: 0.0,
        lost: LostCards {
            server: 10.0,
            link_down: 0.0,
            blanks: 0.0,
            link_degraded: 2.5,
            no_work: 1.0,
        },
    };
    let replications = [
        [
            office(Some(10.0), true, 1_000),
            office(Some(20.0), true, 1_100),
            office(Some(30.0), true, 1_300),
        ],
        [
            office(Some(12.5), true, 1_000),
            office(Some(90.25), false, 1_000),
            office(None, false, 900),
        ],
    ];
    for (i, offices) in replications.into_iter().enumerate() {
        let mut o = fake::outcome(&s, i as u64);
        o.daily.truncate(2);
        o.national = Some(Box::new(NationalOutcome {
            offices: offices.into(),
            offices_cleared_by_deadline: Some(
                offices.iter().filter(|o| o.cleared_by_deadline).count() as u32,
            ),
            daily: vec![
                NationalDay {
                    offices_not_cleared: 3,
                    pool: 0,
                    in_transit: 0,
                },
                NationalDay {
                    offices_not_cleared: 2 + i as u32,
                    pool: 0,
                    in_transit: 0,
                },
            ],
            ..NationalOutcome::default()
        }));
        stats.add(&o);
    }
    (s, stats)
}

#[test]
fn offices_csv_exact_text() {
    let (s, stats) = hand_built();
    let got = text(write_offices(Vec::new(), &s, &stats).unwrap());
    // Backlogs 333, 666 and 1000 (the fixture's rule). The third office
    // cleared in one of two runs: its median is day 30, its p90 lies past the
    // horizon (empty). The p90s are the sketch's, within 0.05% of 12.5 and
    // 90.25. Means of the lost cards in Cause::ALL's order.
    assert_eq!(
        got,
        "\
office,region,timezone,initial_backlog,clear_days_p10,clear_days_p50,clear_days_p90,clear_date_p50,clear_date_p90,share_cleared_by_horizon,share_cleared_by_deadline,printed_mean,blanks_received_mean,days_waiting_for_blanks_mean,lost_cards_server_mean,lost_cards_link_mean,lost_cards_blanks_mean,lost_cards_degraded_mean,lost_cards_no_work_mean
kab-0,region-0,WIB,333,10.0000,10.0000,12.4971,2018-01-12,2018-01-14,1.0000,1.0000,1000.0,0.0,0.0000,10.0,0.0,0.0,2.5,1.0
kab-1,region-0,WIB,666,20.0000,20.0000,90.2425,2018-01-22,2018-04-02,1.0000,0.5000,1050.0,0.0,0.0000,10.0,0.0,0.0,2.5,1.0
kab-2,region-1,WITA,1000,30.0000,30.0000,,2018-02-01,,0.5000,0.5000,1100.0,0.0,0.0000,10.0,0.0,0.0,2.5,1.0
"
    );
}

#[test]
fn regions_csv_exact_text() {
    let (s, stats) = hand_built();
    let got = text(write_regions(Vec::new(), &s, &stats).unwrap());
    // region-0 clears when its last office does: days 20 and 90.25; both of
    // its offices by the deadline in the first run, one in the second.
    assert_eq!(
        got,
        "\
region,offices,initial_backlog,clear_days_p10,clear_days_p50,clear_days_p90,clear_date_p50,clear_date_p90,share_cleared_by_horizon,share_cleared_by_deadline,offices_cleared_by_deadline_mean,printed_mean,blanks_received_mean,days_waiting_for_blanks_mean,lost_cards_server_mean,lost_cards_link_mean,lost_cards_blanks_mean,lost_cards_degraded_mean,lost_cards_no_work_mean
region-0,2,999,20.0000,20.0000,90.2425,2018-01-22,2018-04-02,1.0000,0.5000,1.5,2050.0,0.0,0.0000,20.0,0.0,0.0,5.0,2.0
region-1,1,1000,30.0000,30.0000,,2018-02-01,,0.5000,0.5000,0.5,1100.0,0.0,0.0000,10.0,0.0,0.0,2.5,1.0
"
    );
}

#[test]
fn daily_csv_has_national_columns_only_for_a_national_scenario() {
    let (s, stats) = hand_built();
    let got = text(crate::output::daily::write_to(Vec::new(), &s, &stats).unwrap());
    let mut lines = got.lines();
    let head = lines.next().unwrap();
    assert!(
        head.ends_with(
            ",blanks_p90,offices_not_cleared_p10,offices_not_cleared_p50,\
             offices_not_cleared_p90,offices_not_cleared_mean,share_offices_cleared_mean"
        ),
        "{head}"
    );
    // No pool: no pool columns.
    assert!(!head.contains("pool_stock"), "{head}");
    assert!(lines.next().unwrap().ends_with(",3,3,3,3.0,0.0000"));
    // 2 and 3 offices not cleared: mean 2.5 of 3, a sixth cleared.
    assert!(lines.next().unwrap().ends_with(",2,2,3,2.5,0.1667"));
    assert_eq!(lines.next(), None);

    let pooled = fixture::national(3, 2, 1_000, true);
    let stats = fixture::run(&pooled, 2);
    let got = text(crate::output::daily::write_to(Vec::new(), &pooled, &stats).unwrap());
    let head = got.lines().next().unwrap();
    assert!(
        head.ends_with(
            ",share_offices_cleared_mean,pool_stock_p10,pool_stock_p50,pool_stock_p90,\
             in_transit_p10,in_transit_p50,in_transit_p90"
        ),
        "{head}"
    );
    let columns = head.split(',').count();
    assert!(got.lines().all(|l| l.split(',').count() == columns));

    let single = fake::scenario("single");
    let mut stats = ScenarioStats::new(&single);
    stats.add(&fake::outcome(&single, 0));
    let got = text(crate::output::daily::write_to(Vec::new(), &single, &stats).unwrap());
    assert!(got.starts_with("day,date,") && !got.contains("offices"));
}

/// A column of a CSV text by name, per row.
fn column<'a>(csv: &'a str, name: &str) -> Vec<&'a str> {
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let k = head.iter().position(|h| *h == name).unwrap();
    lines.map(|l| l.split(',').nth(k).unwrap()).collect()
}

#[test]
fn a_small_national_run_adds_up() {
    let s = fixture::national(6, 3, 1_500, true);
    let stats = fixture::run(&s, 8);
    let offices = text(write_offices(Vec::new(), &s, &stats).unwrap());
    let regions = text(write_regions(Vec::new(), &s, &stats).unwrap());
    assert_eq!(offices.lines().count(), 1 + 6);
    assert_eq!(column(&regions, "region"), ["region-0", "region-1"]);
    assert_eq!(column(&regions, "offices"), ["3", "3"]);
    let national = stats.national().unwrap();
    // A region clears with its last office: its median is at least each of
    // its offices' medians, and its share cleared at most each of theirs.
    let days = |c: &str| c.parse::<f64>().unwrap_or(f64::INFINITY);
    let office_p50 = column(&offices, "clear_days_p50");
    let region_p50 = column(&regions, "clear_days_p50");
    let office_share = column(&offices, "share_cleared_by_horizon");
    let region_share = column(&regions, "share_cleared_by_horizon");
    for i in 0..6 {
        let r = national.region_of(i);
        assert!(days(region_p50[r]) >= days(office_p50[i]), "office {i}");
        assert!(days(region_share[r]) <= days(office_share[i]), "office {i}");
    }
    // Backlogs and printed cards add up over a region's offices.
    let sum = |csv: &str, col: &str, rows: std::ops::Range<usize>| -> f64 {
        column(csv, col)[rows].iter().map(|c| days(c)).sum()
    };
    for (r, rows) in [0..3, 3..6].into_iter().enumerate() {
        for col in ["initial_backlog", "printed_mean", "blanks_received_mean"] {
            let whole = days(column(&regions, col)[r]);
            assert!(
                (whole - sum(&offices, col, rows.clone())).abs() < 0.2,
                "{col}"
            );
        }
    }
    // The dates are the national start plus the days.
    for (d, date) in office_p50.iter().zip(column(&offices, "clear_date_p50")) {
        if let Ok(d) = d.parse::<f64>() {
            assert_eq!(crate::time::date_at(s.start, d).to_string(), date);
        }
    }
}

#[test]
fn a_national_scenario_stages_offices_and_regions() {
    let dir = tempfile::tempdir().unwrap();
    let (s, stats) = hand_built();
    let staged = crate::output::stage_scenario_files(dir.path(), &s, &stats).unwrap();
    crate::files::atomic::rename_all(staged).unwrap();
    for name in ["summary.csv", "daily.csv", OFFICES_FILE, REGIONS_FILE] {
        assert!(dir.path().join(name).exists(), "{name}");
    }
}
