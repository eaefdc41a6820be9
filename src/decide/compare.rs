//! `ktpsim compare`: a base scenario against others, replication by
//! replication on common random numbers.

use anyhow::{Result, ensure};

use super::crn;
use crate::engine::executor::Executor;
use crate::model::{Model, Outcome};
use crate::scenario::Scenario;
use crate::stats::{Clearing, Paired};

/// The result of comparing a base with each other scenario.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// The scenarios as run (seed and replications overridden), base first.
    pub scenarios: Vec<Scenario>,
    /// Days to clear and shares, per scenario, in the same order.
    pub clearing: Vec<Clearing>,
    /// Paired differences of scenario k + 1 against the base.
    pub pairs: Vec<Paired>,
}

impl Comparison {
    /// The base scenario.
    pub fn base(&self) -> &Scenario {
        &self.scenarios[0]
    }
}

/// Runs `replications` of every scenario with `seed`, the base first.
pub fn run(
    scenarios: Vec<Scenario>,
    seed: u64,
    replications: u64,
    exec: &Executor,
) -> Result<Comparison> {
    run_with_progress(scenarios, seed, replications, exec, &mut |_| {})
}

/// [`run`], telling `progress` how many replications of every scenario are done.
pub fn run_with_progress(
    mut scenarios: Vec<Scenario>,
    seed: u64,
    replications: u64,
    exec: &Executor,
    progress: &mut dyn FnMut(u64),
) -> Result<Comparison> {
    ensure!(
        scenarios.len() >= 2,
        "compare needs a base scenario and at least one other"
    );
    for s in &mut scenarios {
        s.seed = seed;
        s.replications = replications;
    }
    let models: Vec<Model> = scenarios.iter().map(Model::new).collect();
    let (clearing, pairs) = super::clearing_and_pairs(&models, 0..replications, exec, progress)?;
    Ok(Comparison {
        scenarios,
        clearing,
        pairs,
    })
}

/// Paired differences of `other` against `base` where replication i of
/// `other` runs with `other_seed`: with the same seed as the base this is
/// [`run`]'s pairing; with another seed the pairs are independent, the
/// yardstick common random numbers are measured against.
pub fn paired_with_seeds(
    base: &Scenario,
    other: &Scenario,
    base_seed: u64,
    other_seed: u64,
    replications: u64,
    exec: &Executor,
) -> Result<Paired> {
    let (mut b, mut o) = (base.clone(), other.clone());
    b.seed = base_seed;
    o.seed = other_seed;
    let models = [Model::new(&b), Model::new(&o)];
    let empty = || Paired::new(b.deadline.map(|d| d.at), o.deadline.map(|d| d.at));
    let mut total = empty();
    crn(
        &models,
        0..replications,
        exec,
        &empty,
        &|p: &mut Paired, out: &[Outcome]| p.add(&out[0], &out[1]),
        |p| total.merge(&p),
        &mut |_| {},
    )?;
    Ok(total)
}
