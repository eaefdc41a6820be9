//! The sweeps of `ktpsim run`: scenario files with a `[sweep]` table also run
//! their grid of variants on common random numbers, after the scenarios.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use super::RunArgs;
use crate::decide::sweep::{self, Sweep};
use crate::output;

/// Reads and validates the sweeps of `files` (before anything runs).
pub fn read_all(files: &[PathBuf]) -> Result<Vec<Sweep>> {
    let mut sweeps = Vec::new();
    for file in files {
        let found = sweep::read(file)
            .with_context(|| format!("{} is not a valid scenario", file.display()))?;
        sweeps.extend(found);
    }
    Ok(sweeps)
}

/// Runs each sweep, writes its files and report section, prints its table.
pub fn run_all(sweeps: &[Sweep], args: &RunArgs, out: &mut dyn Write) -> Result<()> {
    if sweeps.is_empty() {
        return Ok(());
    }
    let exec = crate::runner::Executor::new(super::threads_or_all_cores(args.threads))?;
    let mut sections = String::new();
    for s in sweeps {
        let seed = args.seed.unwrap_or(s.base.seed);
        let replications = args.replications.unwrap_or(s.base.replications);
        let stats = sweep::run(s, seed, replications, &exec)?;
        let words = words(s, &stats, seed);
        sections.push_str(&output::decide::write_sweep(
            &args.out,
            s,
            &stats,
            &words,
            !args.no_plots,
        )?);
        out.write_all(words.as_bytes())?;
    }
    output::decide::append_to_report(&args.out, &sections)
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
    let _ = writeln!(
        t,
        "{:<width$}  {:>7}  {:>7}  {:>11}",
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
        let _ = writeln!(
            t,
            "{:<width$}  {:>7}  {:>7}  {share:>11}",
            v.name,
            q(0.5),
            q(0.9)
        );
    }
    t
}
