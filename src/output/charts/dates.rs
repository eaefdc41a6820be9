//! Calendar-date tick marks for axes that measure days since a scenario's start.
//!
//! Charts plot time as days since the start moment (the engine's clock), but a
//! planner reads dates. The tick rule tries steps from the finest to the
//! coarsest (hours, days, Monday weeks, months aligned to quarters and
//! half-years, years aligned to multiples of 2 or 5) and keeps the finest that
//! gives at most [`MAX_LABELS`] ticks inside the span. No step is more than 2.5
//! times the one before it, so the step kept gives at least 4 ticks on any span
//! of a day or more: a week gets days, a year months, ten years years.

use std::ops::Range;

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;

use crate::time::{Days, date_at, datetime_at, days_between};

/// The most ticks an axis gets; the labels are at most 8 characters, so ten
/// of them fit the narrowest date axis (about 780 pixels) with room between.
pub const MAX_LABELS: usize = 10;

/// One spacing of ticks, each aligned to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Every n hours of the clock, from midnight.
    Hours(i8),
    /// Every n midnights, from the first in the span.
    Days(i8),
    /// Every n Mondays, from the first in the span.
    Weeks(i8),
    /// The first of every n-th month, counted from January (n = 3: quarters).
    Months(i8),
    /// The first of January of years that are multiples of n.
    Years(i16),
}

/// The steps tried, finest first; each at most 2.5 times the one before.
const STEPS: [Step; 17] = [
    Step::Hours(1),
    Step::Hours(2),
    Step::Hours(3),
    Step::Hours(6),
    Step::Hours(12),
    Step::Days(1),
    Step::Days(2),
    Step::Days(3),
    Step::Weeks(1),
    Step::Weeks(2),
    Step::Months(1),
    Step::Months(2),
    Step::Months(3),
    Step::Months(6),
    Step::Years(1),
    Step::Years(2),
    Step::Years(5),
];

/// Tick positions (days since `start`) with their labels.
#[derive(Debug, Clone, PartialEq)]
pub struct DateTicks {
    /// Positions in days since the start moment, increasing.
    pub at: Vec<Days>,
    /// One label per position.
    pub labels: Vec<String>,
}

