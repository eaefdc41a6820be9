//! Paired differences between two scenarios run on common random numbers:
//! replication i of the other scenario minus replication i of the base.
//!
//! Pairing removes the noise the two runs share (the same link and server
//! histories wherever their settings agree), so the interval of the mean
//! difference is far narrower than the difference of two independent means.
//!
//! **Censoring.** A replication not cleared by the horizon has no clearing
//! day. The mean and 95% interval of the difference in days to clear use the
//! pairs where both cleared; pairs where only one cleared, or neither, are
//! counted apart. The quantiles of the difference take "only the base cleared"
//! as +∞ and "only the other cleared" as −∞, and leave out pairs where neither
//! cleared (their difference is not defined); a quantile that falls among the
//! infinite ones is reported as missing. Accumulators are streaming and merge
//! exactly like the others in [`crate::stats`].

use super::cost::{CostBasis, CostPair};
use super::metric::{Cause, Span, span_lost};
use super::{Moments, Sketch};
use crate::model::Outcome;
use crate::time::Days;

/// Cards lost to one cause over one span, in the pairs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LostPair {
    /// The paired difference, other − base.
    pub difference: Moments,
    /// The base's own figures.
    pub base: Moments,
    /// The other's own figures.
    pub other: Moments,
}

/// Paired differences (other − base) over replications run with one seed.
#[derive(Debug, Clone, PartialEq)]
pub struct Paired {
    /// Difference in days to clear, over pairs where both cleared.
    pub days: Moments,
    /// Difference in days to clear: finite where both cleared, +∞ where only
    /// the base cleared. Pairs where only the other cleared are in `minus_inf`.
    days_sketch: Sketch,
    /// Pairs where only the other cleared (difference −∞).
    minus_inf: u64,
    /// Pairs where neither cleared.
    pub neither: u64,
    /// Difference of the deadline indicators (1 cleared by its scenario's
    /// deadline, else 0) over the pairs where both are known: its mean is the
    /// difference of the shares. `None` unless both scenarios have a
    /// deadline; read with [`Paired::deadline_difference`].
    pub deadline: Option<Moments>,
    /// Deadline indicators of the base and the other, for their shares.
    pub deadline_hits: [u64; 2],
    /// Replications of the base and the other whose deadline indicator is
    /// unknown (not cleared by a horizon before the deadline).
    pub deadline_unknown: [u64; 2],
    /// Cards lost, per span of [`Span::ALL`] and cause of [`Cause::ALL`]:
    /// read with [`Paired::lost`].
    lost: [[LostPair; 5]; 2],
    /// Total cost, when both scenarios have `[costs]`.
    pub cost: Option<CostPair>,
    base_deadline: Option<Days>,
    other_deadline: Option<Days>,
    pairs: u64,
}

impl Paired {
    /// Empty, for a base and another scenario with these deadlines.
    pub fn new(base_deadline: Option<Days>, other_deadline: Option<Days>) -> Self {
        Self {
            days: Moments::new(),
            days_sketch: Sketch::default(),
            minus_inf: 0,
            neither: 0,
            deadline: (base_deadline.is_some() && other_deadline.is_some()).then(Moments::new),
            deadline_hits: [0; 2],
            deadline_unknown: [0; 2],
            lost: [[LostPair::default(); 5]; 2],
            cost: None,
            base_deadline,
            other_deadline,
            pairs: 0,
        }
    }

    /// The same, also pairing the total cost when both scenarios have costs.
    #[must_use]
    pub fn with_costs(mut self, base: Option<CostBasis>, other: Option<CostBasis>) -> Self {
        self.cost = base.zip(other).map(|(b, o)| CostPair::new(b, o));
        self
    }

