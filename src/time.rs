//! Simulated time: days since the scenario's start, as `f64`.
//!
//! The engine works in days because every output is in days; a day is exactly 1.0.
//! This module converts between that clock and civil date-times (via jiff), and
//! parses what users write for lengths of time: durations ("90min", "36h", "2.5d",
//! "2 weeks"), which are a fixed number of days, and periods, which may also count
//! whole calendar months or years ("1mo", "18 months", "1y") from a date.
//!
//! A month is not a number of days (28 to 31), so a duration in days never takes
//! one: months and years are refused by [`parse_duration`] and read only by
//! [`parse_period`], for keys that count from a date (`horizon` from `start`, a
//! shipment's `every` from its `at`). A month later is the same day of the month,
//! or the last day of a shorter month (31 January, then 28 or 29 February).

use jiff::civil::{Date, DateTime};
use jiff::{SignedDuration, Span};

/// Simulated time or a duration, in days.
pub type Days = f64;

/// Hours in a day, for reporting durations in hours.
pub const HOURS_PER_DAY: f64 = 24.0;

/// What a unit measures.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Scale {
    /// A fixed length: days per unit.
    Days(f64),
    /// Calendar months per unit (12 for a year).
    Months(u32),
}

/// Every unit, with its long names. "m" is none of them: minutes or months?
const UNITS: [(&[&str], Scale); 7] = [
    (&["s", "second", "seconds"], Scale::Days(1.0 / 86_400.0)),
    (&["min", "minute", "minutes"], Scale::Days(1.0 / 1_440.0)),
    (&["h", "hour", "hours"], Scale::Days(1.0 / 24.0)),
    (&["d", "day", "days"], Scale::Days(1.0)),
    (&["w", "week", "weeks"], Scale::Days(7.0)),
    (&["mo", "month", "months"], Scale::Months(1)),
    (&["y", "year", "years"], Scale::Months(12)),
];

/// What a duration may look like, for error messages.
pub const DURATION_HELP: &str = "a duration is a number with a unit: s, min, h, d or w (e.g. \"90min\", \"36h\", \"2.5d\", \"2w\")";

/// What a period may look like, for error messages.
pub const PERIOD_HELP: &str = "a period is a duration (a number with a unit: s, min, h, d or w, e.g. \"36h\", \"2w\") or whole calendar months or years (mo or y, e.g. \"1mo\", \"18 months\", \"1y\")";

/// Why months are refused in a duration, and where they are accepted.
pub const CALENDAR_HELP: &str = "months and years count on the calendar from a date, so they are accepted only in `horizon` (from `start`) and in a shipment's `every` (from its `at`)";

/// The longest duration accepted, in days: about 2,700 years, far past any
/// horizon (at most ten years), so anything this long never happens in a run;
/// longer ones (a number of 400 digits) would overflow the clock.
pub const MAX_DURATION_DAYS: Days = 1_000_000.0;

/// The longest period in months: about 2,700 years, as [`MAX_DURATION_DAYS`].
pub const MAX_MONTHS: u32 = 32_000;

/// Why a duration or a period was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    /// Not a number with a known unit, or negative: the reason, in words, ending
    /// with [`DURATION_HELP`].
    Malformed(String),
    /// Longer than [`MAX_DURATION_DAYS`] or [`MAX_MONTHS`]: the reason, in words.
    TooLarge(String),
    /// Months or years where a number of days is meant: the reason, in words,
    /// with a number of days to write instead.
    Calendar(String),
    /// A fraction of a month or a year: the reason, in words.
    Fractional(String),
}

impl std::fmt::Display for DurationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Malformed(reason)
            | Self::TooLarge(reason)
            | Self::Calendar(reason)
            | Self::Fractional(reason) => f.write_str(reason),
        }
    }
}

/// A length of time that may count calendar months.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Period {
    /// A fixed length, in days.
    Days(Days),
    /// Whole calendar months (a year is 12).
    Months(u32),
}

impl Period {
    /// Whether the period is empty: nothing would ever move on.
    pub fn is_zero(self) -> bool {
        match self {
            Self::Days(d) => d == 0.0,
            Self::Months(m) => m == 0,
        }
    }

    /// `anchor` moved on by `times` periods: for months, the anchor's day of the
    /// month (or the last day of a shorter month) at the anchor's time of day.
    /// `None` past the last date-time jiff holds (9999-12-31).
    pub fn after(self, anchor: DateTime, times: u32) -> Option<DateTime> {
        match self {
            Self::Days(d) => {
                // Whole microseconds: "8h" is a third of a day, and three of
                // them must make exactly one day, not one less a rounding.
                let micros = (d * 86_400e6 * f64::from(times)).round();
                if micros >= i64::MAX as f64 {
                    return None;
                }
                anchor
                    .checked_add(SignedDuration::from_micros(micros as i64))
                    .ok()
            }
            Self::Months(m) => {
                let span = Span::new()
                    .try_months(i64::from(m) * i64::from(times))
                    .ok()?;
                anchor.checked_add(span).ok()
            }
        }
    }
}

