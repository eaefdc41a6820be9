//! New records joining the queue: a count per working day, each record at a
//! uniformly random moment inside that day's opening hours (so a Poisson count
//! gives a Poisson process over open hours), until the pool is used up.
//!
//! One day's arrivals are drawn together at opening time and handed to the
//! engine one at a time, so the event queue holds at most one arrival.

use rand::RngExt;

use crate::engine::streams::{Stream, stream};
use crate::scenario::RecordingConfig;
use crate::time::Days;

/// Recording in one replication.
#[derive(Debug)]
pub struct Recording<'m> {
    config: &'m RecordingConfig,
    cumulative_mix: Vec<f64>,
    pool_left: Option<u64>,
    rng: Stream,
    today: Vec<(Days, u16)>,
    next: usize,
}

impl<'m> Recording<'m> {
    /// Nobody recorded yet, at the start of replication `replication`.
    pub fn new(config: &'m RecordingConfig, seed: u64, replication: u64) -> Self {
        let mut acc = 0.0;
        let cumulative_mix = config
            .mix
            .iter()
            .map(|m| {
                acc += m;
                acc
            })
            .collect();
        Self {
            config,
            cumulative_mix,
            pool_left: config.pool,
            rng: stream(seed, replication, "recording"),
            today: Vec::new(),
            next: 0,
        }
    }

    /// Draws the arrivals of a working day open over `[open, close)`; returns
    /// the time of the first, if any.
    pub fn open_day(&mut self, open: Days, close: Days) -> Option<Days> {
        let drawn = self.config.per_workday.sample(&mut self.rng).floor() as u64;
        let n = self.pool_left.map_or(drawn, |left| drawn.min(left));
        if let Some(left) = &mut self.pool_left {
            *left -= n;
        }
        self.today.clear();
        self.next = 0;
        for _ in 0..n {
            let t = open + (close - open) * self.rng.random::<f64>();
            let u: f64 = self.rng.random();
            let class = self
                .cumulative_mix
                .iter()
                .position(|&c| u < c)
                .unwrap_or(self.cumulative_mix.len() - 1);
            self.today
                .push((t, u16::try_from(class).expect("class count fits u16")));
        }
        self.today.sort_by(|a, b| a.0.total_cmp(&b.0));
        self.today.first().map(|a| a.0)
    }

    /// The next arrival of today joins: its class, and when the one after it comes.
    pub fn arrive(&mut self) -> (u16, Option<Days>) {
        let class = self.today[self.next].1;
        self.next += 1;
        (class, self.today.get(self.next).map(|a| a.0))
    }

    /// Whether nobody is left to record.
    pub fn exhausted(&self) -> bool {
        self.pool_left == Some(0)
    }
}
