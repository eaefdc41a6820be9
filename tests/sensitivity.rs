//! `ktpsim sensitivity` on a tiny scenario whose answer is known: 50 records
//! at a constant 10 cards a day clear in about five days, so the printing
//! rate and the backlog matter, the reject rate a little, and a server outage
//! a month later not at all.

use std::path::Path;

use ktpsim::decide::sensitivity;
use ktpsim::engine::executor::Executor;
use ktpsim::scenario::document::Document;

const TINY: &str = r#"
[scenario]
name = "tiny"
start = 2024-01-01T00:00:00
horizon = "60d"
replications = 1000
seed = 3

[backlog]
initial = 50
mix = { a = 0.5, b = 0.5 }

[printing]
printers = 1
cards_per_day = 10
reject_rate = 0.1

[network]
initial = "up"

[network.states.up]
throughput = 1.0
stay = { dist = "exponential", mean = "30d" }
next = { slow = 1.0 }

[network.states.slow]
throughput = 0.9
stay = "1h"
next = { up = 1.0 }

[[server.outages]]
name = "after clearing"
at = 2024-02-01T00:00:00
duration = "2d"
"#;

fn run() -> sensitivity::Sensitivity {
    run_text(TINY)
}

fn run_text(text: &str) -> sensitivity::Sensitivity {
    let doc = Document::from_text(text, Path::new("tiny.toml")).unwrap();
    let plan = sensitivity::plan(&doc, 0.2).unwrap();
    sensitivity::run(plan, 3, 30, &Executor::serial()).unwrap()
}

fn status<'a>(s: &'a sensitivity::Sensitivity, path: &str) -> &'a str {
    let e = s.effects.iter().find(|e| e.path.to_string() == path);
    &e.unwrap_or_else(|| panic!("no {path}")).status
}

#[test]
fn effects_come_largest_first_and_irrelevant_settings_move_nothing() {
    let s = run();
    let order: Vec<String> = s.effects.iter().map(|e| e.path.to_string()).collect();
    let at = |p: &str| order.iter().position(|o| o == p).unwrap();
    // 10 ± 2 cards a day moves clearing by about a day; 50 ± 10 records by
    // about a day; 10% ± 2% rejects by a fraction of a day.
    assert!(
        at("printing.cards_per_day") < at("printing.reject_rate"),
        "{order:?}"
    );
    assert!(
        at("backlog.initial") < at("printing.reject_rate"),
        "{order:?}"
    );
    let cards = &s.effects[at("printing.cards_per_day")];
    assert_eq!(
        cards.values,
        [Some("8".into()), Some("10".into()), Some("12".into())]
    );
    assert!(cards.effect[0].unwrap() > 0.5 && cards.effect[1].unwrap() < -0.5);
    let moved: Vec<f64> = s
        .effects
        .iter()
        .filter(|e| e.moved())
        .map(|e| e.swing)
        .collect();
    assert!(moved.windows(2).all(|w| w[0] >= w[1]), "{moved:?}");
    // The outage starts a month in, long after clearing.
    for p in ["server.outages[0].duration", "network.states.slow.stay"] {
        assert_eq!(status(&s, p), "moves nothing (no change in p50)", "{p}");
    }
}

#[test]
fn mixes_rows_and_invalid_variants_are_skipped_with_their_reason() {
    let s = run();
    assert_eq!(
        status(&s, "backlog.mix"),
        "skipped: a class mix: the shares must sum to 1"
    );
    assert_eq!(
        status(&s, "network.states.up.next"),
        "skipped: a transition row: the probabilities must sum to 1"
    );
    // 1.0 moved up is no probability; moved down it still runs.
    assert_eq!(
        status(&s, "network.states.up.throughput"),
        "ok; skipped up (1.2): `throughput` must be a probability in [0, 1], got 1.2"
    );
    assert_eq!(
        status(&s, "printing.printers"),
        "moves nothing (rounds to the same value)"
    );
    let listed: Vec<String> = s.effects.iter().map(|e| e.path.to_string()).collect();
    assert!(
        !listed.iter().any(|p| p.starts_with("scenario.")),
        "{listed:?}"
    );
}

