//! The printing server's outages: one-off (`at`) and recurring (`every`).
//!
//! Each outage source draws from its own stream, named after the outage, so
//! that removing one source (the dry server room) leaves the others' histories
//! unchanged under the same seed.

use crate::engine::streams::{Stream, stream};
use crate::scenario::{OutageTiming, ServerConfig};
use crate::time::Days;

use super::link::MIN_SOJOURN;

/// The server in one replication.
#[derive(Debug)]
pub struct Server<'m> {
    config: &'m ServerConfig,
    rngs: Vec<Stream>,
    active: u32,
}

impl<'m> Server<'m> {
    /// The server at the start of replication `replication`.
    pub fn new(config: &'m ServerConfig, seed: u64, replication: u64) -> Self {
        let rngs = config
            .outages
            .iter()
            .map(|o| stream(seed, replication, &format!("server:{}", o.name)))
            .collect();
        Self {
            config,
            rngs,
            active: 0,
        }
    }

    /// Number of outage sources.
    pub fn sources(&self) -> usize {
        self.config.outages.len()
    }

    /// Whether the server is down now.
    pub fn down(&self) -> bool {
        self.active > 0
    }

    /// The first onset of source `k`, or `None` when a one-off outage was over
    /// before the start. A one-off that began before the start begins at 0.
    pub fn first_onset(&mut self, k: usize) -> Option<Days> {
        match &self.config.outages[k].when {
            OutageTiming::At(at) => Some(at.max(0.0)),
            OutageTiming::Every(gap) => Some(gap.sample(&mut self.rngs[k]).max(MIN_SOJOURN)),
        }
    }

    /// Source `k` goes down at `t`: returns when this outage ends and, for a
    /// recurring source, the next onset.
    pub fn onset(&mut self, k: usize, t: Days) -> (Days, Option<Days>) {
        let o = &self.config.outages[k];
        let rng = &mut self.rngs[k];
        let began = match o.when {
            OutageTiming::At(at) => at,
            OutageTiming::Every(_) => t,
        };
        let end = began + o.duration.sample(rng);
        let next = match &o.when {
            OutageTiming::At(_) => None,
            OutageTiming::Every(gap) => Some(t + gap.sample(rng).max(MIN_SOJOURN)),
        };
        self.active += 1;
        (end.max(t), next)
    }

    /// An outage ends.
    pub fn recover(&mut self) {
        self.active -= 1;
    }
}
