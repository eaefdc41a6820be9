//! The waits of printed records: from joining the queue to passing quality
//! control. Mean and nearest-rank 90th percentile, per class and overall.
//!
//! A wait is never negative, and the bit patterns of non-negative `f64`s sort
//! as the numbers do, so waits are kept as `u64` bits: the percentile is an
//! integer selection, exact, and about twice as fast as one over floats.

use super::outcome::WaitSummary;
use crate::time::Days;

/// Waits of one replication.
#[derive(Debug, Clone, Default)]
pub struct Waits {
    bits: Vec<Vec<u64>>,
    sums: Vec<f64>,
}

impl Waits {
    /// Empty, with room for `expected[c]` waits of class `c`.
    pub fn with_capacity(expected: &[u64]) -> Self {
        Self {
            bits: expected
                .iter()
                .map(|&n| Vec::with_capacity(usize::try_from(n).unwrap_or(0)))
                .collect(),
            sums: vec![0.0; expected.len()],
        }
    }

    /// A record of `class` waited `wait` days (at least 0).
    #[inline]
    pub fn push(&mut self, class: u16, wait: Days) {
        debug_assert!(wait >= 0.0, "negative wait {wait}");
        let c = usize::from(class);
        self.bits[c].push(wait.max(0.0).to_bits());
        self.sums[c] += wait;
    }

    /// Summaries per class, then over all classes; reorders the waits.
    pub fn summarize(&mut self) -> (Vec<WaitSummary>, WaitSummary) {
        let per_class = self
            .bits
            .iter_mut()
            .zip(&self.sums)
            .map(|(bits, &sum)| summary(bits, sum))
            .collect();
        let mut all = self.bits.concat();
        let overall = summary(&mut all, self.sums.iter().sum());
        (per_class, overall)
    }
}

fn summary(bits: &mut [u64], sum: f64) -> WaitSummary {
    let n = bits.len();
    if n == 0 {
        return WaitSummary::default();
    }
    let rank = (n * 9).div_ceil(10) - 1;
    let (_, p90, _) = bits.select_nth_unstable(rank);
    WaitSummary {
        count: n as u64,
        mean: Some(sum / n as f64),
        p90: Some(f64::from_bits(*p90)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentile_and_mean() {
        let mut w = Waits::with_capacity(&[0, 0]);
        for i in 1..=20 {
            w.push(0, f64::from(i));
        }
        w.push(1, 0.0);
        w.push(1, 0.5);
        let (per_class, all) = w.summarize();
        assert_eq!(per_class[0].p90, Some(18.0));
        assert_eq!(per_class[0].mean, Some(10.5));
        assert_eq!(per_class[1].p90, Some(0.5));
        assert_eq!(all.count, 22);
        // The 20th of 22 sorted waits (0, 0.5, 1, ..., 20) is 18.
        assert_eq!(all.p90, Some(18.0));
        assert_eq!(all.mean, Some(210.5 / 22.0));
    }

    #[test]
    fn no_waits_no_numbers() {
        let (per_class, all) = Waits::with_capacity(&[5]).summarize();
        assert_eq!(per_class[0], WaitSummary::default());
        assert_eq!(all.mean, None);
    }
}
