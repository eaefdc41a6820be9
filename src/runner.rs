//! Running a scenario's replications and writing its files.
//!
//! The replications run on the engine's executor
//! ([`crate::engine::executor`]), in batches: each batch formats its CSV rows
//! on the pool, and back on the calling thread the outcomes are added to the
//! statistics and the rows appended, in index order. The order of every
//! floating-point sum is therefore the index order, and every output byte is
//! the same with 1 thread or 64; the calling thread's share of the work is a few
//! microseconds per replication.
//!
//! Replication i's randomness is the model's business: the runner only needs a
//! pure function of i ([`Model::replicate`], or a fake in tests).
//!
//! Scenarios run one after another, each using the whole pool.

use anyhow::Result;

use crate::engine::executor::{Executor, for_each_batch_in};
use crate::files::staging::Staging;
use crate::model::{Model, Outcome};
use crate::output::{self, replications::ReplicationsFile};
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;

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
        |i| model.replicate_until(i, exec.interrupt()),
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
