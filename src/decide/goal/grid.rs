//! The values a goal search tries between the ends of its range: multiples
//! of a step, so an answer reads "15,000", not "14,622".
//!
//! The default step is about a hundredth of the range, rounded down to 1, 2
//! or 5 times a power of ten (0 to 50,000 → 500; 0 to 0.5 → 0.005), and at
//! least 1 for a key that holds whole numbers. Each value tried is the
//! multiple nearest the middle of the bracket, so the search ends when no
//! multiple lies inside it: the bracket is at most one step wide.

/// Multiples of a step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Grid {
    step: f64,
    /// Decimals of the step as written, so 3 × 0.005 reads 0.015, not
    /// 0.015000000000000001.
    decimals: usize,
}

/// The default step for a range `to - from` (see the module documentation).
pub fn default_step(range: f64, integer: bool) -> f64 {
    let rough = range / 100.0;
    let exponent = rough.log10().floor();
    // Guards a quotient like 0.005 / 0.001 = 4.999…, which is 5.
    let leading = rough / 10f64.powf(exponent) * (1.0 + 1e-9);
    let mantissa = [5.0, 2.0, 1.0]
        .into_iter()
        .find(|m| *m <= leading)
        .unwrap_or(1.0);
    let step = if exponent >= 0.0 {
        mantissa * 10f64.powf(exponent)
    } else {
        // A whole number divided by a power of ten is the nearest float to
        // the decimal: 5 / 1000 is 0.005 exactly as written.
        mantissa / 10f64.powf(-exponent)
    };
    if integer { step.max(1.0).round() } else { step }
}

impl Grid {
    /// The multiples of `step` (finite, above 0).
    pub fn new(step: f64) -> Self {
        let text = step.to_string();
        let decimals = text.find('.').map_or(0, |dot| text.len() - dot - 1);
        Self { step, decimals }
    }

    /// The `k`th multiple, rounded to the step's decimals.
    fn at(&self, k: f64) -> f64 {
        let d = self.decimals;
        let x = k * self.step;
        if d == 0 {
            x
        } else {
            format!("{x:.d$}").parse().unwrap_or(x)
        }
    }

    /// The multiple strictly between `lo` and `hi` nearest their middle, or
    /// `None` when there is none: the bracket is at most a step wide.
    pub fn inside(&self, lo: f64, hi: f64) -> Option<f64> {
        let first = (lo / self.step).floor() + 1.0;
        let last = (hi / self.step).ceil() - 1.0;
        if first > last {
            return None;
        }
        let middle = (lo / 2.0 + hi / 2.0) / self.step;
        let k = middle.round().clamp(first, last);
        // Rounding may put a neighbour of `k` on an end; try the next ones in.
        [k, k + 1.0, k - 1.0]
            .into_iter()
            .filter(|k| (first..=last).contains(k))
            .map(|k| self.at(k))
            .find(|x| *x > lo && *x < hi)
    }

    /// The most values a bisection of the multiples strictly between `from`
    /// and `to` tries: one per halving of their count.
    pub fn most_inside(&self, from: f64, to: f64) -> u64 {
        let between = ((to - from) / self.step).floor() + 1.0;
        // At least a millionth of the range (the command checks): about 20.
        (between + 1.0).log2().ceil().clamp(0.0, 64.0) as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_step_is_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(default_step(50_000.0, true), 500.0);
        assert_eq!(default_step(14_622.0, true), 100.0);
        assert_eq!(default_step(30_000.0, true), 200.0);
        assert_eq!(default_step(8.0, true), 1.0);
        assert_eq!(default_step(8.0, false), 0.05);
        assert_eq!(default_step(0.5, false), 0.005);
        assert_eq!(default_step(1000.0, false), 10.0);
    }

    #[test]
    fn values_tried_are_multiples_of_the_step_nearest_the_middle() {
        let g = Grid::new(500.0);
        assert_eq!(g.inside(0.0, 50_000.0), Some(25_000.0));
        assert_eq!(g.inside(0.0, 1_000.0), Some(500.0));
        assert_eq!(g.inside(14_500.0, 15_000.0), None);
        // Ends that are not multiples: the multiples between them.
        assert_eq!(g.inside(1.0, 1_001.0), Some(500.0));
        assert_eq!(g.inside(1.0, 500.0), None);
        let g = Grid::new(0.005);
        assert_eq!(g.inside(0.01, 0.02), Some(0.015));
        assert_eq!(g.inside(0.01, 0.015), None);
    }

    /// A bisection tries at most `most_inside` values on any outcome.
    #[test]
    fn a_bisection_tries_at_most_the_values_counted_before() {
        for (from, to, step) in [(0.0, 50_000.0, 500.0), (1.0, 9.0, 1.0), (0.0, 0.5, 0.005)] {
            let g = Grid::new(step);
            for answer in 0..=100 {
                let answer = from + (to - from) * f64::from(answer) / 100.0;
                let (mut lo, mut hi, mut tried) = (from, to, 0);
                while let Some(mid) = g.inside(lo, hi) {
                    tried += 1;
                    if mid >= answer {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                assert!(tried <= g.most_inside(from, to), "{from}..{to} by {step}");
                assert!(hi - lo <= step * (1.0 + 1e-9), "{lo}..{hi} by {step}");
            }
        }
    }
}
