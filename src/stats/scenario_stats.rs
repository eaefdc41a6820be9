//! Everything one scenario's replications add up to: per-metric moments and
//! sketches, the shares cleared, and the daily quantile bands.

use serde::{Deserialize, Serialize};

use super::{Metric, Moments, Share, Sketch};
use crate::model::Outcome;
use crate::scenario::Scenario;
use crate::time::Days;

/// Mean and quantiles of one metric over the replications.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricStats {
    /// Over the replications where the value exists.
    pub moments: Moments,
    /// Over the same replications, plus censored ones for times that may lie
    /// beyond the horizon.
    pub sketch: Sketch,
}

/// Relative accuracy of the daily bands: 0.5% is far finer than a fan chart
/// shows, and a tenth of the memory of [`super::sketch::DEFAULT_ALPHA`] (a
/// scenario holds three sketches per day of its horizon).
pub const DAILY_ALPHA: f64 = 0.005;

/// The state at the end of one calendar day, across replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayStats {
    /// Records awaiting print: the backlog fan chart.
    pub awaiting: Sketch,
    /// Initial-backlog records not yet printed.
    pub initial_unprinted: Sketch,
    /// Blank stock on hand.
    pub blanks: Sketch,
    /// Sum of cumulative cards printed, for the mean. Integer, so exact.
    printed_sum: u128,
    /// Replications that reached this day.
    count: u64,
}

impl Default for DayStats {
    fn default() -> Self {
        Self {
            awaiting: Sketch::new(DAILY_ALPHA),
            initial_unprinted: Sketch::new(DAILY_ALPHA),
            blanks: Sketch::new(DAILY_ALPHA),
            printed_sum: 0,
            count: 0,
        }
    }
}

impl DayStats {
    fn add(&mut self, p: &crate::model::outcome::DailyPoint) {
        self.awaiting.add(p.awaiting as f64);
        self.initial_unprinted.add(p.initial_unprinted as f64);
        self.blanks.add(p.blanks as f64);
        self.printed_sum += u128::from(p.printed);
        self.count += 1;
    }

    fn merge(&mut self, other: &Self) {
        self.awaiting.merge(&other.awaiting);
        self.initial_unprinted.merge(&other.initial_unprinted);
        self.blanks.merge(&other.blanks);
        self.printed_sum += other.printed_sum;
        self.count += other.count;
    }

    /// Mean cumulative cards printed by the end of the day; `None` when no
    /// replication reached it.
    pub fn printed_mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.printed_sum as f64 / self.count as f64)
    }
}

/// The accumulated statistics of a scenario's replications; see the module docs
/// of [`crate::stats`] for why they are streaming and mergeable.
///
/// The serialized form (a shard's, [`crate::shard`]) leaves out the metrics,
/// which come from the scenario: statistics read back get them from
/// [`ScenarioStats::with_metrics_of`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioStats {
    #[serde(skip)]
    metrics: Vec<Metric>,
    values: Vec<MetricStats>,
    cleared_by_horizon: Share,
    /// `Some` exactly when the scenario has a deadline.
    cleared_by_deadline: Option<Share>,
    deadline_at: Option<Days>,
    daily: Vec<DayStats>,
    /// Replications that cleared during calendar day i (counted from the start
    /// moment, whole days): the clearing-day histogram, exact and mergeable.
    cleared_per_day: Vec<u64>,
    /// Blanks delivered during calendar day i, summed over replications:
    /// `[scheduled shipments, reorder lots]`.
    arrivals_per_day: Vec<[u64; 2]>,
    /// Offices, regions and the shared parts of a national scenario.
    national: Option<super::NationalStats>,
}

impl ScenarioStats {
    /// Empty statistics for a scenario's metrics and deadline.
    pub fn new(scenario: &Scenario) -> Self {
        let mut stats = Self::with_metrics(Metric::of(scenario), scenario.deadline.map(|d| d.at));
        stats.national = super::NationalStats::new(scenario);
        stats
    }

    /// Empty statistics for these metrics and deadline (days since start).
    pub fn with_metrics(metrics: Vec<Metric>, deadline_at: Option<Days>) -> Self {
        Self {
            values: vec![MetricStats::default(); metrics.len()],
            metrics,
            cleared_by_horizon: Share::default(),
            cleared_by_deadline: deadline_at.map(|_| Share::default()),
            deadline_at,
            daily: Vec::new(),
            cleared_per_day: Vec::new(),
            arrivals_per_day: Vec::new(),
            national: None,
        }
    }

