//! Reading typed values out of a [`Document`] tree: tables with their accepted keys,
//! counts, numbers, probabilities, strings, dates, durations and weekday lists.
//!
//! Every reader names the key, says what was found and what is expected, and
//! underlines the value. Meaning (which key holds what) is [`super::validate`]'s.

use jiff::civil::{Date, DateTime, Time};

use super::ScenarioError;
use super::document::{Document, Entry, Node, NodeValue};
use crate::time::{
    CALENDAR_HELP, DURATION_HELP, Days, DurationError, PERIOD_HELP, Period, days_between,
    parse_duration, parse_period,
};

type Result<T> = std::result::Result<T, ScenarioError>;

/// Weekday names, Monday first, as accepted in `workdays` and `dispatch`.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A table whose keys have been checked against the accepted ones.
pub struct Table<'a> {
    /// The table's node.
    pub node: &'a Node,
    entries: &'a [Entry],
    name: String,
}

impl<'a> Table<'a> {
    /// The value of `key`, if written.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.value)
    }

    /// The value of `key`, or an error pointing at the table saying it is missing.
    pub fn require(&self, doc: &Document, key: &str, help: &str) -> Result<&'a Node> {
        self.get(key).ok_or_else(|| self.missing(doc, key, help))
    }

    /// The error for a missing `key`, pointing at the table.
    pub fn missing(&self, doc: &Document, key: &str, help: &str) -> ScenarioError {
        doc.error(
            self.node.file,
            self.node.span.clone(),
            format!("missing key `{key}` in {}", self.name),
            Some(help.to_string()),
        )
    }

    /// The entries in the order written.
    pub fn entries(&self) -> &'a [Entry] {
        self.entries
    }
}

