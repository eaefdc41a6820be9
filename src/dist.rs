//! Random quantities: every duration or count of MODEL.md that can vary.
//!
//! A [`Dist`] is built once, from checked parameters, by one of its constructors;
//! each constructor returns `Err` with a plain-words reason when the parameters
//! make no sense, so that once a `Dist` exists, sampling it cannot fail and never
//! returns a negative or non-finite number.
//!
//! One rule holds for every family, in one place ([`Dist::with_mean`]): the mean
//! must be a finite number. The model estimates its work from means (a mean past
//! the largest number would make every estimate infinite) and a mean that
//! overflows is a typo, not a plan. Means that are finite in truth (a uniform on
//! two huge numbers) are computed so that they do not overflow on the way.
//!
//! Units are the caller's business: durations are in days (see [`crate::time`]),
//! counts and rates in their own units. This module must not know about TOML.

use rand::Rng;
use rand_distr::{Distribution, Exp, Gamma, LogNormal, Normal, Pert, Poisson, Triangular, Weibull};

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
    /// `min + width * t`: for ordinary ranges `t` is the triangular itself
    /// (`min` 0, `width` 1, so draws are exactly rand_distr's); for ranges past
    /// [`WIDE`] it is the triangular on [0, 1], whose arithmetic cannot overflow.
    Triangular {
        t: Triangular<f64>,
        min: f64,
        width: f64,
    },
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

/// A triangular range past this is drawn on [0, 1] and scaled: rand_distr
/// multiplies two differences of the parameters, which overflows past about 1e154.
const WIDE: f64 = 1e150;

/// `x` for a message: as written for ordinary numbers, in exponent form past
/// 16 characters ("1e300", not three hundred digits).
pub fn num(x: f64) -> String {
    let plain = x.to_string();
    if plain.len() > 16 {
        format!("{x:e}")
    } else {
        plain
    }
}

fn finite_non_negative(name: &str, x: f64) -> Result<(), DistError> {
    if x.is_finite() && x >= 0.0 {
        Ok(())
    } else {
        let x = num(x);
        Err(format!(
            "`{name}` must be a finite number of at least 0, got {x}"
        ))
    }
}

fn positive(name: &str, x: f64) -> Result<(), DistError> {
    if x.is_finite() && x > 0.0 {
        Ok(())
    } else {
        let x = num(x);
        Err(format!("`{name}` must be a finite number above 0, got {x}"))
    }
}

impl Dist {
    /// Always `value`.
    pub fn constant(value: f64) -> Result<Self, DistError> {
        finite_non_negative("value", value)?;
        // `+ 0.0` turns -0 into 0, which would otherwise print as "-0".
        let value = value + 0.0;
        Self::with_mean(Kind::Constant(value), value, || unreachable!("finite"))
    }

    /// The one place every distribution is finished: its mean must be a finite
    /// number. `cause` names the parameters that made it overflow.
    fn with_mean(kind: Kind, mean: f64, cause: impl FnOnce() -> String) -> Result<Self, DistError> {
        if mean.is_finite() {
            Ok(Self { kind, mean })
        } else {
            Err(format!(
                "{} the mean overflow: a distribution needs a finite mean",
                cause()
            ))
        }
    }

    /// Uniform on `[min, max]`.
    pub fn uniform(min: f64, max: f64) -> Result<Self, DistError> {
        finite_non_negative("min", min)?;
        finite_non_negative("max", max)?;
        if max < min {
            let (min, max) = (num(min), num(max));
            return Err(format!("`max` ({max}) must be at least `min` ({min})"));
        }
        // Halves first: min + max may overflow although their mean cannot.
        let mean = 0.5 * min + 0.5 * max;
        Self::with_mean(
            Kind::Uniform {
                min,
                width: max - min,
            },
            mean,
            || unreachable!("between min and max"),
        )
    }

