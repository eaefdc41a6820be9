//! Test fixtures: national scenarios built in code (offices over a template,
//! with or without a pool) and run with the engine, so the national outputs
//! can be tested before a national scenario file can be read.

use crate::dist::Dist;
use crate::model::Model;
use crate::scenario::national::{Allocation, LotMax, NationalConfig, Office, PoolConfig, Timezone};
use crate::scenario::{BlanksConfig, Reorder, Scenario, Shipment, load_str};
use crate::stats::ScenarioStats;

/// An office scenario: a working week, two printers at 100-250 cards a day,
/// `backlog` records waiting, a deadline at the end of March 2018.
pub fn office(name: &str, backlog: u64) -> Scenario {
    let text = format!(
        "[scenario]\nname = \"{name}\"\nstart = 2018-01-02T07:30:00\nhorizon = \"200d\"\n\
         deadline = 2018-03-31\nseed = 7\nreplications = 3\n\
         [calendar]\nworkdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]\n\
         hours = [\"07:30\", \"16:00\"]\n\
         [backlog]\ninitial = {backlog}\n\
         [printing]\nprinters = 2\ncards_per_day = {{ dist = \"uniform\", min = 100, max = 250 }}\n\
         reject_rate = 0.01\n"
    );
    load_str(&text, format!("{name}.toml").as_ref()).expect("a valid office")
}

/// A national scenario of `n` offices named `kab-<k>` in regions of
/// `per_region` offices each (`region-<r>`), backlogs from a third of `backlog`
/// to twice it, varying with `k`; with `pool`, each office starts with 500 blanks and asks a
/// first-come-first-served pool for lots of 2,000 below 300, and the pool
/// starts with `2,000 n` and gets 3,000 n on days 20 and 60.
pub fn national(n: usize, per_region: usize, backlog: u64, pool: bool) -> Scenario {
    let zones = [Timezone::Wib, Timezone::Wita, Timezone::Wit];
    let offices: Vec<Office> = (0..n)
        .map(|k| {
            let mut s = office(
                &format!("kab-{k}"),
                backlog * (2 + (k as u64 * 7_919) % 13) / 6,
            );
            if pool {
                s.blanks = Some(BlanksConfig {
                    initial: 500,
                    shipments: Vec::new(),
                    reorder: Some(Reorder {
                        below: 300,
                        quantity: 2_000,
                        lead_time: None,
                    }),
                });
            }
            Office {
                name: s.name.clone(),
                region: format!("region-{}", k / per_region.max(1)),
                timezone: zones[(k / per_region.max(1)) % 3],
                scenario: s,
                transit: pool.then(|| Dist::constant(3.0).expect("a constant")),
            }
        })
        .collect();
    let mut s = offices[0].scenario.clone();
    s.name = "national".into();
    s.title = format!("{n} offices (test)");
    s.national = Some(Box::new(NationalConfig {
        offices,
        central: None,
        pool: pool.then(|| PoolConfig {
            initial: 2_000 * n as u64,
            deliveries: [20.0, 60.0]
                .map(|at| Shipment {
                    at,
                    quantity: 3_000 * n as u64,
                    delay: None,
                })
                .into(),
            allocation: Allocation::Fifo,
            lot_max: LotMax::None,
        }),
        template: "template.toml".into(),
        table: None,
    }));
    s
}

/// The statistics of `replications` replications of `scenario`.
pub fn run(scenario: &Scenario, replications: u64) -> ScenarioStats {
    let model = Model::new(scenario);
    let mut stats = ScenarioStats::new(scenario);
    for rep in 0..replications {
        stats.add(&model.replicate(rep));
    }
    stats
}
