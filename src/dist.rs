//! Random quantities: every duration or count of MODEL.md that can vary.
//!
//! A [`Dist`] is built once, from checked parameters, by one of its constructors;
//! each constructor returns `Err` with a plain-words reason when the parameters
//! make no sense, so that once a `Dist` exists, sampling it cannot fail and never
//! returns a negative or non-finite number.
//!
//! Units are the caller's business: durations are in days (see [`crate::time`]),
//! counts and rates in their own units. This module must not know about TOML.

mod ranked;

use rand::Rng;
use rand_distr::{Distribution, Exp, Gamma, LogNormal, Normal, Pert, Poisson, Triangular, Weibull};

pub use ranked::Below;

/// A checked probability distribution over non-negative reals.
#[derive(Debug, Clone)]
pub struct Dist {
    kind: Kind,
    mean: f64,
}

#[derive(Debug, Clone)]
enum Kind {
    Constant(f64),
    Uniform {
        min: f64,
        width: f64,
    },
    Triangular(Triangular<f64>),
    Pert(Pert<f64>),
    /// Normal truncated at zero, by rejection; the constructor requires
    /// `mean >= 0`, so at least half the draws are accepted.
    Normal(Normal<f64>),
    LogNormal(LogNormal<f64>),
    Exponential(Exp<f64>),
    Gamma(Gamma<f64>),
    Weibull(Weibull<f64>),
    Poisson(Poisson<f64>),
    /// Values with cumulative weights normalised to end at exactly 1.
    Empirical {
        values: Vec<f64>,
        cumulative: Vec<f64>,
    },
}

/// Why a distribution could not be built, in words fit for a user.
pub type DistError = String;

fn finite_non_negative(name: &str, x: f64) -> Result<(), DistError> {
    if x.is_finite() && x >= 0.0 {
        Ok(())
    } else {
        Err(format!(
            "`{name}` must be a finite number of at least 0, got {x}"
        ))
    }
}

fn positive(name: &str, x: f64) -> Result<(), DistError> {
    if x.is_finite() && x > 0.0 {
        Ok(())
    } else {
        Err(format!("`{name}` must be a finite number above 0, got {x}"))
    }
}

impl Dist {
    /// Always `value`.
    pub fn constant(value: f64) -> Result<Self, DistError> {
        finite_non_negative("value", value)?;
        Ok(Self {
            kind: Kind::Constant(value),
            mean: value,
        })
    }

    /// Uniform on `[min, max]`.
    pub fn uniform(min: f64, max: f64) -> Result<Self, DistError> {
        finite_non_negative("min", min)?;
        finite_non_negative("max", max)?;
        if max < min {
            return Err(format!("`max` ({max}) must be at least `min` ({min})"));
        }
        Ok(Self {
            kind: Kind::Uniform {
                min,
                width: max - min,
            },
            mean: 0.5 * (min + max),
        })
    }

