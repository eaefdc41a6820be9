//! The waits of printed records: from joining the queue to passing quality
//! control. Mean and nearest-rank 90th percentile, per class and overall.
//!
//! A wait is never negative, and the bit patterns of non-negative `f64`s sort
//! as the numbers do, so waits are kept as `u64` bits and the percentile is an
//! exact integer selection: one counting pass into buckets finds the bucket that
//! holds the wanted rank, and only that bucket's few values are selected among.

use super::outcome::WaitSummary;
use crate::time::Days;

/// The most waits reserved ahead per class (8 MiB). A backlog of a billion
/// records, most of which a replication never prints before its horizon, must
/// not reserve 8 GB; past this the vectors grow as the cards come.
pub const MAX_RESERVED: u64 = 1 << 20;

/// Waits of one replication.
#[derive(Debug, Clone, Default)]
pub struct Waits {
    bits: Vec<Vec<u64>>,
    sums: Vec<f64>,
}

impl Waits {
    /// Empty, with room for `expected[c]` waits of class `c`, up to
    /// [`MAX_RESERVED`] each.
    pub fn with_capacity(expected: &[u64]) -> Self {
        Self {
            bits: expected
                .iter()
                .map(|&n| Vec::with_capacity(usize::try_from(n.min(MAX_RESERVED)).unwrap_or(0)))
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

    /// Summaries per class, then over all classes.
    pub fn summarize(&self) -> (Vec<WaitSummary>, WaitSummary) {
        let per_class = self
            .bits
            .iter()
            .zip(&self.sums)
            .map(|(bits, &sum)| summary(&[bits], sum))
            .collect();
        let all: Vec<&Vec<u64>> = self.bits.iter().collect();
        let overall = summary(&all, self.sums.iter().sum());
        (per_class, overall)
    }
}

fn summary(parts: &[&Vec<u64>], sum: f64) -> WaitSummary {
    let n = parts.iter().map(|p| p.len()).sum::<usize>();
    if n == 0 {
        return WaitSummary::default();
    }
    let rank = (n * 9).div_ceil(10) - 1;
    WaitSummary {
        count: n as u64,
        mean: Some(sum / n as f64),
        p90: Some(f64::from_bits(select(parts, rank))),
    }
}

const BUCKET_BITS: u32 = 12;

/// The value of rank `rank` (from 0) in the sorted union of `parts`, by
/// counting into 4,096 buckets of equal width between the smallest and the
/// largest value.
fn select(parts: &[&Vec<u64>], rank: usize) -> u64 {
    let (mut lo, mut hi) = (u64::MAX, 0);
    for part in parts {
        for &v in part.iter() {
            lo = lo.min(v);
            hi = hi.max(v);
        }
    }
    let span_bits = u64::BITS - (hi - lo).leading_zeros();
    let shift = span_bits.saturating_sub(BUCKET_BITS);
    let mut counts = [0u32; 1 << BUCKET_BITS];
    for part in parts {
        for &v in part.iter() {
            counts[((v - lo) >> shift) as usize] += 1;
        }
    }
    let mut below = 0;
    let bucket = counts
        .iter()
        .position(|&c| {
            below += c as usize;
            below > rank
        })
        .expect("rank < len");
    let before = below - counts[bucket] as usize;
    let mut inside = Vec::with_capacity(counts[bucket] as usize);
    for part in parts {
        inside.extend(
            part.iter()
                .filter(|&&v| ((v - lo) >> shift) as usize == bucket),
        );
    }
    *inside.select_nth_unstable(rank - before).1
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
    fn bucket_selection_agrees_with_sorting() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand::rngs::ChaCha8Rng::seed_from_u64(5);
        for n in [1usize, 2, 3, 10, 1_000, 50_000] {
            // Waits spread over orders of magnitude, with ties.
            let values: Vec<u64> = (0..n)
                .map(|_| (rng.random::<f64>() * 300.0).powi(3).round().to_bits())
                .collect();
            let mut sorted = values.clone();
            sorted.sort_unstable();
            for rank in [0, n / 2, (n * 9).div_ceil(10) - 1, n - 1] {
                assert_eq!(select(&[&values], rank), sorted[rank], "n {n}, rank {rank}");
                let (a, b) = values.split_at(n / 3);
                let parts = [&a.to_vec(), &b.to_vec()];
                assert_eq!(select(&parts, rank), sorted[rank], "two parts");
            }
        }
        assert_eq!(select(&[&vec![7, 7, 7]], 1), 7);
    }

    #[test]
    fn no_waits_no_numbers() {
        let (per_class, all) = Waits::with_capacity(&[5]).summarize();
        assert_eq!(per_class[0], WaitSummary::default());
        assert_eq!(all.mean, None);
    }
}
