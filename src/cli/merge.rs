//! `ktpsim merge DIR`: the shards of a run into the files one machine would
//! have written ([`crate::shard`]).

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::{Finished, kept, limits, sweep};
use crate::files::inputs::Inputs;
use crate::files::staging::Staging;
use crate::interrupt::Interrupt;
use crate::shard::check::Checked;
use crate::shard::merge::Merged;

/// Options of `ktpsim merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The --out folder the shards were written to: reads DIR/shards/ and
    /// writes the run's files into DIR, as `ktpsim run` would. The shards are kept.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Threads to read and check the shards on, at most 64 [default: all cores].
    #[arg(long, value_name = "T", value_parser = limits::thread_count)]
    pub threads: Option<usize>,
    /// No progress bar (merge shows none; accepted as for `run`).
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip the charts.
    #[arg(long)]
    pub no_plots: bool,
}

/// Checks the shards, merges them, writes every file and prints what `run`
/// prints.
pub fn merge(args: &MergeArgs, out: &mut dyn Write) -> Result<()> {
    let threads = super::threads_or_all_cores(args.threads);
    let checked = crate::shard::check::all(&args.dir, threads)?;
    let interrupt = Interrupt::ctrl_c(crate::files::atomic::abandon_all);
    // The shards are read again while merging: no result may land on one.
    let shards = Inputs::new(checked.files.iter().map(|(_, p)| p.clone()));
    let mut staging = Staging::new(&args.dir, interrupt, shards)?;
    let merged = load_and_merge(&checked, &mut staging)
        .map_err(|e| kept::or_interrupted(e, "while merging", &[], &args.dir))?;
    let mut sections = String::new();
    let mut words = String::new();
    for (s, seed, stats) in &merged.sweeps {
        let (section, table) = sweep::stage(&mut staging, s, stats, *seed, !args.no_plots)
            .map_err(|e| kept::or_interrupted(e, "while writing the files", &[], &args.dir))?;
        sections.push_str(&section);
        words.push_str(&table);
    }
    let done = Finished {
        results: &merged.results,
        sections: &sections,
        sweep_words: &words,
        plots: !args.no_plots,
    };
    done.write(staging, out)
        .map_err(|e| kept::or_interrupted(e, "while writing the files", &[], &args.dir))
}

/// Loads the run's scenarios and sweeps from the texts the shards keep, exactly
/// as `run` loaded them, and merges the shards' records into `staging`.
fn load_and_merge(checked: &Checked, staging: &mut Staging) -> Result<Merged> {
    let opened = crate::shard::merge::open(checked)?;
    let command = &checked.header.command;
    let load = || -> Result<_> {
        let mut scenarios = super::load_all_from(&opened.files, &opened.sources)?;
        super::apply_overrides(&mut scenarios, command.replications, command.seed);
        let sweeps = super::read_sweeps_from(&opened.files, &opened.sources)?;
        Ok((scenarios, sweeps))
    };
    let (scenarios, sweeps) = load().context(
        "the scenario texts kept in the shards do not load: were they written by another ktpsim?",
    )?;
    super::check_out_folders(&checked.out, scenarios.iter().map(|s| s.name.as_str()))?;
    crate::shard::merge::merge(checked, opened, scenarios, sweeps, staging)
}
