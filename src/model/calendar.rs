//! The working calendar: when the office is open, day by day.
//!
//! Built once per scenario into a table with one entry per calendar date from
//! the start date to the horizon's date, so the engine never does date
//! arithmetic while it runs. Day `d` is the `d`-th date after the start date
//! (day 0 is the start date itself); all times are days since the start.

use jiff::civil::{Date, DateTime, Weekday};

use crate::scenario::CalendarConfig;
use crate::time::Days;

/// One calendar date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Day {
    /// The date.
    pub date: Date,
    /// Midnight at the end of this date, days since start.
    pub end: Days,
    /// Opening hours this date, `[open, close)` in days since start, clipped to
    /// the start; `None` when the office is closed all day (or the day's opening
    /// hours ended before the start).
    pub open: Option<(Days, Days)>,
    /// Whether this is a working day (a working weekday and not a holiday),
    /// whether or not its hours fall after the start.
    pub working: bool,
    /// Working days from the start date to this date, this date included.
    pub workdays_through: u32,
}

/// The office's calendar from the start date to the horizon's date.
#[derive(Debug, Clone)]
pub struct Calendar {
    days: Vec<Day>,
    /// Length of a full day's opening hours, in days.
    open_length: Days,
    /// Offset of midnight before the start date, in days since start (<= 0).
    first_midnight: Days,
}

impl Calendar {
    /// The calendar for a run from `start` lasting `horizon` days. Without a
    /// `[calendar]` table the office is open around the clock every day.
    pub fn new(config: Option<&CalendarConfig>, start: DateTime, horizon: Days) -> Self {
        let day_fraction = f64::from(start.hour()) / 24.0
            + f64::from(start.minute()) / 1_440.0
            + f64::from(start.second()) / 86_400.0;
        let first_midnight = -day_fraction;
        // Dates up to and including the one the horizon falls on.
        let count = (horizon + day_fraction).floor().max(0.0) as usize + 1;
        let (open_at, close_at) = match config {
            Some(c) => (
                f64::from(c.open_minute) / 1_440.0,
                f64::from(c.close_minute) / 1_440.0,
            ),
            None => (0.0, 1.0),
        };
        let mut days = Vec::with_capacity(count);
        let mut date = start.date();
        let mut workdays = 0u32;
        // Every time is first_midnight + (d + fraction), so that a day's closing
        // at midnight and the next day's opening are the same number.
        let at = |d: usize, fraction: f64| first_midnight + (d as f64 + fraction);
        for d in 0..count {
            let working = config.is_none_or(|c| {
                c.workdays[weekday_index(date.weekday())]
                    && c.holidays.binary_search(&date).is_err()
            });
            workdays += u32::from(working);
            let (open, close) = (at(d, open_at).max(0.0), at(d, close_at));
            days.push(Day {
                date,
                end: at(d, 1.0),
                open: (working && close > open).then_some((open, close)),
                working,
                workdays_through: workdays,
            });
            date = date.tomorrow().unwrap_or(date);
        }
        Self {
            days,
            open_length: close_at - open_at,
            first_midnight,
        }
    }

    /// The dates, from the start date on.
    pub fn days(&self) -> &[Day] {
        &self.days
    }

    /// Length of a full day's opening hours, in days (1.0 without a calendar).
    pub fn open_length(&self) -> Days {
        self.open_length
    }

    /// Index of the date that time `t` falls on (clamped to the table).
    pub fn day_index(&self, t: Days) -> usize {
        let i = (t - self.first_midnight).floor().max(0.0) as usize;
        i.min(self.days.len() - 1)
    }

    /// Working days from the start to time `t`, `t`'s own date included.
    pub fn workdays_through(&self, t: Days) -> u32 {
        self.days[self.day_index(t)].workdays_through
    }
}

/// Monday = 0 ... Sunday = 6, the order of `CalendarConfig::workdays`.
pub fn weekday_index(w: Weekday) -> usize {
    usize::try_from(w.to_monday_zero_offset()).expect("0..=6")
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn office() -> CalendarConfig {
        CalendarConfig {
            workdays: [true, true, true, true, true, false, false],
            open_minute: 7 * 60 + 30,
            close_minute: 16 * 60,
            holidays: vec![date(2017, 9, 27)],
        }
    }

    #[test]
    fn opening_hours_skip_weekends_and_holidays() {
        // Monday 25 September 2017, 08:00: already open for half an hour.
        let start = date(2017, 9, 25).at(8, 0, 0, 0);
        let cal = Calendar::new(Some(&office()), start, 7.0);
        let days = cal.days();
        assert_eq!(days.len(), 8);
        let (o, c) = days[0].open.unwrap();
        assert_eq!(o, 0.0);
        assert!((c - 8.0 / 24.0).abs() < 1e-12);
        let (o1, _) = days[1].open.unwrap();
        assert!((o1 - (1.0 - 0.5 / 24.0)).abs() < 1e-12);
        assert_eq!(days[2].open, None, "Wednesday 27th is a holiday");
        assert_eq!(days[5].open, None, "Saturday");
        assert_eq!(days[6].open, None, "Sunday");
        assert_eq!(
            days.iter().map(|d| d.workdays_through).collect::<Vec<_>>(),
            [1, 2, 2, 3, 4, 4, 4, 5]
        );
        assert!((cal.open_length() - 8.5 / 24.0).abs() < 1e-12);
    }

    #[test]
    fn start_after_closing_leaves_the_first_day_closed_but_working() {
        let start = date(2017, 9, 25).at(17, 0, 0, 0);
        let cal = Calendar::new(Some(&office()), start, 1.0);
        assert_eq!(cal.days()[0].open, None);
        assert!(cal.days()[0].working);
        assert_eq!(cal.workdays_through(0.5), 2);
    }

    #[test]
    fn no_calendar_is_open_around_the_clock() {
        let start = date(2017, 9, 25).at(0, 0, 0, 0);
        let cal = Calendar::new(None, start, 2.0);
        assert_eq!(cal.days()[1].open, Some((1.0, 2.0)));
        assert_eq!(cal.day_index(1.5), 1);
        assert_eq!(cal.workdays_through(2.0), 3);
    }
}
