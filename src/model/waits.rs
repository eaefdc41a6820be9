//! The waits of printed records: from joining the queue to passing quality
//! control. Mean and nearest-rank 90th percentile, per class and overall.
//!
//! A wait is never negative, and the bit patterns of non-negative `f64`s sort
//! as the numbers do, so waits are kept as `u64` bits and the percentile is an
//! exact integer selection. Each wait is also counted, as it is pushed, in a
//! bucket named by its exponent and top four mantissa bits (16 buckets per
//! power of two); the percentile's bucket is found from the counts, and only the
//! waits in that bucket, a few percent of them, are selected among.

use super::outcome::WaitSummary;
use crate::time::Days;

/// The most waits reserved ahead per class (8 MiB). A backlog of a billion
/// records, most of which a replication never prints before its horizon, must
/// not reserve 8 GB; past this the vectors grow as the cards come.
pub const MAX_RESERVED: u64 = 1 << 20;

/// Mantissa bits kept in a bucket number.
const SUB_BITS: u32 = 4;
/// Waits below 2^-30 days (a tenth of a millisecond) share the first bucket.
const LOWEST_EXPONENT: i32 = -30;
/// Waits of 2^34 days or more share the last bucket.
const BUCKETS: usize = (64 << SUB_BITS) + 1;

/// The bucket of a non-negative wait's bits.
#[inline]
fn bucket(bits: u64) -> usize {
    // Sign (0), exponent and the top SUB_BITS of the mantissa.
    let top = (bits >> (52 - SUB_BITS)) as i64;
    let lowest = i64::from(1023 + LOWEST_EXPONENT) << SUB_BITS;
    (top - lowest).clamp(0, BUCKETS as i64 - 1) as usize
}

/// Waits of one replication.
#[derive(Debug, Clone, Default)]
pub struct Waits {
    bits: Vec<Vec<u64>>,
    sums: Vec<f64>,
    counts: Vec<Vec<u32>>,
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
            counts: vec![vec![0; BUCKETS]; expected.len()],
        }
    }

    /// A record of `class` waited `wait` days (at least 0).
    #[inline]
    pub fn push(&mut self, class: u16, wait: Days) {
        self.class(class).push(wait);
    }

    /// The waits of one class, for pushing many in a row.
    #[inline]
    pub fn class(&mut self, class: u16) -> ClassWaits<'_> {
        let c = usize::from(class);
        ClassWaits {
            bits: &mut self.bits[c],
            counts: &mut self.counts[c],
            sum: &mut self.sums[c],
        }
    }

    /// Summaries per class, then over all classes.
    pub fn summarize(&self) -> (Vec<WaitSummary>, WaitSummary) {
        let per_class = (0..self.bits.len())
            .map(|c| summary(&self.bits[c..=c], &self.counts[c], self.sums[c]))
            .collect();
        let mut all = vec![0u32; BUCKETS];
        for counts in &self.counts {
            for (a, &n) in all.iter_mut().zip(counts) {
                *a += n;
            }
        }
        let overall = summary(&self.bits, &all, self.sums.iter().sum());
        (per_class, overall)
    }
}

/// The waits of one class: see [`Waits::class`].
pub struct ClassWaits<'a> {
    bits: &'a mut Vec<u64>,
    counts: &'a mut [u32],
    sum: &'a mut f64,
}

impl ClassWaits<'_> {
    /// A record of this class waited `wait` days (at least 0).
    #[inline]
    pub fn push(&mut self, wait: Days) {
        debug_assert!(wait >= 0.0, "negative wait {wait}");
        let bits = wait.max(0.0).to_bits();
        self.bits.push(bits);
        self.counts[bucket(bits)] += 1;
        *self.sum += wait;
    }
}

fn summary(parts: &[Vec<u64>], counts: &[u32], sum: f64) -> WaitSummary {
    let n: usize = parts.iter().map(Vec::len).sum();
    if n == 0 {
        return WaitSummary::default();
    }
    let rank = (n * 9).div_ceil(10) - 1;
    WaitSummary {
        count: n as u64,
        mean: Some(sum / n as f64),
        p90: Some(f64::from_bits(select(parts, counts, rank))),
    }
}

/// The value of rank `rank` (from 0) in the sorted union of `parts`, whose
/// bucket counts are `counts`.
fn select(parts: &[Vec<u64>], counts: &[u32], rank: usize) -> u64 {
    let mut below = 0;
    let b = counts
        .iter()
        .position(|&c| {
            below += c as usize;
            below > rank
        })
        .expect("rank < len");
    let before = below - counts[b] as usize;
    // Bucket b holds the bits in [lo, hi): two comparisons per value instead of
    // recomputing every value's bucket.
    let first = (i64::from(1023 + LOWEST_EXPONENT) << SUB_BITS) as u64;
    let shift = 52 - SUB_BITS;
    let lo = if b == 0 {
        0
    } else {
        (first + b as u64) << shift
    };
    let hi = if b == BUCKETS - 1 {
        u64::MAX
    } else {
        (first + b as u64 + 1) << shift
    };
    let mut inside = Vec::with_capacity(counts[b] as usize);
    for part in parts {
        inside.extend(part.iter().filter(|&&v| v >= lo && v < hi));
    }
    debug_assert_eq!(inside.len(), counts[b] as usize);
    *inside.select_nth_unstable(rank - before).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts_of(values: &[u64]) -> Vec<u32> {
        let mut counts = vec![0; BUCKETS];
        for &v in values {
            counts[bucket(v)] += 1;
        }
        counts
    }

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
    fn buckets_keep_the_order_of_the_numbers() {
        let waits = [
            0.0, 1e-12, 1e-9, 0.001, 0.5, 0.51, 1.0, 2.0, 365.0, 1e9, 1e12,
        ];
        let buckets: Vec<usize> = waits.iter().map(|w: &f64| bucket(w.to_bits())).collect();
        assert!(buckets.windows(2).all(|b| b[0] <= b[1]), "{buckets:?}");
        assert_eq!(buckets[0], 0);
        assert_eq!(*buckets.last().unwrap(), BUCKETS - 1);
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
            let (a, b) = values.split_at(n / 3);
            let parts = [a.to_vec(), b.to_vec()];
            let counts = counts_of(&values);
            for rank in [0, n / 2, (n * 9).div_ceil(10) - 1, n - 1] {
                assert_eq!(
                    select(&parts, &counts, rank),
                    sorted[rank],
                    "n {n}, rank {rank}"
                );
            }
        }
    }

    #[test]
    fn no_waits_no_numbers() {
        let (per_class, all) = Waits::with_capacity(&[5]).summarize();
        assert_eq!(per_class[0], WaitSummary::default());
        assert_eq!(all.mean, None);
    }
}