    /// Triangular on `[min, max]` with its peak at `mode`.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Self, DistError> {
        ordered_three(min, mode, max)?;
        if min == max {
            return Self::constant(min);
        }
        let t = Triangular::new(min, max, mode).map_err(|e| e.to_string())?;
        Ok(Self {
            kind: Kind::Triangular(t),
            mean: (min + mode + max) / 3.0,
        })
    }

    /// PERT (a scaled beta with shape 4) on `[min, max]` with mode `mode`.
    pub fn pert(min: f64, mode: f64, max: f64) -> Result<Self, DistError> {
        ordered_three(min, mode, max)?;
        if min == max {
            return Self::constant(min);
        }
        let p = Pert::new(min, max)
            .with_mode(mode)
            .map_err(|e| e.to_string())?;
        Ok(Self {
            kind: Kind::Pert(p),
            mean: (min + 4.0 * mode + max) / 6.0,
        })
    }

    /// Normal with `mean` and standard deviation `sd`, truncated at 0
    /// (negative draws are redrawn).
    pub fn normal(mean: f64, sd: f64) -> Result<Self, DistError> {
        finite_non_negative("mean", mean)?;
        finite_non_negative("sd", sd)?;
        if sd == 0.0 {
            return Self::constant(mean);
        }
        let n = Normal::new(mean, sd).map_err(|e| e.to_string())?;
        // Mean of the normal truncated below at 0.
        let alpha = -mean / sd;
        let phi = (-0.5 * alpha * alpha).exp() / (2.0 * std::f64::consts::PI).sqrt();
        let tail = 1.0 - std_normal_cdf(alpha);
        Ok(Self {
            kind: Kind::Normal(n),
            mean: mean + sd * phi / tail,
        })
    }

    /// Lognormal with the given `median` (= e^mu) and log-scale `sigma`.
    pub fn lognormal_median(median: f64, sigma: f64) -> Result<Self, DistError> {
        positive("median", median)?;
        finite_non_negative("sigma", sigma)?;
        Self::lognormal_mu(median.ln(), sigma)
    }

    /// Lognormal with the given arithmetic `mean` and log-scale `sigma`.
    pub fn lognormal_mean(mean: f64, sigma: f64) -> Result<Self, DistError> {
        positive("mean", mean)?;
        finite_non_negative("sigma", sigma)?;
        Self::lognormal_mu(mean.ln() - 0.5 * sigma * sigma, sigma)
    }

    fn lognormal_mu(mu: f64, sigma: f64) -> Result<Self, DistError> {
        let mean = (mu + 0.5 * sigma * sigma).exp();
        if !mean.is_finite() {
            return Err(format!("`sigma` = {sigma} makes the mean overflow"));
        }
        let l = LogNormal::new(mu, sigma).map_err(|e| e.to_string())?;
        Ok(Self {
            kind: Kind::LogNormal(l),
            mean,
        })
    }

    /// Exponential with the given `mean`.
    pub fn exponential(mean: f64) -> Result<Self, DistError> {
        positive("mean", mean)?;
        let e = Exp::new(1.0 / mean).map_err(|e| e.to_string())?;
        Ok(Self {
            kind: Kind::Exponential(e),
            mean,
        })
    }

    /// Gamma with `shape` k and `scale` theta (mean k * theta).
    pub fn gamma(shape: f64, scale: f64) -> Result<Self, DistError> {
        positive("shape", shape)?;
        positive("scale", scale)?;
        let g = Gamma::new(shape, scale).map_err(|e| e.to_string())?;
        Ok(Self {
            kind: Kind::Gamma(g),
            mean: shape * scale,
        })
    }

    /// Weibull with `shape` k and `scale` lambda.
    pub fn weibull(shape: f64, scale: f64) -> Result<Self, DistError> {
        positive("shape", shape)?;
        positive("scale", scale)?;
        let w = Weibull::new(scale, shape).map_err(|e| e.to_string())?;
        let mean = scale * gamma_fn(1.0 + 1.0 / shape);
        Ok(Self {
            kind: Kind::Weibull(w),
            mean,
        })
    }

    /// Poisson counts with the given `mean` (0 is allowed: always 0).
    pub fn poisson(mean: f64) -> Result<Self, DistError> {
        finite_non_negative("mean", mean)?;
        if mean == 0.0 {
            return Self::constant(0.0);
        }
        if mean > 1e12 {
            return Err(format!(
                "`mean` must be at most 1e12 for a Poisson count, got {mean}"
            ));
        }
        let p = Poisson::new(mean).map_err(|e| e.to_string())?;
        Ok(Self {
            kind: Kind::Poisson(p),
            mean,
        })
    }

    /// `values[i]` with probability proportional to `weights[i]`.
    pub fn empirical(values: &[f64], weights: &[f64]) -> Result<Self, DistError> {
        if values.is_empty() {
            return Err("`values` must hold at least one value".into());
        }
        if values.len() != weights.len() {
            return Err(format!(
                "`values` has {} entries but `weights` has {}: give one weight per value",
                values.len(),
                weights.len()
            ));
        }
        for &v in values {
            finite_non_negative("values", v)?;
        }
        for &w in weights {
            finite_non_negative("weights", w)?;
        }
        let total: f64 = weights.iter().sum();
        if !(total > 0.0 && total.is_finite()) {
            return Err("`weights` must add up to more than 0".into());
        }
        let mut acc = 0.0;
        let mut cumulative: Vec<f64> = weights
            .iter()
            .map(|w| {
                acc += w;
                acc / total
            })
            .collect();
        *cumulative.last_mut().expect("non-empty") = 1.0;
        let mean = values.iter().zip(weights).map(|(v, w)| v * w).sum::<f64>() / total;
        Ok(Self {
            kind: Kind::Empirical {
                values: values.to_vec(),
                cumulative,
            },
            mean,
        })
    }

    /// The distribution's mean (of the truncated distribution for `normal`).
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// `Some(v)` when the distribution always gives `v`.
    pub fn as_constant(&self) -> Option<f64> {
        match self.kind {
            Kind::Constant(v) => Some(v),
            _ => None,
        }
    }

    /// Draws one value: finite and at least 0.
    #[inline]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let x = match &self.kind {
            Kind::Constant(v) => *v,
            Kind::Uniform { min, width } => {
                let u: f64 = rand_distr::StandardUniform.sample(rng);
                min + width * u
            }
            Kind::Triangular(t) => t.sample(rng),
            Kind::Pert(p) => p.sample(rng),
            Kind::Normal(n) => loop {
                let x = n.sample(rng);
                if x >= 0.0 {
                    break x;
                }
            },
            Kind::LogNormal(l) => l.sample(rng),
            Kind::Exponential(e) => e.sample(rng),
            Kind::Gamma(g) => g.sample(rng),
            Kind::Weibull(w) => w.sample(rng),
            Kind::Poisson(p) => p.sample(rng),
            Kind::Empirical { values, cumulative } => {
                let u: f64 = rand_distr::StandardUniform.sample(rng);
                let i = cumulative
                    .partition_point(|&c| c <= u)
                    .min(values.len() - 1);
                values[i]
            }
        };
        // Heavy tails can overflow to infinity; the model needs finite times.
        if x.is_finite() { x.max(0.0) } else { f64::MAX }
    }
}

