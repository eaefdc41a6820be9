//! What a national scenario's replications add up to beyond the national
//! metrics: per office and per region the summary a single-office run gives
//! (clearing-day quantiles, shares cleared, means of what was printed,
//! received and lost), and the daily bands of the shared parts.
//!
//! Like everything in [`crate::stats`] it is streaming and mergeable: an
//! office's clearing days go into a sketch, never a list, so memory does not
//! grow with replications.

use serde::{Deserialize, Serialize};

use super::{Cause, Moments, Share, Sketch};
use crate::model::outcome::{NationalOutcome, OfficeOutcome};
use crate::scenario::Scenario;
use crate::stats::scenario_stats::DAILY_ALPHA;

/// The summary of one office, or of one region's offices together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitStats {
    /// Days to clear the initial backlog (for a region: until its last office
    /// cleared), censored past the horizon.
    pub clear_days: Sketch,
    /// Replications in which it cleared by the horizon.
    pub cleared_by_horizon: Share,
    /// Replications in which it cleared by the deadline; `None` without a
    /// deadline within the horizon.
    pub cleared_by_deadline: Option<Share>,
    /// Offices cleared by the deadline (1 or 0 for an office).
    pub offices_cleared_by_deadline: Moments,
    /// Cards printed over the run.
    pub printed: Moments,
    /// Blanks received from the pool over the run.
    pub received: Moments,
    /// Days with a request waiting in the pool's queue (for a region: summed
    /// over its offices).
    pub waiting_days: Moments,
    /// Capacity lost to each cause over the run, in [`Cause::ALL`]'s order.
    pub lost: [Moments; 5],
}

impl UnitStats {
    fn new(deadline: bool) -> Self {
        Self {
            clear_days: Sketch::default(),
            cleared_by_horizon: Share::default(),
            cleared_by_deadline: deadline.then(Share::default),
            offices_cleared_by_deadline: Moments::default(),
            printed: Moments::default(),
            received: Moments::default(),
            waiting_days: Moments::default(),
            lost: Default::default(),
        }
    }

    /// Values per unit that [`Self::add_exact`] gives for its moments.
    const SLOTS: usize = 9;

    /// Adds one replication of the offices `offices` together to what merges
    /// exactly, and pushes the [`Self::SLOTS`] values of its moments (as
    /// [`super::ScenarioStats::add_exact`]); `None` for a replication without
    /// offices, which adds nothing.
    fn add_exact<'a>(
        &mut self,
        offices: Option<impl Iterator<Item = &'a OfficeOutcome> + Clone>,
        inputs: &mut Vec<Option<f64>>,
    ) {
        let Some(offices) = offices else {
            inputs.extend([None; Self::SLOTS]);
            return;
        };
        let cleared = offices
            .clone()
            .map(|o| o.cleared)
            .collect::<Option<Vec<_>>>()
            .map(|days| days.into_iter().fold(0.0, f64::max));
        match cleared {
            Some(day) => self.clear_days.add(day),
            None => self.clear_days.add_censored(),
        }
        self.cleared_by_horizon.add(cleared.is_some());
        let by_deadline = offices.clone().filter(|o| o.cleared_by_deadline).count();
        let mut by_deadline_input = None;
        if let Some(share) = &mut self.cleared_by_deadline {
            share.add(offices.clone().all(|o| o.cleared_by_deadline));
            by_deadline_input = Some(by_deadline as f64);
        }
        let sum = |f: &dyn Fn(&OfficeOutcome) -> f64| offices.clone().map(f).sum::<f64>();
        inputs.extend([
            by_deadline_input,
            Some(sum(&|o| o.printed as f64)),
            Some(sum(&|o| o.received as f64)),
            Some(sum(&|o| o.waiting_days)),
        ]);
        inputs.extend(Cause::ALL.map(|cause| Some(sum(&|o| cause.of(&o.lost)))));
    }

    /// Adds one replication's [`Self::SLOTS`] values to the moments.
    fn add_moments(&mut self, inputs: &[Option<f64>]) {
        let moments = [
            &mut self.offices_cleared_by_deadline,
            &mut self.printed,
            &mut self.received,
            &mut self.waiting_days,
        ]
        .into_iter()
        .chain(&mut self.lost);
        for (m, x) in moments.zip(inputs) {
            if let Some(x) = x {
                m.add(*x);
            }
        }
    }

    fn merge(&mut self, other: &Self) {
        self.clear_days.merge(&other.clear_days);
        self.cleared_by_horizon.merge(&other.cleared_by_horizon);
        if let (Some(a), Some(b)) = (&mut self.cleared_by_deadline, &other.cleared_by_deadline) {
            a.merge(b);
        }
        self.offices_cleared_by_deadline
            .merge(&other.offices_cleared_by_deadline);
        self.printed.merge(&other.printed);
        self.received.merge(&other.received);
        self.waiting_days.merge(&other.waiting_days);
        for (a, b) in self.lost.iter_mut().zip(&other.lost) {
            a.merge(b);
        }
    }
}

/// The end of one national date across replications.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationalDayStats {
    /// Offices not yet cleared.
    pub offices_not_cleared: Sketch,
    /// Blanks in the pool.
    pub pool: Sketch,
    /// Blanks on their way to offices.
    pub in_transit: Sketch,
    /// Sum of offices not yet cleared, for the mean. Integer, so exact.
    not_cleared_sum: u64,
    count: u64,
}

