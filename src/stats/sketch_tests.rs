//! Accuracy, merge and censoring tests of the quantile sketch.

use super::*;

/// SplitMix64: a few lines of well-mixed pseudo-random numbers, so the tests
/// do not depend on a random-number crate's stream staying the same.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn sketch_of(values: &[f64]) -> Sketch {
    let mut s = Sketch::default();
    values.iter().for_each(|&x| s.add(x));
    s
}

/// The exact nearest-rank quantile of a sample (censored values as +∞).
fn exact(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    let rank = ((q * n as f64).ceil() as usize).clamp(1, n);
    Some(sorted[rank - 1]).filter(|x| x.is_finite())
}

fn assert_close(got: Option<f64>, want: Option<f64>, alpha: f64) {
    match (got, want) {
        (Some(g), Some(w)) => {
            // A hair over alpha: ln and exp round in the last bits.
            let tol = alpha * (1.0 + 1e-9) * w.abs();
            assert!((g - w).abs() <= tol, "got {g}, want {w} ± {tol}");
        }
        _ => assert_eq!(got, want),
    }
}

const QS: [f64; 11] = [
    0.0, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1.0, 0.333,
];

#[test]
fn quantiles_are_within_alpha_of_the_exact_sample_quantiles() {
    let mut rng = Mix(7);
    // Lognormal-ish clearing times, a heavy tail, negatives and exact zeros.
    let mut values: Vec<f64> = (0..20_000)
        .map(|i| match i % 4 {
            0 => 60.0 + 40.0 * rng.next(),
            1 => (-rng.next().ln()) * 1e4,
            2 => (rng.next() - 0.5) * 100.0,
            _ => (rng.next() * 5.0).floor(),
        })
        .collect();
    let s = sketch_of(&values);
    values.sort_by(f64::total_cmp);
    for q in QS {
        assert_close(s.quantile(q), exact(&values, q), DEFAULT_ALPHA);
    }
}

#[test]
fn extremes_are_exact_and_small_integers_stay_exact() {
    let s = sketch_of(&[3.0, 1.0, 2.0, 4.0, 5.0]);
    assert_eq!(s.quantile(0.0), Some(1.0));
    assert_eq!(s.quantile(1.0), Some(5.0));
    // Buckets around 3 are much narrower than 1, so rounding recovers the integer.
    assert_eq!(s.quantile(0.5).map(f64::round), Some(3.0));
    assert_eq!(Sketch::default().quantile(0.5), None);
}

#[test]
fn merge_of_two_sketches_equals_the_sketch_of_the_union() {
    let mut rng = Mix(11);
    let values: Vec<f64> = (0..5_000).map(|_| rng.next() * 1e3 - 10.0).collect();
    let (a, b) = values.split_at(1_234);
    let mut merged = sketch_of(b);
    merged.merge(&sketch_of(a));
    merged.add_censored();
    let mut union = sketch_of(&values);
    union.add_censored();
    assert_eq!(merged, union);
    for q in QS {
        assert_eq!(merged.quantile(q), union.quantile(q));
    }
}

#[test]
fn censored_values_sort_last_and_never_become_a_quantile() {
    // 7 cleared, 3 censored: p10..p70 exist, p80 and above lie beyond the horizon.
    let mut s = sketch_of(&[10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0]);
    for _ in 0..3 {
        s.add_censored();
    }
    s.add(f64::INFINITY);
    assert_eq!((s.count(), s.censored(), s.finite_count()), (11, 4, 7));
    assert_close(s.quantile(0.5), Some(60.0), DEFAULT_ALPHA);
    assert_close(s.quantile(0.63), Some(70.0), DEFAULT_ALPHA);
    assert_eq!(s.quantile(0.64), None);
    assert_eq!(s.quantile(0.9), None);
    let mut all_censored = Sketch::default();
    all_censored.add_censored();
    assert_eq!(all_censored.quantile(0.0), None);
}

#[test]
fn memory_depends_on_the_spread_not_the_count() {
    let mut rng = Mix(3);
    let mut s = Sketch::default();
    (0..1_000).for_each(|_| s.add(1.0 + 999.0 * rng.next()));
    let small = s.heap_bytes();
    (0..99_000).for_each(|_| s.add(1.0 + 999.0 * rng.next()));
    assert!(
        s.heap_bytes() <= 2 * small,
        "{} > 2 × {small}",
        s.heap_bytes()
    );
}

#[test]
fn decreasing_input_grows_the_store_downwards() {
    let values: Vec<f64> = (1..=3_000).rev().map(f64::from).collect();
    let s = sketch_of(&values);
    let mut sorted = values.clone();
    sorted.sort_by(f64::total_cmp);
    for q in QS {
        assert_close(s.quantile(q), exact(&sorted, q), DEFAULT_ALPHA);
    }
}
