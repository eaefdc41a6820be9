//! Deciding between scenarios on common random numbers: paired comparisons,
//! sweeps over a grid of settings, goal seeking and sensitivity.
//!
//! Every variant here runs with one seed, and replication i of each sees the
//! same random history wherever their settings agree (the model's streams are
//! fixed by (seed, i, component)). [`crn`] is the one place that runs several
//! models over the same replication index; it goes through the runner's batches
//! ([`executor::for_each_batch_in`]), so the results are the same bytes on any
//! number of threads.
//!
//! This module owns the statistics of decisions and the search (bisection,
//! replications added in doublings); it reads scenarios through
//! [`crate::scenario::overrides`] and leaves files to [`crate::output`].

pub mod compare;
pub mod goal;
pub mod sensitivity;
pub mod sweep;
pub mod target;

use std::ops::Range;

use anyhow::Result;

use crate::engine::executor::{self, Executor};
use crate::model::{Model, Outcome};

/// Runs replications `range` of every model at each index and folds them:
/// `add` puts one index's outcomes (one per model, in order) into a batch
/// accumulator made by `empty` (on the pool); `merge` receives the batches on
/// the calling thread in index order, and `progress` hears how many
/// replication indices each batch held.
pub fn crn<A: Send>(
    models: &[Model],
    range: Range<u64>,
    exec: &Executor,
    empty: &(impl Fn() -> A + Sync),
    add: &(impl Fn(&mut A, &[Outcome]) + Sync),
    mut merge: impl FnMut(A),
    progress: &mut dyn FnMut(u64),
) -> Result<()> {
    let stop = exec.interrupt();
    let replicate = |i: u64| -> Option<Vec<Outcome>> {
        models.iter().map(|m| m.replicate_until(i, stop)).collect()
    };
    // Reducing on the pool keeps memory to one accumulator per batch: a
    // sensitivity run has dozens of models, each outcome a year of daily points.
    let work = |batch: Vec<Vec<Outcome>>| {
        let mut acc = empty();
        for outcomes in &batch {
            add(&mut acc, outcomes);
        }
        (acc, batch.len() as u64)
    };
    executor::for_each_batch_in(exec, range, &replicate, &work, |(acc, n)| {
        merge(acc);
        progress(n);
        Ok(())
    })
}

/// Empty days-to-clear statistics, one per model, each with its deadline and
/// costs.
pub fn clearings(models: &[Model]) -> Vec<crate::stats::Clearing> {
    models
        .iter()
        .map(|m| {
            crate::stats::Clearing::new(m.scenario().deadline.map(|d| d.at))
                .with_costs(crate::stats::CostBasis::of(m.scenario()))
        })
        .collect()
}

/// Days-to-clear statistics of each model over replications `range`;
/// `progress` as for [`crn`].
pub fn clearing(
    models: &[Model],
    range: Range<u64>,
    exec: &Executor,
    progress: &mut dyn FnMut(u64),
) -> Result<Vec<crate::stats::Clearing>> {
    let empty = || clearings(models);
    let mut total = empty();
    crn(
        models,
        range,
        exec,
        &empty,
        &|acc: &mut Vec<crate::stats::Clearing>, outcomes: &[Outcome]| {
            for (c, o) in acc.iter_mut().zip(outcomes) {
                c.add(o);
            }
        },
        |batch| {
            for (t, b) in total.iter_mut().zip(&batch) {
                t.merge(b);
            }
        },
        progress,
    )?;
    Ok(total)
}