impl Dist {
    /// The largest of `k` independent draws (`k` >= 1). Constant, uniform and
    /// exponential distributions draw it in one step by inverting the CDF of
    /// the maximum, F(x)^k; the others take `k` draws.
    pub fn sample_max<R: Rng + ?Sized>(&self, k: u64, rng: &mut R) -> f64 {
        self.sample_max_ranked(k, rng, None).0
    }
}

fn ordered_three(min: f64, mode: f64, max: f64) -> Result<(), DistError> {
    finite_non_negative("min", min)?;
    finite_non_negative("mode", mode)?;
    finite_non_negative("max", max)?;
    if !(min <= mode && mode <= max) {
        return Err(format!(
            "need `min` <= `mode` <= `max`, got {min}, {mode}, {max}"
        ));
    }
    Ok(())
}

/// Standard normal CDF, through [`erfc`].
fn std_normal_cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

/// Complementary error function, relative error below 1.2e-7 (Numerical Recipes'
/// Chebyshev fit), enough for the mean of a truncated normal.
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let r = t
        * (-z * z - 1.265_512_23
            + t * (1.000_023_68
                + t * (0.374_091_96
                    + t * (0.096_784_18
                        + t * (-0.186_288_06
                            + t * (0.278_868_07
                                + t * (-1.135_203_98
                                    + t * (1.488_515_87
                                        + t * (-0.822_152_23 + t * 0.170_872_77)))))))))
            .exp();
    if x >= 0.0 { r } else { 2.0 - r }
}

