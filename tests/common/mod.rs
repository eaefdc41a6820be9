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
        costs: None,
        timezone: None,
        national: None,
        merged_toml: String::new(),
        source: "test.toml".into(),
        inputs: Vec::new(),
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

/// A Bojonegoro-like office with every component switched on, built in code.
pub fn everything_on() -> Scenario {
    use ktpsim::scenario::{
        BlanksConfig, DistributionConfig, LinkState, NetworkConfig, OutageTiming, RecordingConfig,
        Reorder, ScheduledOutage, ServerConfig, ServerOutage, Shipment,
    };
    let d = |r: Result<Dist, String>| r.unwrap();
    let mut s = simple(35_000);
    s.classes = vec!["first_time".into(), "elderly".into(), "regular".into()];
    s.backlog = Some(BacklogConfig {
        initial: 35_000,
        mix: vec![0.5, 0.1, 0.4],
    });
    s.calendar = Some(CalendarConfig {
        workdays: [true, true, true, true, true, false, false],
        open_minute: 450,
        close_minute: 960,
        holidays: vec![date(2017, 12, 1), date(2017, 12, 25)],
    });
    s.recording = Some(RecordingConfig {
        per_workday: d(Dist::poisson(60.0)),
        mix: vec![0.7, 0.05, 0.25],
        pool: Some(5_000),
    });
    s.printing = PrintingConfig {
        printers: 1,
        speed: Speed::CardsPerDay(d(Dist::uniform(400.0, 500.0))),
        reject_rate: 0.009,
    };
    let state = |name: &str, throughput, stay, next: Vec<f64>| LinkState {
        name: name.into(),
        throughput,
        stay,
        next,
    };
    s.network = Some(NetworkConfig {
        states: vec![
            state("up", 1.0, d(Dist::exponential(4.0)), vec![0.0, 0.7, 0.3]),
            state(
                "degraded",
                0.5,
                d(Dist::lognormal_median(0.25, 0.8)),
                vec![0.8, 0.0, 0.2],
            ),
            state(
                "down",
                0.0,
                d(Dist::lognormal_median(5.0 / 24.0, 1.0)),
                vec![1.0, 0.0, 0.0],
            ),
        ],
        initial: 0,
        outages: vec![ScheduledOutage {
            name: "planned".into(),
            at: 15.0,
            duration: d(Dist::constant(0.5)),
        }],
    });
    s.server = Some(ServerConfig {
        outages: vec![
            ServerOutage {
                name: "AC leak".into(),
                when: OutageTiming::At(-1.0 / 3.0),
                duration: d(Dist::triangular(2.0, 2.5, 4.0)),
            },
            ServerOutage {
                name: "hardware fault".into(),
                when: OutageTiming::Every(d(Dist::exponential(120.0))),
                duration: d(Dist::lognormal_median(1.0, 0.7)),
            },
        ],
    });
    s.blanks = Some(BlanksConfig {
        initial: 13_000,
        shipments: vec![Shipment {
            at: 70.0,
            quantity: 10_000,
            delay: Some(d(Dist::uniform(0.0, 30.0))),
        }],
        reorder: Some(Reorder {
            below: 5_000,
            quantity: 10_000,
            lead_time: Some(d(Dist::triangular(7.0, 21.0, 60.0))),
        }),
    });
    s.distribution = Some(DistributionConfig {
        dispatch: [false, false, false, false, true, false, false],
        to_district: d(Dist::uniform(1.0, 3.0)),
        to_resident: d(Dist::exponential(10.0)),
    });
    s
}
