//! Count, mean and spread of a stream of values, mergeable (Welford, Chan et al.).

use super::student_t::t_975;

/// Running count, mean and sum of squared deviations from the mean.
///
/// Adding values one by one uses Welford's update, which stays accurate where the
/// textbook sum of squares would cancel catastrophically. [`Moments::merge`] uses
/// the pairwise formula of Chan, Golub and LeVeque, so accumulators over parts of
/// the replications combine into the accumulator of the whole (equal up to
/// rounding; the runner merges in a fixed order so the rounding is reproducible).
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Moments {
    count: u64,
    mean: f64,
    /// Sum of squared deviations from the current mean.
    m2: f64,
}

impl Moments {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one value.
    pub fn add(&mut self, x: f64) {
        self.count += 1;
        let delta = x - self.mean;
        self.mean += delta / self.count as f64;
        self.m2 += delta * (x - self.mean);
    }

    /// Adds every value seen by `other`.
    pub fn merge(&mut self, other: &Self) {
        if other.count == 0 {
            return;
        }
        if self.count == 0 {
            *self = *other;
            return;
        }
        let n_a = self.count as f64;
        let n_b = other.count as f64;
        let n = n_a + n_b;
        let delta = other.mean - self.mean;
        self.mean += delta * n_b / n;
        self.m2 += other.m2 + delta * delta * n_a * n_b / n;
        self.count += other.count;
    }

    /// How many values were added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The mean; `None` when empty.
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then_some(self.mean)
    }

    /// The sample standard deviation (divisor n - 1); `None` below two values.
    pub fn sd(&self) -> Option<f64> {
        (self.count > 1).then(|| (self.m2.max(0.0) / (self.count - 1) as f64).sqrt())
    }

    /// The 95% confidence interval of the mean, mean ± t(0.975, n - 1) · sd / √n;
    /// `None` below two values, where no interval can be estimated.
    pub fn ci95(&self) -> Option<(f64, f64)> {
        let sd = self.sd()?;
        let half = t_975(self.count - 1) * sd / (self.count as f64).sqrt();
        Some((self.mean - half, self.mean + half))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(values: &[f64]) -> Moments {
        let mut m = Moments::new();
        values.iter().for_each(|&x| m.add(x));
        m
    }

    #[test]
    fn empty_and_single_values_have_no_spread() {
        let m = Moments::new();
        assert_eq!(
            (m.count(), m.mean(), m.sd(), m.ci95()),
            (0, None, None, None)
        );
        let m = of(&[4.5]);
        assert_eq!(
            (m.count(), m.mean(), m.sd(), m.ci95()),
            (1, Some(4.5), None, None)
        );
    }

    #[test]
    fn closed_form_mean_sd_and_interval() {
        // 1..=10: mean 5.5, variance 55/6, t(0.975, 9) = 2.262157.
        let m = of(&(1..=10).map(f64::from).collect::<Vec<_>>());
        assert_eq!(m.mean(), Some(5.5));
        let sd = (55.0_f64 / 6.0).sqrt();
        assert!((m.sd().unwrap() - sd).abs() < 1e-12);
        let half = 2.262_157 * sd / 10.0_f64.sqrt();
        let (lo, hi) = m.ci95().unwrap();
        assert!((lo - (5.5 - half)).abs() < 1e-9 && (hi - (5.5 + half)).abs() < 1e-9);
    }

    #[test]
    fn constant_values_give_a_zero_width_interval() {
        let m = of(&[3.0; 7]);
        assert_eq!(m.sd(), Some(0.0));
        assert_eq!(m.ci95(), Some((3.0, 3.0)));
    }

    #[test]
    fn merge_matches_adding_everything() {
        let values: Vec<f64> = (0..1000).map(|i| 1e6 + f64::from(i % 37) * 0.25).collect();
        let whole = of(&values);
        let mut left = of(&values[..313]);
        left.merge(&of(&values[313..]));
        assert_eq!(left.count(), whole.count());
        assert!((left.mean().unwrap() - whole.mean().unwrap()).abs() < 1e-9);
        assert!((left.sd().unwrap() - whole.sd().unwrap()).abs() < 1e-9);
        let mut empty = Moments::new();
        empty.merge(&whole);
        assert_eq!(empty, whole);
        let mut same = whole;
        same.merge(&Moments::new());
        assert_eq!(same, whole);
    }
}
