//! Goal targets: `deadline >= 0.9` (the chance of clearing by the deadline)
//! or `p90 <= 120` (a quantile of days to clear), and whether a variant's
//! replications meet one with 95% confidence.

use crate::stats::Clearing;

/// What a goal asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// The share cleared by the deadline is at least this.
    Deadline(f64),
    /// The q-quantile of days to clear is at most this many days.
    Quantile(f64, f64),
}

/// Whether replications meet a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The 95% interval lies entirely on the good side.
    Met,
    /// The 95% interval lies entirely on the bad side.
    NotMet,
    /// The interval straddles the threshold.
    Unclear,
}

impl Target {
    /// Parses `deadline >= P` or `pNN <= DAYS`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let help = "write 'deadline >= 0.9' (chance of clearing by the deadline) or 'p90 <= 120' (a quantile of days to clear)";
        let (lhs, rhs, op) = if let Some((l, r)) = text.split_once(">=") {
            (l.trim(), r.trim(), ">=")
        } else if let Some((l, r)) = text.split_once("<=") {
            (l.trim(), r.trim(), "<=")
        } else {
            return Err(format!("cannot read target `{text}`: {help}"));
        };
        // "nan" and "inf" parse as numbers, but no run can meet or miss them.
        let value: f64 = rhs
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| {
                format!("cannot read `{rhs}` as a finite number in target `{text}`; {help}")
            })?;
        match (lhs, op) {
            ("deadline", ">=") if (0.0..=1.0).contains(&value) => Ok(Self::Deadline(value)),
            ("deadline", ">=") => Err(format!(
                "the share in target `{text}` must be from 0 to 1, e.g. 'deadline >= 0.9'"
            )),
            (q, "<=") if q.starts_with('p') => {
                let pct: f64 = q[1..]
                    .parse()
                    .ok()
                    .filter(|p| *p > 0.0 && *p < 100.0)
                    .ok_or_else(|| format!("`{q}` is not a percentile like p50 or p90; {help}"))?;
                if value < 0.0 {
                    return Err(format!(
                        "the days in target `{text}` must be at least 0, e.g. 'p90 <= 120'"
                    ));
                }
                Ok(Self::Quantile(pct / 100.0, value + 0.0))
            }
            _ => Err(format!("cannot read target `{text}`: {help}")),
        }
    }

    /// The estimate and its 95% interval (Wilson for the share; order
    /// statistics for a quantile, `+∞` beyond the horizon).
    pub fn estimate(&self, c: &Clearing) -> Option<(f64, (f64, f64))> {
        match *self {
            Self::Deadline(_) => {
                let s = c.by_deadline?;
                Some((s.value()?, s.wilson95()?))
            }
            Self::Quantile(q, _) => Some((c.quantile(q)?, c.quantile_ci95(q)?)),
        }
    }

    /// The verdict on `c`'s replications; `None` when the scenario has no
    /// deadline for a deadline target.
    pub fn judge(&self, c: &Clearing) -> Option<Verdict> {
        let (_, (lo, hi)) = self.estimate(c)?;
        Some(match *self {
            Self::Deadline(p) if lo >= p => Verdict::Met,
            Self::Deadline(p) if hi < p => Verdict::NotMet,
            Self::Quantile(_, d) if hi <= d => Verdict::Met,
            Self::Quantile(_, d) if lo > d => Verdict::NotMet,
            _ => Verdict::Unclear,
        })
    }

    /// Whether the point estimate meets the target (for the search's
    /// direction when the verdict is unclear at the cap).
    pub fn point_met(&self, c: &Clearing) -> bool {
        match (self, self.estimate(c)) {
            (Self::Deadline(p), Some((x, _))) => x >= *p,
            (Self::Quantile(_, d), Some((x, _))) => x <= *d,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_or_say_what_is_accepted() {
        assert_eq!(Target::parse("deadline >= 0.9"), Ok(Target::Deadline(0.9)));
        assert_eq!(Target::parse("p90<=120"), Ok(Target::Quantile(0.9, 120.0)));
        let err = Target::parse("p90 >= 3").unwrap_err();
        assert!(err.starts_with("cannot read target `p90 >= 3`"), "{err}");
        assert_eq!(
            Target::parse("deadline >= 1.5").unwrap_err(),
            "the share in target `deadline >= 1.5` must be from 0 to 1, e.g. 'deadline >= 0.9'"
        );
        assert!(Target::parse("p100 <= 3").is_err());
        assert_eq!(
            Target::parse("p90 <= -3").unwrap_err(),
            "the days in target `p90 <= -3` must be at least 0, e.g. 'p90 <= 120'"
        );
        for text in ["p90 <= nan", "p90 <= inf", "deadline >= NaN"] {
            let err = Target::parse(text).unwrap_err();
            assert!(err.starts_with("cannot read `"), "{text}: {err}");
            assert!(err.contains("as a finite number"), "{text}: {err}");
        }
    }
}
