//! The central link to the ministry's data centre: a Markov process over named
//! states, each with a throughput factor, plus scheduled outages that force it
//! down while they last.
//!
//! The link runs around the clock and does not depend on the office, so one
//! link process could later serve many offices at once.

use rand::RngExt;

use crate::engine::streams::{Stream, stream};
use crate::scenario::NetworkConfig;
use crate::time::Days;

/// The shortest sojourn: a state left after zero time would loop without the
/// clock moving, so sojourns are at least one second.
pub const MIN_SOJOURN: Days = 1.0 / 86_400.0;

/// The link's settings, prepared once per scenario.
#[derive(Debug, Clone)]
pub struct LinkModel {
    config: NetworkConfig,
    cumulative: Vec<Vec<f64>>,
}

impl LinkModel {
    /// Prepares the transition rows for sampling.
    pub fn new(config: &NetworkConfig) -> Self {
        let cumulative = config
            .states
            .iter()
            .map(|s| {
                let mut acc = 0.0;
                s.next
                    .iter()
                    .map(|p| {
                        acc += p;
                        acc
                    })
                    .collect()
            })
            .collect();
        Self {
            config: config.clone(),
            cumulative,
        }
    }

    /// The settings.
    pub fn config(&self) -> &NetworkConfig {
        &self.config
    }
}

/// The link in one replication.
#[derive(Debug)]
pub struct Link<'m> {
    model: &'m LinkModel,
    state: usize,
    /// The current state's throughput, kept here so that reading the factor
    /// (at every settlement) follows no pointer.
    throughput: f64,
    forced_down: u32,
    rng: Stream,
    outage_rng: Stream,
}

impl<'m> Link<'m> {
    /// The link at the start of replication `replication`.
    pub fn new(model: &'m LinkModel, seed: u64, replication: u64) -> Self {
        Self {
            model,
            state: model.config.initial,
            throughput: model.config.states[model.config.initial].throughput,
            forced_down: 0,
            rng: stream(seed, replication, "link"),
            outage_rng: stream(seed, replication, "link-outages"),
        }
    }

    /// The link drawing from the streams given: a national scenario's central
    /// link has its own names for them.
    pub fn with_streams(model: &'m LinkModel, rng: Stream, outage_rng: Stream) -> Self {
        Self {
            model,
            state: model.config.initial,
            throughput: model.config.states[model.config.initial].throughput,
            forced_down: 0,
            rng,
            outage_rng,
        }
    }

    /// Throughput factor now: 0 while a scheduled outage holds it down.
    pub fn factor(&self) -> f64 {
        if self.forced_down > 0 {
            0.0
        } else {
            self.throughput
        }
    }

    /// Index of the current state.
    pub fn state(&self) -> usize {
        self.state
    }

    /// How long the current state lasts, or `None` when it is never left.
    pub fn draw_stay(&mut self) -> Option<Days> {
        let s = &self.model.config.states[self.state];
        let leaves = s.next.iter().any(|&p| p > 0.0);
        leaves.then(|| s.stay.sample(&mut self.rng).max(MIN_SOJOURN))
    }

    /// Moves to the next state, drawn from the current state's row.
    pub fn transition(&mut self) {
        let u: f64 = self.rng.random();
        let row = &self.model.cumulative[self.state];
        // The last state with a positive probability catches rounding at the top.
        let last = self.model.config.states[self.state]
            .next
            .iter()
            .rposition(|&p| p > 0.0);
        self.state = row
            .iter()
            .position(|&c| u < c)
            .or(last)
            .expect("validated: a way out");
        self.throughput = self.model.config.states[self.state].throughput;
    }

    /// `(onset, end)` of each scheduled outage that is not over at the start.
    pub fn scheduled_outages(&mut self) -> Vec<(Days, Days)> {
        let outages = &self.model.config.outages;
        let mut out = Vec::with_capacity(outages.len());
        for o in outages {
            let end = o.at + o.duration.sample(&mut self.outage_rng);
            if end > 0.0 {
                out.push((o.at.max(0.0), end));
            }
        }
        out
    }

    /// A scheduled outage begins.
    pub fn force_down(&mut self) {
        self.forced_down += 1;
    }

    /// A scheduled outage ends.
    pub fn release(&mut self) {
        self.forced_down -= 1;
    }
}
