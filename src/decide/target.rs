//! Goal targets, and whether a variant's replications meet one with 95%
//! confidence.
//!
//! The grammar, as `goal --help` and docs/decisions.md give it:
//!
//! - `deadline >= 0.9`: cleared by the scenario's deadline in at least 90% of
//!   runs; `cleared by 2018-06-27 >= 0.9`: by the end of that date. The share
//!   may be written as a percentage, `>= 90%`.
//! - `p90 <= 120`: 90% of runs cleared within 120 days of the start;
//!   `p90 <= 2018-06-27`: by the end of that date.
//!
//! A date passes at the midnight after it, like a scenario's `deadline`, and is
//! turned into days since the scenario's start when the target is read.

use jiff::civil::{Date, DateTime, Time};

use crate::stats::Clearing;
use crate::time::{Days, date_at, days_between};

/// What a goal asks for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    /// The share cleared by the scenario's deadline is at least this.
    Deadline(f64),
    /// The share cleared by the end of a date is at least this.
    ClearedBy(By, f64),
    /// The q-quantile of days to clear is at most this many days.
    Quantile(f64, f64),
    /// The q-quantile of days to clear falls by the end of a date.
    QuantileBy(f64, By),
}

/// A date of a target, and where it falls on the scenario's clock.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct By {
    /// The date as written.
    pub date: Date,
    /// Days from the scenario's start to the midnight after `date`.
    pub at: Days,
    /// The scenario's start, to write days to clear as dates.
    pub start: DateTime,
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

/// What every target message ends with.
const HELP: &str = "write 'deadline >= 0.9' or 'cleared by 2018-06-27 >= 0.9' (the share of \
                    runs cleared by the deadline or a date), or 'p90 <= 120' or \
                    'p90 <= 2018-06-27' (90% of runs cleared within 120 days, or by a date)";

impl Target {
    /// Parses a target for a scenario that starts at `start` (see the module
    /// documentation for the grammar); `Err` says what is accepted.
    pub fn parse(text: &str, start: DateTime) -> Result<Self, String> {
        let (lhs, rhs, op) = if let Some((l, r)) = text.split_once(">=") {
            (l.trim(), r.trim(), ">=")
        } else if let Some((l, r)) = text.split_once("<=") {
            (l.trim(), r.trim(), "<=")
        } else {
            return Err(format!("cannot read target `{text}`: {HELP}"));
        };
        let by = |date: &str| -> Result<By, String> {
            let date: Date = date.parse().map_err(|_| {
                format!("cannot read `{date}` as a date like 2018-06-27 in target `{text}`")
            })?;
            let end = date
                .tomorrow()
                .map_err(|_| format!("the date in target `{text}` is past the calendar"))?
                .to_datetime(Time::midnight());
            let at = days_between(start, end);
            if at <= 0.0 {
                return Err(format!(
                    "the date in target `{text}` is before the scenario's start ({start})"
                ));
            }
            Ok(By { date, at, start })
        };
        match (lhs, op) {
            ("deadline", ">=") => Ok(Self::Deadline(share(rhs, text)?)),
            (l, ">=") if l.starts_with("cleared by ") => {
                let date = l["cleared by ".len()..].trim();
                Ok(Self::ClearedBy(by(date)?, share(rhs, text)?))
            }
            (q, "<=") if q.starts_with('p') => {
                let pct: f64 = q[1..]
                    .parse()
                    .ok()
                    .filter(|p| *p > 0.0 && *p < 100.0)
                    .ok_or_else(|| format!("`{q}` is not a percentile like p50 or p90; {HELP}"))?;
                let q = pct / 100.0;
                if looks_like_date(rhs) {
                    return Ok(Self::QuantileBy(q, by(rhs)?));
                }
                let days = finite(rhs, text)?;
                if days < 0.0 {
                    return Err(format!(
                        "the days in target `{text}` must be at least 0, e.g. 'p90 <= 120'"
                    ));
                }
                Ok(Self::Quantile(q, days + 0.0))
            }
            _ => Err(format!("cannot read target `{text}`: {HELP}")),
        }
    }

    /// The date the share is counted by, when the target names one.
    pub fn cleared_by(&self) -> Option<By> {
        match *self {
            Self::ClearedBy(by, _) => Some(by),
            _ => None,
        }
    }

    /// Whether the target is a share cleared by the scenario's own deadline.
    pub fn needs_deadline(&self) -> bool {
        matches!(self, Self::Deadline(_))
    }

