//! The waits of printed records: from joining the queue to passing quality
//! control. Mean and nearest-rank 90th percentile, per class and overall.
//!
//! A wait is never negative, and the bit patterns of non-negative `f64`s sort
//! as the numbers do, so waits are kept as `u64` bits and the percentile is an
//! exact integer selection. Each wait is also counted, as it is pushed, in a
//! bucket named by its exponent and top four mantissa bits (16 buckets per
//! power of two); the percentile's bucket is found from the counts, and only the
//! waits in that bucket, a few percent of them, are selected among. One pass
//! over a class's waits gathers the values of both its own percentile's bucket
//! and the overall percentile's.
//!
//! A replication's waits take a few hundred kilobytes. Freshly allocated each
//! time, they would cost a page fault per 4 KiB page (the allocator hands
//! freed memory back to the system), about a fifth of the run time: so the
//! vectors of a finished replication are kept, emptied, for the next
//! replication on the same thread.

use std::cell::Cell;

use super::outcome::WaitSummary;
use crate::time::Days;

thread_local! {
    /// The vectors of the last finished replication on this thread.
    static SPARE: Cell<Option<Waits>> = const { Cell::new(None) };
}

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
    /// Whether the waits themselves are kept, for the percentiles; without
    /// them only counts and sums are (an office of a national scenario, whose
    /// percentiles nobody reads).
    keep: bool,
}

impl Waits {
    /// Empty, with room for `expected[c]` waits of class `c`, up to
    /// [`MAX_RESERVED`] each; in the vectors of the last replication on this
    /// thread, when it handed them over with [`Waits::recycle`].
    pub fn with_capacity(expected: &[u64]) -> Self {
        let mut w = SPARE.take().unwrap_or_default();
        let classes = expected.len();
        w.bits.resize_with(classes, Vec::new);
        for (bits, &n) in w.bits.iter_mut().zip(expected) {
            bits.clear();
            bits.reserve(usize::try_from(n.min(MAX_RESERVED)).unwrap_or(0));
        }
        w.sums.clear();
        w.sums.resize(classes, 0.0);
        w.counts.resize_with(classes, || vec![0; BUCKETS]);
        for counts in &mut w.counts {
            counts.fill(0);
        }
        w.keep = true;
        w
    }

    /// Empty, for `classes` classes, keeping counts and sums only: the
    /// summaries give means, and no percentile.
    pub fn means_only(classes: usize) -> Self {
        Self {
            bits: vec![Vec::new(); classes],
            sums: vec![0.0; classes],
            counts: vec![vec![0; BUCKETS]; classes],
            keep: false,
        }
    }

    /// Hands the vectors over to the next replication on this thread.
    pub fn recycle(self) {
        if self.keep {
            SPARE.set(Some(self));
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
            keep: self.keep,
        }
    }

    /// Summaries per class, then over all classes.
    pub fn summarize(&self) -> (Vec<WaitSummary>, WaitSummary) {
        if !self.keep {
            return self.means();
        }
        let mut all = vec![0u32; BUCKETS];
        for counts in &self.counts {
            for (a, &n) in all.iter_mut().zip(counts) {
                *a += n;
            }
        }
        let total = self.bits.iter().map(Vec::len).sum();
        let overall = Target::new(&all, total);
        let mut overall_inside = Target::room(overall);
        let per_class = self
            .bits
            .iter()
            .zip(&self.counts)
            .zip(&self.sums)
            .map(|((values, counts), &sum)| {
                let own = Target::new(counts, values.len());
                let mut inside = Target::room(own);
                if let (Some(own), Some(overall)) = (own, overall) {
                    for &v in values {
                        if own.holds(v) {
                            inside.push(v);
                        }
                        if overall.holds(v) {
                            overall_inside.push(v);
                        }
                    }
                }
                summary(own, &mut inside, values.len(), sum)
            })
            .collect();
        let overall = summary(overall, &mut overall_inside, total, self.sums.iter().sum());
        (per_class, overall)
    }
}

impl Waits {
    /// Counts and means without percentiles.
    fn means(&self) -> (Vec<WaitSummary>, WaitSummary) {
        let mean = |count: u64, sum: f64| WaitSummary {
            count,
            mean: (count > 0).then(|| sum / count as f64),
            p90: None,
        };
        let counts: Vec<u64> = self
            .counts
            .iter()
            .map(|c| c.iter().map(|&n| u64::from(n)).sum())
            .collect();
        let per_class = counts
            .iter()
            .zip(&self.sums)
            .map(|(&n, &s)| mean(n, s))
            .collect();
        (per_class, mean(counts.iter().sum(), self.sums.iter().sum()))
    }
}

/// The waits of one class: see [`Waits::class`].
pub struct ClassWaits<'a> {
    bits: &'a mut Vec<u64>,
    counts: &'a mut [u32],
    sum: &'a mut f64,
    keep: bool,
}

