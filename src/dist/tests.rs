//! Tests of [`super`]: means, draws, and the reasons constructors give.

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

#[test]
fn tables_share_one_copy_of_the_same_numbers() {
    let tables = Tables::default();
    let a = tables
        .empirical(&[1.0, 2.0, 3.0], &[1.0, 1.0, 2.0])
        .unwrap();
    let b = tables
        .clone()
        .empirical(&[1.0, 2.0, 3.0], &[1.0, 1.0, 2.0])
        .unwrap();
    let other = tables
        .empirical(&[1.0, 2.0, 3.0], &[1.0, 2.0, 1.0])
        .unwrap();
    assert!(a.shares_table(&b));
    assert!(!a.shares_table(&other));
    assert_eq!(a.mean(), b.mean());
    // Built apart, the same numbers are two copies.
    let c = Dist::empirical(&[1.0, 2.0, 3.0], &[1.0, 1.0, 2.0]).unwrap();
    assert!(!a.shares_table(&c));
}
