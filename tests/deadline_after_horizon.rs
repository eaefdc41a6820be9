//! A deadline after the horizon: whether a replication that had not cleared by
//! the horizon clears by the deadline is not known, so the share cleared by the
//! deadline is unknown, said so in words and left empty in files, never
//! "0.0%". When every replication cleared by the horizon it is known: 100%.

mod common;

use common::simple;
use jiff::civil::date;
use ktpsim::model::Model;
use ktpsim::output::{comparison, report, summary, table};
use ktpsim::scenario::{Deadline, Scenario};
use ktpsim::stats::ScenarioStats;

/// A card an hour, a 2-day horizon, a deadline at day 10 (5 October).
fn scenario(name: &str, backlog: u64) -> Scenario {
    let mut s = simple(backlog);
    s.name = name.into();
    s.horizon = 2.0;
    s.deadline = Some(Deadline {
        date: date(2017, 10, 4),
        at: 10.0,
    });
    s
}

fn stats(s: &Scenario) -> ScenarioStats {
    let model = Model::new(s);
    let mut stats = ScenarioStats::new(s);
    (0..3).for_each(|i| stats.add(&model.replicate(i)));
    stats
}

fn line<'t>(text: &'t str, start: &str) -> &'t str {
    text.lines()
        .find(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line {start} in\n{text}"))
}

#[test]
fn the_share_by_a_deadline_after_the_horizon_is_unknown_unless_all_cleared() {
    // 100 cards take 100 hours: none clears in the 48-hour horizon. 10 cards
    // take 10 hours: every replication clears, long before the deadline.
    let (late, early) = (scenario("late", 100), scenario("early", 10));
    let (late_stats, early_stats) = (stats(&late), stats(&early));
    let share = late_stats.cleared_by_deadline().unwrap();
    assert_eq!((share.hits, share.trials, share.unknown), (0, 3, 3));
    assert_eq!(share.value(), None);
    assert_eq!(
        early_stats.cleared_by_deadline().unwrap().value(),
        Some(1.0)
    );

    let results = [(&late, &late_stats), (&early, &early_stats)];
    let t = table::render(&results);
    assert_eq!(
        t.lines().next().unwrap(),
        "scenario  clear p10      p50      p90  p50 date     p90 date                          by deadline  by horizon"
    );
    assert_eq!(
        line(&t, "late"),
        "late              -        -        -  not cleared  not cleared  unknown (deadline after horizon)        0.0%"
    );
    assert!(line(&t, "early").ends_with("  100.0%      100.0%"), "{t}");

    // summary.csv: no share, no interval; n counts the known answers (none).
    let csv =
        String::from_utf8(summary::write_to(Vec::new(), &late, &late_stats).unwrap()).unwrap();
    assert_eq!(
        line(&csv, "share_cleared_by_deadline,"),
        "share_cleared_by_deadline,0,,,,,,,,,,"
    );
    let csv =
        String::from_utf8(summary::write_to(Vec::new(), &early, &early_stats).unwrap()).unwrap();
    assert_eq!(
        line(&csv, "share_cleared_by_deadline,"),
        "share_cleared_by_deadline,3,1.0000,0.4385,1.0000,,,,,,,"
    );
    let csv = String::from_utf8(comparison::write_to(Vec::new(), &results).unwrap()).unwrap();
    assert!(
        line(&csv, "late,").ends_with(",0.0000,,2017-10-04"),
        "{csv}"
    );
    assert!(
        line(&csv, "early,").ends_with(",1.0000,1.0000,2017-10-04"),
        "{csv}"
    );
    let html = report::render(&results, false, "", &[], &Default::default());
    assert!(html.contains(
        "<tr><td class=\"text\">Runs that clear it by the deadline (4 October 2017)\
         <code class=\"key\">share_cleared_by_deadline</code></td><td>–</td><td>unknown</td>"
    ));
    assert!(
        html.contains("whether the rest clear by the deadline of 4 October 2017 is unknown.</p>")
    );
}

#[test]
fn a_goal_on_an_unknown_share_stops_and_names_the_fix() {
    // 100 records at 10 a day cannot clear in a 5-day horizon, whatever the
    // printers; the deadline is after the horizon.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("short.toml");
    std::fs::write(
        &file,
        "[scenario]\nname = \"short\"\nstart = 2024-01-01T00:00:00\nhorizon = \"5d\"\n\
         replications = 4\nseed = 1\ndeadline = 2024-02-01\n\n\
         [backlog]\ninitial = 100\nmix = { all = 1.0 }\n\n\
         [printing]\nprinters = 1\ncards_per_day = 10\nreject_rate = 0.0\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args([
            "goal",
            file.to_str().unwrap(),
            "--vary",
            "printing.printers",
        ])
        .args(["--from", "1", "--to", "2", "--target", "deadline >= 0.9"])
        .args(["--replications", "4", "--quiet", "--out"])
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: the target is on the deadline, but the share cleared by it is unknown: \
         the deadline is after the horizon and 4 of 4 replications had not cleared by \
         the horizon; set `horizon` past the deadline\n"
    );
}
