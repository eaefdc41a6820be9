//! Loading scenarios that are right: the baseline's values, every bundled scenario,
//! the contract's format example, and `extends` (merging, cycles, missing parents).

use std::path::Path;

use jiff::civil::date;
use ktpsim::scenario::{self, OutageTiming, Scenario, Speed, load_str};

const BASELINE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/scenarios/bojonegoro-2017.toml"
);
/// The contract's example of the format (tests/fixtures/README.md says where it
/// comes from).
const FORMAT_EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/scenario-format.example.toml"
);

fn load(path: &str) -> Scenario {
    scenario::load(Path::new(path)).unwrap_or_else(|e| panic!("{path}: error: {e}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn check_baseline(s: &Scenario) {
    assert_eq!(s.name, "bojonegoro-2017");
    assert_eq!(s.start, date(2017, 9, 25).at(8, 0, 0, 0));
    assert_eq!(s.horizon, 365.0);
    assert_eq!((s.replications, s.seed), (1000, 2017));
    let deadline = s.deadline.expect("a deadline");
    assert_eq!(deadline.date, date(2018, 6, 27));
    // Midnight after 27 June 2018, from 08:00 on 25 September 2017.
    assert!(close(deadline.at, 276.0 - 8.0 / 24.0));
    assert_eq!(s.classes, ["first_time", "elderly", "regular"]);

    let cal = s.calendar.as_ref().expect("a calendar");
    assert_eq!(cal.workdays, [true, true, true, true, true, false, false]);
    assert_eq!((cal.open_minute, cal.close_minute), (450, 960));
    assert_eq!(cal.holidays.len(), 27);
    assert!(cal.holidays.is_sorted());

    let backlog = s.backlog.as_ref().expect("a backlog");
    assert_eq!(backlog.initial, 35_000);
    assert_eq!(backlog.mix, [0.5, 0.1, 0.4]);
    let rec = s.recording.as_ref().expect("recording");
    assert_eq!(rec.mix, [0.7, 0.05, 0.25]);
    assert_eq!(rec.per_workday.mean(), 60.0);
    assert_eq!(rec.pool, Some(32_494));

    assert_eq!(s.printing.printers, 1);
    assert_eq!(s.printing.reject_rate, 0.009);
    let Speed::CardsPerDay(speed) = &s.printing.speed else {
        panic!("cards_per_day expected")
    };
    assert_eq!(speed.mean(), 450.0);

    let net = s.network.as_ref().expect("a network");
    let names: Vec<&str> = net.states.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["up", "degraded", "down"]);
    assert_eq!(net.initial, 0);
    assert_eq!(net.states[0].next, [0.0, 0.7, 0.3]);
    assert_eq!(net.states[2].next, [1.0, 0.0, 0.0]);
    assert_eq!(net.states[1].throughput, 0.5);
    assert!(close(net.states[0].stay.mean(), 4.0));

    let server = s.server.as_ref().expect("a server");
    assert_eq!(server.outages.len(), 2);
    assert_eq!(server.outages[0].name, "AC leak: server drying");
    let OutageTiming::At(at) = server.outages[0].when else {
        panic!("a scheduled outage")
    };
    assert!(close(at, -1.0 / 3.0));
    assert!(close(server.outages[0].duration.mean(), 8.5 / 3.0));
    assert!(matches!(server.outages[1].when, OutageTiming::Every(ref d) if close(d.mean(), 120.0)));

    let blanks = s.blanks.as_ref().expect("blanks");
    assert_eq!(blanks.initial, 13_000);
    assert_eq!(blanks.shipments.len(), 1);
    let ship = &blanks.shipments[0];
    assert!(close(ship.at, 70.0 - 0.5 / 24.0));
    assert_eq!(ship.quantity, 10_000);
    assert!(close(ship.delay.as_ref().expect("a delay").mean(), 15.0));
    let reorder = blanks.reorder.as_ref().expect("a reorder policy");
    assert_eq!((reorder.below, reorder.quantity), (5000, 10_000));
    assert!(close(
        reorder.lead_time.as_ref().unwrap().mean(),
        88.0 / 3.0
    ));

    let dist = s.distribution.as_ref().expect("distribution");
    assert_eq!(
        dist.dispatch,
        [false, false, false, false, true, false, false]
    );
    assert!(close(dist.to_district.mean(), 2.0));
    assert!(close(dist.to_resident.mean(), 10.0));
}

#[test]
fn the_baseline_reads_as_written() {
    check_baseline(&load(BASELINE));
}

#[test]
fn the_contract_format_example_is_accepted_as_is() {
    check_baseline(&load(FORMAT_EXAMPLE));
}

#[test]
fn every_bundled_scenario_loads_with_its_own_name() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).expect("scenarios/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let s = load(path.to_str().expect("a UTF-8 path"));
            assert_eq!(
                Some(s.name.as_str()),
                path.file_stem().and_then(|s| s.to_str())
            );
            names.push(s.name);
        }
    }
    assert!(names.len() >= 6, "{names:?}");
}

