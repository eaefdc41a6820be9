//! The office's working calendar, `[calendar]`: workdays, opening hours, holidays.
//!
//! Absent keys take an Indonesian office's usual week: Monday to Friday, 07:30-16:00.

use super::{Document, Node, Result};
use crate::scenario::CalendarConfig;

pub(super) fn read(doc: &Document, node: &Node) -> Result<CalendarConfig> {
    let t = doc.table(
        "calendar",
        "[calendar]",
        node,
        &["workdays", "hours", "holidays"],
    )?;
    let workdays = match t.get("workdays") {
        Some(n) => doc.weekdays("workdays", n)?,
        None => [true, true, true, true, true, false, false],
    };
    let (open_minute, close_minute) = match t.get("hours") {
        Some(n) => hours(doc, n)?,
        None => (7 * 60 + 30, 16 * 60),
    };
    let mut holidays = Vec::new();
    if let Some(n) = t.get("holidays") {
        let help = "an array of TOML dates, e.g. holidays = [2017-12-25, 2018-01-01]";
        for item in doc.array("holidays", n, help)? {
            holidays.push(doc.date("holidays", item, "2017-12-25")?);
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