    /// Adds one replication.
    pub fn add(&mut self, o: &Outcome) {
        let mut inputs = Vec::with_capacity(self.moment_slots());
        self.add_exact(o, &mut inputs);
        self.add_moments(&inputs);
    }

    /// How many values [`Self::add_exact`] gives per replication: one per
    /// [`Moments`] held, fixed by the scenario.
    pub fn moment_slots(&self) -> usize {
        self.values.len()
            + self
                .national
                .as_ref()
                .map_or(0, super::NationalStats::moment_slots)
    }

    /// Adds one replication to every accumulator that merges exactly (counts,
    /// sketches, shares, integer sums), and pushes onto `inputs` the value
    /// each [`Moments`] would receive ([`Self::moment_slots`] of them, `None`
    /// where it receives nothing). Moments round differently in another
    /// order, so a run split across machines keeps these values and feeds
    /// them to [`Self::add_moments`] in index order when the parts are merged.
    pub fn add_exact(&mut self, o: &Outcome, inputs: &mut Vec<Option<f64>>) {
        for (metric, stats) in self.metrics.iter().zip(&mut self.values) {
            let value = metric.value(o);
            match value {
                Some(x) => stats.sketch.add(x),
                None if metric.censored_when_absent() => stats.sketch.add_censored(),
                None => {}
            }
            inputs.push(value);
        }
        self.cleared_by_horizon.add(o.cleared.is_some());
        if let (Some(share), Some(at)) = (&mut self.cleared_by_deadline, self.deadline_at) {
            share.add_answer(o.cleared_by(at));
        }
        if self.daily.len() < o.daily.len() {
            self.daily.resize_with(o.daily.len(), DayStats::default);
        }
        for (day, point) in self.daily.iter_mut().zip(&o.daily) {
            day.add(point);
        }
        if let Some(m) = o.cleared {
            *bin(&mut self.cleared_per_day, m.day) += 1;
        }
        for a in &o.blank_arrivals {
            bin(&mut self.arrivals_per_day, a.day)[usize::from(a.reorder)] += a.quantity;
        }
        if let Some(stats) = &mut self.national {
            stats.add_exact(o.national.as_deref(), inputs);
        }
    }

    /// Adds one replication's values from [`Self::add_exact`] to the moments.
    ///
    /// # Panics
    /// When `inputs` does not hold [`Self::moment_slots`] values.
    pub fn add_moments(&mut self, inputs: &[Option<f64>]) {
        assert_eq!(inputs.len(), self.moment_slots(), "one value per moment");
        let (mine, national) = inputs.split_at(self.values.len());
        for (stats, x) in self.values.iter_mut().zip(mine) {
            if let Some(x) = x {
                stats.moments.add(*x);
            }
        }
        if let Some(stats) = &mut self.national {
            stats.add_moments(national);
        }
    }

    /// Adds the replications of `other`, which must describe the same scenario.
    ///
    /// # Panics
    /// When the metrics or deadlines differ.
    pub fn merge(&mut self, other: &Self) {
        assert!(
            self.metrics == other.metrics && self.deadline_at == other.deadline_at,
            "cannot merge statistics of different scenarios"
        );
        for (mine, theirs) in self.values.iter_mut().zip(&other.values) {
            mine.moments.merge(&theirs.moments);
            mine.sketch.merge(&theirs.sketch);
        }
        self.cleared_by_horizon.merge(&other.cleared_by_horizon);
        if let (Some(mine), Some(theirs)) =
            (&mut self.cleared_by_deadline, &other.cleared_by_deadline)
        {
            mine.merge(theirs);
        }
        if self.daily.len() < other.daily.len() {
            self.daily.resize_with(other.daily.len(), DayStats::default);
        }
        for (mine, theirs) in self.daily.iter_mut().zip(&other.daily) {
            mine.merge(theirs);
        }
        for (day, &n) in other.cleared_per_day.iter().enumerate() {
            *bin(&mut self.cleared_per_day, day as f64) += n;
        }
        for (day, &[shipped, reordered]) in other.arrivals_per_day.iter().enumerate() {
            let mine = bin(&mut self.arrivals_per_day, day as f64);
            mine[0] += shipped;
            mine[1] += reordered;
        }
        if let (Some(mine), Some(theirs)) = (&mut self.national, &other.national) {
            mine.merge(theirs);
        }
    }

