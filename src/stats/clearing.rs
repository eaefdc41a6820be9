//! What a decision needs from one variant's replications: days to clear (a
//! sketch with censoring), the shares cleared by the horizon and the deadline,
//! and distribution-free confidence intervals for quantiles of days to clear.
//!
//! Lighter than [`super::ScenarioStats`] (no daily bands), so a sweep or a
//! sensitivity run can hold one per variant.

use super::cost::{CostBasis, CostPart};
use super::student_t::Z_975;
use super::{Moments, Share, Sketch};
use crate::model::Outcome;
use crate::time::Days;

/// Days to clear and the shares cleared, over one variant's replications.
///
/// The serialized form (a shard's, [`crate::shard`]) leaves out the costs,
/// whose moments are rebuilt in index order when shards merge.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Clearing {
    /// Days to clear; replications not cleared by the horizon are censored.
    pub days: Sketch,
    /// Replications cleared by the end of their run.
    pub by_horizon: Share,
    /// Replications cleared by the deadline; `None` without a deadline. An
    /// unknown answer (a deadline after the horizon) makes it unknown.
    pub by_deadline: Option<Share>,
    deadline_at: Option<Days>,
    /// The total cost per replication, when the variant has `[costs]`.
    #[serde(skip)]
    cost: Option<(CostBasis, Moments)>,
}

impl Clearing {
    /// Empty, for a scenario with this deadline (days since start).
    pub fn new(deadline_at: Option<Days>) -> Self {
        Self {
            days: Sketch::default(),
            by_horizon: Share::default(),
            by_deadline: deadline_at.map(|_| Share::default()),
            deadline_at,
            cost: None,
        }
    }

    /// The same, also averaging the total cost of each replication when the
    /// variant has costs (`basis` is `Some`).
    #[must_use]
    pub fn with_costs(mut self, basis: Option<CostBasis>) -> Self {
        self.cost = basis.map(|b| (b, Moments::new()));
        self
    }

    /// The total cost per replication, in rupiah: its moments, when the
    /// variant has costs and a replication was added.
    pub fn cost(&self) -> Option<&Moments> {
        self.cost.as_ref().map(|(_, m)| m).filter(|m| m.count() > 0)
    }

    /// Adds one replication.
    pub fn add(&mut self, o: &Outcome) {
        let cost = self.add_exact(o);
        self.add_cost(cost);
    }

    /// Adds one replication to what merges exactly (all but the cost, whose
    /// moments round differently in another order), and returns its total
    /// cost for [`Self::add_cost`] (`None` without costs); see
    /// [`super::ScenarioStats::add_exact`].
    pub fn add_exact(&mut self, o: &Outcome) -> Option<f64> {
        match o.cleared {
            Some(m) => self.days.add(m.day),
            None => self.days.add_censored(),
        }
        self.by_horizon.add(o.cleared.is_some());
        if let (Some(share), Some(at)) = (&mut self.by_deadline, self.deadline_at) {
            share.add_answer(o.cleared_by(at));
        }
        self.cost
            .as_ref()
            .map(|(basis, _)| basis.part(CostPart::Total, o))
    }

    /// Adds one replication's total cost from [`Self::add_exact`].
    pub fn add_cost(&mut self, cost: Option<f64>) {
        if let (Some((_, m)), Some(x)) = (&mut self.cost, cost) {
            m.add(x);
        }
    }

    /// Adds every replication of `other` (same deadline).
    pub fn merge(&mut self, other: &Self) {
        self.days.merge(&other.days);
        self.by_horizon.merge(&other.by_horizon);
        if let (Some(mine), Some(theirs)) = (&mut self.by_deadline, &other.by_deadline) {
            mine.merge(theirs);
        }
        if let (Some((_, mine)), Some((_, theirs))) = (&mut self.cost, &other.cost) {
            mine.merge(theirs);
        }
    }

    /// Replications added.
    pub fn replications(&self) -> u64 {
        self.by_horizon.trials
    }

    /// The q-quantile of days to clear; `+∞` when it lies beyond the horizon,
    /// `None` with no replications.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        (self.replications() > 0).then(|| self.days.quantile(q).unwrap_or(f64::INFINITY))
    }

    /// A distribution-free 95% interval for the q-quantile: the order statistics
    /// of ranks nq ∓ 1.96·√(nq(1 − q)) (the normal approximation to the binomial
    /// count of values below the quantile), widened by one rank each side. A bound
    /// past the smallest value is `-∞`, one among the censored values `+∞`.
    pub fn quantile_ci95(&self, q: f64) -> Option<(f64, f64)> {
        let n = self.replications();
        if n == 0 {
            return None;
        }
        let nf = n as f64;
        let half = Z_975 * (nf * q * (1.0 - q)).sqrt();
        let lo_rank = (nf * q - half).floor() - 1.0;
        let hi_rank = (nf * q + half).ceil() + 1.0;
        let at_rank = |r: f64| {
            // Rank r (1-based) of n as a quantile level that the sketch's
            // nearest-rank rule maps back to r exactly.
            self.days.quantile((r - 0.5) / nf).unwrap_or(f64::INFINITY)
        };
        let lo = if lo_rank < 1.0 {
            f64::NEG_INFINITY
        } else {
            at_rank(lo_rank)
        };
        let hi = if hi_rank > nf {
            f64::INFINITY
        } else {
            at_rank(hi_rank)
        };
        Some((lo, hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(days: &[Option<f64>]) -> Clearing {
        let mut c = Clearing::new(Some(10.0));
        for &d in days {
            match d {
                Some(x) => c.days.add(x),
                None => c.days.add_censored(),
            }
            c.by_horizon.add(d.is_some());
            if let Some(s) = &mut c.by_deadline {
                s.add(d.is_some_and(|x| x <= 10.0));
            }
        }
        c
    }

    #[test]
    fn quantiles_and_their_interval_bracket_the_truth() {
        let days: Vec<Option<f64>> = (1..=1000).map(|i| Some(f64::from(i))).collect();
        let c = of(&days);
        let p90 = c.quantile(0.9).unwrap();
        assert!((p90 - 900.0).abs() < 1.0, "{p90}");
        let (lo, hi) = c.quantile_ci95(0.9).unwrap();
        // n = 1000: ranks 900 ∓ 18.6, widened by one: 880 and 920.
        assert!(
            (lo - 880.0).abs() < 1.0 && (hi - 920.0).abs() < 1.0,
            "{lo} {hi}"
        );
    }

    #[test]
    fn few_values_or_censoring_give_infinite_bounds() {
        let c = of(&[Some(3.0), Some(4.0), None, None]);
        assert_eq!(c.quantile(0.9), Some(f64::INFINITY));
        let (lo, hi) = c.quantile_ci95(0.5).unwrap();
        assert_eq!((lo, hi), (f64::NEG_INFINITY, f64::INFINITY));
        assert_eq!(c.by_deadline.unwrap().hits, 2);
        assert_eq!(Clearing::new(None).quantile(0.5), None);
    }
}