/// Quotes each name in backticks and joins them with commas.
pub fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Document {
    /// An error underlining `node`.
    pub fn error_at(
        &self,
        node: &Node,
        message: impl Into<String>,
        help: Option<&str>,
    ) -> ScenarioError {
        self.error(
            node.file,
            node.span.clone(),
            message,
            help.map(str::to_string),
        )
    }

    fn wrong_type(
        &self,
        key: &str,
        node: &Node,
        expected: &str,
        help: Option<&str>,
    ) -> ScenarioError {
        self.error_at(
            node,
            format!("`{key}` must be {expected}, found {}", node.value.kind()),
            help,
        )
    }

    /// `node` as a table named `name` in messages (e.g. `[printing]`), rejecting
    /// keys not in `accepted`.
    pub fn table<'a>(
        &self,
        key: &str,
        name: &str,
        node: &'a Node,
        accepted: &[&str],
    ) -> Result<Table<'a>> {
        let NodeValue::Table(entries) = &node.value else {
            return Err(self.wrong_type(key, node, "a table", None));
        };
        if let Some(e) = entries.iter().find(|e| !accepted.contains(&e.key.as_str())) {
            return Err(self.error(
                e.key_file,
                e.key_span.clone(),
                format!("unknown key `{}` in {name}", e.key),
                Some(format!("accepted keys: {}", list(accepted))),
            ));
        }
        Ok(Table {
            node,
            entries,
            name: name.to_string(),
        })
    }

    /// The entries of an inline table whose keys are free (mixes, `next`).
    pub fn free_table<'a>(&self, key: &str, node: &'a Node, help: &str) -> Result<&'a [Entry]> {
        match &node.value {
            NodeValue::Table(entries) => Ok(entries),
            _ => Err(self.wrong_type(key, node, "a table", Some(help))),
        }
    }

    /// A number (integer or float), finite.
    pub fn number(&self, key: &str, node: &Node, help: &str) -> Result<f64> {
        match node.value {
            NodeValue::Integer(i) => Ok(i as f64),
            NodeValue::Float(x) if x.is_finite() => Ok(x),
            NodeValue::Float(_) => Err(self.error_at(
                node,
                format!("`{key}` must be a finite number, got {}", self.text(node)),
                Some(help),
            )),
            _ => Err(self.wrong_type(key, node, "a number", Some(help))),
        }
    }

    /// A whole number of at least `min`.
    pub fn count(&self, key: &str, node: &Node, min: u64, help: &str) -> Result<u64> {
        let expected = format!("a whole number of at least {min}");
        match node.value {
            NodeValue::Integer(i) if i >= 0 && i as u64 >= min => Ok(i as u64),
            NodeValue::Integer(_) | NodeValue::Float(_) => Err(self.error_at(
                node,
                format!("`{key}` must be {expected}, got {}", self.text(node)),
                Some(help),
            )),
            _ => Err(self.wrong_type(key, node, &expected, Some(help))),
        }
    }

    /// A probability in [0, 1].
    pub fn probability(&self, key: &str, node: &Node, help: &str) -> Result<f64> {
        let p = self.number(key, node, help)?;
        if (0.0..=1.0).contains(&p) {
            Ok(p)
        } else {
            Err(self.error_at(
                node,
                format!(
                    "`{key}` must be a probability in [0, 1], got {}",
                    self.text(node)
                ),
                Some(help),
            ))
        }
    }

    /// A string.
    pub fn string<'a>(&self, key: &str, node: &'a Node, help: &str) -> Result<&'a str> {
        match &node.value {
            NodeValue::String(s) => Ok(s),
            _ => Err(self.wrong_type(key, node, "a string", Some(help))),
        }
    }

    /// An array.
    pub fn array<'a>(&self, key: &str, node: &'a Node, help: &str) -> Result<&'a [Node]> {
        match &node.value {
            NodeValue::Array(items) => Ok(items),
            _ => Err(self.wrong_type(key, node, "an array", Some(help))),
        }
    }

    /// A fixed duration written with a unit, in days. Months and years are
    /// refused: they are no number of days.
    pub fn duration(&self, key: &str, node: &Node) -> Result<Days> {
        let text = self.length_text(key, node, DURATION_HELP)?;
        parse_duration(text).map_err(|e| self.length_error(key, node, e, DURATION_HELP))
    }

    /// A period: a duration, or whole calendar months or years.
    pub fn period(&self, key: &str, node: &Node) -> Result<Period> {
        let text = self.length_text(key, node, PERIOD_HELP)?;
        parse_period(text).map_err(|e| self.length_error(key, node, e, PERIOD_HELP))
    }

    /// A period counted from `anchor` (the value of `anchor_key`), in days:
    /// "18mo" from 2017-09-25 is the 546 days to 2019-03-25.
    pub fn duration_from(
        &self,
        key: &str,
        node: &Node,
        anchor: DateTime,
        anchor_key: &str,
    ) -> Result<Days> {
        let period = self.period(key, node)?;
        if let Period::Days(days) = period {
            return Ok(days);
        }
        let end = period.after(anchor, 1).ok_or_else(|| {
            self.error_at(
                node,
                format!(
                    "`{key}` {} from `{anchor_key}` {anchor} ends after {}, the last date ktpsim can represent",
                    self.text(node),
                    DateTime::MAX.date()
                ),
                Some(&format!("an earlier `{anchor_key}` or a shorter `{key}`")),
            )
        })?;
        Ok(days_between(anchor, end))
    }

    /// The text of a duration or period, or the error for a value that is none.
    fn length_text<'a>(&self, key: &str, node: &'a Node, help: &str) -> Result<&'a str> {
        match &node.value {
            NodeValue::String(s) => Ok(s),
            NodeValue::Integer(_) | NodeValue::Float(_) => Err(self.error_at(
                node,
                format!(
                    "`{key}` is a duration and needs a unit, got a bare number {}",
                    self.text(node)
                ),
                Some(help),
            )),
            _ => Err(self.wrong_type(key, node, "a duration string", Some(help))),
        }
    }

    /// The error for a duration or period that did not parse.
    fn length_error(&self, key: &str, node: &Node, e: DurationError, help: &str) -> ScenarioError {
        match e {
            DurationError::Malformed(reason) => {
                let reason = reason
                    .strip_suffix(&format!("; {DURATION_HELP}"))
                    .unwrap_or(&reason);
                self.error_at(
                    node,
                    format!("`{key}` is not a duration: {reason}"),
                    Some(help),
                )
            }
            DurationError::TooLarge(reason) => self.error_at(
                node,
                format!("`{key}` is too large: {reason}"),
                Some("anything past the horizon (at most 3653d) never happens in a run"),
            ),
            DurationError::Calendar(reason) => self.error_at(
                node,
                format!("`{key}` cannot be in months or years: {reason}"),
                Some(CALENDAR_HELP),
            ),
            DurationError::Fractional(reason) => self.error_at(
                node,
                format!("`{key}` must count whole months or years: {reason}"),
                Some(help),
            ),
        }
    }

    /// A local date-time; a local date means 00:00 of that date.
    pub fn datetime(&self, key: &str, node: &Node, example: &str) -> Result<DateTime> {
        let (date, time) = self.toml_date(key, node, example)?;
        Ok(date.to_datetime(time.unwrap_or(Time::midnight())))
    }

    /// A local date (no time of day).
    pub fn date(&self, key: &str, node: &Node, example: &str) -> Result<Date> {
        match self.toml_date(key, node, example)? {
            (date, None) => Ok(date),
            (_, Some(_)) => Err(self.error_at(
                node,
                format!("`{key}` must be a date without a time of day"),
                Some(&format!("write a TOML date, e.g. {example}")),
            )),
        }
    }

    /// A local date or date-time: the date and, if written, the time of day.
    pub fn toml_date(&self, key: &str, node: &Node, example: &str) -> Result<(Date, Option<Time>)> {
        let help = format!("write a TOML date or date-time without quotes, e.g. {example}");
        let d = match &node.value {
            NodeValue::Datetime(d) => d,
            NodeValue::String(_) => {
                return Err(self.error_at(
                    node,
                    format!("`{key}` must be a date, found a string: remove the quotes"),
                    Some(&format!("dates are TOML dates, e.g. {example}")),
                ));
            }
            _ => return Err(self.wrong_type(key, node, "a date", Some(&help))),
        };
        if d.offset.is_some() {
            // A national file's times ([scenario], [central], [pool]) are the
            // national clock's; an office's are its own.
            let national = matches!(&self.root.value, NodeValue::Table(entries)
                if entries.iter().any(|e| e.key == "offices"));
            let clock = if national {
                "times in a national scenario are WIB (UTC+7), the national clock: the data centre's in Jakarta"
            } else {
                "times are the office's local time"
            };
            return Err(self.error_at(
                node,
                format!("`{key}` has a time zone offset: write a local date-time without offset"),
                Some(&format!("{clock}, e.g. {example}")),
            ));
        }
        let Some(dd) = d.date else {
            return Err(self.error_at(
                node,
                format!("`{key}` must be a date, found a time of day without a date"),
                Some(&help),
            ));
        };
        let invalid = |_| {
            self.error_at(
                node,
                format!("`{key}` is not a valid date-time"),
                Some(&help),
            )
        };
        let date = Date::new(dd.year as i16, dd.month as i8, dd.day as i8).map_err(invalid)?;
        let time = match d.time {
            None => None,
            Some(t) => Some(
                Time::new(
                    t.hour as i8,
                    t.minute as i8,
                    t.second.unwrap_or(0) as i8,
                    t.nanosecond.unwrap_or(0) as i32,
                )
                .map_err(invalid)?,
            ),
        };
        Ok((date, time))
    }

    /// A non-empty list of weekday names, as flags Monday first.
    pub fn weekdays(&self, key: &str, node: &Node) -> Result<[bool; 7]> {
        let help = format!(
            "weekdays are {} (or full names), e.g. [\"mon\", \"fri\"]",
            list(&WEEKDAYS)
        );
        let items = self.array(key, node, &help)?;
        if items.is_empty() {
            return Err(self.error_at(
                node,
                format!("`{key}` must name at least one weekday"),
                Some(&help),
            ));
        }
        let mut days = [false; 7];
        for item in items {
            let name = self.string(key, item, &help)?.to_ascii_lowercase();
            let i = WEEKDAYS
                .iter()
                .position(|d| *d == name)
                .or_else(|| WEEKDAY_NAMES.iter().position(|d| *d == name))
                .ok_or_else(|| {
                    self.error_at(
                        item,
                        format!("unknown weekday {} in `{key}`", self.text(item)),
                        Some(&help),
                    )
                })?;
            days[i] = true;
        }
        Ok(days)
    }
}
