//! Supply and calendar as the ministry works: repeating blank shipments, months
//! and years where they count from a date, the bundled Indonesian holiday sets,
//! and `check`'s note on the calendar defaults. Refusals, with their exact
//! messages, are in tests/scenario_errors.rs.

use std::path::Path;
use std::process::Command;

use jiff::civil::{Date, DateTime, date};
use ktpsim::model::Model;
use ktpsim::scenario::{Scenario, load_str};
use ktpsim::time::days_between;

const START: &str = "2017-09-25T08:00:00";

/// A scenario that loads, with `extra` appended.
fn scenario(extra: &str) -> Scenario {
    let text = format!(
        "[scenario]\nstart = {START}\nhorizon = \"365d\"\nreplications = 4\n\n\
         [backlog]\ninitial = 30000\n\n[printing]\ncards_per_day = 450\n{extra}"
    );
    load_str(&text, Path::new("x.toml")).unwrap_or_else(|e| panic!("error: {e}\n{text}"))
}

fn start() -> DateTime {
    START.parse().unwrap()
}

/// The planned arrivals of the scenario's shipments, as civil date-times.
fn arrivals(s: &Scenario) -> Vec<DateTime> {
    let blanks = s.blanks.as_ref().expect("[blanks]");
    blanks
        .shipments
        .iter()
        .map(|sh| ktpsim::time::datetime_at(s.start, sh.at))
        .collect()
}

fn holidays(s: &Scenario) -> &[Date] {
    &s.calendar.as_ref().expect("[calendar]").holidays
}

#[test]
fn a_monthly_shipment_lands_on_the_same_day_of_each_month() {
    let s = scenario(
        "[blanks]\ninitial = 5000\n\n[[blanks.shipments]]\nat = 2017-12-01T07:30:00\n\
         quantity = 20000\nevery = \"1 month\"\ncount = 6\n\
         delay = { dist = \"uniform\", min = \"0d\", max = \"14d\" }\n",
    );
    let expected: Vec<DateTime> = [
        (2017, 12),
        (2018, 1),
        (2018, 2),
        (2018, 3),
        (2018, 4),
        (2018, 5),
    ]
    .iter()
    .map(|&(y, m)| date(y, m, 1).at(7, 30, 0, 0))
    .collect();
    assert_eq!(arrivals(&s), expected);
    let blanks = s.blanks.as_ref().unwrap();
    for sh in &blanks.shipments {
        assert_eq!(sh.quantity, 20_000);
        assert_eq!(
            sh.delay
                .as_ref()
                .expect("each delivery has the delay")
                .mean(),
            7.0
        );
    }
    // The first delivery is read exactly as a shipment without `every`.
    let at: DateTime = "2017-12-01T07:30:00".parse().unwrap();
    assert_eq!(blanks.shipments[0].at, days_between(start(), at));
}

#[test]
fn a_repeating_shipment_runs_as_its_deliveries_written_out() {
    let repeated = scenario(
        "[blanks]\ninitial = 2000\n\n[[blanks.shipments]]\nat = 2017-10-02T07:30:00\n\
         quantity = 9000\nevery = \"1mo\"\nuntil = 2018-03-02\n\
         delay = { dist = \"uniform\", min = \"0d\", max = \"14d\" }\n",
    );
    let mut written = String::from("[blanks]\ninitial = 2000\n");
    for month in [
        "2017-10", "2017-11", "2017-12", "2018-01", "2018-02", "2018-03",
    ] {
        written.push_str(&format!(
            "\n[[blanks.shipments]]\nat = {month}-02T07:30:00\nquantity = 9000\n\
             delay = {{ dist = \"uniform\", min = \"0d\", max = \"14d\" }}\n"
        ));
    }
    let written = scenario(&written);
    assert_eq!(arrivals(&repeated), arrivals(&written));
    let (a, b) = (Model::new(&repeated), Model::new(&written));
    for i in 0..4 {
        assert_eq!(a.replicate(i), b.replicate(i), "replication {i}");
    }
}

#[test]
fn the_31st_becomes_the_last_day_of_shorter_months() {
    let s = scenario(
        "[blanks]\n[[blanks.shipments]]\nat = 2018-01-31\nquantity = 100\n\
         every = \"1mo\"\ncount = 5\n",
    );
    let dates: Vec<Date> = arrivals(&s).into_iter().map(DateTime::date).collect();
    assert_eq!(
        dates,
        [
            date(2018, 1, 31),
            date(2018, 2, 28),
            date(2018, 3, 31),
            date(2018, 4, 30),
            date(2018, 5, 31)
        ]
    );
}

#[test]
fn until_a_date_includes_that_date_and_until_a_moment_stops_there() {
    let with = |until: &str| {
        scenario(&format!(
            "[blanks]\n[[blanks.shipments]]\nat = 2017-12-01T07:30:00\nquantity = 100\n\
             every = \"1mo\"\nuntil = {until}\n"
        ))
        .blanks
        .unwrap()
        .shipments
        .len()
    };
    assert_eq!(with("2018-05-01"), 6);
    assert_eq!(with("2018-05-01T07:30:00"), 6);
    assert_eq!(with("2018-05-01T07:29:59"), 5);
    assert_eq!(with("2017-12-01"), 1);
}