#[test]
fn the_command_writes_the_csv_chart_and_report_section() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tiny.toml");
    std::fs::write(&file, TINY).unwrap();
    let out = dir.path().join("results");
    let cli = <ktpsim::cli::Cli as clap::Parser>::try_parse_from([
        "ktpsim".as_ref(),
        "sensitivity".as_ref(),
        file.as_os_str(),
        "--replications".as_ref(),
        "10".as_ref(),
        "--threads".as_ref(),
        "1".as_ref(),
        "--quiet".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ])
    .unwrap();
    ktpsim::cli::run(cli).unwrap();
    let csv = std::fs::read_to_string(out.join("tiny/sensitivity.csv")).unwrap();
    assert_eq!(
        csv.lines().next().unwrap(),
        "setting,base_value,down_value,up_value,p50_down,p50_base,p50_up,\
         effect_down_days,effect_up_days,swing_days,status,\
         mean_effect_down_days,ci95_down_low,ci95_down_high,\
         mean_effect_up_days,ci95_up_low,ci95_up_high"
    );
    assert!(out.join("tiny/sensitivity.png").is_file());
    assert!(out.join("tiny/sensitivity.svg").is_file());
    let html = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(html.contains("<section id=\"sensitivity-tiny\" class=\"decision\""));
    // A table, not console text; a setting's note in its row.
    assert!(!html.contains("<pre>"));
    assert!(html.contains(
        "<br><span class=\"meta\">skipped up (1.2): `throughput` must be a probability in \
         [0, 1], got 1.2</span>"
    ));
}

#[test]
fn a_p50_beyond_the_horizon_has_no_number_and_sorts_first() {
    // About 5.5 days to clear: at 8 cards a day most replications need more than 6.
    let s = run_text(&TINY.replace("horizon = \"60d\"", "horizon = \"6d\""));
    // Infinite swings tie and keep the order written: backlog, printing, link.
    let infinite: Vec<String> = s
        .effects
        .iter()
        .take_while(|e| e.swing.is_infinite())
        .map(|e| e.path.to_string())
        .collect();
    assert_eq!(
        infinite,
        [
            "backlog.initial",
            "printing.cards_per_day",
            "network.states.up.throughput"
        ]
    );
    let cards = &s.effects[1];
    assert_eq!(cards.p50[0], Some(f64::INFINITY));
    assert_eq!(cards.effect[0], None);
    assert!(cards.effect[1].unwrap() < 0.0 && cards.moved());
    let mut csv = Vec::new();
    csv = ktpsim::output::sensitivity::write_to(csv, &s).unwrap();
    let row = String::from_utf8(csv)
        .unwrap()
        .lines()
        .nth(2)
        .unwrap()
        .to_owned();
    // Empty p50_down, effect_down_days and swing_days.
    assert!(
        row.starts_with("printing.cards_per_day,10,8,12,,5.4"),
        "{row}"
    );
    // Empty swing; no pair where both cleared on the down side, so no paired
    // mean or interval; up, a shorter wait.
    assert!(row.contains(",,ok,,,,-0."), "{row}");
}

