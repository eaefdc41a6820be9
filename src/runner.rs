//! Running a scenario's replications on a thread pool, reproducibly.
//!
//! Replications run in batches of [`BATCH`] consecutive indices, [`CHUNK`]
//! indices at a time. Each batch is a task for the pool: it runs its
//! replications and formats their CSV rows. Back on the calling thread, the
//! outcomes are added to the statistics and the rows appended, in index order.
//! The order of every floating-point sum is therefore the index order, and every
//! output byte is the same with 1 thread or 64; the calling thread's share of the
//! work is a few microseconds per replication. Only one chunk of outcomes is held
//! at a time: memory does not grow with the number of replications.
//!
//! Replication i's randomness is the model's business: the runner only needs a
//! pure function of i ([`Model::replicate`], or a fake in tests).
//!
//! Scenarios run one after another, each using the whole pool.

#[cfg(test)]
pub(crate) mod fake;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::interrupt::{Interrupt, Interrupted};
use crate::model::{Model, Outcome};
use crate::files::staging::Staging;
use crate::output::{self, replications::ReplicationsFile};
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;

/// Replications per batch, the unit of parallel work and of merging.
pub const BATCH: u64 = 16;

/// Replications per chunk: 64 batches, enough to keep 16 cores evenly busy
/// between two merges, few enough that a chunk's results stay small.
pub const CHUNK: u64 = 64 * BATCH;

/// The most threads an executor runs: a chunk is [`CHUNK`] / [`BATCH`]
/// batches, the unit of parallel work, so more threads could never all be
/// busy; they would only be started, woken and put to sleep.
pub const MAX_THREADS: usize = (CHUNK / BATCH) as usize;

/// Where replications run: serially on the calling thread, or on a rayon pool.
/// Both paths go through [`Executor::map_range`] and give the same outcomes in
/// the same order.
#[derive(Debug)]
pub struct Executor {
    pool: Option<rayon::ThreadPool>,
    /// Looked at before every replication: a run stops at the next one.
    interrupt: Interrupt,
}

impl Executor {
    /// An executor with `threads` threads (1 to [`MAX_THREADS`]); 1 runs
    /// serially, without a pool.
    pub fn new(threads: usize) -> Result<Self> {
        anyhow::ensure!(threads >= 1, "--threads must be at least 1");
        anyhow::ensure!(
            threads <= MAX_THREADS,
            "--threads must be at most {MAX_THREADS}, got {threads}"
        );
        let pool = (threads > 1)
            .then(|| {
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .thread_name(|i| format!("ktpsim-{i}"))
                    .build()
                    .with_context(|| format!("cannot start {threads} threads"))
            })
            .transpose()?;
        Ok(Self {
            pool,
            interrupt: Interrupt::new(),
        })
    }

    /// The serial executor.
    pub fn serial() -> Self {
        Self {
            pool: None,
            interrupt: Interrupt::new(),
        }
    }

    /// This executor, stopping runs when `interrupt` is requested.
    #[must_use]
    pub fn with_interrupt(mut self, interrupt: Interrupt) -> Self {
        self.interrupt = interrupt;
        self
    }

    /// The flag that stops this executor's runs.
    pub fn interrupt(&self) -> &Interrupt {
        &self.interrupt
    }

    /// Threads replications run on.
    pub fn threads(&self) -> usize {
        self.pool
            .as_ref()
            .map_or(1, rayon::ThreadPool::current_num_threads)
    }

    /// `f` of every index in `range`, in index order.
    fn map_range<T: Send>(
        &self,
        range: std::ops::Range<u64>,
        f: &(impl Fn(u64) -> T + Sync),
    ) -> Vec<T> {
        match &self.pool {
            None => range.map(f).collect(),
            // An indexed parallel iterator collects in index order, whichever
            // thread finished first.
            Some(pool) => pool.install(|| range.into_par_iter().map(f).collect()),
        }
    }
}

/// Runs replications `0..replications` with `replicate`, turns each batch's
/// outcomes (in index order) into a `T` with `work` on the pool, and hands the
/// `T`s to `fold` on the calling thread, in index order.
///
/// `replicate` may return anything per index: one [`Outcome`], or the outcomes
/// of several models at the same index (common random numbers, [`crate::decide`]);
/// `None` when it was cut short by the executor's interrupt
/// ([`Model::replicate_until`](crate::model::Model::replicate_until)).
///
/// Once the executor's interrupt is requested no replication starts, and one
/// cut short is dropped with its batch: the call returns [`Interrupted`],
/// folding nothing more.
pub fn for_each_batch<F, W, O, T>(
    exec: &Executor,
    replications: u64,
    replicate: &F,
    work: &W,
    fold: impl FnMut(T) -> Result<()>,
) -> Result<()>
where
    F: Fn(u64) -> Option<O> + Sync,
    W: Fn(Vec<O>) -> T + Sync,
    O: Send,
    T: Send,
{
    for_each_batch_in(exec, 0..replications, replicate, work, fold)
}

