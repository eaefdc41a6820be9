//! The command line: `ktpsim run`, `check`, `compare`, `goal`, `sensitivity`
//! and `help`.
//!
//! This module owns argument parsing, finding scenario files, and wiring
//! loading → [`Model`] → [`runner`] → [`output`]. Every scenario is loaded and
//! validated before anything runs, so a typo in the fifth file does not cost
//! the first four runs. Errors name the option or file and say what would be
//! accepted.

mod compare;
mod decide_args;
mod goal;
mod kept;
pub(crate) mod limits;
pub mod merge;
mod paths;
mod sensitivity;
mod shard;
mod sweep;
mod vary;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, CommandFactory, Parser, Subcommand};

use crate::engine::executor::{self, Executor};
use crate::files::{fault::OutputFault, staging::Staging};
use crate::interrupt::{Interrupt, Interrupted};
use crate::model::Model;
use crate::output;
use crate::progress::Progress;
use crate::runner::{self, ScenarioResult};
use crate::scenario::Scenario;
pub use paths::{check_out_folders, load_all, load_all_from, scenario_files};
pub use sweep::read_all_from as read_sweeps_from;

/// Discrete-event simulator of e-KTP printing throughput.
// clap's own `help` subcommand takes no options (`ktpsim help --help` was an
// error), so `help` is a command of ours, [`HelpArgs`].
#[derive(Debug, Parser)]
#[command(name = "ktpsim", version, about, disable_help_subcommand = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run scenarios and write their results.
    Run(RunArgs),
    /// Merge the shards of a run (`run --shard K/N`) into the files one machine would write.
    Merge(merge::MergeArgs),
    /// Validate scenarios and print each one merged with its parents.
    Check(CheckArgs),
    /// Compare scenarios with a base, replication by replication (common random numbers).
    Compare(compare::CompareArgs),
    /// Find the smallest value of a setting that meets a target.
    #[command(
        mut_arg("replications", |a| a.help(goal::replications_help())),
        // goal draws no charts; the option stays accepted for scripts.
        mut_arg("no_plots", |a| a.hide(true)),
    )]
    Goal(goal::GoalArgs),
    /// Move each numeric setting down and up alone; the effect on p50 days to clear.
    #[command(mut_arg("replications", |a| a.help(sensitivity::replications_help())))]
    Sensitivity(sensitivity::SensitivityArgs),
    /// Print this message or the help of the given command.
    Help(HelpArgs),
}

/// The commands `ktpsim help` explains.
pub const COMMANDS: [&str; 7] = [
    "run",
    "merge",
    "check",
    "compare",
    "goal",
    "sensitivity",
    "help",
];

/// Options of `ktpsim help`.
#[derive(Debug, Args)]
pub struct HelpArgs {
    /// The command to explain [default: all of them, in short].
    #[arg(value_name = "COMMAND", value_parser = clap::builder::PossibleValuesParser::new(COMMANDS))]
    pub command: Option<String>,
}

/// Options of `ktpsim run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Scenario files, or folders whose *.toml files (sorted by name) are scenarios.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Replications per scenario, instead of each scenario's own.
    #[arg(long, value_name = "N", value_parser = at_least_one::<u64>)]
    pub replications: Option<u64>,
    /// Seed for every scenario, instead of each scenario's own.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Threads to run replications on, at most 64 [default: all cores].
    #[arg(long, value_name = "T", value_parser = limits::thread_count)]
    pub threads: Option<usize>,
    /// Folder for the results: one subfolder per scenario.
    #[arg(long, value_name = "DIR", default_value = "results")]
    pub out: PathBuf,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip the charts.
    #[arg(long)]
    pub no_plots: bool,
    /// Run only shard K of N (K from 0 to N-1) of every scenario's and sweep's
    /// replications and write it under DIR/shards/ for `ktpsim merge DIR`;
    /// `auto` takes K and N from a job array (Slurm, Kubernetes, AWS Batch).
    /// See docs/shards.md.
    #[arg(long, value_name = "K/N|auto")]
    pub shard: Option<crate::shard::spec::ShardSpec>,
    /// With --shard auto: how many shards the run has [default: KTPSIM_SHARDS,
    /// or the count of a Slurm array that runs 0 to N-1].
    #[arg(long, value_name = "N", value_parser = at_least_one::<u64>)]
    pub shards: Option<u64>,
}

/// Options of `ktpsim check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Scenario files, or folders whose *.toml files (sorted by name) are scenarios.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Parses a whole number that must be at least 1; clap names the option.
fn at_least_one<T: std::str::FromStr + PartialEq + From<u8>>(text: &str) -> Result<T, String> {
    let n: T = text
        .parse()
        .map_err(|_| "expected a whole number of at least 1".to_owned())?;
    if n == T::from(0) {
        return Err("must be at least 1".to_owned());
    }
    Ok(n)
}

