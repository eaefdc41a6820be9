//! Simulated time: days since the scenario's start, as `f64`.
//!
//! The engine works in days because every output is in days; a day is exactly 1.0.
//! This module converts between that clock and civil date-times (via jiff), and
//! parses durations written with units ("90min", "36h", "2.5d", "2w").

use jiff::civil::{Date, DateTime};

/// Simulated time or a duration, in days.
pub type Days = f64;

/// Hours in a day, for reporting durations in hours.
pub const HOURS_PER_DAY: f64 = 24.0;

const UNITS: [(&str, f64); 5] = [
    ("s", 1.0 / 86_400.0),
    ("min", 1.0 / 1_440.0),
    ("h", 1.0 / 24.0),
    ("d", 1.0),
    ("w", 7.0),
];

/// What a duration may look like, for error messages.
pub const DURATION_HELP: &str = "a duration is a number with a unit: s, min, h, d or w (e.g. \"90min\", \"36h\", \"2.5d\", \"2w\")";

/// The longest duration accepted, in days: about 2,700 years, far past any
/// horizon (at most ten years), so anything this long never happens in a run;
/// longer ones (a number of 400 digits) would overflow the clock.
pub const MAX_DURATION_DAYS: Days = 1_000_000.0;

/// Why a duration was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DurationError {
    /// Not a number with a known unit, or negative: the reason, in words, ending
    /// with [`DURATION_HELP`].
    Malformed(String),
    /// Longer than [`MAX_DURATION_DAYS`]: the reason, in words.
    TooLarge(String),
}

impl std::fmt::Display for DurationError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Malformed(reason) | Self::TooLarge(reason) => f.write_str(reason),
        }
    }
}

/// Parses a duration with units into days.
pub fn parse_duration(text: &str) -> Result<Days, DurationError> {
    let t = text.trim();
    let split = t
        .find(|c: char| c.is_ascii_alphabetic())
        .ok_or_else(|| malformed(format!("\"{text}\" has no unit")))?;
    let (number, unit) = t.split_at(split);
    let factor = UNITS
        .iter()
        .find(|(u, _)| *u == unit.trim())
        .map(|(_, f)| *f)
        .ok_or_else(|| {
            malformed(format!(
                "\"{text}\" has an unknown unit \"{}\"",
                unit.trim()
            ))
        })?;
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| malformed(format!("\"{text}\" does not start with a number")))?;
    if value < 0.0 {
        return Err(malformed(format!("\"{text}\" must not be negative")));
    }
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
mod tests {
    use super::*;

    #[test]
    fn durations_convert_to_days() {
        assert_eq!(parse_duration("2d").unwrap(), 2.0);
        assert_eq!(parse_duration("2.5d").unwrap(), 2.5);
        assert_eq!(parse_duration("36h").unwrap(), 1.5);
        assert_eq!(parse_duration("90min").unwrap(), 90.0 / 1440.0);
        assert_eq!(parse_duration("2w").unwrap(), 14.0);
        assert_eq!(parse_duration("0d").unwrap(), 0.0);
        assert_eq!(parse_duration("43200s").unwrap(), 0.5);
    }

    #[test]
    fn bad_durations_say_what_is_accepted() {
        assert_eq!(
            parse_duration("12").unwrap_err().to_string(),
            format!("\"12\" has no unit; {DURATION_HELP}")
        );
        assert_eq!(
            parse_duration("3 days").unwrap_err().to_string(),
            format!("\"3 days\" has an unknown unit \"days\"; {DURATION_HELP}")
        );
        assert!(parse_duration("-2d").is_err());
        // 10^308 weeks overflow as days: too large; a negative zero is zero.
        let weeks = format!("1{}w", "0".repeat(308));
        assert!(matches!(
            parse_duration(&weeks),
            Err(DurationError::TooLarge(_))
        ));
        assert!(parse_duration("-0d").unwrap().is_sign_positive());
    }

    #[test]
    fn overlong_durations_are_too_large_not_negative() {
        assert_eq!(parse_duration("1000000d").unwrap(), MAX_DURATION_DAYS);
        assert_eq!(parse_duration("86400000000s").unwrap(), MAX_DURATION_DAYS);
        let digits = format!("{}d", "9".repeat(400));
        assert_eq!(
            parse_duration(&digits).unwrap_err(),
            DurationError::TooLarge(format!(
                "\"{digits}\" is more than 1000000d (about 2,700 years), the longest duration accepted"
            ))
        );
        for long in ["142858w", "1000000.001d"] {
            assert!(matches!(
                parse_duration(long),
                Err(DurationError::TooLarge(_))
            ));
        }
    }

    #[test]
    fn clock_round_trips_through_civil_time() {
        let start: DateTime = "2017-09-25T08:00:00".parse().unwrap();
        let at: DateTime = "2017-09-27T20:00:00".parse().unwrap();
        assert_eq!(days_between(start, at), 2.5);
        assert_eq!(datetime_at(start, 2.5), at);
    }
}