/// Parses a duration with units into days; months and years are refused
/// ([`DurationError::Calendar`]).
pub fn parse_duration(text: &str) -> Result<Days, DurationError> {
    let (value, scale) = split(text)?;
    match scale {
        Scale::Days(factor) => days(text, value, factor),
        Scale::Months(per) => {
            let approx = about_days(value, per);
            Err(DurationError::Calendar(format!(
                "\"{text}\" counts calendar months, which are 28 to 31 days long; write days instead, e.g. \"{approx}d\""
            )))
        }
    }
}

/// Parses a period: a duration, or whole calendar months or years.
pub fn parse_period(text: &str) -> Result<Period, DurationError> {
    let (value, scale) = split(text)?;
    match scale {
        Scale::Days(factor) => days(text, value, factor).map(Period::Days),
        Scale::Months(per) => {
            if value.fract() != 0.0 {
                let approx = about_days(value, per);
                return Err(DurationError::Fractional(format!(
                    "\"{text}\" is not a whole number of {}; for a part of a month write days, e.g. \"{approx}d\"",
                    if per == 1 { "months" } else { "years" }
                )));
            }
            let months = value * f64::from(per);
            if months > f64::from(MAX_MONTHS) {
                return Err(DurationError::TooLarge(format!(
                    "\"{text}\" is more than {MAX_MONTHS} months (about 2,700 years), the longest period accepted"
                )));
            }
            // `+ 0.0` turned -0 into 0 in `split`; a whole number this small fits.
            Ok(Period::Months(months as u32))
        }
    }
}

/// `value` months (or years, `per` 12) as a round number of days, for a hint:
/// 30 a month, 365 a year.
fn about_days(value: f64, per: u32) -> f64 {
    let days = if per == 12 {
        365.0
    } else {
        30.0 * f64::from(per)
    };
    (value * days).round()
}

/// The number and the unit of `text`.
fn split(text: &str) -> Result<(f64, Scale), DurationError> {
    let t = text.trim();
    let at = t
        .find(|c: char| c.is_ascii_alphabetic())
        .ok_or_else(|| malformed(format!("\"{text}\" has no unit")))?;
    let (number, unit) = t.split_at(at);
    let unit = unit.trim();
    if unit == "m" {
        return Err(malformed(format!(
            "\"{text}\" has the unit \"m\", which could be minutes or months: write \"min\" or \"mo\""
        )));
    }
    let scale = UNITS
        .iter()
        .find(|(names, _)| names.contains(&unit))
        .map(|(_, s)| *s)
        .ok_or_else(|| malformed(format!("\"{text}\" has an unknown unit \"{unit}\"")))?;
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| malformed(format!("\"{text}\" does not start with a number")))?;
    if value < 0.0 {
        return Err(malformed(format!("\"{text}\" must not be negative")));
    }
    // `+ 0.0` turns -0 into 0.
    Ok((value + 0.0, scale))
}

/// `value` units of `factor` days each, within [`MAX_DURATION_DAYS`].
fn days(text: &str, value: f64, factor: f64) -> Result<Days, DurationError> {
    // `+ 0.0` turns -0 into 0.
    let days = value * factor + 0.0;
    if days > MAX_DURATION_DAYS {
        return Err(DurationError::TooLarge(format!(
            "\"{text}\" is more than {MAX_DURATION_DAYS}d (about 2,700 years), the longest duration accepted"
        )));
    }
    Ok(days)
}

fn malformed(reason: String) -> DurationError {
    DurationError::Malformed(format!("{reason}; {DURATION_HELP}"))
}

/// Days from `start` to `at` (negative when `at` is earlier).
pub fn days_between(start: DateTime, at: DateTime) -> Days {
    let secs = start.duration_until(at).as_secs_f64();
    secs / 86_400.0
}

/// The civil date-time `days` after `start`, to the nearest second.
pub fn datetime_at(start: DateTime, days: Days) -> DateTime {
    let secs = (days * 86_400.0).round() as i64;
    start
        .checked_add(jiff::SignedDuration::from_secs(secs))
        .unwrap_or(DateTime::MAX)
}

/// The calendar date `days` after `start`.
pub fn date_at(start: DateTime, days: Days) -> Date {
    datetime_at(start, days).date()
}

#[cfg(test)]
mod tests;
