//! The `rank`-th latest delivery among batches whose pick-ups below each
//! batch's latest were not drawn ([`Below::Truncated`]), drawing only what it
//! takes to find it.
//!
//! A batch's other pick-ups are independent draws of F truncated to at most
//! its latest. Bisection on time keeps a bracket (lo, hi] known to hold the
//! answer, how many deliveries lie above it, and how many of each batch's
//! undrawn pick-ups lie inside it. Splitting the bracket at its middle, the
//! count of a batch's pick-ups in the upper half is a binomial draw with the
//! upper half's share of the batch's mass in the bracket; given the counts,
//! the pick-ups in each half are again independent draws of F truncated to
//! it. Once the bracket holds a few deliveries they are drawn one by one and
//! sorted. The result has the law of the rank-th order statistic of all the
//! pick-ups, as if every card had drawn its own, at the cost of some dozen
//! binomial draws per batch instead of one draw per card.

use rand_distr::{Binomial, Distribution as _};

use crate::dist::{Below, Dist};
use crate::engine::streams::Stream;
use crate::time::Days;

/// Deliveries a bracket may hold before they are drawn one by one.
const FEW: u64 = 16;

/// A dispatched batch of initial-backlog cards.
#[derive(Debug, Clone, Copy)]
pub(super) struct Batch {
    /// When the batch reached its district.
    pub at_district: Days,
    /// The latest pick-up time of its cards (from the district).
    pub latest: Days,
    /// When its last card reached its resident: `at_district + latest`.
    pub last: Days,
    /// Its cards other than the last.
    pub others: u64,
    /// How those can be had.
    pub below: Below,
}

impl Batch {
    /// The mass of F, truncated to the batch's latest pick-up, between the
    /// deliveries `a` and `b` (not normalised: only ratios are used).
    fn mass(&self, f: &Dist, a: Days, b: Days) -> f64 {
        f.mass(
            a - self.at_district,
            (b - self.at_district).min(self.latest),
        )
    }
}

/// The `rank`-th latest delivery (`rank` >= 1, at most the number of cards)
/// among `batches`, all [`Below::Truncated`] of `f`; draws from `rng`.
pub(super) fn rank_th_latest(batches: &[Batch], f: &Dist, rank: u64, rng: &mut Stream) -> Days {
    debug_assert!(batches.iter().all(|b| b.below == Below::Truncated));
    // Every delivery lies after its batch reached the district.
    let mut lo = batches
        .iter()
        .map(|b| b.at_district)
        .fold(f64::INFINITY, f64::min)
        - 1.0;
    let mut hi = batches
        .iter()
        .map(|b| b.last)
        .fold(f64::NEG_INFINITY, f64::max);
    let mut above = 0u64;
    let mut inside: Vec<u64> = batches.iter().map(|b| b.others).collect();
    let mut upper = vec![0u64; batches.len()];
    let lasts_in =
        |a: Days, b: Days| batches.iter().filter(|x| a < x.last && x.last <= b).count() as u64;
    loop {
        let held = inside.iter().sum::<u64>() + lasts_in(lo, hi);
        let mid = lo + (hi - lo) / 2.0;
        if held <= FEW || !(lo < mid && mid < hi) {
            break;
        }
        let mut count = lasts_in(mid, hi);
        for ((b, &n), up) in batches.iter().zip(&inside).zip(&mut upper) {
            *up = 0;
            if n == 0 {
                continue;
            }
            let whole = b.mass(f, lo, hi);
            let share = if whole > 0.0 {
                (b.mass(f, mid, hi) / whole).clamp(0.0, 1.0)
            } else {
                0.0
            };
            *up = Binomial::new(n, share)
                .expect("a share in [0, 1]")
                .sample(rng);
            count += *up;
        }
        if above + count >= rank {
            lo = mid;
            inside.copy_from_slice(&upper);
        } else {
            above += count;
            hi = mid;
            for (n, up) in inside.iter_mut().zip(&upper) {
                *n -= up;
            }
        }
    }
    let mut held: Vec<Days> = batches
        .iter()
        .filter(|b| lo < b.last && b.last <= hi)
        .map(|b| b.last)
        .collect();
    for (b, &n) in batches.iter().zip(&inside) {
        let (a, z) = (lo - b.at_district, (hi - b.at_district).min(b.latest));
        for _ in 0..n {
            held.push(b.at_district + f.sample_between(a, z, rng));
        }
    }
    held.sort_unstable_by(|x, y| y.total_cmp(x));
    let i = usize::try_from(rank - above - 1).expect("a rank inside the bracket");
    held[i]
}
