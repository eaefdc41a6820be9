//! Random quantities: every duration or count of the model that can vary
//! (docs/model.md, "Random quantities").
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

mod ranked;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

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
    /// Values with cumulative weights normalised to end at exactly 1; shared
    /// by every clone (a national scenario's offices hold one table).
    Empirical {
        values: Arc<[f64]>,
        cumulative: Arc<[f64]>,
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
                cumulative: cumulative.into(),
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
        self.sample_max_ranked(k, rng, None).0
    }
}

/// Empirical distributions built so far, so that scenarios that write the
/// same table (every office of a national scenario, from its template) hold
/// one copy of it, not one each. Cheap to clone: clones share the tables.
#[derive(Debug, Clone, Default)]
pub struct Tables(Arc<Mutex<HashMap<Vec<u64>, Dist>>>);

impl Dist {
    /// Whether `self` and `other` are empirical and hold one table, not two
    /// copies of it.
    #[cfg(test)]
    pub(crate) fn shares_table(&self, other: &Dist) -> bool {
        match (&self.kind, &other.kind) {
            (Kind::Empirical { values: a, .. }, Kind::Empirical { values: b, .. }) => {
                Arc::ptr_eq(a, b)
            }
            _ => false,
        }
    }
}

impl Tables {
    /// [`Dist::empirical`] of `values` and `weights`: the one built before
    /// from the same numbers, if any (it is the same distribution).
    pub fn empirical(&self, values: &[f64], weights: &[f64]) -> Result<Dist, DistError> {
        let key: Vec<u64> = std::iter::once(values.len() as u64)
            .chain(values.iter().chain(weights).map(|x| x.to_bits()))
            .collect();
        let mut built = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(d) = built.get(&key) {
            return Ok(d.clone());
        }
        let d = Dist::empirical(values, weights)?;
        built.insert(key, d.clone());
        Ok(d)
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
#[path = "dist/tests.rs"]
mod tests;
