//! Settings in a planner's words: `blanks.initial` is "blanks on hand at the
//! start", and 15000 of them read "about 15,000 blanks on hand at the start".
//!
//! The table here serves the answers of the deciding commands (`goal`); a key
//! it does not know reads as its key path. Charts keep a label table of their
//! own (src/output/charts/labels.rs) for now: the two are to become one.

use crate::scenario::overrides::{KeyPath, Step};

/// A setting's words: its name, and a value of it with `{}` for the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingWords {
    /// The key path, an index into an array written `[]`.
    pub key: &'static str,
    /// What the setting is, e.g. "blanks on hand at the start".
    pub name: &'static str,
    /// A value of 1, e.g. "{} printer".
    pub one: &'static str,
    /// Any other value, e.g. "{} printers".
    pub many: &'static str,
}

const fn words(
    key: &'static str,
    name: &'static str,
    one: &'static str,
    many: &'static str,
) -> SettingWords {
    SettingWords {
        key,
        name,
        one,
        many,
    }
}

/// Every key with words, in the order of docs/scenario-format.md.
pub const SETTING_WORDS: &[SettingWords] = &[
    words(
        "backlog.initial",
        "records waiting at the start",
        "{} record waiting at the start",
        "{} records waiting at the start",
    ),
    words(
        "recording.per_workday",
        "new records per working day",
        "{} new record per working day",
        "{} new records per working day",
    ),
    words(
        "recording.per_workday.mean",
        "new records per working day, on average",
        "{} new record per working day on average",
        "{} new records per working day on average",
    ),
    words(
        "recording.pool",
        "records not yet recorded",
        "{} record not yet recorded",
        "{} records not yet recorded",
    ),
    words("printing.printers", "printers", "{} printer", "{} printers"),
    words(
        "printing.cards_per_day",
        "cards per printer per working day",
        "{} card per printer per working day",
        "{} cards per printer per working day",
    ),
    words(
        "printing.cards_per_day.mean",
        "cards per printer per working day, on average",
        "{} card per printer per working day on average",
        "{} cards per printer per working day on average",
    ),
    words(
        "printing.reject_rate",
        "reject rate",
        "a reject rate of {}",
        "a reject rate of {}",
    ),
    words(
        "blanks.initial",
        "blanks on hand at the start",
        "{} blank on hand at the start",
        "{} blanks on hand at the start",
    ),
    words(
        "blanks.shipments[].quantity",
        "blanks in the shipment",
        "{} blank in the shipment",
        "{} blanks in the shipment",
    ),
    words(
        "blanks.reorder.below",
        "reorder point, in blanks",
        "a reorder point of {} blank",
        "a reorder point of {} blanks",
    ),
    words(
        "blanks.reorder.quantity",
        "blanks per reorder",
        "reorders of {} blank",
        "reorders of {} blanks",
    ),
];

/// The words of `path`, if the table has them.
pub fn lookup(path: &KeyPath) -> Option<&'static SettingWords> {
    let key: String = path
        .0
        .iter()
        .enumerate()
        .map(|(i, s)| match s {
            Step::Key(k) if i == 0 => k.clone(),
            Step::Key(k) => format!(".{k}"),
            Step::Index(_) => "[]".to_owned(),
        })
        .collect();
    SETTING_WORDS.iter().find(|w| w.key == key)
}

/// What `path` is, in words, or the path itself.
pub fn name(path: &KeyPath) -> String {
    lookup(path).map_or_else(|| path.to_string(), |w| w.name.to_owned())
}

/// `value` of `path` in words ("about 15,000 blanks on hand at the start"),
/// "about" when the value is only known to a step; `None` for a key without
/// words.
pub fn value(path: &KeyPath, value: f64, about: bool) -> Option<String> {
    let w = lookup(path)?;
    let number = grouped(value);
    let number = if about {
        format!("about {number}")
    } else {
        number
    };
    let template = if value == 1.0 && !about {
        w.one
    } else {
        w.many
    };
    Some(template.replace("{}", &number))
}

/// `x` as written with the thousands grouped: 15000 → "15,000", 0.015 →
/// "0.015", 12345.5 → "12,345.5".
pub fn grouped(x: f64) -> String {
    let text = crate::dist::num(x);
    if text.contains('e') {
        return text;
    }
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = rest.split_at(rest.find('.').unwrap_or(rest.len()));
    let mut out = String::with_capacity(text.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{fraction}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> KeyPath {
        KeyPath::parse(p).unwrap()
    }

    #[test]
    fn known_keys_read_as_words_and_others_as_their_path() {
        assert_eq!(
            value(&path("blanks.initial"), 15000.0, true).unwrap(),
            "about 15,000 blanks on hand at the start"
        );
        assert_eq!(
            value(&path("printing.printers"), 1.0, false).unwrap(),
            "1 printer"
        );
        assert_eq!(
            value(&path("blanks.shipments[2].quantity"), 2500.0, false).unwrap(),
            "2,500 blanks in the shipment"
        );
        assert_eq!(
            name(&path("backlog.initial")),
            "records waiting at the start"
        );
        assert_eq!(
            value(&path("server.outages[0].every.mean"), 3.0, false),
            None
        );
        assert_eq!(
            name(&path("server.outages[0].every.mean")),
            "server.outages[0].every.mean"
        );
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(grouped(15000.0), "15,000");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(1_234_567.25), "1,234,567.25");
        assert_eq!(grouped(-4500.0), "-4,500");
        assert_eq!(grouped(0.015), "0.015");
    }

    #[test]
    fn every_key_in_the_table_is_a_key_path() {
        for w in SETTING_WORDS {
            let p = path(&w.key.replace("[]", "[0]"));
            assert_eq!(lookup(&p), Some(w), "{}", w.key);
        }
    }
}