impl Default for NationalDayStats {
    fn default() -> Self {
        Self {
            offices_not_cleared: Sketch::new(DAILY_ALPHA),
            pool: Sketch::new(DAILY_ALPHA),
            in_transit: Sketch::new(DAILY_ALPHA),
            not_cleared_sum: 0,
            count: 0,
        }
    }
}

impl NationalDayStats {
    /// Mean number of offices not yet cleared at the end of the date.
    pub fn not_cleared_mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.not_cleared_sum as f64 / self.count as f64)
    }
}

/// Offices, regions and daily bands of a national scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NationalStats {
    /// Per office, in the scenario's order.
    pub offices: Vec<UnitStats>,
    /// Per region, in order of first appearance; `""` collects offices
    /// without a region.
    pub regions: Vec<(String, UnitStats)>,
    /// Each office's region: an index into `regions`.
    region_of: Vec<usize>,
    /// Per national date.
    pub daily: Vec<NationalDayStats>,
}

impl NationalStats {
    /// Empty statistics for `scenario`'s offices; `None` for a single office.
    pub fn new(scenario: &Scenario) -> Option<Self> {
        let national = scenario.national.as_ref()?;
        let deadline = scenario.deadline.is_some_and(|d| d.at <= scenario.horizon);
        let mut regions: Vec<(String, UnitStats)> = Vec::new();
        let region_of = national
            .offices
            .iter()
            .map(|o| match regions.iter().position(|r| r.0 == o.region) {
                Some(i) => i,
                None => {
                    regions.push((o.region.clone(), UnitStats::new(deadline)));
                    regions.len() - 1
                }
            })
            .collect();
        Some(Self {
            offices: national
                .offices
                .iter()
                .map(|_| UnitStats::new(deadline))
                .collect(),
            regions,
            region_of,
            daily: Vec::new(),
        })
    }

    /// Values per replication for the moments: [`UnitStats::SLOTS`] per
    /// office, then per region.
    pub fn moment_slots(&self) -> usize {
        (self.offices.len() + self.regions.len()) * UnitStats::SLOTS
    }

    /// Whether `other` has the offices and regions of these statistics.
    pub fn same_shape(&self, other: &Self) -> bool {
        self.offices.len() == other.offices.len()
            && self.region_of == other.region_of
            && self
                .regions
                .iter()
                .map(|r| &r.0)
                .eq(other.regions.iter().map(|r| &r.0))
    }

    /// Adds one replication (`None`: one without offices, which adds
    /// nothing) to what merges exactly, and pushes the values of the moments
    /// of every office, then every region (as
    /// [`super::ScenarioStats::add_exact`]).
    pub fn add_exact(&mut self, n: Option<&NationalOutcome>, inputs: &mut Vec<Option<f64>>) {
        for (i, stats) in self.offices.iter_mut().enumerate() {
            stats.add_exact(
                n.and_then(|n| n.offices.get(i)).map(std::iter::once),
                inputs,
            );
        }
        for (r, (_, stats)) in self.regions.iter_mut().enumerate() {
            let region_of = &self.region_of;
            stats.add_exact(
                n.map(|n| {
                    n.offices
                        .iter()
                        .enumerate()
                        .filter(move |(i, _)| region_of[*i] == r)
                        .map(|(_, o)| o)
                }),
                inputs,
            );
        }
        let Some(n) = n else { return };
        if self.daily.len() < n.daily.len() {
            self.daily
                .resize_with(n.daily.len(), NationalDayStats::default);
        }
        for (day, p) in self.daily.iter_mut().zip(&n.daily) {
            day.offices_not_cleared
                .add(f64::from(p.offices_not_cleared));
            day.pool.add(p.pool as f64);
            day.in_transit.add(p.in_transit as f64);
            day.not_cleared_sum += u64::from(p.offices_not_cleared);
            day.count += 1;
        }
    }

    /// Adds one replication's values from [`Self::add_exact`] to the moments.
    pub fn add_moments(&mut self, inputs: &[Option<f64>]) {
        let units = self
            .offices
            .iter_mut()
            .chain(self.regions.iter_mut().map(|r| &mut r.1));
        for (stats, x) in units.zip(inputs.chunks_exact(UnitStats::SLOTS)) {
            stats.add_moments(x);
        }
    }

    /// Adds the replications of `other`, of the same scenario.
    pub fn merge(&mut self, other: &Self) {
        for (a, b) in self.offices.iter_mut().zip(&other.offices) {
            a.merge(b);
        }
        for ((_, a), (_, b)) in self.regions.iter_mut().zip(&other.regions) {
            a.merge(b);
        }
        if self.daily.len() < other.daily.len() {
            self.daily
                .resize_with(other.daily.len(), NationalDayStats::default);
        }
        for (a, b) in self.daily.iter_mut().zip(&other.daily) {
            a.offices_not_cleared.merge(&b.offices_not_cleared);
            a.pool.merge(&b.pool);
            a.in_transit.merge(&b.in_transit);
            a.not_cleared_sum += b.not_cleared_sum;
            a.count += b.count;
        }
    }

    /// The region index of office `i`.
    pub fn region_of(&self, i: usize) -> usize {
        self.region_of[i]
    }

    /// Bytes held on the heap.
    pub fn heap_bytes(&self) -> usize {
        let units = self
            .offices
            .iter()
            .chain(self.regions.iter().map(|r| &r.1))
            .map(|u| u.clear_days.heap_bytes() + std::mem::size_of::<UnitStats>());
        let days = self.daily.iter().map(|d| {
            d.offices_not_cleared.heap_bytes() + d.pool.heap_bytes() + d.in_transit.heap_bytes()
        });
        units.chain(days).sum()
    }
}