impl DateTicks {
    /// Ticks for the span `from..=to` (days since `start`): the finest step
    /// with at most [`MAX_LABELS`] of them.
    pub fn new(start: DateTime, from: Days, to: Days) -> Self {
        let (first, last) = (datetime_at(start, from), datetime_at(start, to));
        let Some((step, moments)) = STEPS
            .iter()
            .find_map(|&step| ticks(step, first, last).map(|m| (step, m)))
        else {
            return Self {
                at: Vec::new(),
                labels: Vec::new(),
            };
        };
        Self {
            at: moments.iter().map(|&m| days_between(start, m)).collect(),
            labels: moments.iter().map(|&m| label(step, m)).collect(),
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

/// The moments of `step` in `first..=last`, or `None` when there are more
/// than [`MAX_LABELS`] (counting stops there, so ten years of hours cost
/// nothing).
fn ticks(step: Step, first: DateTime, last: DateTime) -> Option<Vec<DateTime>> {
    let mut out = Vec::new();
    let mut m = first_at_or_after(step, first)?;
    while m <= last {
        if out.len() == MAX_LABELS {
            return None;
        }
        out.push(m);
        m = match step {
            Step::Hours(n) => m.checked_add(i64::from(n).hours()),
            Step::Days(n) => m.checked_add(i64::from(n).days()),
            Step::Weeks(n) => m.checked_add(i64::from(n).weeks()),
            Step::Months(n) => m.checked_add(i64::from(n).months()),
            Step::Years(n) => m.checked_add(i64::from(n).years()),
        }
        .ok()?;
    }
    Some(out)
}

/// The first moment of `step`'s series at or after `t`.
fn first_at_or_after(step: Step, t: DateTime) -> Option<DateTime> {
    let midnight = |d: Date| d.to_datetime(Time::midnight());
    let day = t.date();
    // Candidates at or before t's day, then moved forward one step at a time.
    let (mut m, next): (DateTime, jiff::Span) = match step {
        Step::Hours(n) => {
            let h = t.hour() - t.hour() % n;
            (
                day.to_datetime(Time::new(h, 0, 0, 0).ok()?),
                i64::from(n).hours(),
            )
        }
        Step::Days(_) => (midnight(day), 1.day()),
        Step::Weeks(_) => {
            let back = i64::from(day.weekday().to_monday_zero_offset());
            (midnight(day.checked_sub(back.days()).ok()?), 1.week())
        }
        Step::Months(n) => {
            let month = day.month() - (day.month() - 1) % n;
            let d = Date::new(day.year(), month, 1).ok()?;
            (midnight(d), i64::from(n).months())
        }
        Step::Years(n) => {
            let year = day.year() - day.year().rem_euclid(n);
            (midnight(Date::new(year, 1, 1).ok()?), i64::from(n).years())
        }
    };
    while m < t {
        m = m.checked_add(next).ok()?;
    }
    Some(m)
}

/// "06:00" between midnights and "26 Sep" at midnight for hourly ticks, "26
/// Sep" for days and weeks, "Nov 2017" for months, "2018" for years.
fn label(step: Step, m: DateTime) -> String {
    let format = match step {
        Step::Hours(_) if m.time() != Time::midnight() => "%H:%M",
        Step::Hours(_) | Step::Days(_) | Step::Weeks(_) => "%-d %b",
        Step::Months(_) => "%b %Y",
        Step::Years(_) => "%Y",
    };
    m.strftime(format).to_string()
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

/// Days from `start` to the midnight that begins `date`.
pub fn at_midnight(start: DateTime, date: Date) -> Days {
    days_between(start, date.to_datetime(jiff::civil::Time::midnight()))
}

/// Days from `start` to the midnight that ends day `i` of a daily series
/// (day 0 is the start's date); `None` past the last date jiff knows.
pub fn end_of_day(start: DateTime, i: usize) -> Option<Days> {
    let date = start
        .date()
        .checked_add(jiff::Span::new().days(i as i64 + 1))
        .ok()?;
    Some(at_midnight(start, date))
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

    /// Every tick lies in the span and is labelled with its own date.
    fn assert_inside(t: &DateTicks, from: Days, to: Days) {
        assert_eq!(t.at.len(), t.labels.len());
        for (x, l) in t.at.iter().zip(&t.labels) {
            assert!(
                *x >= from - 1e-9 && *x <= to + 1e-9,
                "{x} outside {from}..{to}"
            );
            let m = datetime_at(start(), *x);
            let date = m.date();
            let own = [
                date.strftime("%-d %b").to_string(),
                date.strftime("%b %Y").to_string(),
                date.strftime("%Y").to_string(),
                m.strftime("%H:%M").to_string(),
            ];
            assert!(own.contains(l), "{l} is not the date of {m}");
        }
        assert!(t.at.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn spans_from_a_week_to_ten_years_get_four_to_ten_labels() {
        for (span, first, last) in [
            (7.0, "26 Sep", "2 Oct"),
            (30.0, "26 Sep", "23 Oct"),
            (75.0, "2 Oct", "4 Dec"),
            (365.0, "Nov 2017", "Sep 2018"),
            (1000.0, "Jan 2018", "Jan 2020"),
            (3300.0, "2018", "2026"),
            (3653.0, "2018", "2027"),
        ] {
            let t = DateTicks::new(start(), 0.0, span);
            assert!((4..=MAX_LABELS).contains(&t.at.len()), "{span}: {t:?}");
            assert_inside(&t, 0.0, span);
            assert_eq!(t.labels.first().map(String::as_str), Some(first), "{span}");
            assert_eq!(t.labels.last().map(String::as_str), Some(last), "{span}");
        }
    }

    #[test]
    fn every_span_of_a_day_or_more_gets_four_to_ten_labels() {
        let midnight: DateTime = "2020-01-01T00:00:00".parse().unwrap();
        for start in [start(), midnight] {
            for span in 1..=3653 {
                for from in [0.0, 0.3] {
                    let to = from + f64::from(span);
                    let t = DateTicks::new(start, from, to);
                    let n = t.at.len();
                    assert!((4..=MAX_LABELS).contains(&n), "{start} {from}..{to}: {n}");
                    assert!(t.at.iter().all(|x| *x >= from && *x <= to));
                }
            }
        }
    }

    #[test]
    fn steps_align_to_the_calendar() {
        // A year: every second month from January, the first one in the span.
        let t = DateTicks::new(start(), 0.0, 365.0);
        assert_eq!(
            t.labels,
            [
                "Nov 2017", "Jan 2018", "Mar 2018", "May 2018", "Jul 2018", "Sep 2018"
            ]
        );
        // 1 November is 36 days and 16 hours after Monday 25 September, 08:00.
        assert!((t.at[0] - (36.0 + 16.0 / 24.0)).abs() < 1e-9);
        assert_eq!(t.label_of(t.at[1]), "Jan 2018");
        assert_eq!(t.label_of(3.0), "");
        // Weeks start on Mondays.
        let t = DateTicks::new(start(), 0.0, 40.0);
        assert_eq!(t.labels[..3], ["2 Oct", "9 Oct", "16 Oct"]);
        // A day: every three hours, the midnight by its date.
        let t = DateTicks::new(start(), 0.0, 1.0);
        assert_eq!(
            t.labels,
            [
                "09:00", "12:00", "15:00", "18:00", "21:00", "26 Sep", "03:00", "06:00"
            ]
        );
        assert_eq!(long(start(), 0.0), "25 Sep 2017");
    }

    #[test]
    fn ten_years_of_labels_fit_the_narrowest_axis() {
        use super::super::style;
        let font = style::text(style::TICK_PX);
        // The widest label any step writes.
        let widest = style::width(&font, "Sep 2017").max(style::width(&font, "26 Sep"));
        assert!(widest as usize * MAX_LABELS < 700, "{widest}");
    }
}
