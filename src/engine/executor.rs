//! Running replications on a thread pool, reproducibly.
//!
//! Replications run in batches of [`BATCH`] consecutive indices, [`CHUNK`]
//! indices at a time. Each batch is a task for the pool: it runs its
//! replications and turns their outcomes into whatever the caller needs (CSV
//! rows, sums). Back on the calling thread, the batches are folded in index
//! order, so the order of every floating-point sum is the index order and every
//! byte a caller writes is the same with 1 thread or 64. Only one chunk is held
//! at a time: memory does not grow with the number of replications.
//!
//! The executor knows nothing of printing offices: a replication is any pure
//! function of its index. The runner (writing a scenario's files) and the
//! deciding commands (compare, sweep, goal, sensitivity) both stand on it.

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::interrupt::{Interrupt, Interrupted};

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
/// `replicate` may return anything per index: one model's outcome, or the
/// outcomes of several models at the same index (common random numbers);
/// `None` when it was cut short by the executor's interrupt.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_arrive_in_index_order_on_a_pool() {
        let exec = Executor::new(2).unwrap();
        let mut seen = Vec::new();
        let indices = |batch: Vec<u64>| batch;
        let n = CHUNK + 600;
        for_each_batch(&exec, n, &|i| Some(i), &indices, |batch| {
            assert!(batch.len() as u64 <= BATCH);
            assert_eq!(batch[0] % BATCH, 0, "batches start at multiples of BATCH");
            seen.extend(batch);
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, (0..n).collect::<Vec<_>>());
    }

    #[test]
    fn zero_threads_is_refused() {
        let err = Executor::new(0).unwrap_err();
        assert_eq!(err.to_string(), "--threads must be at least 1");
        assert_eq!(Executor::serial().threads(), 1);
        let err = Executor::new(MAX_THREADS + 1).unwrap_err();
        assert_eq!(err.to_string(), "--threads must be at most 64, got 65");
        assert_eq!(Executor::new(MAX_THREADS).unwrap().threads(), 64);
    }
}
