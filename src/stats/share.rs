//! A share of replications (how many cleared by the deadline), with its interval.
//!
//! Some answers can be unknown: whether a replication that had not cleared by
//! the horizon cleared by a deadline after the horizon. One unknown answer
//! makes the share unknown (it could be anything between the hits counted and
//! the hits plus the unknowns), never a number that reads as a miss.

use super::student_t::Z_975;

/// Hits out of trials, mergeable by adding the counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Share {
    /// Trials that counted.
    pub hits: u64,
    /// All trials, unknown ones included.
    pub trials: u64,
    /// Trials whose answer is unknown.
    pub unknown: u64,
}

impl Share {
    /// Counts one trial.
    pub fn add(&mut self, hit: bool) {
        self.trials += 1;
        self.hits += u64::from(hit);
    }

    /// Counts one trial whose answer may be unknown (`None`).
    pub fn add_answer(&mut self, hit: Option<bool>) {
        match hit {
            Some(hit) => self.add(hit),
            None => {
                self.trials += 1;
                self.unknown += 1;
            }
        }
    }

    /// Adds the trials of `other`.
    pub fn merge(&mut self, other: &Self) {
        self.hits += other.hits;
        self.trials += other.trials;
        self.unknown += other.unknown;
    }

    /// Trials whose answer is known.
    pub fn known(&self) -> u64 {
        self.trials - self.unknown
    }

    /// Whether some answer is unknown, which makes the share unknown.
    pub fn is_unknown(&self) -> bool {
        self.unknown > 0
    }

    /// hits / trials; `None` with no trials or with an unknown answer.
    pub fn value(&self) -> Option<f64> {
        (self.trials > 0 && self.unknown == 0).then(|| self.hits as f64 / self.trials as f64)
    }

    /// The Wilson score 95% interval. Unlike the normal approximation it stays
    /// inside [0, 1] and is not empty when every replication cleared (or none did),
    /// which is the common case for a planner's share; `None` with no trials or
    /// with an unknown answer.
    pub fn wilson95(&self) -> Option<(f64, f64)> {
        let p = self.value()?;
        let n = self.trials as f64;
        let z2 = Z_975 * Z_975;
        let denom = 1.0 + z2 / n;
        let centre = (p + z2 / (2.0 * n)) / denom;
        let half = Z_975 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
        Some(((centre - half).max(0.0), (centre + half).min(1.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_matches_hand_computation() {
        // 8 of 10: centre 0.716737, half 0.226578 (the closed form, worked by hand).
        let s = Share {
            hits: 8,
            trials: 10,
            unknown: 0,
        };
        let (lo, hi) = s.wilson95().unwrap();
        assert!((lo - 0.490_162).abs() < 1e-5, "{lo}");
        assert!((hi - 0.943_318).abs() < 1e-5, "{hi}");
    }

    #[test]
    fn all_or_nothing_keeps_a_one_sided_interval() {
        let (lo, hi) = Share {
            hits: 20,
            trials: 20,
            unknown: 0,
        }
        .wilson95()
        .unwrap();
        assert!(lo > 0.8 && lo < 1.0 && hi == 1.0);
        let (lo, hi) = Share {
            hits: 0,
            trials: 20,
            unknown: 0,
        }
        .wilson95()
        .unwrap();
        assert!(lo == 0.0 && hi > 0.0 && hi < 0.2);
        assert_eq!(Share::default().wilson95(), None);
    }

    #[test]
    fn add_and_merge_count() {
        let mut a = Share::default();
        [true, false, true].into_iter().for_each(|h| a.add(h));
        let mut b = Share {
            hits: 1,
            trials: 1,
            unknown: 0,
        };
        b.merge(&a);
        assert_eq!(
            b,
            Share {
                hits: 3,
                trials: 4,
                unknown: 0
            }
        );
        assert_eq!(b.value(), Some(0.75));
    }

    #[test]
    fn one_unknown_answer_makes_the_share_unknown() {
        let mut s = Share::default();
        [Some(true), Some(false), Some(true)]
            .into_iter()
            .for_each(|h| s.add_answer(h));
        assert_eq!(s.value(), Some(2.0 / 3.0));
        s.add_answer(None);
        assert_eq!((s.hits, s.trials, s.known()), (2, 4, 3));
        assert!(s.is_unknown());
        assert_eq!((s.value(), s.wilson95()), (None, None));
        let mut t = Share::default();
        t.add(true);
        t.merge(&s);
        assert_eq!((t.unknown, t.value()), (1, None));
    }
}
