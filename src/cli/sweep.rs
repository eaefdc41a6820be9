//! The sweeps of `ktpsim run`: scenario files with a `[sweep]` table also run
//! their grid of variants on common random numbers, after the scenarios.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::RunArgs;
use crate::decide::sweep::{self, Sweep};
use crate::engine::executor::Executor;
use crate::files::staging::Staging;
use crate::output;

/// Reads and validates the sweeps of `files` (before anything runs).
pub fn read_all(files: &[PathBuf]) -> Result<Vec<Sweep>> {
    read_all_from(files, &crate::scenario::Sources::disk())
}

/// [`read_all`], reading every file from `sources`.
pub fn read_all_from(files: &[PathBuf], sources: &crate::scenario::Sources) -> Result<Vec<Sweep>> {
    let mut sweeps = Vec::new();
    for file in files {
        let found = sweep::read_from(file, sources)
            .with_context(|| format!("{} is not a valid scenario", file.display()))?;
        sweeps.extend(found);
    }
    Ok(sweeps)
}

/// Runs each sweep on `exec` and stages its files; returns the report
/// sections and the tables in words. `finished` names the scenarios that ran
/// before, for the message of an interruption.
pub fn run_all(
    sweeps: &[Sweep],
    args: &RunArgs,
    exec: &Executor,
    staging: &mut Staging,
    finished: &[&str],
) -> Result<(String, String)> {
    let mut sections = String::new();
    let mut all_words = String::new();
    for s in sweeps {
        let seed = args.seed.unwrap_or(s.base.seed);
        let replications = args.replications.unwrap_or(s.base.replications);
        let during = format!("while running the sweep of {}", s.base.name);
        let stats = sweep::run(s, seed, replications, exec)
            .map_err(|e| super::kept::or_interrupted(e, &during, finished, &args.out))?;
        let (section, words) = stage(staging, s, &stats, seed, !args.no_plots)
            .map_err(|e| super::kept::or_interrupted(e, &during, finished, &args.out))?;
        sections.push_str(&section);
        all_words.push_str(&words);
    }
    Ok((sections, all_words))
}

/// Stages the files of a sweep that ran with `seed` (sweep.csv, its chart
/// unless `plots` is false); returns its report section and its table in
/// words.
pub fn stage(
    staging: &mut Staging,
    s: &Sweep,
    stats: &[crate::stats::Clearing],
    seed: u64,
    plots: bool,
) -> Result<(String, String)> {
    let words = words(s, stats, seed);
    let section = output::decide::stage_sweep(staging, s, stats, seed, plots)?;
    Ok((section, words))
}

/// The sweep's table in words: one line per variant.
fn words(s: &Sweep, stats: &[crate::stats::Clearing], seed: u64) -> String {
    let mut t = format!(
        "\nsweep of {} ({} variants, seed {seed}, common random numbers):\n",
        s.base.name,
        s.variants.len()
    );
    let width = s
        .variants
        .iter()
        .map(|(_, v)| v.name.len())
        .max()
        .unwrap_or(0);
    let costs = output::sweep::has_costs(s);
    let cost_head = if costs {
        format!("  {:>16}", "mean cost")
    } else {
        String::new()
    };
    let _ = writeln!(
        t,
        "{:<width$}  {:>7}  {:>7}  {:>11}{cost_head}",
        "variant", "p50", "p90", "by deadline"
    );
    for ((_, v), c) in s.variants.iter().zip(stats) {
        let q = |x| {
            c.quantile(x)
                .filter(|d| d.is_finite())
                .map_or_else(|| "-".to_owned(), |d| format!("{d:.1}"))
        };
        let share = c
            .by_deadline
            .and_then(|s| s.value())
            .map_or_else(|| "-".to_owned(), |p| format!("{:.1}%", p * 100.0));
        let cost = if costs {
            let mean = c.cost().and_then(crate::stats::Moments::mean);
            format!(
                "  {:>16}",
                mean.map_or_else(|| "-".to_owned(), output::format::rupiah)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            t,
            "{:<width$}  {:>7}  {:>7}  {share:>11}{cost}",
            v.name,
            q(0.5),
            q(0.9)
        );
    }
    t
}