    /// The estimate and its 95% interval: a share (Wilson), or days to clear
    /// (order statistics, `+∞` beyond the horizon).
    pub fn estimate(&self, c: &Clearing) -> Option<(f64, (f64, f64))> {
        match *self {
            Self::Deadline(_) | Self::ClearedBy(..) => {
                let s = c.by_deadline?;
                Some((s.value()?, s.wilson95()?))
            }
            Self::Quantile(q, _) | Self::QuantileBy(q, _) => {
                Some((c.quantile(q)?, c.quantile_ci95(q)?))
            }
        }
    }

    /// The verdict on `c`'s replications; `None` when the scenario has no
    /// deadline for a deadline target.
    pub fn judge(&self, c: &Clearing) -> Option<Verdict> {
        let (_, (lo, hi)) = self.estimate(c)?;
        Some(match self.threshold() {
            Threshold::AtLeast(p) if lo >= p => Verdict::Met,
            Threshold::AtLeast(p) if hi < p => Verdict::NotMet,
            Threshold::AtMost(d) if hi <= d => Verdict::Met,
            Threshold::AtMost(d) if lo > d => Verdict::NotMet,
            _ => Verdict::Unclear,
        })
    }

    /// Whether the point estimate meets the target (for the search's
    /// direction when the verdict is unclear at the cap).
    pub fn point_met(&self, c: &Clearing) -> bool {
        match (self.threshold(), self.estimate(c)) {
            (Threshold::AtLeast(p), Some((x, _))) => x >= p,
            (Threshold::AtMost(d), Some((x, _))) => x <= d,
            _ => false,
        }
    }

    fn threshold(&self) -> Threshold {
        match *self {
            Self::Deadline(p) | Self::ClearedBy(_, p) => Threshold::AtLeast(p),
            Self::Quantile(_, d) => Threshold::AtMost(d),
            Self::QuantileBy(_, by) => Threshold::AtMost(by.at),
        }
    }

