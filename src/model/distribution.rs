//! Getting printed cards to residents: dispatch to the districts at closing time
//! on dispatch weekdays, transit to the district, then pick-up by the resident.
//!
//! It feeds forward only and never slows printing. Only cards of the initial
//! backlog are followed, since MODEL.md asks when the last of them reaches its
//! resident; later cards cost no random draws, and of each batch only the
//! latest pick-up is drawn.

use crate::engine::streams::{Stream, stream};
use crate::scenario::DistributionConfig;
use crate::time::Days;

/// Cards printed and waiting for the next dispatch, in one replication.
#[derive(Debug)]
pub struct Distribution<'m> {
    config: &'m DistributionConfig,
    waiting_initial: u64,
    last_delivery: Days,
    rng: Stream,
}

impl<'m> Distribution<'m> {
    /// Nothing printed yet, at the start of replication `replication`.
    pub fn new(config: &'m DistributionConfig, seed: u64, replication: u64) -> Self {
        Self {
            config,
            waiting_initial: 0,
            last_delivery: 0.0,
            rng: stream(seed, replication, "distribution"),
        }
    }

    /// Whether cards leave on this weekday (Monday = 0).
    pub fn dispatches_on(&self, weekday: usize) -> bool {
        self.config.dispatch[weekday]
    }

    /// `n` cards of the initial backlog passed quality control.
    pub fn add_initial(&mut self, n: u64) {
        self.waiting_initial += n;
    }

    /// Cards of the initial backlog printed but not yet dispatched.
    pub fn waiting_initial(&self) -> u64 {
        self.waiting_initial
    }

    /// The batch leaves at `t`: one transit draw for the batch, then each card's
    /// own pick-up time. Only the last card of the batch to reach its resident
    /// matters, so the maximum of the batch's pick-up times is drawn directly
    /// (in one step where the distribution allows it).
    pub fn dispatch(&mut self, t: Days) {
        if self.waiting_initial == 0 {
            return;
        }
        let at_district = t + self.config.to_district.sample(&mut self.rng);
        let last_home = at_district
            + self
                .config
                .to_resident
                .sample_max(self.waiting_initial, &mut self.rng);
        self.last_delivery = self.last_delivery.max(last_home);
        self.waiting_initial = 0;
    }

    /// When the last dispatched initial-backlog card reaches its resident.
    pub fn last_delivery(&self) -> Days {
        self.last_delivery
    }
}