/// Runs a parsed command line, writing results to stdout.
///
/// Every command prints after its files are in place, so a reader that went
/// away (`ktpsim run a.toml | head -3`) loses nothing: that is no error. Any
/// other failure to print is worded like an output fault.
pub fn run(cli: Cli) -> Result<()> {
    let mut stdout = Printer {
        inner: std::io::stdout().lock(),
        failed: None,
    };
    let result = match cli.command {
        Command::Run(args) => run_scenarios(&args, &mut stdout),
        Command::Merge(args) => merge::merge(&args, &mut stdout),
        Command::Check(args) => check(&args, &mut stdout),
        Command::Compare(args) => compare::compare(&args, &mut stdout),
        Command::Goal(args) => goal::goal(&args, &mut stdout),
        Command::Sensitivity(args) => sensitivity::sensitivity(&args, &mut stdout),
        Command::Help(args) => help(&args, &mut stdout),
    };
    match (result, stdout.failed) {
        (Err(_), Some(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        (Err(_), Some(e)) => Err(anyhow::anyhow!(
            "cannot print to standard output: {}",
            crate::files::fault::words(&e)
        )),
        (result, _) => result,
    }
}

/// `ktpsim help [COMMAND]`: the same text as `ktpsim [COMMAND] --help`.
pub fn help(args: &HelpArgs, out: &mut dyn Write) -> Result<()> {
    let mut argv = vec!["ktpsim"];
    argv.extend(args.command.as_deref());
    argv.push("--help");
    let text = match Cli::command().try_get_matches_from(argv) {
        Err(e) if e.kind() == clap::error::ErrorKind::DisplayHelp => e.render().to_string(),
        _ => unreachable!("--help always asks for help"),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// Standard output that keeps its first failure, to tell it from the others.
struct Printer<W> {
    inner: W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Printer<W> {
    fn keep<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        r.inspect_err(|e| {
            let copy = match e.raw_os_error() {
                Some(n) => std::io::Error::from_raw_os_error(n),
                None => std::io::Error::new(e.kind(), e.to_string()),
            };
            self.failed.get_or_insert(copy);
        })
    }
}

impl<W: Write> Write for Printer<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.keep(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.keep(r)
    }
}

/// `ktpsim check`: prints `# <path>`, a note on the calendar defaults that
/// apply (as TOML comments), and the merged scenario of each file;
/// stops at the first invalid one. The names are checked against each other
/// as by `run` before anything is printed, and a `[sweep]` as `run` reads it
/// (every variant valid, the grid within its size).
pub fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<()> {
    let files = scenario_files(&args.paths)?;
    paths::check_given_once(&files, &crate::scenario::Sources::disk())?;
    let mut scenarios = Vec::with_capacity(files.len());
    for path in &files {
        scenarios.push(
            crate::scenario::load(path)
                .with_context(|| format!("{} is not a valid scenario", path.display()))?,
        );
    }
    paths::check_names(&scenarios)?;
    sweep::read_all(&files)?;
    for (path, scenario) in files.iter().zip(&scenarios) {
        writeln!(out, "# {}", path.display())?;
        // Which calendar applies where keys are left out, as TOML comments so
        // that the output stays a scenario.
        // A national scenario's calendars are its offices'; its summary
        // follows the merged text.
        let national = crate::scenario::validate::summary(scenario);
        if national.is_none()
            && let Some(note) = crate::scenario::validate::defaults_note(&scenario.merged_toml)
        {
            write!(out, "{note}")?;
        }
        write!(out, "{}", scenario.merged_toml)?;
        if !scenario.merged_toml.ends_with('\n') {
            writeln!(out)?;
        }
        if let Some(summary) = national {
            write!(out, "{summary}")?;
        }
    }
    Ok(())
}

/// `ktpsim run`: loads every scenario, runs them one after another on one pool,
/// then their sweeps, writes all their files at once, and prints the results.
pub fn run_scenarios(args: &RunArgs, out: &mut dyn Write) -> Result<()> {
    if args.shard.is_some() || args.shards.is_some() {
        return shard::run_shard(args, out);
    }
    let files = scenario_files(&args.paths)?;
    let scenarios = load_all(&files)?;
    paths::check_out_folders(&args.out, scenarios.iter().map(|s| s.name.as_str()))?;
    let sweeps = sweep::read_all(&files)?;
    let threads = threads_or_all_cores(args.threads);
    limits::check_sweeps(
        &sweeps,
        args.replications,
        threads,
        &mut crate::terminal::stderr(),
    )?;
    run_loaded(
        scenarios,
        &sweeps,
        args,
        out,
        |scenario, exec, staging, progress| {
            let model = Model::new(scenario);
            runner::run_scenario(&model, scenario.replications, exec, staging, progress)
        },
    )
}

/// Runs loaded scenarios with `run_one` (the engine, or a fake in tests), then
/// `sweeps`: applies the overrides, stages every file of the run (CSV files,
/// comparison.csv for several scenarios, charts, the report with the sweeps'
/// sections) and puts them all in place together, then prints the tables.
/// Nothing is put in place unless all of it succeeded.
pub fn run_loaded(
    mut scenarios: Vec<Scenario>,
    sweeps: &[crate::decide::sweep::Sweep],
    args: &RunArgs,
    out: &mut dyn Write,
    run_one: impl Fn(&Scenario, &Executor, &mut Staging, &mut dyn FnMut(u64)) -> Result<ScenarioResult>,
) -> Result<()> {
    apply_overrides(&mut scenarios, args.replications, args.seed);
    let threads = threads_or_all_cores(args.threads);
    limits::check(&scenarios, threads, &mut crate::terminal::stderr())?;
    let interrupt = Interrupt::ctrl_c(crate::files::atomic::abandon_all);
    let exec = Executor::new(threads)?.with_interrupt(interrupt.clone());
    // Every folder is ready before anything runs: a bad --out costs no run.
    let mut staging = Staging::new(&args.out, interrupt, inputs_of(&scenarios))?;
    for scenario in &scenarios {
        staging.folder(&output::scenario_dir(&args.out, scenario))?;
    }
    let total = scenarios.iter().map(|s| s.replications).sum();
    let progress = Progress::new(total, !args.quiet && std::io::stderr().is_terminal());
    let mut results: Vec<ScenarioResult> = Vec::with_capacity(scenarios.len());
    for scenario in &scenarios {
        progress.scenario(&scenario.name);
        let result = match run_one(scenario, &exec, &mut staging, &mut |n| progress.advance(n)) {
            Err(e) if e.is::<Interrupted>() => {
                let finished: Vec<_> = results.iter().map(|r| r.scenario.name.as_str()).collect();
                let during = format!("while running scenario {}", scenario.name);
                return Err(kept::interrupted(&during, &finished, &args.out).into());
            }
            // Already names the file and the fix.
            Err(e) if e.is::<OutputFault>() => return Err(e),
            result => result.with_context(|| {
                format!(
                    "scenario {} ({}) failed",
                    scenario.name,
                    scenario.source.display()
                )
            })?,
        };
        results.push(result);
    }
    progress.finish();
    let finished: Vec<_> = results.iter().map(|r| r.scenario.name.as_str()).collect();
    let (sections, sweep_words) = sweep::run_all(sweeps, args, &exec, &mut staging, &finished)?;
    let done = Finished {
        results: &results,
        sections: &sections,
        sweep_words: &sweep_words,
        plots: !args.no_plots,
    };
    done.write(staging, out)
        .map_err(|e| kept::or_interrupted(e, "while writing the files", &finished, &args.out))
}

/// A run whose scenarios' and sweeps' own files are staged: what is left to
/// write and print, the same after `run` and after `merge`.
struct Finished<'a> {
    results: &'a [ScenarioResult],
    /// The sweeps' sections of the report.
    sections: &'a str,
    /// The sweeps' tables in words.
    sweep_words: &'a str,
    plots: bool,
}

impl Finished<'_> {
    /// Stages comparison.csv (several scenarios), the charts and the report,
    /// puts every file in place, and prints the tables.
    fn write(&self, mut staging: Staging, out: &mut dyn Write) -> Result<()> {
        let pairs: Vec<_> = self
            .results
            .iter()
            .map(|r| (&r.scenario, &r.stats))
            .collect();
        if pairs.len() > 1 {
            output::stage_comparison(&mut staging, &pairs)?;
        }
        if self.plots {
            output::stage_charts(&mut staging, &pairs)?;
        }
        // The report is cheap and useful without charts too; it then links none.
        output::report::stage(&mut staging, &pairs, self.plots, self.sections)?;
        staging.commit()?;
        out.write_all(output::table::render(&pairs).as_bytes())?;
        out.write_all(self.sweep_words.as_bytes())?;
        Ok(())
    }
}

/// Every file read to make `scenarios`, which the command must not write over.
pub(crate) fn inputs_of(scenarios: &[Scenario]) -> crate::files::inputs::Inputs {
    crate::files::inputs::Inputs::new(scenarios.iter().flat_map(|s| s.inputs.iter().cloned()))
}

/// `--threads` if given, else every core the machine offers, up to
/// [`executor::MAX_THREADS`].
pub(crate) fn threads_or_all_cores(threads: Option<usize>) -> usize {
    threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(executor::MAX_THREADS)
    })
}

/// Applies `--replications` and `--seed` to every scenario: for `run`, for a
/// shard, and for a merge rebuilding what its shards ran.
pub(crate) fn apply_overrides(
    scenarios: &mut [Scenario],
    replications: Option<u64>,
    seed: Option<u64>,
) {
    for s in scenarios {
        if let Some(n) = replications {
            s.replications = n;
        }
        if let Some(seed) = seed {
            s.seed = seed;
        }
    }
}

#[cfg(test)]
#[path = "cli/tests.rs"]
mod tests;
