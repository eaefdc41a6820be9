//! The office's working calendar, `[calendar]`: workdays, opening hours, holidays
//! (dates, and the sets bundled in [`holidays`]).
//!
//! Absent keys take an Indonesian office's usual week: Monday to Friday, 07:30-16:00,
//! no holidays. So a `[calendar]` table, even an empty one, turns an office open
//! around the clock into one open on weekdays: [`defaults_note`] says so.

mod holidays;

use super::{Document, Node, Result};
use crate::scenario::document::NodeValue;
use crate::scenario::{CalendarConfig, Timezone};

const HOLIDAYS_HELP: &str = "dates and bundled holiday sets, e.g. holidays = \"indonesia-2017-2019\" or holidays = [\"indonesia-national-2018\", 2018-07-02]";

/// Monday to Friday.
const DEFAULT_WORKDAYS: [bool; 7] = [true, true, true, true, true, false, false];

/// 07:30-16:00, in minutes after midnight.
const DEFAULT_HOURS: (u32, u32) = (7 * 60 + 30, 16 * 60);

/// Each key of `[calendar]` with its default as it would be written.
const DEFAULTS: [(&str, &str); 3] = [
    ("workdays", "[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]"),
    ("hours", "[\"07:30\", \"16:00\"]"),
    ("holidays", "[]"),
];

/// For `ktpsim check`: TOML comment lines saying which calendar applies where
/// the merged scenario `merged_toml` leaves keys out (no `[calendar]`: around
/// the clock; a `[calendar]` without some keys: their defaults). `None` when
/// `[calendar]` gives every key.
pub fn defaults_note(merged_toml: &str) -> Option<String> {
    let root: toml::Table = toml::from_str(merged_toml).ok()?;
    let Some(calendar) = root.get("calendar").and_then(toml::Value::as_table) else {
        return Some(
            "# note: no [calendar]: the office is open around the clock, every day\n\
             #   (a [calendar] table, even an empty one, opens it Monday to Friday, 07:30-16:00)\n"
                .to_string(),
        );
    };
    let missing: Vec<_> = DEFAULTS
        .iter()
        .filter(|(key, _)| !calendar.contains_key(*key))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let keys: Vec<&str> = missing.iter().map(|(key, _)| *key).collect();
    let mut note = format!(
        "# note: [calendar] leaves out {}, so these defaults apply:\n",
        super::list(&keys)
    );
    for (key, value) in missing {
        note.push_str(&format!("#   {key} = {value}\n"));
    }
    Some(note)
}

pub(super) fn read(doc: &Document, node: &Node) -> Result<CalendarConfig> {
    let t = doc.table(
        "calendar",
        "[calendar]",
        node,
        &["workdays", "hours", "holidays", "timezone"],
    )?;
    if let Some(n) = t.get("timezone") {
        timezone(doc, n)?;
    }
    let workdays = match t.get("workdays") {
        Some(n) => doc.weekdays("workdays", n)?,
        None => DEFAULT_WORKDAYS,
    };
    let (open_minute, close_minute) = match t.get("hours") {
        Some(n) => hours(doc, n)?,
        None => DEFAULT_HOURS,
    };
    let mut holidays = Vec::new();
    if let Some(n) = t.get("holidays") {
        match &n.value {
            NodeValue::String(_) => holidays.extend(holiday_set(doc, n)?),
            _ => {
                for item in doc.array("holidays", n, HOLIDAYS_HELP)? {
                    match &item.value {
                        NodeValue::String(_) => holidays.extend(holiday_set(doc, item)?),
                        _ => holidays.push(doc.date("holidays", item, "2017-12-25")?),
                    }
                }
            }
        }
    }
    // Order does not matter to a planner; the engine wants them sorted and unique.
    holidays.sort();
    holidays.dedup();
    Ok(CalendarConfig {
        workdays,
        open_minute,
        close_minute,
        holidays,
    })
}

/// `calendar.timezone`: one of Indonesia's three zones.
pub(super) fn timezone(doc: &Document, node: &Node) -> Result<Timezone> {
    let zones: Vec<String> = Timezone::ALL
        .iter()
        .map(|z| format!("\"{}\" (UTC+{})", z.name(), z.utc_offset_hours()))
        .collect();
    let help = format!(
        "the office's time zone: {}; offices keep local time",
        zones.join(", ")
    );
    let name = doc.string("timezone", node, &help)?;
    Timezone::parse(name).ok_or_else(|| {
        doc.error_at(
            node,
            format!(
                "`timezone` must be one of {}, got {}",
                zones.join(", "),
                doc.text(node)
            ),
            Some(
                "Indonesia's three zones, written in capitals; an office keeps its own local time",
            ),
        )
    })
}

/// The dates of the bundled set named by the string `node`. A quoted date is
/// refused as a date: remove the quotes.
fn holiday_set(doc: &Document, node: &Node) -> Result<Vec<jiff::civil::Date>> {
    let NodeValue::String(name) = &node.value else {
        unreachable!("called on strings")
    };
    if name.parse::<jiff::civil::Date>().is_ok() {
        return doc
            .date("holidays", node, "2017-12-25")
            .map(|_| unreachable!("a string is never a date"));
    }
    holidays::set(name).ok_or_else(|| {
        doc.error_at(
            node,
            format!("unknown holiday set {} in `holidays`", doc.text(node)),
            Some(&format!(
                "{}; or a TOML date, e.g. 2017-12-25",
                holidays::SETS_HELP
            )),
        )
    })
}

fn hours(doc: &Document, node: &Node) -> Result<(u32, u32)> {
    let help =
        "opening and closing time, \"HH:MM\" (24-hour clock), e.g. hours = [\"07:30\", \"16:00\"]";
    let items = doc.array("hours", node, help)?;
    let [open, close] = items else {
        return Err(doc.error_at(
            node,
            format!("`hours` must hold two times, got {}", items.len()),
            Some(help),
        ));
    };
    let minute = |n: &Node| -> Result<u32> {
        let text = doc.string("hours", n, help)?;
        parse_hhmm(text).ok_or_else(|| {
            doc.error_at(
                n,
                format!("`hours`: {} is not a time \"HH:MM\"", doc.text(n)),
                Some(help),
            )
        })
    };
    let (o, c) = (minute(open)?, minute(close)?);
    if c <= o {
        return Err(doc.error_at(
            close,
            format!(
                "`hours` closes at {} but opens at {}",
                doc.text(close),
                doc.text(open)
            ),
            Some("the closing time must be after the opening time, on the same day"),
        ));
    }
    Ok((o, c))
}

/// "HH:MM" to minutes after midnight; "24:00" is allowed as a closing time.
fn parse_hhmm(text: &str) -> Option<u32> {
    let (h, m) = text.split_once(':')?;
    if h.len() != 2 || m.len() != 2 || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    match (h, m) {
        (0..=23, 0..=59) | (24, 0) => Some(h * 60 + m),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_hhmm;

    #[test]
    fn times_are_two_digit_hours_and_minutes() {
        assert_eq!(parse_hhmm("07:30"), Some(450));
        assert_eq!(parse_hhmm("24:00"), Some(1440));
        for bad in ["7:30", "24:01", "12:60", "ab:cd", "0730", "07:30:00"] {
            assert_eq!(parse_hhmm(bad), None, "{bad}");
        }
    }
}
