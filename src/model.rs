//! The e-KTP printing model of MODEL.md: one file per component.

pub mod outcome;

use crate::scenario::Scenario;
pub use outcome::Outcome;

/// A scenario prepared for simulation: tables precomputed, shared read-only by
/// every replication (and every thread).
#[derive(Debug, Clone)]
pub struct Model {
    scenario: Scenario,
}

impl Model {
    /// Prepares a checked scenario for simulation.
    pub fn new(scenario: &Scenario) -> Self {
        Self {
            scenario: scenario.clone(),
        }
    }

    /// The scenario this model runs.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Runs replication `replication` (from 0). Its random numbers depend only on
    /// (seed, replication, component), so the result is the same on any thread.
    pub fn replicate(&self, replication: u64) -> Outcome {
        let _ = replication;
        unimplemented!("the engine is being written")
    }
}
