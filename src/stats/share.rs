//! A share of replications (how many cleared by the deadline), with its interval.

use super::student_t::Z_975;

/// Hits out of trials, mergeable by adding both counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    /// Trials that counted.
    pub hits: u64,
    /// All trials.
    pub trials: u64,
}

impl Share {
    /// Counts one trial.
    pub fn add(&mut self, hit: bool) {
        self.trials += 1;
        self.hits += u64::from(hit);
    }

    /// Adds the trials of `other`.
    pub fn merge(&mut self, other: &Self) {
        self.hits += other.hits;
        self.trials += other.trials;
    }

    /// hits / trials; `None` with no trials.
    pub fn value(&self) -> Option<f64> {
        (self.trials > 0).then(|| self.hits as f64 / self.trials as f64)
    }

    /// The Wilson score 95% interval. Unlike the normal approximation it stays
    /// inside [0, 1] and is not empty when every replication cleared (or none did),
    /// which is the common case for a planner's share; `None` with no trials.
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
        }
        .wilson95()
        .unwrap();
        assert!(lo > 0.8 && lo < 1.0 && hi == 1.0);
        let (lo, hi) = Share {
            hits: 0,
            trials: 20,
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
        let mut b = Share { hits: 1, trials: 1 };
        b.merge(&a);
        assert_eq!(b, Share { hits: 3, trials: 4 });
        assert_eq!(b.value(), Some(0.75));
    }
}
