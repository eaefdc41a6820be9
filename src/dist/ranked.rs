//! The largest of `k` draws, drawn first, and the others only as far as the
//! caller needs them. Distribution uses it to follow each batch's last card to
//! its resident, and to find the day by which 90% of the cards are delivered
//! without drawing a pick-up time for every card.
//!
//! For constant, uniform and exponential distributions the largest of `k` is
//! drawn in one step by inverting F(x)^k ([`Dist::sample_max`]). Given it, the
//! other `k - 1` draws are independent draws of F truncated to at most it: the
//! caller can count how many fall in an interval (a binomial draw with the
//! interval's share of the mass, [`Dist::mass`]) and draw the few it needs
//! one by one ([`Dist::sample_between`]). The other distributions have no
//! closed-form F at hand; their `k` draws are made (as [`Dist::sample_max`]
//! makes them) and handed to the caller.

use rand::Rng;
use rand_distr::{Distribution, StandardUniform};

use super::{Dist, Kind};

/// How the draws below the largest can be had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Below {
    /// Every draw is the largest (a constant distribution).
    Same,
    /// Independent draws truncated to at most the largest: counted with
    /// [`Dist::mass`], drawn with [`Dist::sample_between`].
    Truncated,
    /// The `k` draws themselves were handed to the caller.
    Kept,
}

impl Dist {
    /// The largest of `k` independent draws (`k` >= 1), from the same random
    /// numbers as [`Dist::sample_max`] and with the same value, and how to go
    /// on below it. On the general path the `k` draws are pushed onto `keep`
    /// when it is given.
    pub fn sample_max_ranked<R: Rng + ?Sized>(
        &self,
        k: u64,
        rng: &mut R,
        keep: Option<&mut Vec<f64>>,
    ) -> (f64, Below) {
        debug_assert!(k >= 1, "the maximum of no draws");
        let inverse_k = 1.0 / k as f64;
        match &self.kind {
            Kind::Constant(v) => (*v, Below::Same),
            Kind::Uniform { min, width } => {
                let u: f64 = StandardUniform.sample(rng);
                let below = if *width > 0.0 {
                    Below::Truncated
                } else {
                    Below::Same
                };
                (min + width * u.powf(inverse_k), below)
            }
            Kind::Exponential(_) => {
                // F(x)^k = u  =>  x = -mean * ln(1 - u^(1/k)), with 1 - u^(1/k)
                // computed as -expm1(ln(u) / k) to keep its digits for large k.
                let u: f64 = StandardUniform.sample(rng);
                let x = -self.mean * (-(u.ln() * inverse_k).exp_m1()).ln();
                // As in `sample`: past the largest number is the largest number.
                let x = if x.is_finite() { x.max(0.0) } else { f64::MAX };
                (x, Below::Truncated)
            }
            _ => {
                let mut max = 0.0;
                match keep {
                    Some(kept) => {
                        kept.reserve(usize::try_from(k).unwrap_or(0));
                        for _ in 0..k {
                            let x = self.sample(rng);
                            kept.push(x);
                            max = f64::max(max, x);
                        }
                    }
                    None => {
                        for _ in 0..k {
                            max = f64::max(max, self.sample(rng));
                        }
                    }
                }
                (max, Below::Kept)
            }
        }
    }

    /// P(a < X <= b), for a distribution whose draws below the largest are
    /// [`Below::Truncated`]; 0 for an empty interval.
    pub fn mass(&self, a: f64, b: f64) -> f64 {
        match &self.kind {
            Kind::Uniform { min, width } => {
                let (lo, hi) = (a.max(*min), b.min(min + width));
                if hi > lo { (hi - lo) / width } else { 0.0 }
            }
            Kind::Exponential(_) => {
                let lo = a.max(0.0);
                if b > lo {
                    // S(lo) - S(b), with S(x) = exp(-x / mean), kept accurate
                    // for a narrow interval.
                    (-lo / self.mean).exp() * -(-(b - lo) / self.mean).exp_m1()
                } else {
                    0.0
                }
            }
            _ => unreachable!("only uniform and exponential draws are counted by mass"),
        }
    }

