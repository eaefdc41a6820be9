//! The national measures say what they mean, end to end through `ktpsim run`,
//! on a national scenario whose every moment is worked out by hand: three
//! offices, one in each time zone, open around the clock, printing a card
//! every 36 minutes with nothing ever failing.
//!
//! The national start is 07:30 WIB on Tuesday 2 January 2018; the deadline is
//! 5 January 2018. Surabaya (WIB) and Makassar (WITA) print their 10 records
//! in 6 hours. Jayapura (WIT) prints 145 records in 145 × 36 min = 87 h, so it
//! clears at 22:30 WIB on 5 January (3.625 days), which is 00:30 WIT on
//! 6 January: after the end of 5 January in its own time (22:00 WIB), before
//! the end of 5 January on the data centre's clock (24:00 WIB).
//!
//! - Cleared by the deadline: 2 of 3 offices, and so no replication (every
//!   office must be on time in its own zone); the headlines say so.
//! - The pool starts empty and gets its first blanks at 00:00 WIB on
//!   8 January (5.6875 days); the central link is down for the whole of
//!   7 January WIB, after every office cleared. To clearing: 3.625 days
//!   without stock and no hour down; over the whole run: 5.6875 days and
//!   24 hours.
//! - 90% of the 165 records (at most 16 unprinted) is reached when Jayapura
//!   has printed 129, at 77.4 h (12:54 WIB on 5 January); the daily series
//!   sees it at the end of 5 January (national day 3), whose middle is
//!   3.1875 days: date 5 January 2018, not 6 January.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

const NATIONAL: &str = r#"[scenario]
name = "zones"
title = "Three offices in three time zones"
start = 2018-01-02T07:30:00
horizon = "10d"
deadline = 2018-01-05
replications = 3
seed = 1

[offices]
template = "zones-office.toml"

[[offices.office]]
name = "kota-surabaya"
"calendar.timezone" = "WIB"
"backlog.initial" = 10

[[offices.office]]
name = "kota-makassar"
"calendar.timezone" = "WITA"
"backlog.initial" = 10

[[offices.office]]
name = "kota-jayapura"
"calendar.timezone" = "WIT"
"backlog.initial" = 145

[central]
[[central.outages]]
at = 2018-01-07T00:00:00
duration = "1d"

[pool]
initial = 0

[[pool.deliveries]]
at = 2018-01-08T00:00:00
quantity = 100

[pool.allocation]
policy = "fifo"
"#;

const TEMPLATE: &str = r#"[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
hours = ["00:00", "24:00"]

[backlog]
initial = 10

[printing]
printers = 1
card_time = "36min"
"#;

/// Runs the scenario into `dir/out`; the output folder and what was printed.
fn run(dir: &Path) -> (std::path::PathBuf, String) {
    std::fs::write(dir.join("zones.toml"), NATIONAL).unwrap();
    std::fs::write(dir.join("zones-office.toml"), TEMPLATE).unwrap();
    let out = dir.join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(["run", "zones.toml", "--no-plots", "--quiet", "--out", "out"])
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    (out, String::from_utf8(o.stdout).unwrap())
}

/// A CSV file as rows of column name to cell.
fn rows(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            head.iter()
                .zip(l.split(','))
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn a_wit_office_late_in_its_own_time_is_late_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let (out, printed) = run(dir.path());
    let folder = out.join("zones");

    // The table printed after the run: by the deadline 0.0%, by the horizon 100.0%.
    let line = printed
        .lines()
        .find(|l| l.starts_with("zones "))
        .unwrap_or_else(|| panic!("{printed}"));
    let cells: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(cells[cells.len() - 2..], ["0.0%", "100.0%"], "{line}");

    // Every replication is the same: 2 offices on time, so not cleared by
    // the deadline, though the last office cleared on 5 January WIB.
    let reps = rows(&folder.join("replications.csv"));
    assert_eq!(reps.len(), 3);
    for r in &reps {
        let cell = |c: &str| r.get(c).unwrap_or_else(|| panic!("{c}")).as_str();
        assert_eq!(cell("cleared_day"), "3.6250");
        assert_eq!(cell("cleared_date"), "2018-01-05");
        assert_eq!(cell("offices_cleared_by_deadline"), "2");
        // 10 + 10 + 144 of 165 printed by each office's deadline (Jayapura's
        // 144th card at 86.4 h, its deadline at 86.5 h).
        assert_eq!(cell("share_backlog_printed_by_deadline"), "0.9939");
        assert_eq!(cell("pool_stockout_days_to_clearing"), "3.6250");
        assert_eq!(cell("pool_stockout_days_whole_run"), "5.6875");
        assert_eq!(cell("central_down_hours_to_clearing"), "0.00");
        assert_eq!(cell("central_down_hours_whole_run"), "24.00");
        assert_eq!(cell("central_degraded_hours_to_clearing"), "0.00");
        assert_eq!(cell("central_degraded_hours_whole_run"), "0.00");
        assert_eq!(cell("delivered_90_day"), "3.1875");
    }
    assert!(
        !reps[0].contains_key("pool_stockout_days") && !reps[0].contains_key("central_down_hours"),
        "the unsuffixed columns are gone: {:?}",
        reps[0].keys()
    );

    let summary = rows(&folder.join("summary.csv"));
    let row = |m: &str| {
        summary
            .iter()
            .find(|r| r["metric"] == m)
            .unwrap_or_else(|| panic!("{m}"))
    };
    let by_deadline = row("share_cleared_by_deadline");
    assert_eq!(
        (by_deadline["n"].as_str(), by_deadline["mean"].as_str()),
        ("3", "0.0000")
    );
    assert_eq!(row("offices_cleared_by_deadline")["mean"], "2.0");
    let ninety = row("delivered_90_day");
    assert_eq!(
        [&ninety["p10"], &ninety["p50"], &ninety["p90"]].map(String::as_str),
        ["3.1875"; 3]
    );
    assert_eq!(
        [
            &ninety["mean_date"],
            &ninety["p10_date"],
            &ninety["p50_date"],
            &ninety["p90_date"]
        ]
        .map(String::as_str),
        ["2018-01-05"; 4]
    );

    // Each office by its own deadline; the region (all three) never.
    let offices = rows(&folder.join("offices.csv"));
    let shares: Vec<&str> = offices
        .iter()
        .map(|r| r["share_cleared_by_deadline"].as_str())
        .collect();
    assert_eq!(shares, ["1.0000", "1.0000", "0.0000"]);
    let regions = rows(&folder.join("regions.csv"));
    assert_eq!(regions[0]["share_cleared_by_deadline"], "0.0000");
    assert_eq!(regions[0]["offices_cleared_by_deadline_mean"], "2.0");

    // The headlines say the same: no run by the deadline, 2 of 3 offices.
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        html.contains(
            "The 165 waiting records are printed by 5 January 2018 in half of the runs and \
             by 5 January 2018 in nine runs out of ten; no run clears by the deadline of \
             5 January 2018.</p>"
        ),
        "{html}"
    );
    assert!(
        html.contains(
            "2 of 3 offices clear by the deadline (5 January 2018) in nine runs out of ten; \
             the last office clears around 5 January 2018 (half of the runs) and by \
             5 January 2018 in nine runs out of ten. On average 2.0 offices clear by it in a \
             run. (An office clears by the deadline when it clears by the end of that date in \
             its own time zone"
        ),
        "{html}"
    );
    assert!(!html.contains("all runs clear by the deadline"), "{html}");
}
