//! Scenarios built in code, for tests that must not depend on the TOML reader.

#![allow(dead_code)]

use jiff::civil::{DateTime, date};
use ktpsim::dist::Dist;
use ktpsim::scenario::{BacklogConfig, CalendarConfig, PrintingConfig, Scenario, Speed};

/// Monday 25 September 2017, 08:00.
pub fn monday_8am() -> DateTime {
    date(2017, 9, 25).at(8, 0, 0, 0)
}

/// One printer, a card an hour around the clock, `backlog` records of one
/// class, nothing else: the simplest office.
pub fn simple(backlog: u64) -> Scenario {
    Scenario {
        name: "test".into(),
        title: "test".into(),
        start: monday_8am(),
        horizon: 365.0,
        replications: 4,
        seed: 1,
        deadline: None,
        classes: vec!["all".into()],
        calendar: None,
        backlog: Some(BacklogConfig {
            initial: backlog,
            mix: vec![1.0],
        }),
        recording: None,
        printing: PrintingConfig {
            printers: 1,
            speed: Speed::CardTime(hours(1.0)),
            reject_rate: 0.0,
        },
        network: None,
        server: None,
        blanks: None,
        distribution: None,
        merged_toml: String::new(),
        source: "test.toml".into(),
    }
}

/// A constant duration of `h` hours.
pub fn hours(h: f64) -> Dist {
    Dist::constant(h / 24.0).unwrap()
}

/// Monday to Friday, `open` to `close` (hours), with the given holidays.
pub fn office_hours(open: u32, close: u32, holidays: Vec<jiff::civil::Date>) -> CalendarConfig {
    CalendarConfig {
        workdays: [true, true, true, true, true, false, false],
        open_minute: open * 60,
        close_minute: close * 60,
        holidays,
    }
}

/// Asserts `a` and `b` agree to within `tol`.
pub fn assert_close(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: {a} vs {b} (tolerance {tol})");
}
