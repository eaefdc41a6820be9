//! Test fixtures: a hand-built scenario and a fake replicate function, so the
//! runner, statistics and output can be tested without running the model.

use jiff::civil::DateTime;

use crate::dist::Dist;
use crate::model::Outcome;
use crate::model::outcome::{
    BlankArrival, DailyPoint, Hours, LostCards, Moment, Totals, WaitSummary,
};
use crate::scenario::{Deadline, PrintingConfig, Scenario, Speed};
use crate::time::date_at;

/// A minimal valid scenario: one printer, two classes, a 100-day horizon and a
/// deadline at day 90.
pub fn scenario(name: &str) -> Scenario {
    let start: DateTime = "2017-09-25T08:00:00".parse().expect("a date-time");
    Scenario {
        name: name.to_owned(),
        title: format!("{name} (test)"),
        start,
        horizon: 100.0,
        replications: 10,
        seed: 1,
        deadline: Some(Deadline {
            date: "2017-12-23".parse().expect("a date"),
            at: 90.0 - 8.0 / 24.0,
        }),
        classes: vec!["first_time".to_owned(), "regular".to_owned()],
        calendar: None,
        backlog: None,
        recording: None,
        printing: PrintingConfig {
            printers: 1,
            speed: Speed::CardsPerDay(Dist::constant(500.0).expect("a constant")),
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
        source: format!("{name}.toml").into(),
        inputs: Vec::new(),
    }
}

/// A pseudo-random number in [0, 1) fixed by (i, salt): a stand-in for the
/// engine's per-replication streams.
fn unit(i: u64, salt: u64) -> f64 {
    let mut z = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ salt.wrapping_mul(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
}

/// Replication `i` of a fake model of `scenario`: every seventh does not clear,
/// and every fifth prints nothing for the second class.
pub fn outcome(scenario: &Scenario, i: u64) -> Outcome {
    let moment = |day: f64| Moment {
        day,
        workdays: (day * 5.0 / 7.0).ceil() as u32,
        date: date_at(scenario.start, day),
    };
    let cleared = (i % 7 != 6).then(|| moment(60.0 + 40.0 * unit(i, 1)));
    let printed = 30_000 + (unit(i, 2) * 5_000.0) as u64;
    let rejects = printed / 100;
    let wait = |salt| WaitSummary {
        count: printed / 2,
        mean: Some(10.0 + 20.0 * unit(i, salt)),
        p90: Some(30.0 + 20.0 * unit(i, salt + 1)),
    };
    let days = 10;
    let hours = Hours {
        server_down: 60.0 * unit(i, 9),
        certificate_service_lost: 20.0 * unit(i, 10),
        link_down: 12.0 * unit(i, 11),
        link_degraded: 100.0 * unit(i, 12),
        stockout: 0.0,
        idle_no_work: 1.0 / 3.0,
    };
    let lost = LostCards {
        server: 1_000.0 * unit(i, 13),
        link_down: 200.0 * unit(i, 14),
        blanks: 0.0,
        link_degraded: 333.333_33,
        no_work: 0.05,
    };
    // Until clearing: the outages, a third of the degraded hours, no idle time.
    let to_clearing = Totals {
        hours: Hours {
            link_degraded: hours.link_degraded / 3.0,
            idle_no_work: 0.0,
            ..hours
        },
        lost: LostCards {
            link_degraded: lost.link_degraded / 3.0,
            no_work: 0.0,
            ..lost
        },
        printed: printed - 1_000,
        rejects,
    };
    Outcome {
        replication: i,
        cleared,
        empty: cleared.map(|m| moment(m.day + 1.5)),
        delivered: cleared.filter(|_| i % 3 == 0).map(|m| moment(m.day + 9.0)),
        delivered_90: cleared.filter(|_| i % 3 == 0).map(|m| moment(m.day + 2.0)),
        printed,
        rejects,
        blanks_used: printed + rejects,
        recorded: 0,
        wait: wait(3),
        wait_by_class: vec![
            wait(5),
            if i % 5 == 4 {
                WaitSummary::default()
            } else {
                wait(7)
            },
        ],
        hours,
        lost,
        to_clearing: if cleared.is_some() {
            to_clearing
        } else {
            Totals {
                hours,
                lost,
                printed,
                rejects,
            }
        },
        blank_arrivals: [
            Some(BlankArrival {
                day: 5.25,
                quantity: 10_000,
                reorder: false,
            }),
            (i % 2 == 0).then(|| BlankArrival {
                day: 3.0 + 4.0 * unit(i, 30),
                quantity: 5_000,
                reorder: true,
            }),
        ]
        .into_iter()
        .flatten()
        .collect(),
        end: scenario.horizon,
        daily: (0..days)
            .map(|d| DailyPoint {
                awaiting: 35_000 - d * 3_000 - (unit(i, 20 + d) * 400.0) as u64,
                initial_unprinted: 35_000 - d * 3_100,
                printed: d * 3_100 + i % 3,
                blanks: 36_000 - d * 3_000,
            })
            .collect(),
        national: None,
    }
}