#[test]
fn fixed_periods_repeat_by_their_length() {
    let s = scenario(
        "[blanks]\n[[blanks.shipments]]\nat = 2017-10-02T07:30:00\nquantity = 100\n\
         every = \"2 weeks\"\ncount = 3\n\n[[blanks.shipments]]\nat = 2017-10-02\n\
         quantity = 1\nevery = \"8h\"\nuntil = 2017-10-03T00:00:00\n",
    );
    let got = arrivals(&s);
    let d = |day: i8, h: i8, m: i8| date(2017, 10, day).at(h, m, 0, 0);
    assert_eq!(
        got,
        [
            d(2, 7, 30),
            d(16, 7, 30),
            d(30, 7, 30),
            d(2, 0, 0),
            d(2, 8, 0),
            d(2, 16, 0),
            d(3, 0, 0)
        ]
    );
}

#[test]
fn a_horizon_in_months_or_years_counts_from_start() {
    let with = |horizon: &str| {
        let text = format!(
            "[scenario]\nstart = {START}\nhorizon = \"{horizon}\"\n[printing]\ncards_per_day = 450\n"
        );
        load_str(&text, Path::new("x.toml")).unwrap().horizon
    };
    // 25 September 2017 08:00 to 25 March 2019 08:00.
    assert_eq!(with("18mo"), 546.0);
    assert_eq!(with("18 months"), 546.0);
    assert_eq!(with("1y"), 365.0);
    // 2020 is a leap year.
    assert_eq!(with("3 years"), 365.0 * 3.0 + 1.0);
    assert_eq!(with("3w"), 21.0);
}

#[test]
fn the_2018_set_holds_eid_al_fitr_its_collective_leave_and_independence_day() {
    let s = scenario("[calendar]\nholidays = \"indonesia-2018\"\n");
    let h = holidays(&s);
    for day in [11, 12, 13, 14, 15, 16, 18, 19, 20, 27] {
        assert!(h.contains(&date(2018, 6, day)), "June {day}");
    }
    assert!(h.contains(&date(2018, 8, 17)));
    assert!(
        h.contains(&date(2018, 12, 24)),
        "Christmas Eve collective leave"
    );
    assert!(!h.contains(&date(2018, 6, 21)));
    assert!(h.iter().all(|d| d.year() == 2018));

    let national = scenario("[calendar]\nholidays = \"indonesia-national-2018\"\n");
    let h = holidays(&national);
    assert!(h.contains(&date(2018, 6, 15)) && h.contains(&date(2018, 8, 17)));
    assert!(
        !h.contains(&date(2018, 6, 11)),
        "collective leave is not national"
    );

    let leave = scenario("[calendar]\nholidays = \"indonesia-cuti-bersama-2018\"\n");
    assert_eq!(
        holidays(&leave),
        [11, 12, 13, 14, 18, 19, 20]
            .iter()
            .map(|&d| date(2018, 6, d))
            .chain([date(2018, 12, 24)])
            .collect::<Vec<_>>()
    );
}

#[test]
fn sets_and_dates_mix_sorted_and_without_duplicates() {
    let s = scenario(
        "[calendar]\nholidays = [2018-07-02, \"indonesia-national-2018\", 2018-08-17, \
         \"indonesia-cuti-bersama-2018\"]\n",
    );
    let h = holidays(&s);
    assert_eq!(h.len(), 17 + 8 + 1);
    assert!(h.is_sorted());
    assert!(h.contains(&date(2018, 7, 2)));
}

#[test]
fn the_three_years_hold_each_years_days() {
    let s = scenario("[calendar]\nholidays = \"indonesia-2017-2019\"\n");
    let h = holidays(&s);
    for d in [
        date(2017, 6, 23),
        date(2017, 8, 17),
        date(2017, 12, 26),
        date(2018, 6, 15),
        date(2019, 4, 17),
        date(2019, 6, 3),
        date(2019, 8, 17),
    ] {
        assert!(h.contains(&d), "{d}");
    }
}

#[test]
fn the_format_example_lists_only_days_of_the_bundled_sets() {
    // The contract's format example writes out Dec 2017 - Dec 2018 by hand.
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/scenario-format.example.toml"
    );
    let s = ktpsim::scenario::load(Path::new(example)).unwrap();
    let bundled = scenario("[calendar]\nholidays = \"indonesia-2017-2019\"\n");
    assert!(holidays(&s).len() > 10, "{:?}", holidays(&s));
    for d in holidays(&s) {
        assert!(holidays(&bundled).contains(d), "{d}");
    }
}

/// `ktpsim check` on `text`: its standard output.
fn check(text: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.toml");
    std::fs::write(&file, text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(["check", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn check_says_which_calendar_an_empty_table_means() {
    let base = format!(
        "[scenario]\nstart = {START}\nhorizon = \"30d\"\n[printing]\ncards_per_day = 450\n"
    );
    let out = check(&format!("{base}[calendar]\n"));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[1..5],
        [
            "# note: [calendar] leaves out `workdays`, `hours`, `holidays`, so these defaults apply:",
            "#   workdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]",
            "#   hours = [\"07:30\", \"16:00\"]",
            "#   holidays = []",
        ]
    );
    // The output is still a scenario, and the same one.
    let again = load_str(&out, Path::new("x.toml")).unwrap();
    assert_eq!(again.calendar, scenario("[calendar]\n").calendar);

    let out = check(&base);
    assert_eq!(
        out.lines().nth(1),
        Some("# note: no [calendar]: the office is open around the clock, every day")
    );
    let out = check(&format!(
        "{base}[calendar]\nworkdays = [\"mon\"]\nhours = [\"08:00\", \"12:00\"]\nholidays = []\n"
    ));
    assert!(!out.contains("# note"), "{out}");
}
