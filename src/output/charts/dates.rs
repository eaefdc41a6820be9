//! Calendar-date tick marks for axes that measure days since a scenario's start.
//!
//! Charts plot time as days since the start moment (the engine's clock), but a
//! planner reads dates. Ticks fall on the first of a month (every 1, 2, 3, 6 or
//! 12 months) for long spans and on whole days (every 1, 2, 7 or 14) for short
//! ones, choosing the finest step that keeps the labels from touching.

use std::ops::Range;

use jiff::ToSpan;
use jiff::civil::{Date, DateTime};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;

use crate::time::{Days, date_at, days_between};

/// Month steps to try, finest first.
const MONTH_STEPS: [i32; 5] = [1, 2, 3, 6, 12];
/// Day steps to try for spans too short for monthly ticks.
const DAY_STEPS: [i32; 4] = [1, 2, 7, 14];
/// Below this many days, monthly ticks would leave the axis almost bare.
const SHORT_SPAN: Days = 75.0;

/// Tick positions (days since `start`) with their labels.
#[derive(Debug, Clone, PartialEq)]
pub struct DateTicks {
    /// Positions in days since the start moment, increasing.
    pub at: Vec<Days>,
    /// One label per position.
    pub labels: Vec<String>,
}

impl DateTicks {
    /// Ticks for the span `from..=to` (days since `start`), at most `max` of them.
    pub fn new(start: DateTime, from: Days, to: Days, max: usize) -> Self {
        // Ticks start at the first midnight (or first of a month) in the span.
        let first_midnight = |d: Date, step: jiff::Span| {
            if at_midnight(start, d) < from {
                d.checked_add(step).unwrap_or(d)
            } else {
                d
            }
        };
        let first = date_at(start, from);
        let last = date_at(start, to);
        let candidates: Vec<Vec<Date>> = if to - from < SHORT_SPAN {
            let day = first_midnight(first, 1.day());
            DAY_STEPS
                .iter()
                .map(|&step| series(day, last, step.days()))
                .collect()
        } else {
            let month_start = first_midnight(first.first_of_month(), 1.month());
            MONTH_STEPS
                .iter()
                .map(|&step| series(month_start, last, step.months()))
                .collect()
        };
        let short = to - from < SHORT_SPAN;
        let dates = candidates
            .into_iter()
            .map(|dates| {
                dates
                    .into_iter()
                    .filter(|d| {
                        let x = at_midnight(start, *d);
                        x >= from && x <= to
                    })
                    .collect::<Vec<_>>()
            })
            .find(|dates| dates.len() <= max)
            .unwrap_or_default();
        Self {
            at: dates.iter().map(|d| at_midnight(start, *d)).collect(),
            labels: dates.iter().map(|d| label(*d, short)).collect(),
        }
    }

    /// The label of the tick at `x`, or an empty string between ticks.
    pub fn label_of(&self, x: Days) -> String {
        self.at
            .iter()
            .position(|&t| (t - x).abs() < 1e-6)
            .map(|i| self.labels[i].clone())
            .unwrap_or_default()
    }
}

/// An x axis of days since the start whose grid lines and labels sit on the
/// date ticks; plotters' own key-point wrapper loses the label formatter for
/// `f64`, hence this small coordinate type.
#[derive(Clone)]
pub struct DateAxis {
    inner: RangedCoordf64,
    ticks: Vec<Days>,
}

impl DateAxis {
    /// The axis over `range` with grid lines at `ticks`.
    pub fn new(range: Range<Days>, ticks: &DateTicks) -> Self {
        Self {
            inner: range.into(),
            ticks: ticks.at.clone(),
        }
    }
}

impl Ranged for DateAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = Days;

    fn map(&self, value: &Days, limit: (i32, i32)) -> i32 {
        self.inner.map(value, limit)
    }

    fn key_points<H: KeyPointHint>(&self, hint: H) -> Vec<Days> {
        // Light grid lines would fall between dates: none.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<Days> {
        self.inner.range()
    }
}

/// `from`, `from + step`, ... up to `last` inclusive.
fn series(from: Date, last: Date, step: jiff::Span) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= last {
        out.push(d);
        match d.checked_add(step) {
            Ok(next) => d = next,
            Err(_) => break,
        }
    }
    out
}

/// Days from `start` to the midnight that begins `date`.
pub fn at_midnight(start: DateTime, date: Date) -> Days {
    days_between(start, date.to_datetime(jiff::civil::Time::midnight()))
}

/// "Nov 2017" for monthly ticks, "27 Nov" for daily ones.
fn label(date: Date, short: bool) -> String {
    if short {
        date.strftime("%-d %b").to_string()
    } else {
        date.strftime("%b %Y").to_string()
    }
}

/// A date as a planner reads it in an annotation: "27 Jun 2018".
pub fn long(start: DateTime, day: Days) -> String {
    date_at(start, day).strftime("%-d %b %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> DateTime {
        "2017-09-25T08:00:00".parse().unwrap()
    }

    #[test]
    fn a_year_gets_two_monthly_ticks_at_most_eight() {
        let t = DateTicks::new(start(), 0.0, 365.0, 8);
        assert_eq!(
            t.labels,
            [
                "Oct 2017", "Dec 2017", "Feb 2018", "Apr 2018", "Jun 2018", "Aug 2018"
            ]
        );
        // 1 October is 5 days and 16 hours after Monday 25 September, 08:00.
        assert!((t.at[0] - (5.0 + 16.0 / 24.0)).abs() < 1e-9);
        assert_eq!(t.label_of(t.at[1]), "Dec 2017");
        assert_eq!(t.label_of(3.0), "");
    }

    #[test]
    fn short_spans_get_day_ticks() {
        let t = DateTicks::new(start(), 0.0, 20.0, 8);
        assert_eq!(t.labels, ["26 Sep", "3 Oct", "10 Oct"]);
        assert_eq!(long(start(), 0.0), "25 Sep 2017");
    }
}