#[test]
fn paired_differences_are_exact_where_nothing_is_random() {
    // 100 records at 10 cards a day, around the clock, nothing random: 10 days
    // to clear in every replication; 8 a day take 12.5, 12 a day 8 1/3.
    let text = "[scenario]\nname = \"det\"\nstart = 2024-01-01T00:00:00\nhorizon = \"60d\"\n\
                [backlog]\ninitial = 100\n[printing]\ncards_per_day = 10\n";
    let s = run_text(text);
    let cards = s
        .effects
        .iter()
        .find(|e| e.path.to_string() == "printing.cards_per_day")
        .unwrap();
    for (k, expected) in [(0, 2.5), (1, 25.0 / 3.0 - 10.0)] {
        let m = &cards.paired[k].as_ref().unwrap().days;
        assert_eq!(m.count(), 30);
        let mean = m.mean().unwrap();
        assert!((mean - expected).abs() < 1e-9, "side {k}: {mean}");
        // No spread, so the interval is the mean itself.
        assert_eq!(m.ci95(), Some((mean, mean)));
        // The p50 effect agrees, to the sketch's 0.05%.
        let effect = cards.effect[k].unwrap();
        assert!(
            (effect - expected).abs() < 0.001 * 12.5,
            "side {k}: {effect}"
        );
    }
    let mut csv = Vec::new();
    csv = ktpsim::output::sensitivity::write_to(csv, &s).unwrap();
    let text = String::from_utf8(csv).unwrap();
    let row = text
        .lines()
        .find(|l| l.starts_with("printing.cards_per_day,"))
        .unwrap();
    assert!(
        row.ends_with(",ok,2.5000,2.5000,2.5000,-1.6667,-1.6667,-1.6667"),
        "{row}"
    );
}

#[test]
fn a_setting_that_acts_after_clearing_differs_by_zero_in_every_pair() {
    let s = run();
    let outage = s
        .effects
        .iter()
        .find(|e| e.path.to_string() == "server.outages[0].duration")
        .unwrap();
    for m in outage.paired.iter().flatten().map(|p| &p.days) {
        assert_eq!(m.count(), 30);
        assert_eq!(m.mean(), Some(0.0));
        assert_eq!(m.ci95(), Some((0.0, 0.0)));
    }
}

/// A triangular printing speed whose mode sits near its max: moved alone,
/// the mode at +20% (13.2) passed the max (12) and was skipped as invalid.
/// Moved as a whole, min, mode and max all scale and every variant runs.
#[test]
fn a_triangular_speed_moves_as_a_whole() {
    let text = TINY.replace(
        "cards_per_day = 10",
        "cards_per_day = { dist = \"triangular\", min = 8.0, mode = 11.0, max = 12.0 }",
    );
    let s = run_text(&text);
    let speed = s
        .effects
        .iter()
        .find(|e| e.path.to_string() == "printing.cards_per_day")
        .unwrap();
    assert_eq!(speed.status, "ok");
    assert_eq!(
        speed.values,
        [
            Some("triangular(6.4, 8.8, 9.6)".into()),
            Some("triangular(8.0, 11.0, 12.0)".into()),
            Some("triangular(9.6, 13.2, 14.4)".into())
        ]
    );
    // Slower printing clears later, faster sooner.
    assert!(speed.effect[0].unwrap() > 0.0 && speed.effect[1].unwrap() < 0.0);
    let listed: Vec<String> = s.effects.iter().map(|e| e.path.to_string()).collect();
    assert!(
        !listed
            .iter()
            .any(|p| p.starts_with("printing.cards_per_day.")),
        "{listed:?}"
    );
}

/// A p50 beyond the horizon reads "never" in the table, and the words say
/// what that means; no "inf" anywhere.
#[test]
fn a_p50_never_cleared_reads_never_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("tiny.toml");
    std::fs::write(&file, TINY.replace("horizon = \"60d\"", "horizon = \"6d\"")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args([
            "sensitivity",
            "--quiet",
            "--no-plots",
            "--replications",
            "30",
        ])
        .args(["--threads", "1", "--out", "results", "tiny.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    let words = String::from_utf8(out.stdout).unwrap();
    assert!(!words.contains("inf"), "{words}");
    let cards = words
        .lines()
        .find(|l| l.starts_with("printing.cards_per_day "))
        .unwrap();
    assert!(cards.contains("  never  "), "{words}");
    assert!(
        words.contains(
            "\nnever: that p50 is never cleared within the horizon (half the replications or \
             more do not clear), so the swing has no number\n"
        ),
        "{words}"
    );
}