impl ClassWaits<'_> {
    /// A record of this class waited `wait` days (at least 0).
    #[inline]
    pub fn push(&mut self, wait: Days) {
        debug_assert!(wait >= 0.0, "negative wait {wait}");
        let bits = wait.max(0.0).to_bits();
        if self.keep {
            self.bits.push(bits);
        }
        self.counts[bucket(bits)] += 1;
        *self.sum += wait;
    }
}

/// Where the nearest-rank 90th percentile of `n` waits lies: its bucket's
/// range of bits, and its rank among the values in that bucket.
#[derive(Debug, Clone, Copy)]
struct Target {
    lo: u64,
    /// `hi - lo`, so that one unsigned comparison tests both ends.
    width: u64,
    in_bucket: usize,
    rank: usize,
}

impl Target {
    /// `None` when there are no waits.
    fn new(counts: &[u32], n: usize) -> Option<Self> {
        if n == 0 {
            return None;
        }
        let rank = (n * 9).div_ceil(10) - 1;
        let mut below = 0;
        let b = counts
            .iter()
            .position(|&c| {
                below += c as usize;
                below > rank
            })
            .expect("rank < len");
        let in_bucket = counts[b] as usize;
        // Bucket b holds the bits in [lo, hi).
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
        Some(Self {
            lo,
            width: hi - lo,
            in_bucket,
            rank: rank - (below - in_bucket),
        })
    }

    /// Room for the values of the target's bucket.
    fn room(target: Option<Self>) -> Vec<u64> {
        Vec::with_capacity(target.map_or(0, |t| t.in_bucket))
    }

    #[inline]
    fn holds(&self, bits: u64) -> bool {
        bits.wrapping_sub(self.lo) < self.width
    }
}

fn summary(target: Option<Target>, inside: &mut [u64], n: usize, sum: f64) -> WaitSummary {
    let Some(t) = target else {
        return WaitSummary::default();
    };
    debug_assert_eq!(inside.len(), t.in_bucket);
    WaitSummary {
        count: n as u64,
        mean: Some(sum / n as f64),
        p90: Some(f64::from_bits(*inside.select_nth_unstable(t.rank).1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_only_counts_and_sums_without_percentiles() {
        let mut kept = Waits::with_capacity(&[0, 0]);
        let mut means = Waits::means_only(2);
        for w in [&mut kept, &mut means] {
            for i in 1..=20 {
                w.push(0, f64::from(i));
            }
            w.push(1, 0.5);
        }
        let (a, all_a) = kept.summarize();
        let (b, all_b) = means.summarize();
        for (x, y) in a.iter().chain([&all_a]).zip(b.iter().chain([&all_b])) {
            assert_eq!((x.count, x.mean), (y.count, y.mean));
            assert!(x.p90.is_some() && y.p90.is_none());
        }
        assert_eq!(all_b.count, 21);
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
        let p90 = |values: &[f64]| {
            let mut sorted = values.to_vec();
            sorted.sort_unstable_by(f64::total_cmp);
            sorted[(sorted.len() * 9).div_ceil(10) - 1]
        };
        for n in [1usize, 2, 3, 10, 1_000, 50_000] {
            // Waits spread over orders of magnitude, with ties; a third in
            // class 0, the rest in class 2, none in class 1.
            let values: Vec<f64> = (0..n)
                .map(|_| (rng.random::<f64>() * 300.0).powi(3).round())
                .collect();
            let (a, b) = values.split_at(n / 3);
            let mut w = Waits::with_capacity(&[0, 0, 0]);
            for &v in a {
                w.push(0, v);
            }
            for &v in b {
                w.push(2, v);
            }
            let (per_class, all) = w.summarize();
            assert_eq!(all.p90, Some(p90(&values)), "n {n}");
            assert_eq!(all.count, n as u64);
            let expected_a = (!a.is_empty()).then(|| p90(a));
            assert_eq!(per_class[0].p90, expected_a, "n {n}");
            assert_eq!(per_class[1], WaitSummary::default());
            assert_eq!(per_class[2].p90, Some(p90(b)), "n {n}");
        }
    }

    #[test]
    fn recycled_vectors_start_empty() {
        let mut w = Waits::with_capacity(&[10, 10, 10]);
        w.push(0, 3.0);
        w.push(2, 5.0);
        w.recycle();
        let mut w = Waits::with_capacity(&[4, 4]);
        w.push(1, 2.0);
        let (per_class, all) = w.summarize();
        assert_eq!(per_class.len(), 2);
        assert_eq!(per_class[0], WaitSummary::default());
        assert_eq!(all.count, 1);
        assert_eq!(all.mean, Some(2.0));
        assert_eq!(all.p90, Some(2.0));
    }

    #[test]
    fn no_waits_no_numbers() {
        let (per_class, all) = Waits::with_capacity(&[5]).summarize();
        assert_eq!(per_class[0], WaitSummary::default());
        assert_eq!(all.mean, None);
    }
}