    /// Adds replication i of both scenarios (the same i).
    pub fn add(&mut self, base: &Outcome, other: &Outcome) {
        debug_assert_eq!(base.replication, other.replication, "pairs share an index");
        self.pairs += 1;
        match (base.cleared, other.cleared) {
            (Some(b), Some(o)) => {
                self.days.add(o.day - b.day);
                self.days_sketch.add(o.day - b.day);
            }
            (Some(_), None) => self.days_sketch.add_censored(),
            (None, Some(_)) => self.minus_inf += 1,
            (None, None) => self.neither += 1,
        }
        let hit = |o: &Outcome, at: Option<Days>| at.map_or(Some(false), |at| o.cleared_by(at));
        let hits = [
            hit(base, self.base_deadline),
            hit(other, self.other_deadline),
        ];
        if let (Some(m), [Some(b), Some(o)]) = (&mut self.deadline, hits) {
            m.add(f64::from(u8::from(o)) - f64::from(u8::from(b)));
        }
        for ((h, unknown), hit) in self
            .deadline_hits
            .iter_mut()
            .zip(&mut self.deadline_unknown)
            .zip(hits)
        {
            *h += u64::from(hit == Some(true));
            *unknown += u64::from(hit.is_none());
        }
        for (pairs, span) in self.lost.iter_mut().zip(Span::ALL) {
            let (b, o) = (span_lost(base, span), span_lost(other, span));
            for (pair, cause) in pairs.iter_mut().zip(Cause::ALL) {
                let (b, o) = (cause.of(b), cause.of(o));
                pair.difference.add(o - b);
                pair.base.add(b);
                pair.other.add(o);
            }
        }
        if let Some(cost) = &mut self.cost {
            cost.add(base, other);
        }
    }

    /// Adds the pairs of `other` (same scenarios).
    pub fn merge(&mut self, other: &Self) {
        self.days.merge(&other.days);
        self.days_sketch.merge(&other.days_sketch);
        self.minus_inf += other.minus_inf;
        self.neither += other.neither;
        if let (Some(m), Some(o)) = (&mut self.deadline, &other.deadline) {
            m.merge(o);
        }
        for i in 0..2 {
            self.deadline_hits[i] += other.deadline_hits[i];
            self.deadline_unknown[i] += other.deadline_unknown[i];
        }
        for (mine, theirs) in self.lost.iter_mut().zip(&other.lost) {
            for (m, o) in mine.iter_mut().zip(theirs) {
                m.difference.merge(&o.difference);
                m.base.merge(&o.base);
                m.other.merge(&o.other);
            }
        }
        if let (Some(mine), Some(theirs)) = (&mut self.cost, &other.cost) {
            mine.merge(theirs);
        }
        self.pairs += other.pairs;
    }

    /// Cards lost to `cause` over `span`: the paired difference and each side.
    pub fn lost(&self, span: Span, cause: Cause) -> &LostPair {
        let s = Span::ALL.iter().position(|&x| x == span).expect("a span");
        let c = Cause::ALL
            .iter()
            .position(|&x| x == cause)
            .expect("a cause");
        &self.lost[s][c]
    }

    /// Pairs added.
    pub fn pairs(&self) -> u64 {
        self.pairs
    }

    /// Pairs where only the base cleared.
    pub fn only_base(&self) -> u64 {
        self.days_sketch.censored()
    }

    /// Pairs where only the other cleared.
    pub fn only_other(&self) -> u64 {
        self.minus_inf
    }

    /// The q-quantile of the difference in days to clear over the pairs where
    /// at least one cleared; `None` when it falls among the infinite
    /// differences or no pair has one.
    pub fn days_quantile(&self, q: f64) -> Option<f64> {
        let n = self.minus_inf + self.days_sketch.count();
        if n == 0 {
            return None;
        }
        let rank = ((q.clamp(0.0, 1.0) * n as f64).ceil() as u64).clamp(1, n);
        if rank <= self.minus_inf {
            return None;
        }
        let m = self.days_sketch.count() as f64;
        // A level the sketch's nearest-rank rule maps to the same rank among its own.
        self.days_sketch
            .quantile(((rank - self.minus_inf) as f64 - 0.5) / m)
    }

    /// The share of the base (index 0) or the other (1) cleared by its
    /// deadline; `None` without deadlines, or when some replication's answer
    /// is unknown (see [`Paired::deadline_unknown`]).
    pub fn deadline_share(&self, which: usize) -> Option<f64> {
        (self.deadline.is_some() && self.pairs > 0 && self.deadline_unknown[which] == 0)
            .then(|| self.deadline_hits[which] as f64 / self.pairs as f64)
    }

    /// Whether a deadline share of either scenario is unknown (a deadline
    /// after the horizon that not every replication cleared by).
    pub fn deadline_unknown(&self) -> bool {
        self.deadline.is_some() && self.deadline_unknown.iter().any(|&n| n > 0)
    }

