//! ktpsim's side of the peer comparison (benches/peers/run.sh): runs a workload
//! and prints one machine-readable line of `key=value` pairs per measurement.
//!
//! ```text
//! ktpsim_probe mm1 REPLICATIONS             M/M/1 (benches/scenarios/mm1.toml), events/s
//! ktpsim_probe baseline REPLICATIONS THREADS   the baseline, replications/s and clearing day
//! ```
//!
//! Under plain `cargo bench` (no mode given) it runs both briefly, so that the
//! binary is exercised without taking minutes.

use std::path::{Path, PathBuf};
use std::time::Instant;

use ktpsim::model::Model;
use rayon::prelude::*;

const MM1: &str = "benches/scenarios/mm1.toml";
const BASELINE: &str = "scenarios/bojonegoro-2017.toml";

fn model(relative: &str) -> Model {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let scenario =
        ktpsim::scenario::load(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Model::new(&scenario)
}

/// Events of the M/M/1 run: every record arrives once and completes once
/// (plus once per reject, which are 0 here).
fn mm1(replications: u64) {
    let model = model(MM1);
    let started = Instant::now();
    let mut events = 0u64;
    for i in 0..replications {
        let o = model.replicate(i);
        events += o.recorded + o.printed + o.rejects;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "probe mm1 replications={replications} events={events} seconds={secs:.4} events_per_s={:.0}",
        events as f64 / secs
    );
}

/// What the comparison with SimPy reads from one replication.
struct Summary {
    cleared: Option<f64>,
    printed: f64,
    stockout_hours: f64,
}

/// The baseline on a rayon pool of `threads`; also the clearing day's mean and
/// 95% CI (normal approximation), for comparison with the SimPy peer.
fn baseline(replications: u64, threads: usize) {
    let model = model(BASELINE);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let started = Instant::now();
    let outcomes: Vec<Summary> = pool.install(|| {
        (0..replications)
            .into_par_iter()
            .map(|i| {
                let o = model.replicate(i);
                Summary {
                    cleared: o.cleared.map(|m| m.day),
                    printed: o.printed as f64,
                    stockout_hours: o.hours.stockout,
                }
            })
            .collect()
    });
    let secs = started.elapsed().as_secs_f64();
    println!(
        "probe baseline threads={threads} replications={replications} seconds={secs:.4} reps_per_s={:.2}",
        replications as f64 / secs
    );
    let days: Vec<f64> = outcomes.iter().filter_map(|o| o.cleared).collect();
    let mean_of =
        |f: fn(&Summary) -> f64| outcomes.iter().map(f).sum::<f64>() / replications as f64;
    let stockout = mean_of(|o| o.stockout_hours);
    let stockout_var = outcomes
        .iter()
        .map(|o| (o.stockout_hours - stockout).powi(2))
        .sum::<f64>()
        / (replications as f64 - 1.0);
    if days.len() >= 2 {
        let n = days.len() as f64;
        let mean = days.iter().sum::<f64>() / n;
        let var = days.iter().map(|d| (d - mean).powi(2)).sum::<f64>() / (n - 1.0);
        println!(
            "probe baseline cleared={}/{replications} clearing_day_mean={mean:.3} ci95_half={:.3} printed_mean={:.1} stockout_hours_mean={stockout:.1} stockout_ci95_half={:.1}",
            days.len(),
            1.96 * (var / n).sqrt(),
            mean_of(|o| o.printed),
            1.96 * (stockout_var / replications as f64).sqrt(),
        );
    }
}

fn main() {
    // `cargo bench` appends `--bench`; ignore it and any other flag.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let number = |k: usize, default: u64| -> u64 {
        args.get(k).map_or(default, |s| {
            s.parse()
                .unwrap_or_else(|_| panic!("argument {k}: expected a number, got {s:?}"))
        })
    };
    match args.first().map(String::as_str) {
        Some("mm1") => mm1(number(1, 20)),
        Some("baseline") => baseline(
            number(1, 100),
            usize::try_from(number(2, 1)).expect("thread count fits usize"),
        ),
        None => {
            mm1(2);
            baseline(4, 1);
        }
        Some(other) => {
            eprintln!(
                "unknown mode {other:?}: use `mm1 REPLICATIONS` or `baseline REPLICATIONS THREADS`"
            );
            std::process::exit(2);
        }
    }
}