    /// Triangular on `[min, max]` with its peak at `mode`.
    pub fn triangular(min: f64, mode: f64, max: f64) -> Result<Self, DistError> {
        ordered_three(min, mode, max)?;
        if min == max {
            return Self::constant(min);
        }
        let width = max - min;
        let kind = if width > WIDE {
            let t = Triangular::new(0.0, 1.0, (mode - min) / width).map_err(|e| e.to_string())?;
            Kind::Triangular { t, min, width }
        } else {
            let t = Triangular::new(min, max, mode).map_err(|e| e.to_string())?;
            Kind::Triangular {
                t,
                min: 0.0,
                width: 1.0,
            }
        };
        let mean = min / 3.0 + mode / 3.0 + max / 3.0;
        Self::with_mean(kind, mean, || unreachable!("between min and max"))
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
        let mean = min / 6.0 + mode * (4.0 / 6.0) + max / 6.0;
        Self::with_mean(Kind::Pert(p), mean, || unreachable!("between min and max"))
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
        Self::with_mean(Kind::Normal(n), mean + sd * phi / tail, || {
            format!("`mean` = {} and `sd` = {} make", num(mean), num(sd))
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
        let cause = || format!("`sigma` = {} makes", num(sigma));
        if !mean.is_finite() {
            // Before LogNormal::new, which may refuse a mu of -inf in its own words.
            return Self::with_mean(Kind::Constant(0.0), mean, cause);
        }
        let l = LogNormal::new(mu, sigma).map_err(|e| e.to_string())?;
        Self::with_mean(Kind::LogNormal(l), mean, cause)
    }

    /// Exponential with the given `mean`.
    pub fn exponential(mean: f64) -> Result<Self, DistError> {
        positive("mean", mean)?;
        let e = Exp::new(1.0 / mean).map_err(|e| e.to_string())?;
        Self::with_mean(Kind::Exponential(e), mean, || unreachable!("finite"))
    }

    /// Gamma with `shape` k and `scale` theta (mean k * theta).
    pub fn gamma(shape: f64, scale: f64) -> Result<Self, DistError> {
        positive("shape", shape)?;
        positive("scale", scale)?;
        let g = Gamma::new(shape, scale).map_err(|e| e.to_string())?;
        Self::with_mean(Kind::Gamma(g), shape * scale, || {
            format!("`shape` = {} and `scale` = {} make", num(shape), num(scale))
        })
    }

    /// Gamma with `shape` k and mean `mean` (scale mean / k).
    pub fn gamma_mean(shape: f64, mean: f64) -> Result<Self, DistError> {
        positive("shape", shape)?;
        positive("mean", mean)?;
        let scale = mean / shape;
        if !(scale.is_finite() && scale > 0.0) {
            let (mean, shape, scale) = (num(mean), num(shape), num(scale));
            return Err(format!(
                "`mean` = {mean} and `shape` = {shape} give a scale of {scale}: \
                 their ratio must be a finite number above 0"
            ));
        }
        Self::gamma(shape, scale)
    }

    /// Weibull with `shape` k and `scale` lambda.
    pub fn weibull(shape: f64, scale: f64) -> Result<Self, DistError> {
        positive("shape", shape)?;
        positive("scale", scale)?;
        let w = Weibull::new(scale, shape).map_err(|e| e.to_string())?;
        let mean = scale * gamma_fn(1.0 + 1.0 / shape);
        Self::with_mean(Kind::Weibull(w), mean, || {
            format!("`shape` = {} and `scale` = {} make", num(shape), num(scale))
        })
    }

    /// Poisson counts with the given `mean` (0 is allowed: always 0).
    pub fn poisson(mean: f64) -> Result<Self, DistError> {
        finite_non_negative("mean", mean)?;
        if mean == 0.0 {
            return Self::constant(0.0);
        }
        if mean > 1e12 {
            let mean = num(mean);
            return Err(format!(
                "`mean` must be at most 1e12 for a Poisson count, got {mean}"
            ));
        }
        let p = Poisson::new(mean).map_err(|e| e.to_string())?;
        Self::with_mean(Kind::Poisson(p), mean, || unreachable!("at most 1e12"))
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
        let mut total: f64 = weights.iter().sum();
        let mut weights = std::borrow::Cow::Borrowed(weights);
        if total.is_infinite() {
            // Huge weights: only their ratios matter, so scale them down first.
            let largest = weights.iter().copied().fold(0.0, f64::max);
            weights = weights.iter().map(|w| w / largest).collect();
            total = weights.iter().sum();
        }
        if total <= 0.0 {
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
        // Each value times its share: a sum of products could overflow although
        // the mean, between the smallest and the largest value, cannot.
        let mean = values
            .iter()
            .zip(weights.iter())
            .map(|(v, w)| v * (w / total))
            .sum::<f64>();
        Self::with_mean(
            Kind::Empirical {
                values: values.iter().map(|v| v + 0.0).collect(),
                cumulative,
            },
            mean,
            || unreachable!("between the smallest and the largest value"),
        )
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
            Kind::Triangular { t, min, width } => min + width * t.sample(rng),
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
        debug_assert!(k >= 1, "the maximum of no draws");
        let inverse_k = 1.0 / k as f64;
        match &self.kind {
            Kind::Constant(v) => *v,
            Kind::Uniform { min, width } => {
                let u: f64 = rand_distr::StandardUniform.sample(rng);
                min + width * u.powf(inverse_k)
            }
            Kind::Exponential(_) => {
                // F(x)^k = u  =>  x = -mean * ln(1 - u^(1/k)), with 1 - u^(1/k)
                // computed as -expm1(ln(u) / k) to keep its digits for large k.
                let u: f64 = rand_distr::StandardUniform.sample(rng);
                let x = -self.mean * (-(u.ln() * inverse_k).exp_m1()).ln();
                // As in `sample`: past the largest number is the largest number.
                if x.is_finite() { x.max(0.0) } else { f64::MAX }
            }
            _ => (0..k).map(|_| self.sample(rng)).fold(0.0, f64::max),
        }
    }
}

fn ordered_three(min: f64, mode: f64, max: f64) -> Result<(), DistError> {
    finite_non_negative("min", min)?;
    finite_non_negative("mode", mode)?;
    finite_non_negative("max", max)?;
    if !(min <= mode && mode <= max) {
        let (min, mode, max) = (num(min), num(mode), num(max));
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

/// The gamma function by the Lanczos approximation (g = 7, 9 terms), for Weibull
/// means; `inf` where the true value overflows.
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
        // In logarithms: t^(x + 0.5) alone overflows near x = 143 although the
        // gamma function stays finite up to about 171.6.
        ((x + 0.5) * t.ln() - t + a.ln()).exp() * (2.0 * std::f64::consts::PI).sqrt()
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
    fn every_family_refuses_a_mean_past_the_largest_number() {
        let tail = "the mean overflow: a distribution needs a finite mean";
        let cases = [
            (
                Dist::gamma(1e300, 1e300),
                "`shape` = 1e300 and `scale` = 1e300 make",
            ),
            (
                Dist::weibull(0.001, 1.0),
                "`shape` = 0.001 and `scale` = 1 make",
            ),
            (
                Dist::weibull(0.007, 1e300),
                "`shape` = 0.007 and `scale` = 1e300 make",
            ),
            (
                Dist::normal(1.7e308, 1.7e308),
                "`mean` = 1.7e308 and `sd` = 1.7e308 make",
            ),
            (Dist::lognormal_median(1.0, 40.0), "`sigma` = 40 makes"),
            (Dist::lognormal_mean(1.0, 1e200), "`sigma` = 1e200 makes"),
        ];
        for (d, cause) in cases {
            assert_eq!(d.unwrap_err(), format!("{cause} {tail}"));
        }
        assert_eq!(
            Dist::gamma_mean(1e-300, 1e300).unwrap_err(),
            "`mean` = 1e300 and `shape` = 1e-300 give a scale of inf: \
             their ratio must be a finite number above 0"
        );
        assert_eq!(
            Dist::gamma_mean(1e300, 1e-300).unwrap_err(),
            "`mean` = 1e-300 and `shape` = 1e300 give a scale of 0: \
             their ratio must be a finite number above 0"
        );
        assert_eq!(
            Dist::exponential(f64::MIN_POSITIVE / 4.0).map(|d| d.mean() > 0.0),
            Ok(true),
            "a subnormal mean is above 0: the estimate of the run refuses it"
        );
    }

    #[test]
    fn huge_finite_means_are_kept_and_draws_stay_in_range() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let max = f64::MAX;
        let cases = [
            (Dist::uniform(1e308, max).unwrap(), 1e308, max),
            (Dist::triangular(0.0, 1e300, max).unwrap(), 0.0, max),
            (Dist::triangular(1e200, 1e200, 1e300).unwrap(), 1e200, 1e300),
            (Dist::pert(0.0, max, max).unwrap(), 0.0, max),
            (
                Dist::empirical(&[max, max], &[1e308, 1e308]).unwrap(),
                max,
                max,
            ),
        ];
        for (d, lo, hi) in &cases {
            assert!(
                d.mean().is_finite() && d.mean() >= *lo && d.mean() <= *hi,
                "{d:?}"
            );
            for _ in 0..1000 {
                let x = d.sample(&mut rng);
                assert!(x >= *lo && x <= *hi, "{d:?}: drew {x}");
            }
        }
        // Gamma(143.86) is about 1e247: finite, although t^(x + 0.5) alone is not.
        let w = Dist::weibull(0.007, 1.0).unwrap();
        assert!(w.mean() > 1e246 && w.mean() < 1e248, "{}", w.mean());
        assert_eq!(
            Dist::empirical(&[1.0, 3.0], &[1e308, 1e308])
                .unwrap()
                .mean(),
            2.0
        );
    }

    #[test]
    fn messages_write_huge_numbers_briefly_and_zero_without_sign() {
        assert_eq!(
            Dist::uniform(1e300, 1.0).unwrap_err(),
            "`max` (1) must be at least `min` (1e300)"
        );
        assert_eq!(num(40.0), "40");
        assert_eq!(num(0.001), "0.001");
        let zero = Dist::constant(-0.0).unwrap();
        assert!(zero.mean().is_sign_positive());
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        assert!(zero.sample(&mut rng).is_sign_positive());
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
