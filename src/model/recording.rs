//! New records joining the queue: a count per working day, each record at a
//! uniformly random moment inside that day's opening hours (so a Poisson count
//! gives a Poisson process over open hours), until the pool is used up.
//!
//! One day's arrival moments are drawn together at opening time, already in
//! order, and handed to the engine one at a time; each record's class is drawn
//! when it arrives.

use rand::RngExt;
use rand_distr::Exp1;

use crate::engine::streams::{Stream, stream};
use crate::scenario::RecordingConfig;
use crate::time::Days;

/// Recording in one replication.
#[derive(Debug)]
pub struct Recording<'m> {
    config: &'m RecordingConfig,
    cumulative_mix: Vec<f64>,
    /// The class every record falls in, when the mix leaves no choice: no
    /// draw is spent on it.
    only_class: Option<u16>,
    pool_left: Option<u64>,
    rng: Stream,
    today: Vec<Days>,
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
            only_class: match config.mix.iter().filter(|&&m| m > 0.0).count() {
                1 => config
                    .mix
                    .iter()
                    .position(|&m| m > 0.0)
                    .and_then(|c| u16::try_from(c).ok()),
                _ => None,
            },
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
        if n == 0 {
            return None;
        }
        // n uniform moments in order, without sorting: the partial sums of n + 1
        // exponential spacings, divided by their total, are distributed as the
        // order statistics of n uniforms on [0, 1).
        let mut sum = 0.0;
        for _ in 0..n {
            sum += self.rng.sample::<f64, _>(Exp1);
            self.today.push(sum);
        }
        let scale = (close - open) / (sum + self.rng.sample::<f64, _>(Exp1));
        for t in &mut self.today {
            *t = open + *t * scale;
        }
        self.today.first().copied()
    }

    /// The next arrival of today joins: its class, and when the one after it comes.
    pub fn arrive(&mut self) -> (u16, Option<Days>) {
        self.next += 1;
        let next = self.today.get(self.next).copied();
        if let Some(class) = self.only_class {
            return (class, next);
        }
        let u: f64 = self.rng.random();
        let class = self
            .cumulative_mix
            .iter()
            .position(|&c| u < c)
            .unwrap_or(self.cumulative_mix.len() - 1);
        let class = u16::try_from(class).expect("class count fits u16");
        (class, next)
    }

    /// Whether nobody is left to record.
    pub fn exhausted(&self) -> bool {
        self.pool_left == Some(0)
    }
}