    /// Statistics read back from a file, which lack their metrics, completed
    /// with those of `fresh` (new statistics of the scenario they were made
    /// for); `None` when their shapes differ, as for another scenario.
    pub fn with_metrics_of(mut self, fresh: &Self) -> Option<Self> {
        let same = self.values.len() == fresh.values.len()
            && self.deadline_at == fresh.deadline_at
            && self.cleared_by_deadline.is_some() == fresh.cleared_by_deadline.is_some()
            && match (&self.national, &fresh.national) {
                (None, None) => true,
                (Some(a), Some(b)) => a.same_shape(b),
                _ => false,
            };
        same.then(|| {
            self.metrics = fresh.metrics.clone();
            self
        })
    }

    /// Offices, regions and daily bands of a national scenario; `None` for a
    /// single office.
    pub fn national(&self) -> Option<&super::NationalStats> {
        self.national.as_ref()
    }

    /// Replications added.
    pub fn replications(&self) -> u64 {
        self.cleared_by_horizon.trials
    }

    /// Every metric with its statistics, in column order.
    pub fn metrics(&self) -> impl Iterator<Item = (&Metric, &MetricStats)> {
        self.metrics.iter().zip(&self.values)
    }

    /// The statistics of the metric named `name`.
    pub fn metric(&self, name: &str) -> Option<&MetricStats> {
        self.metrics()
            .find(|(m, _)| m.name() == name)
            .map(|(_, s)| s)
    }

    /// The days to clear the initial backlog, censored past the horizon.
    pub fn cleared_day(&self) -> &MetricStats {
        self.metric("cleared_day")
            .expect("cleared_day is a fixed metric")
    }

    /// Replications that cleared by the end of their run.
    pub fn cleared_by_horizon(&self) -> Share {
        self.cleared_by_horizon
    }

    /// Replications that cleared by the deadline; `None` without a deadline.
    /// With a deadline after the horizon, a replication not cleared by the
    /// horizon is an unknown answer, and the share is unknown.
    pub fn cleared_by_deadline(&self) -> Option<Share> {
        self.cleared_by_deadline
    }

    /// One entry per calendar day, day 0 the start date.
    pub fn daily(&self) -> &[DayStats] {
        &self.daily
    }

    /// Replications that cleared during each whole calendar day since the start
    /// (index 0: the first 24 hours); those not cleared by the horizon are not
    /// in it. Trailing days without a clearing may be missing.
    pub fn cleared_per_day(&self) -> &[u64] {
        &self.cleared_per_day
    }

    /// Blanks delivered during each whole calendar day since the start, summed
    /// over the replications: `[scheduled shipments, reorder lots]`. Divide by
    /// [`Self::replications`] for the mean per replication.
    pub fn arrivals_per_day(&self) -> &[[u64; 2]] {
        &self.arrivals_per_day
    }

    /// Bytes held on the heap: bounded by the metrics, the days and the spread
    /// of the values, whatever the number of replications.
    pub fn heap_bytes(&self) -> usize {
        let metrics = self.values.iter().map(|v| v.sketch.heap_bytes());
        let days = self.daily.iter().map(|d| {
            d.awaiting.heap_bytes() + d.initial_unprinted.heap_bytes() + d.blanks.heap_bytes()
        });
        metrics.chain(days).sum::<usize>()
            + self.values.capacity() * std::mem::size_of::<MetricStats>()
            + self.daily.capacity() * std::mem::size_of::<DayStats>()
            + self.cleared_per_day.capacity() * std::mem::size_of::<u64>()
            + self.arrivals_per_day.capacity() * std::mem::size_of::<[u64; 2]>()
            + self
                .national
                .as_ref()
                .map_or(0, super::NationalStats::heap_bytes)
    }
}

/// The counter of the whole day `day` falls in, growing `bins` as needed; a
/// time before the start counts on day 0. Bins stay bounded by the horizon.
fn bin<T: Default + Clone>(bins: &mut Vec<T>, day: Days) -> &mut T {
    let i = day.max(0.0).floor() as usize;
    if bins.len() <= i {
        bins.resize(i + 1, T::default());
    }
    &mut bins[i]
}

#[cfg(test)]
#[path = "scenario_stats_tests.rs"]
mod tests;
