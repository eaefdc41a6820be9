//! Options shared by the deciding commands (`compare`, `goal`, `sensitivity`).

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::at_least_one;
use super::limits::Plan;
use crate::engine::executor::Executor;
use crate::files::inputs::Inputs;
use crate::files::staging::Staging;
use crate::interrupt::Interrupt;
use crate::progress::Progress;

/// Seed, replications, threads and output folder of a deciding command.
///
/// `goal` and `sensitivity` choose their replications otherwise than the
/// base scenario's own: they reword `--replications` with the real default,
/// and `goal`, which draws no charts, hides `--no-plots`.
#[derive(Debug, Args, Clone)]
pub struct DecideArgs {
    /// Replications per variant [default: the base scenario's own].
    #[arg(long, value_name = "N", value_parser = at_least_one::<u64>)]
    pub replications: Option<u64>,
    /// The one seed every variant runs with [default: the (base) scenario's own].
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Threads to run replications on, at most 64 [default: all cores].
    #[arg(long, value_name = "T", value_parser = super::limits::thread_count)]
    pub threads: Option<usize>,
    /// Folder for the results.
    #[arg(long, value_name = "DIR", default_value = "results")]
    pub out: PathBuf,
    /// Skip the charts.
    #[arg(long)]
    pub no_plots: bool,
    /// No progress bar, and no note of how much is about to run.
    #[arg(long, short)]
    pub quiet: bool,
}

impl DecideArgs {
    /// The executor for `--threads`, stopped by Ctrl-C, SIGTERM or SIGHUP like
    /// `ktpsim run`'s.
    pub fn executor(&self) -> Result<Executor> {
        Ok(Executor::new(super::threads_or_all_cores(self.threads))?
            .with_interrupt(Interrupt::ctrl_c(crate::files::atomic::abandon_all)))
    }

    /// The staging of every file the command writes into `--out` (created now,
    /// so a bad folder fails before anything runs), stopped by `exec`'s interrupt,
    /// refusing to write over `inputs`, the files the command read.
    pub fn staging(&self, exec: &Executor, inputs: Inputs) -> Result<Staging> {
        Staging::new(&self.out, exec.interrupt().clone(), inputs)
    }

    /// Refuses `plan` past the memory or time a run may take, on `--threads`,
    /// as `run` refuses a scenario; a note on stderr when it will be long.
    /// Returns the estimated seconds, at most.
    pub fn check(&self, plan: &Plan) -> Result<f64> {
        let threads = super::threads_or_all_cores(self.threads);
        super::limits::check_plan(plan, threads, &mut crate::terminal::stderr())
    }

    /// A progress bar of `total` replications, drawn on a terminal unless
    /// `--quiet`.
    pub fn progress(&self, total: u64) -> Progress {
        Progress::decide(total, !self.quiet && std::io::stderr().is_terminal())
    }
}
