//! How numbers and dates become text, so that the same result always prints the
//! same bytes: a fixed number of decimals per unit, an empty cell for a value
//! that does not exist.
//!
//! Days print with 4 decimals (under 9 seconds), hours with 2, cards of lost
//! capacity with 1, whole counts (cards, records, working days) as integers; a
//! mean of whole counts gets 1 decimal. Shares print as fractions with 4 decimals.

use jiff::civil::DateTime;

use crate::stats::Unit;
use crate::time::date_at;

/// Decimals for a value of `unit` (a single replication's value or a quantile).
pub fn places(unit: Unit) -> usize {
    match unit {
        Unit::Days => 4,
        Unit::Hours => 2,
        Unit::Cards => 1,
        Unit::Count | Unit::Rupiah => 0,
        Unit::Share => 4,
    }
}

/// Decimals for a mean or interval bound of `unit`: a mean of whole numbers is not one.
pub fn mean_places(unit: Unit) -> usize {
    places(unit).max(1)
}

/// Decimals of a share (a fraction in [0, 1]).
pub const SHARE_PLACES: usize = 4;

/// Said, in tables and the report, of the share cleared by a deadline after
/// the horizon when not every replication cleared by the horizon: it is not
/// known, and must not read as a miss. In CSV files it is an empty cell.
pub const UNKNOWN_SHARE: &str = "unknown (deadline after horizon)";

/// `x` with `places` decimals; never `-0.0`, which would differ from `0.0` in text only.
pub fn fixed(x: f64, places: usize) -> String {
    let text = format!("{x:.places$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_owned(),
        _ => text,
    }
}

/// An amount in rupiah for the printed words: whole rupiah with thousands
/// separators, "Rp 4,500,000"; a negative amount "-Rp 250,000".
pub fn rupiah(x: f64) -> String {
    let whole = fixed(x.abs(), 0);
    let sign = if x < 0.0 && whole != "0" { "-" } else { "" };
    format!("{sign}Rp {}", crate::scenario::words::group_digits(&whole))
}

/// A cell: the value with `places` decimals, or empty when it does not exist.
pub fn cell(x: Option<f64>, places: usize) -> Option<String> {
    x.map(|x| fixed(x, places))
}

/// A cell holding the date `day` days after `start`, or empty.
pub fn date_cell(start: DateTime, day: Option<f64>) -> Option<String> {
    day.map(|d| date_at(start, d).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_and_no_negative_zero() {
        assert_eq!(fixed(84.0, 4), "84.0000");
        assert_eq!(fixed(2.0 / 3.0, 2), "0.67");
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-0.04, 1), "0.0");
        assert_eq!(fixed(-0.06, 1), "-0.1");
        assert_eq!(fixed(23_456.6, places(Unit::Count)), "23457");
        assert_eq!(cell(None, 4), None);
    }

    #[test]
    fn rupiah_in_whole_rupiah_with_thousands_separators() {
        assert_eq!(rupiah(124_139_630.4), "Rp 124,139,630");
        assert_eq!(rupiah(999.5), "Rp 1,000");
        assert_eq!(rupiah(12.0), "Rp 12");
        assert_eq!(rupiah(0.0), "Rp 0");
        assert_eq!(rupiah(-0.3), "Rp 0");
        assert_eq!(rupiah(-250_000.0), "-Rp 250,000");
    }

    #[test]
    fn dates_are_calendar_dates_of_the_moment() {
        let start: DateTime = "2017-09-25T08:00:00".parse().unwrap();
        assert_eq!(date_cell(start, Some(0.6)).unwrap(), "2017-09-25");
        assert_eq!(date_cell(start, Some(0.7)).unwrap(), "2017-09-26");
    }
}