/// [`for_each_batch`] over the indices `range`: more replications can be added
/// to a run later, and they fold in the same order as if run at once (batches
/// start at `range.start`, so fold boundaries may differ; statistics that are
/// exact under merging, like counts and sketches, do not see it).
pub fn for_each_batch_in<F, W, O, T>(
    exec: &Executor,
    range: std::ops::Range<u64>,
    replicate: &F,
    work: &W,
    mut fold: impl FnMut(T) -> Result<()>,
) -> Result<()>
where
    F: Fn(u64) -> Option<O> + Sync,
    W: Fn(Vec<O>) -> T + Sync,
    O: Send,
    T: Send,
{
    let mut start = range.start;
    while start < range.end {
        let end = start.saturating_add(CHUNK).min(range.end);
        let batches = (end - start).div_ceil(BATCH);
        let stop = &exec.interrupt;
        let done = exec.map_range(0..batches, &|b| {
            let first = start + b * BATCH;
            // `None` as soon as a stop is requested: the batch is abandoned.
            let outcomes: Option<Vec<O>> = (first..(first + BATCH).min(end))
                .map(|i| if stop.requested() { None } else { replicate(i) })
                .collect();
            outcomes.map(work)
        });
        if done.iter().any(Option::is_none) {
            return Err(Interrupted(format!("interrupted after {start} replications")).into());
        }
        for t in done.into_iter().flatten() {
            fold(t)?;
        }
        start = end;
    }
    Ok(())
}

/// Runs replications `range` of `scenario` with `replicate` and hands each
/// batch's outcomes, in index order, with their rows of replications.csv to
/// `fold` on the calling thread; `progress` hears of each batch after it.
///
/// Formatting rows is the costly part of the fold, so it is done on the pool;
/// statistics are added by `fold`, in index order (one ScenarioStats per batch
/// would cost megabytes of daily sketches each). A whole run and a shard's
/// range both go through here.
pub fn for_each_row_batch<F>(
    scenario: &Scenario,
    exec: &Executor,
    range: std::ops::Range<u64>,
    replicate: &F,
    progress: &mut dyn FnMut(u64),
    mut fold: impl FnMut(&[Outcome], Vec<u8>) -> Result<()>,
) -> Result<()>
where
    F: Fn(u64) -> Option<Outcome> + Sync,
{
    let work = |outcomes: Vec<Outcome>| -> Result<(Vec<Outcome>, Vec<u8>)> {
        let text = output::replications::rows_text(scenario, &outcomes)?;
        Ok((outcomes, text))
    };
    let mut next = range.start;
    for_each_batch_in(exec, range, replicate, &work, |batch| {
        let (outcomes, text) = batch?;
        for outcome in &outcomes {
            // The statistics do not care, but the CSV rows promise index order.
            anyhow::ensure!(
                outcome.replication == next,
                "the model returned replication {} when asked for {next}",
                outcome.replication
            );
            next += 1;
        }
        fold(&outcomes, text)?;
        progress(outcomes.len() as u64);
        Ok(())
    })
}

/// A scenario's run: the scenario as run and its statistics.
#[derive(Debug, Clone)]
pub struct ScenarioResult {
    /// The scenario, with any command-line overrides applied.
    pub scenario: Scenario,
    /// Statistics over its replications.
    pub stats: ScenarioStats,
}

/// Runs `replications` replications of `model` and stages the scenario's files
/// in `DIR/<name>/` of `staging`; `progress` hears how many replications each
/// chunk completed.
pub fn run_scenario(
    model: &Model,
    replications: u64,
    exec: &Executor,
    staging: &mut Staging,
    progress: &mut dyn FnMut(u64),
) -> Result<ScenarioResult> {
    run_with(
        model.scenario(),
        replications,
        |i| model.replicate_until(i, &exec.interrupt),
        exec,
        staging,
        progress,
    )
}

/// [`run_scenario`] with any replicate function: the seam where tests put a fake
/// model.
///
/// replications.csv streams into a temporary file (on disk, not in memory);
/// the files appear only when the caller commits the staging, after the whole
/// command succeeded.
pub fn run_with<F>(
    scenario: &Scenario,
    replications: u64,
    replicate: F,
    exec: &Executor,
    staging: &mut Staging,
    progress: &mut dyn FnMut(u64),
) -> Result<ScenarioResult>
where
    F: Fn(u64) -> Option<Outcome> + Sync,
{
    let dir = output::scenario_dir(staging.out(), scenario);
    staging.folder(&dir)?;
    let mut rows = ReplicationsFile::create(&dir, scenario)?;
    let mut stats = ScenarioStats::new(scenario);
    for_each_row_batch(
        scenario,
        exec,
        0..replications,
        &replicate,
        progress,
        |outcomes, text| {
            for outcome in outcomes {
                stats.add(outcome);
            }
            rows.append(&text)
        },
    )?;
    staging.add([rows.finish()?])?;
    staging.add(output::stage_scenario_files(&dir, scenario, &stats)?)?;
    Ok(ScenarioResult {
        scenario: scenario.clone(),
        stats,
    })
}

#[cfg(test)]
#[path = "runner/tests.rs"]
mod tests;
