//! Quality control: each printed card fails with probability `reject_rate`,
//! independently of every other card.
//!
//! Instead of one uniform draw per card, the number of cards that pass before
//! the next reject is drawn from its geometric distribution, P(k passes) =
//! (1 - p)^k p. The sequence of passes and rejects has exactly the same
//! distribution, at one draw per reject instead of one per card (about one in
//! 110 at the reported 0.9%).

use rand::RngExt;

use crate::engine::streams::Stream;

/// The quality-control check of one replication.
#[derive(Debug)]
pub struct Quality {
    /// ln(1 - p); 0 when nothing is ever rejected.
    ln_pass: f64,
    passes_left: u64,
    rng: Stream,
}

impl Quality {
    /// Checks with reject probability `reject_rate` in [0, 1), drawing from `rng`.
    pub fn new(reject_rate: f64, rng: Stream) -> Self {
        let mut q = Self {
            ln_pass: (-reject_rate).ln_1p(),
            passes_left: 0,
            rng,
        };
        q.passes_left = q.draw_passes();
        q
    }

    /// Whether the next card off a printer passes.
    #[inline]
    pub fn passes(&mut self) -> bool {
        if self.passes_left > 0 {
            self.passes_left -= 1;
            return true;
        }
        self.passes_left = self.draw_passes();
        false
    }

    /// How many of the next cards pass before the next reject.
    pub fn passes_left(&self) -> u64 {
        self.passes_left
    }

    /// `n` cards pass (at most [`Quality::passes_left`]), as `n` calls of
    /// [`Quality::passes`] would say.
    pub fn pass_many(&mut self, n: u64) {
        debug_assert!(n <= self.passes_left);
        self.passes_left -= n;
    }

    fn draw_passes(&mut self) -> u64 {
        if self.ln_pass == 0.0 {
            return u64::MAX;
        }
        // U in (0, 1]: floor(ln U / ln(1 - p)) >= k exactly when U <= (1 - p)^k.
        let u = 1.0 - self.rng.random::<f64>();
        let k = (u.ln() / self.ln_pass).floor();
        // A float at or past 2^64 saturates to u64::MAX in the cast.
        k as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::streams::stream;

    #[test]
    fn the_reject_share_is_the_reject_rate() {
        // 1,000,000 cards at p = 0.009: 9,000 rejects expected, sd about 94.
        let mut q = Quality::new(0.009, stream(1, 0, "test"));
        let rejects = (0..1_000_000).filter(|_| !q.passes()).count();
        assert!((rejects as f64 - 9_000.0).abs() < 400.0, "{rejects}");
    }

    #[test]
    fn runs_of_passes_are_geometric() {
        // With p = 0.5, P(reject right after a reject) = 0.5 and the mean run of
        // passes between rejects is (1 - p) / p = 1.
        let mut q = Quality::new(0.5, stream(2, 0, "test"));
        let outcomes: Vec<bool> = (0..200_000).map(|_| q.passes()).collect();
        let rejects = outcomes.iter().filter(|&&p| !p).count() as f64;
        assert!((rejects / 200_000.0 - 0.5).abs() < 0.005);
        let pairs = outcomes.windows(2).filter(|w| !w[0]).count() as f64;
        let reject_reject = outcomes.windows(2).filter(|w| !w[0] && !w[1]).count() as f64;
        assert!((reject_reject / pairs - 0.5).abs() < 0.01);
    }

    #[test]
    fn no_rejects_at_rate_zero() {
        let mut q = Quality::new(0.0, stream(3, 0, "test"));
        assert!((0..10_000).all(|_| q.passes()));
    }
}