/// [`clearing`] for one shard of a run ([`crate::shard`]): what merges
/// exactly, each model's cost moments left empty; each replication's total
/// costs (one per model, `None` without costs) go to `costs` in index order,
/// for a [`CostReplay`] when the shards merge.
pub fn clearing_exact(
    models: &[Model],
    range: Range<u64>,
    exec: &Executor,
    costs: &mut dyn FnMut(&[Option<f64>]),
    progress: &mut dyn FnMut(u64),
) -> Result<Vec<crate::stats::Clearing>> {
    use crate::stats::Clearing;
    let mut total = clearings(models);
    crn(
        models,
        range,
        exec,
        &|| (clearings(models), Vec::new()),
        &|acc: &mut (Vec<Clearing>, Vec<Option<f64>>), outcomes: &[Outcome]| {
            for (c, o) in acc.0.iter_mut().zip(outcomes) {
                acc.1.push(c.add_exact(o));
            }
        },
        |(batch, batch_costs)| {
            for (t, b) in total.iter_mut().zip(&batch) {
                t.merge(b);
            }
            for one in batch_costs.chunks(models.len().max(1)) {
                costs(one);
            }
        },
        progress,
    )?;
    Ok(total)
}

/// Rebuilds the cost moments of [`clearing`] over replications `0..n` from
/// each replication's total costs, given in index order: as [`crn`] does,
/// batch by batch of [`executor::BATCH`] from index 0, each batch's moments
/// merged into the total in order, so the rounding is the same to the bit.
pub struct CostReplay<'a> {
    models: &'a [Model],
    batch: Vec<crate::stats::Clearing>,
    in_batch: u64,
}

impl<'a> CostReplay<'a> {
    /// A replay for the variants `models`.
    pub fn new(models: &'a [Model]) -> Self {
        Self {
            models,
            batch: clearings(models),
            in_batch: 0,
        }
    }

    /// Adds the next replication's costs (one per model) to `total`.
    pub fn add(&mut self, total: &mut [crate::stats::Clearing], costs: &[Option<f64>]) {
        for (c, &x) in self.batch.iter_mut().zip(costs) {
            c.add_cost(x);
        }
        self.in_batch += 1;
        if self.in_batch == executor::BATCH {
            self.flush(total);
        }
    }

    /// Adds the last, partial batch to `total`.
    pub fn finish(mut self, total: &mut [crate::stats::Clearing]) {
        if self.in_batch > 0 {
            self.flush(total);
        }
    }

    fn flush(&mut self, total: &mut [crate::stats::Clearing]) {
        let batch = std::mem::replace(&mut self.batch, clearings(self.models));
        for (t, b) in total.iter_mut().zip(&batch) {
            t.merge(b);
        }
        self.in_batch = 0;
    }
}

/// Days-to-clear statistics of each model over replications `range`, and the
/// paired differences of each model after the first (the base) against it;
/// `progress` as for [`crn`].
pub fn clearing_and_pairs(
    models: &[Model],
    range: Range<u64>,
    exec: &Executor,
    progress: &mut dyn FnMut(u64),
) -> Result<(Vec<crate::stats::Clearing>, Vec<crate::stats::Paired>)> {
    use crate::stats::{Clearing, CostBasis, Paired};
    let deadline = |m: &Model| m.scenario().deadline.map(|d| d.at);
    let empty = || {
        let pairs: Vec<Paired> = models[1..]
            .iter()
            .map(|m| {
                Paired::new(deadline(&models[0]), deadline(m)).with_costs(
                    CostBasis::of(models[0].scenario()),
                    CostBasis::of(m.scenario()),
                )
            })
            .collect();
        (clearings(models), pairs)
    };
    let add = |acc: &mut (Vec<Clearing>, Vec<Paired>), outcomes: &[Outcome]| {
        for (c, o) in acc.0.iter_mut().zip(outcomes) {
            c.add(o);
        }
        for (p, o) in acc.1.iter_mut().zip(&outcomes[1..]) {
            p.add(&outcomes[0], o);
        }
    };
    let (mut clearing, mut pairs) = empty();
    let merge = |(c, p): (Vec<Clearing>, Vec<Paired>)| {
        clearing.iter_mut().zip(&c).for_each(|(t, b)| t.merge(b));
        pairs.iter_mut().zip(&p).for_each(|(t, b)| t.merge(b));
    };
    crn(models, range, exec, &empty, &add, merge, progress)?;
    Ok((clearing, pairs))
}