    /// An estimate and its interval in words: "cleared by the deadline in
    /// 72.5% of runs (95% CI 65.1% to 79.0%)", "p90 120.3 days (95% CI 118.2
    /// to 125.0)", or "p90 never cleared within the horizon".
    pub fn estimate_words(&self, (x, (lo, hi)): (f64, (f64, f64))) -> String {
        let pct = |s: f64| format!("{:.1}%", s * 100.0);
        match *self {
            Self::Deadline(_) => format!(
                "cleared by the deadline in {} of runs (95% CI {} to {})",
                pct(x),
                pct(lo),
                pct(hi)
            ),
            Self::ClearedBy(by, _) => format!(
                "cleared by {} in {} of runs (95% CI {} to {})",
                by.date,
                pct(x),
                pct(lo),
                pct(hi)
            ),
            Self::Quantile(q, _) => {
                days_words(q, (x, lo, hi), |d| format!("{d:.1}"), (" days", "0"))
            }
            Self::QuantileBy(q, by) => days_words(
                q,
                (x, lo, hi),
                |d| date_at(by.start, d).to_string(),
                ("", "the start"),
            ),
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Threshold {
    AtLeast(f64),
    AtMost(f64),
}

/// A quantile of days to clear and its interval, each written by `at` (days
/// or a date), the estimate followed by `unit`; a lower bound before the first
/// run cleared reads `first`, infinite values are words.
fn days_words(
    q: f64,
    (x, lo, hi): (f64, f64, f64),
    at: impl Fn(f64) -> String,
    (unit, first): (&str, &str),
) -> String {
    let name = format!("p{}", crate::dist::num((q * 100.0 * 1e6).round() / 1e6));
    if x.is_infinite() {
        return if lo.is_infinite() {
            format!("{name} never cleared within the horizon")
        } else {
            format!(
                "{name} never cleared within the horizon (95% CI from {}{unit})",
                at(lo)
            )
        };
    }
    let lo = if lo.is_finite() {
        at(lo)
    } else {
        first.to_owned()
    };
    let hi = if hi.is_finite() {
        at(hi)
    } else {
        "beyond the horizon".to_owned()
    };
    format!("{name} {}{unit} (95% CI {lo} to {hi})", at(x))
}

/// Whether `text` is meant as a date (it has a `-` after a digit).
fn looks_like_date(text: &str) -> bool {
    text.len() > 1 && text[1..].contains('-') && text.starts_with(|c: char| c.is_ascii_digit())
}

/// A share from 0 to 1, or a percentage from 0% to 100%.
fn share(rhs: &str, text: &str) -> Result<f64, String> {
    let (number, scale) = match rhs.strip_suffix('%') {
        Some(n) => (n.trim(), 100.0),
        None => (rhs, 1.0),
    };
    let value = finite(number, text)? / scale;
    if (0.0..=1.0).contains(&value) {
        Ok(value + 0.0)
    } else {
        Err(format!(
            "the share in target `{text}` must be from 0 to 1 (or 0% to 100%), e.g. 'deadline >= 0.9'"
        ))
    }
}

/// A finite number; "nan" and "inf" parse as numbers, but no run can meet or
/// miss them.
fn finite(rhs: &str, text: &str) -> Result<f64, String> {
    rhs.parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| format!("cannot read `{rhs}` as a finite number in target `{text}`; {HELP}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> DateTime {
        "2017-09-25T08:00:00".parse().unwrap()
    }

    fn parse(text: &str) -> Result<Target, String> {
        Target::parse(text, start())
    }

    #[test]
    fn targets_parse_or_say_what_is_accepted() {
        assert_eq!(parse("deadline >= 0.9"), Ok(Target::Deadline(0.9)));
        assert_eq!(parse("deadline >= 90%"), Ok(Target::Deadline(0.9)));
        assert_eq!(parse("p90<=120"), Ok(Target::Quantile(0.9, 120.0)));
        let err = parse("p90 >= 3").unwrap_err();
        assert!(
            err.starts_with("cannot read target `p90 >= 3`: write "),
            "{err}"
        );
        assert_eq!(
            parse("deadline >= 1.5").unwrap_err(),
            "the share in target `deadline >= 1.5` must be from 0 to 1 (or 0% to 100%), \
             e.g. 'deadline >= 0.9'"
        );
        assert!(parse("p100 <= 3").is_err());
        assert_eq!(
            parse("p90 <= -3").unwrap_err(),
            "the days in target `p90 <= -3` must be at least 0, e.g. 'p90 <= 120'"
        );
        for text in ["p90 <= nan", "p90 <= inf", "deadline >= NaN"] {
            let err = parse(text).unwrap_err();
            assert!(err.starts_with("cannot read `"), "{text}: {err}");
            assert!(err.contains("as a finite number"), "{text}: {err}");
        }
    }

    /// A date passes at the midnight after it: from 08:00 on 25 September to
    /// the end of 27 September is 2 days and 16 hours.
    #[test]
    fn a_date_is_the_end_of_that_day_in_days_since_the_start() {
        let by = By {
            date: "2017-09-27".parse().unwrap(),
            at: 2.0 + 16.0 / 24.0,
            start: start(),
        };
        assert_eq!(parse("p90 <= 2017-09-27"), Ok(Target::QuantileBy(0.9, by)));
        assert_eq!(
            parse("cleared by 2017-09-27 >= 0.9"),
            Ok(Target::ClearedBy(by, 0.9))
        );
        assert_eq!(
            parse("p90 <= 2017-09-24").unwrap_err(),
            "the date in target `p90 <= 2017-09-24` is before the scenario's start \
             (2017-09-25T08:00:00)"
        );
        assert_eq!(
            parse("cleared by 2017-13-01 >= 0.9").unwrap_err(),
            "cannot read `2017-13-01` as a date like 2018-06-27 in target \
             `cleared by 2017-13-01 >= 0.9`"
        );
    }

    #[test]
    fn estimates_read_as_words_and_never_as_inf() {
        let p90 = parse("p90 <= 120").unwrap();
        let inf = f64::INFINITY;
        assert_eq!(
            p90.estimate_words((inf, (inf, inf))),
            "p90 never cleared within the horizon"
        );
        assert_eq!(
            p90.estimate_words((100.0, (90.31, inf))),
            "p90 100.0 days (95% CI 90.3 to beyond the horizon)"
        );
        assert_eq!(
            parse("p90 <= 2017-12-31")
                .unwrap()
                .estimate_words((10.0, (-inf, 20.0))),
            "p90 2017-10-05 (95% CI the start to 2017-10-15)"
        );
        assert_eq!(
            parse("cleared by 2017-12-31 >= 0.9")
                .unwrap()
                .estimate_words((0.725, (0.651, 0.79))),
            "cleared by 2017-12-31 in 72.5% of runs (95% CI 65.1% to 79.0%)"
        );
    }
}