#[test]
fn what_ifs_change_only_what_they_say() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/");
    let two = load(&format!("{dir}second-printer.toml"));
    assert_eq!(two.printing.printers, 2);
    assert_eq!(two.printing.reject_rate, 0.009);
    let dry = load(&format!("{dir}dry-server-room.toml"));
    let outages = &dry.server.expect("a server").outages;
    assert_eq!(outages.len(), 1);
    assert_eq!(outages[0].name, "hardware fault");
    // An inline table replaces the parent's whole: no `mode` left from "triangular".
    let short = load(&format!("{dir}blank-shortage.toml"));
    let reorder = short
        .blanks
        .expect("blanks")
        .reorder
        .expect("a reorder policy");
    assert_eq!((reorder.below, reorder.quantity), (5000, 5000));
    assert!(close(reorder.lead_time.as_ref().unwrap().mean(), 60.0));
    let backup = load(&format!("{dir}backup-link.toml"));
    assert!(
        backup
            .network
            .expect("a network")
            .states
            .iter()
            .all(|s| s.throughput >= 0.5)
    );
}

#[test]
fn merged_toml_reads_back_to_the_same_scenario() {
    let s = load(BASELINE);
    assert!(!s.merged_toml.contains("extends"));
    let again = load_str(&s.merged_toml, Path::new("merged.toml")).expect("merged TOML loads");
    assert_eq!(again.merged_toml, s.merged_toml);
    check_baseline(&again);
}

#[test]
fn extends_merges_tables_and_replaces_arrays() {
    let s = load("tests/fixtures/extends/grandchild.toml");
    assert_eq!(s.name, "child");
    assert_eq!(s.horizon, 60.0);
    assert_eq!(s.printing.printers, 2);
    assert_eq!(s.printing.reject_rate, 0.01);
    let outages = s.server.expect("a server").outages;
    let names: Vec<&str> = outages.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["only"]);
    assert_eq!(
        s.source,
        Path::new("tests/fixtures/extends/grandchild.toml")
    );
}

#[test]
fn an_extends_cycle_names_the_chain() {
    let e = scenario::load(Path::new("tests/fixtures/extends/cycle-a.toml")).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"`extends` makes a cycle: cycle-a.toml -> cycle-b.toml -> cycle-a.toml
 --> tests/fixtures/extends/cycle-b.toml:1:11
  |
1 | extends = "cycle-a.toml"
  |           ^^^^^^^^^^^^^^
  = help: a scenario cannot extend itself, directly or through its parents"#
    );
}

#[test]
fn a_missing_parent_points_at_extends() {
    let e = scenario::load(Path::new("tests/fixtures/extends/orphan.toml")).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"cannot read the parent scenario `tests/fixtures/extends/no-such-parent.toml`: file not found
 --> tests/fixtures/extends/orphan.toml:2:11
  |
2 | extends = "no-such-parent.toml"
  |           ^^^^^^^^^^^^^^^^^^^^^
  = help: `extends` is a path relative to the folder of this file"#
    );
}

#[test]
fn an_inherited_error_points_into_the_parent() {
    let e = scenario::load(Path::new("tests/fixtures/extends/child-of-bad.toml")).unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"`reject_rate` must be a probability in [0, 1), got 1.5
 --> tests/fixtures/extends/bad-parent.toml:7:15
  |
7 | reject_rate = 1.5
  |               ^^^
  = help: a share of printed cards, e.g. 0.009"#
    );
}

#[test]
fn defaults_fill_what_is_left_out() {
    let text = "[scenario]\nstart = 2017-09-25\nhorizon = \"0d\"\n\n[printing]\ncard_time = \"1min\"\n\n[calendar]\n\n[network]\n[[network.outages]]\nat = 2017-10-01T00:00:00\nduration = \"12h\"\n";
    let s = load_str(text, Path::new("some/where/my-case.toml")).expect("loads");
    assert_eq!((s.name.as_str(), s.title.as_str()), ("my-case", "my-case"));
    assert_eq!(s.start, date(2017, 9, 25).at(0, 0, 0, 0));
    assert_eq!((s.horizon, s.replications, s.seed), (0.0, 1000, 0));
    assert_eq!(s.classes, ["all"]);
    assert_eq!(s.printing.printers, 1);
    assert!(matches!(s.printing.speed, Speed::CardTime(ref d) if close(d.mean(), 1.0 / 1440.0)));
    let cal = s.calendar.expect("a calendar");
    assert_eq!((cal.open_minute, cal.close_minute), (450, 960));
    let net = s.network.expect("a network");
    assert_eq!(net.states.len(), 1);
    assert_eq!(net.outages[0].name, "link outage 1");
    assert!(close(net.outages[0].at, 6.0));
}