/// The gamma function by the Lanczos approximation (g = 7, 9 terms), for Weibull means.
fn gamma_fn(x: f64) -> f64 {
    const G: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        std::f64::consts::PI / ((std::f64::consts::PI * x).sin() * gamma_fn(1.0 - x))
    } else {
        let x = x - 1.0;
        let t = x + 7.5;
        let mut a = G[0];
        for (i, g) in G.iter().enumerate().skip(1) {
            a += g / (x + i as f64);
        }
        (2.0 * std::f64::consts::PI).sqrt() * t.powf(x + 0.5) * (-t).exp() * a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::ChaCha8Rng;

    fn sample_mean(d: &Dist, n: usize) -> f64 {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        (0..n).map(|_| d.sample(&mut rng)).sum::<f64>() / n as f64
    }

    #[test]
    fn sample_means_match_stated_means() {
        // 200,000 draws: the standard error is below 0.5% of the mean for all of these.
        let cases = [
            Dist::uniform(400.0, 500.0).unwrap(),
            Dist::triangular(2.0, 2.5, 4.0).unwrap(),
            Dist::pert(1.0, 2.0, 6.0).unwrap(),
            Dist::normal(1.0, 1.0).unwrap(),
            Dist::lognormal_median(0.25, 0.8).unwrap(),
            Dist::lognormal_mean(3.0, 0.5).unwrap(),
            Dist::exponential(4.0).unwrap(),
            Dist::gamma(2.0, 1.5).unwrap(),
            Dist::weibull(1.5, 2.0).unwrap(),
            Dist::poisson(60.0).unwrap(),
            Dist::empirical(&[1.0, 2.0, 10.0], &[1.0, 1.0, 2.0]).unwrap(),
        ];
        for d in &cases {
            let m = sample_mean(d, 200_000);
            assert!(
                (m - d.mean()).abs() < 0.02 * d.mean(),
                "{d:?}: sample {m} vs {}",
                d.mean()
            );
        }
    }

    #[test]
    fn closed_form_means() {
        assert_eq!(Dist::uniform(400.0, 500.0).unwrap().mean(), 450.0);
        assert!((Dist::weibull(1.0, 2.0).unwrap().mean() - 2.0).abs() < 1e-12);
        assert!((Dist::weibull(2.0, 1.0).unwrap().mean() - 0.886_226_925_452_758).abs() < 1e-12);
        // Half-normal: mean sd * sqrt(2 / pi).
        let half = Dist::normal(0.0, 1.0).unwrap().mean();
        assert!((half - (2.0 / std::f64::consts::PI).sqrt()).abs() < 1e-6);
    }

    #[test]
    fn constructors_reject_nonsense_with_reasons() {
        assert_eq!(
            Dist::uniform(5.0, 1.0).unwrap_err(),
            "`max` (1) must be at least `min` (5)"
        );
        assert_eq!(
            Dist::exponential(0.0).unwrap_err(),
            "`mean` must be a finite number above 0, got 0"
        );
        assert_eq!(
            Dist::triangular(1.0, 5.0, 3.0).unwrap_err(),
            "need `min` <= `mode` <= `max`, got 1, 5, 3"
        );
        assert!(Dist::empirical(&[1.0], &[0.0]).is_err());
        assert!(Dist::constant(f64::NAN).is_err());
    }

    #[test]
    fn the_maximum_of_k_draws_has_the_right_mean() {
        // E[max of k uniforms on [0, 1]] = k / (k + 1); E[max of k exponentials
        // of mean m] = m * H_k (harmonic number). 100,000 maxima each; the
        // tolerances are about four standard errors.
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let n = 100_000;
        let uniform = Dist::uniform(0.0, 1.0).unwrap();
        let m: f64 = (0..n).map(|_| uniform.sample_max(9, &mut rng)).sum::<f64>() / n as f64;
        assert!((m - 0.9).abs() < 0.002, "uniform: {m}");
        let exp = Dist::exponential(10.0).unwrap();
        let h1000: f64 = (1..=1000).map(|i| 1.0 / f64::from(i)).sum();
        let m: f64 = (0..n).map(|_| exp.sample_max(1000, &mut rng)).sum::<f64>() / n as f64;
        assert!(
            (m - 10.0 * h1000).abs() < 0.2,
            "exponential: {m} vs {}",
            10.0 * h1000
        );
        // The general path: the maximum of 3 draws of a triangular(0, 1, 1)
        // (CDF x^2) has CDF x^6 and mean 6/7.
        let tri = Dist::triangular(0.0, 1.0, 1.0).unwrap();
        let m: f64 = (0..n).map(|_| tri.sample_max(3, &mut rng)).sum::<f64>() / n as f64;
        assert!((m - 6.0 / 7.0).abs() < 0.002, "triangular: {m}");
        assert_eq!(Dist::constant(2.0).unwrap().sample_max(5, &mut rng), 2.0);
    }

    #[test]
    fn degenerate_ranges_are_constants() {
        assert_eq!(
            Dist::triangular(2.0, 2.0, 2.0).unwrap().as_constant(),
            Some(2.0)
        );
        assert_eq!(Dist::normal(3.0, 0.0).unwrap().as_constant(), Some(3.0));
    }
}