    /// The paired difference of the deadline indicators; `None` without
    /// deadlines or when a share is unknown.
    pub fn deadline_difference(&self) -> Option<&Moments> {
        self.deadline.as_ref().filter(|_| !self.deadline_unknown())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fake;

    fn with(o: &Outcome, day: Option<f64>) -> Outcome {
        let mut o = o.clone();
        o.cleared = day.map(|d| crate::model::outcome::Moment {
            day: d,
            ..o.cleared
                .unwrap_or(fake::outcome(&fake::scenario("a"), 0).cleared.unwrap())
        });
        o
    }

    #[test]
    fn censored_pairs_are_counted_apart_and_order_the_quantiles() {
        let base = fake::outcome(&fake::scenario("a"), 0);
        let mut p = Paired::new(Some(50.0), Some(50.0));
        let cases = [
            (Some(60.0), Some(50.0)),
            (Some(60.0), Some(40.0)),
            (Some(60.0), None),
            (None, Some(30.0)),
            (None, None),
        ];
        for (b, o) in cases {
            p.add(&with(&base, b), &with(&base, o));
        }
        assert_eq!(p.pairs(), 5);
        assert_eq!(
            (p.days.count(), p.only_base(), p.only_other(), p.neither),
            (2, 1, 1, 1)
        );
        assert_eq!(p.days.mean(), Some(-15.0));
        // Ordered: −∞, −20, −10, +∞.
        assert_eq!(p.days_quantile(0.25), None);
        assert!((p.days_quantile(0.5).unwrap() + 20.0).abs() < 0.02);
        assert!((p.days_quantile(0.75).unwrap() + 10.0).abs() < 0.01);
        assert_eq!(p.days_quantile(1.0), None);
        // Deadline 50: the base never makes it, the other three times (50, 40, 30).
        assert_eq!(p.deadline_share(0), Some(0.0));
        assert_eq!(p.deadline_share(1), Some(0.6));
        assert!((p.deadline.unwrap().mean().unwrap() - 0.6).abs() < 1e-12);
    }

    #[test]
    fn losses_are_paired_until_clearing_and_over_the_whole_run() {
        let base = fake::outcome(&fake::scenario("a"), 0);
        let mut other = base.clone();
        other.to_clearing.lost.blanks = 700.0;
        other.lost.blanks = 1_000.0;
        other.lost.no_work = 5_000.0;
        let mut p = Paired::new(None, None);
        p.add(&base, &other);
        let mean = |span, cause| {
            let l = p.lost(span, cause);
            [l.base, l.other, l.difference].map(|m| m.mean().unwrap())
        };
        assert_eq!(mean(Span::ToClearing, Cause::Blanks), [0.0, 700.0, 700.0]);
        assert_eq!(mean(Span::WholeRun, Cause::Blanks), [0.0, 1_000.0, 1_000.0]);
        // The fake's idle time comes after clearing.
        assert_eq!(mean(Span::ToClearing, Cause::NoWork), [0.0, 0.0, 0.0]);
        assert_eq!(
            mean(Span::WholeRun, Cause::NoWork),
            [0.05, 5_000.0, 4_999.95]
        );
    }

    #[test]
    fn a_deadline_after_the_horizon_leaves_the_shares_unknown() {
        // The fake's runs end at day 100; deadlines at day 150. The base never
        // clears (unknown), the other clears on day 60 (known, a hit).
        let base = fake::outcome(&fake::scenario("a"), 0);
        let mut p = Paired::new(Some(150.0), Some(150.0));
        p.add(&with(&base, None), &with(&base, Some(60.0)));
        assert!(p.deadline_unknown());
        assert_eq!(p.deadline_unknown, [1, 0]);
        assert_eq!(
            (p.deadline_share(0), p.deadline_share(1)),
            (None, Some(1.0))
        );
        assert_eq!(p.deadline_difference(), None);
        // Both known: a difference.
        let mut p = Paired::new(Some(150.0), Some(150.0));
        p.add(&with(&base, Some(120.0)), &with(&base, Some(60.0)));
        assert!(!p.deadline_unknown());
        assert_eq!(p.deadline_difference().unwrap().mean(), Some(0.0));
    }

    #[test]
    fn merging_equals_adding_all() {
        let s = fake::scenario("a");
        let mut all = Paired::new(None, None);
        let mut left = Paired::new(None, None);
        let mut right = Paired::new(None, None);
        for i in 0..40 {
            let (b, o) = (fake::outcome(&s, i), fake::outcome(&s, i + 100));
            let mut o = o;
            o.replication = i;
            all.add(&b, &o);
            if i < 17 { &mut left } else { &mut right }.add(&b, &o);
        }
        left.merge(&right);
        assert_eq!(left.pairs(), all.pairs());
        assert_eq!(left.days_quantile(0.5), all.days_quantile(0.5));
        assert_eq!(left.only_base(), all.only_base());
        assert!((left.days.mean().unwrap() - all.days.mean().unwrap()).abs() < 1e-9);
        assert_eq!(all.deadline, None);
    }
}