    /// A draw conditioned on `a < X <= b` (an interval of positive
    /// [`Dist::mass`]), by inverting F on the interval; for the same
    /// distributions as [`Dist::mass`].
    pub fn sample_between<R: Rng + ?Sized>(&self, a: f64, b: f64, rng: &mut R) -> f64 {
        let u: f64 = StandardUniform.sample(rng);
        let x = match &self.kind {
            Kind::Uniform { min, width } => {
                let (lo, hi) = (a.max(*min), b.min(min + width));
                lo + u * (hi - lo).max(0.0)
            }
            Kind::Exponential(_) => {
                // Beyond `lo` an exponential starts afresh (no memory):
                // lo + (its draw truncated to b - lo).
                let lo = a.max(0.0);
                lo - self.mean * (u * (-(b - lo).max(0.0) / self.mean).exp_m1()).ln_1p()
            }
            _ => unreachable!("only uniform and exponential draws are drawn between"),
        };
        if x.is_finite() { x.clamp(a, b) } else { b }
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::ChaCha8Rng;

    use super::*;

    #[test]
    fn the_largest_is_the_one_sample_max_draws() {
        for d in [
            Dist::constant(3.0).unwrap(),
            Dist::uniform(1.0, 4.0).unwrap(),
            Dist::exponential(10.0).unwrap(),
            Dist::triangular(0.0, 1.0, 5.0).unwrap(),
        ] {
            let mut a = ChaCha8Rng::seed_from_u64(5);
            let mut b = ChaCha8Rng::seed_from_u64(5);
            let mut kept = Vec::new();
            for k in [1, 7, 1_000] {
                let (max, _) = d.sample_max_ranked(k, &mut a, Some(&mut kept));
                assert_eq!(max.to_bits(), d.sample_max(k, &mut b).to_bits(), "{d:?}");
            }
        }
    }

    #[test]
    fn masses_and_draws_between_follow_f() {
        let u = Dist::uniform(2.0, 6.0).unwrap();
        assert_eq!(u.mass(3.0, 4.0), 0.25);
        assert_eq!(u.mass(0.0, 9.0), 1.0);
        assert_eq!(u.mass(5.0, 4.0), 0.0);
        let e = Dist::exponential(2.0).unwrap();
        // exp(-1) - exp(-2) = 0.232544...
        assert!((e.mass(2.0, 4.0) - 0.232_544_157_934_829_6).abs() < 1e-15);
        assert!((e.mass(-1.0, f64::INFINITY) - 1.0).abs() < 1e-15);
        // Draws between a and b stay there, with F's shape: the mean of an
        // exponential of mean 2 beyond 2 and up to 4 is 2 + 2 - 2 / (e - 1)
        // = 2.836; of the uniform on (3, 4], 3.5. 40,000 draws each.
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let n = 40_000;
        for (d, (a, b), want, tol) in [
            (&e, (2.0, 4.0), 4.0 - 2.0 / (1f64.exp() - 1.0), 0.01),
            (&u, (3.0, 4.0), 3.5, 0.005),
        ] {
            let mut sum = 0.0;
            for _ in 0..n {
                let x = d.sample_between(a, b, &mut rng);
                assert!(a <= x && x <= b, "{x}");
                sum += x;
            }
            let mean = sum / f64::from(n);
            assert!((mean - want).abs() < tol, "{mean} vs {want}");
        }
    }

    #[test]
    fn the_general_path_hands_over_its_draws() {
        let d = Dist::triangular(0.0, 1.0, 5.0).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(9);
        let mut kept = vec![-1.0];
        let (max, below) = d.sample_max_ranked(20, &mut rng, Some(&mut kept));
        assert_eq!(below, Below::Kept);
        assert_eq!(kept.len(), 21);
        assert_eq!(kept[1..].iter().copied().fold(0.0, f64::max), max);
    }
}
