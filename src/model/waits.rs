//! The waits of printed records: from joining the queue to passing quality
//! control. Mean and nearest-rank 90th percentile, per class and overall.
//!
//! A wait is never negative, and the bit patterns of non-negative `f64`s sort
//! as the numbers do, so waits are kept as `u64` bits and the percentile is an
//! exact integer selection. Each wait is stored, as it is pushed, in a bucket
//! named by its exponent and top four mantissa bits (16 buckets per power of
//! two), so buckets hold ordered ranges of values: the percentile's bucket is
//! found from the buckets' lengths, and only its waits, a few percent of them,
//! are selected among. No pass over all the waits is needed.

use super::outcome::WaitSummary;
use crate::time::Days;

/// Mantissa bits kept in a bucket number.
const SUB_BITS: u32 = 4;
/// Waits below 2^-30 days (a tenth of a millisecond) share the first bucket.
const LOWEST_EXPONENT: i32 = -30;
/// Waits of 2^34 days or more share the last bucket.
const BUCKETS: usize = (64 << SUB_BITS) + 1;

/// Room a bucket takes when its first wait comes (2 KiB).
const FIRST_BLOCK: usize = 256;

/// The bucket of a non-negative wait's bits.
#[inline]
fn bucket(bits: u64) -> usize {
    // Sign (0), exponent and the top SUB_BITS of the mantissa.
    let top = (bits >> (52 - SUB_BITS)) as i64;
    let lowest = i64::from(1023 + LOWEST_EXPONENT) << SUB_BITS;
    (top - lowest).clamp(0, BUCKETS as i64 - 1) as usize
}

/// The waits of one class, bucket by bucket.
#[derive(Debug, Clone)]
struct Store {
    buckets: Box<[Vec<u64>; BUCKETS]>,
    sum: f64,
}

impl Store {
    fn new() -> Self {
        Self {
            buckets: Box::new(std::array::from_fn(|_| Vec::new())),
            sum: 0.0,
        }
    }

    fn len(&self) -> usize {
        self.buckets.iter().map(Vec::len).sum()
    }
}

/// Waits of one replication.
#[derive(Debug, Clone)]
pub struct Waits {
    classes: Vec<Store>,
}

impl Waits {
    /// No waits yet, for `classes` classes.
    pub fn new(classes: usize) -> Self {
        Self {
            classes: (0..classes).map(|_| Store::new()).collect(),
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
        ClassWaits {
            store: &mut self.classes[usize::from(class)],
        }
    }

    /// Summaries per class, then over all classes.
    pub fn summarize(&self) -> (Vec<WaitSummary>, WaitSummary) {
        let per_class = self
            .classes
            .iter()
            .map(|c| summary(std::slice::from_ref(c)))
            .collect();
        (per_class, summary(&self.classes))
    }
}

/// The waits of one class: see [`Waits::class`].
pub struct ClassWaits<'a> {
    store: &'a mut Store,
}

impl ClassWaits<'_> {
    /// A record of this class waited `wait` days (at least 0).
    #[inline]
    pub fn push(&mut self, wait: Days) {
        debug_assert!(wait >= 0.0, "negative wait {wait}");
        let bits = wait.max(0.0).to_bits();
        let values = &mut self.store.buckets[bucket(bits)];
        if values.len() == values.capacity() {
            // Doubling, but from a block of 256: fewer reallocations early on.
            values.reserve(values.len().max(FIRST_BLOCK));
        }
        values.push(bits);
        self.store.sum += wait;
    }
}

/// Mean and percentile of the waits of `stores` together.
fn summary(stores: &[Store]) -> WaitSummary {
    let n: usize = stores.iter().map(Store::len).sum();
    if n == 0 {
        return WaitSummary::default();
    }
    let rank = (n * 9).div_ceil(10) - 1;
    let mut below = 0;
    let (b, in_bucket) = (0..BUCKETS)
        .map(|b| (b, stores.iter().map(|s| s.buckets[b].len()).sum::<usize>()))
        .find(|&(_, len)| {
            below += len;
            below > rank
        })
        .expect("rank < len");
    let mut inside = Vec::with_capacity(in_bucket);
    for s in stores {
        inside.extend_from_slice(&s.buckets[b]);
    }
    let p90 = *inside.select_nth_unstable(rank - (below - in_bucket)).1;
    WaitSummary {
        count: n as u64,
        mean: Some(stores.iter().map(|s| s.sum).sum::<f64>() / n as f64),
        p90: Some(f64::from_bits(p90)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentile_and_mean() {
        let mut w = Waits::new(2);
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
            let mut w = Waits::new(3);
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
    fn no_waits_no_numbers() {
        let (per_class, all) = Waits::new(1).summarize();
        assert_eq!(per_class[0], WaitSummary::default());
        assert_eq!(all.mean, None);
    }
}
