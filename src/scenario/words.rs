//! Settings in a planner's words: `blanks.initial` is "blanks on hand at the
//! start", 15000 of them "about 15,000 blanks on hand at the start", and
//! `blanks.shipments[0].quantity` "blank lot size (shipment 1)".
//!
//! This module owns the one table of setting names, key by key in the order
//! of docs/scenario-format.md, with the value phrasing of the settings a goal
//! can answer in. Charts (sweep, tornado) and the deciding commands' words
//! all name a setting through it, so a key reads the same everywhere. It must
//! not know about charts or commands: they choose where a name goes.
//!
//! A random quantity (a duration or count drawn from a distribution) may be
//! followed by one of its parameters, named after a comma: "reorder lead
//! time, mode". An element of an array of tables is named in brackets at the
//! end, counting from 1 as a planner does. A path the table does not know
//! keeps its own spelling, so a new key is never named wrongly, only plainly.

use super::key_path::{KeyPath, Step};

/// One setting's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// The key path as a pattern: `[]` is any element of an array of tables
    /// (named after [`LISTS`]), `[0]` one element, `*` any table key (put in
    /// the name's `{}`s in order).
    pub key: &'static str,
    /// What the setting is, e.g. "blanks on hand at the start".
    pub name: &'static str,
    /// A random quantity: a distribution's parameter may follow.
    pub random: bool,
    /// How a value of it reads, where a goal may answer in it.
    pub value: Option<Phrase>,
}

/// A value in words, with `{}` for the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    /// A value of 1, e.g. "{} printer".
    pub one: &'static str,
    /// Any other value, e.g. "{} printers".
    pub many: &'static str,
}

const fn plain(key: &'static str, name: &'static str) -> Setting {
    Setting {
        key,
        name,
        random: false,
        value: None,
    }
}

const fn random(key: &'static str, name: &'static str) -> Setting {
    Setting {
        random: true,
        ..plain(key, name)
    }
}

const fn counted(setting: Setting, one: &'static str, many: &'static str) -> Setting {
    Setting {
        value: Some(Phrase { one, many }),
        ..setting
    }
}

/// Every setting, in the order of docs/scenario-format.md.
pub const SETTINGS: &[Setting] = &[
    plain("scenario.name", "scenario name"),
    plain("scenario.title", "scenario title"),
    plain("scenario.start", "start"),
    plain("scenario.horizon", "horizon"),
    plain("scenario.replications", "replications"),
    plain("scenario.seed", "seed"),
    plain("scenario.deadline", "deadline"),
    plain("calendar.workdays", "working days"),
    plain("calendar.hours", "opening hours"),
    plain("calendar.hours[0]", "opening time"),
    plain("calendar.hours[1]", "closing time"),
    plain("calendar.holidays", "holidays"),
    plain("calendar.timezone", "time zone"),
    counted(
        plain("backlog.initial", "records waiting at the start"),
        "{} record waiting at the start",
        "{} records waiting at the start",
    ),
    plain("backlog.mix", "backlog class mix"),
    plain("backlog.mix.*", "share of {} in the backlog"),
    plain("backlog.priority", "class priority"),
    counted(
        random("recording.per_workday", "new records per working day"),
        "{} new record per working day",
        "{} new records per working day",
    ),
    plain("recording.mix", "new records' class mix"),
    plain("recording.mix.*", "share of {} in new records"),
    counted(
        plain("recording.pool", "residents still to record"),
        "{} resident still to record",
        "{} residents still to record",
    ),
    counted(
        plain("printing.printers", "printers"),
        "{} printer",
        "{} printers",
    ),
    counted(
        random(
            "printing.cards_per_day",
            "cards per printer per working day",
        ),
        "{} card per printer per working day",
        "{} cards per printer per working day",
    ),
    random("printing.card_time", "time per card"),
    counted(
        plain("printing.reject_rate", "reject rate"),
        "a reject rate of {}",
        "a reject rate of {}",
    ),
    plain("network.initial", "link state at the start"),
    plain("network.states.*.throughput", "link throughput when {}"),
    random("network.states.*.stay", "time the link stays {}"),
    plain("network.states.*.next", "link transitions from {}"),
    plain(
        "network.states.*.next.*",
        "chance the link goes from {} to {}",
    ),
    plain("network.outages[].name", "link outage name"),
    plain("network.outages[].at", "link outage start"),
    random("network.outages[].duration", "link outage duration"),
    plain("server.outages[].name", "server outage name"),
    plain("server.outages[].at", "server outage start"),
    random("server.outages[].every", "time between server outages"),
    random("server.outages[].duration", "server outage duration"),
    counted(
        plain("blanks.initial", "blanks on hand at the start"),
        "{} blank on hand at the start",
        "{} blanks on hand at the start",
    ),
    plain("blanks.shipments[].at", "shipment date"),
    counted(
        plain("blanks.shipments[].quantity", "blank lot size"),
        "{} blank in the shipment",
        "{} blanks in the shipment",
    ),
    random("blanks.shipments[].delay", "shipment delay"),
    plain("blanks.shipments[].every", "time between deliveries"),
    plain("blanks.shipments[].until", "last delivery date"),
    plain("blanks.shipments[].count", "number of deliveries"),
    counted(
        plain("blanks.reorder.below", "reorder point"),
        "a reorder point of {} blank",
        "a reorder point of {} blanks",
    ),
    counted(
        plain("blanks.reorder.quantity", "reorder lot size"),
        "reorders of {} blank",
        "reorders of {} blanks",
    ),
    random("blanks.reorder.lead_time", "reorder lead time"),
    plain("distribution.dispatch", "dispatch days"),
    random("distribution.to_district", "transport to the district"),
    random("distribution.to_resident", "delivery to the resident"),
    plain("costs.currency", "currency of the costs"),
    counted(
        plain("costs.per_printer_month", "cost of a printer per month"),
        "Rp {} per printer-month",
        "Rp {} per printer-month",
    ),
    counted(
        plain("costs.per_blank", "cost of a blank used"),
        "Rp {} per blank used",
        "Rp {} per blank used",
    ),
    counted(
        plain(
            "costs.per_stocked_blank",
            "cost of a blank stocked at the start",
        ),
        "Rp {} per blank stocked",
        "Rp {} per blank stocked",
    ),
    counted(
        plain(
            "costs.per_backup_link_month",
            "cost of the backup link per month",
        ),
        "Rp {} per backup-link month",
        "Rp {} per backup-link month",
    ),
    counted(
        plain("costs.fixed", "one-off costs"),
        "Rp {} one-off",
        "Rp {} one-off",
    ),
];

/// How an element of each array of tables is named: "(shipment 1)".
pub const LISTS: [(&str, &str); 3] = [
    ("network.outages", "outage"),
    ("server.outages", "outage"),
    ("blanks.shipments", "shipment"),
];

/// The readable name of the setting at `path`, or the path itself.
pub fn name(path: &KeyPath) -> String {
    find(path).map_or_else(|| path.to_string(), |f| f.name)
}

/// The readable names of `paths` as a list in words, for a subtitle:
/// "printers, reorder point and reorder lot size".
pub fn names<'a>(paths: impl IntoIterator<Item = &'a KeyPath>) -> String {
    let names: Vec<String> = paths.into_iter().map(name).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// The readable name of `path` if the table knows it.
pub fn known_name(path: &KeyPath) -> Option<String> {
    find(path).map(|f| f.name)
}

/// `value` of `path` in words ("about 15,000 blanks on hand at the start"),
/// "about" when the value is only known to a step; `None` for a key without
/// value phrasing. The mean of a random quantity reads "on average".
pub fn value(path: &KeyPath, value: f64, about: bool) -> Option<String> {
    let found = find(path)?;
    let phrase = found.setting.value?;
    let average = match found.parameter {
        "" | "value" => "",
        "mean" => " on average",
        _ => return None,
    };
    let number = grouped(value);
    let number = if about {
        format!("about {number}")
    } else {
        number
    };
    let template = if value == 1.0 && !about {
        phrase.one
    } else {
        phrase.many
    };
    Some(format!("{}{average}", template.replace("{}", &number)))
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
    format!("{sign}{}{fraction}", group_digits(whole))
}

/// Digits with a comma between each group of three from the right: "35000"
/// → "35,000". The one place numbers get their thousands separators (words,
/// the report's tables, chart labels).
pub fn group_digits(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A path matched in the table: the setting, its full name and the
/// distribution parameter after it ("" for none).
struct Found<'p> {
    setting: &'static Setting,
    name: String,
    parameter: &'p str,
}

fn find(path: &KeyPath) -> Option<Found<'_>> {
    SETTINGS.iter().find_map(|s| matched(s, &path.0))
}

/// One step of a key pattern.
enum Token<'a> {
    Key(&'a str),
    AnyKey,
    Index(usize),
    AnyIndex,
}

/// `blanks.shipments[].quantity` as tokens.
fn tokens(pattern: &str) -> impl Iterator<Item = Token<'_>> {
    pattern.split('.').flat_map(|part| {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, Some(i.trim_end_matches(']'))),
            None => (part, None),
        };
        let key = if key == "*" {
            Token::AnyKey
        } else {
            Token::Key(key)
        };
        let index = index.map(|i| match i.parse() {
            Ok(n) => Token::Index(n),
            Err(_) => Token::AnyIndex,
        });
        std::iter::once(key).chain(index)
    })
}

/// `steps` named by `setting`, if the pattern matches them.
fn matched<'p>(setting: &'static Setting, steps: &'p [Step]) -> Option<Found<'p>> {
    let mut name = setting.name.to_owned();
    let mut element = None;
    let mut n = 0;
    for token in tokens(setting.key) {
        let step = steps.get(n)?;
        match (token, step) {
            (Token::Key(k), Step::Key(s)) if k == s => {}
            (Token::AnyKey, Step::Key(s)) => name = name.replacen("{}", s, 1),
            (Token::Index(i), Step::Index(j)) if i == *j => {}
            (Token::AnyIndex, Step::Index(j)) => {
                let list = KeyPath(steps[..n].to_vec()).to_string();
                let (_, what) = LISTS.iter().find(|(l, _)| *l == list)?;
                element = Some(format!("{what} {}", j + 1));
            }
            _ => return None,
        }
        n += 1;
    }
    let (label, parameter) = match &steps[n..] {
        [] => (String::new(), ""),
        rest if setting.random => parameter(rest)?,
        _ => return None,
    };
    if !label.is_empty() {
        name = format!("{name}, {label}");
    }
    if let Some(element) = element {
        name = format!("{name} ({element})");
    }
    Some(Found {
        setting,
        name,
        parameter,
    })
}

/// The name of a distribution parameter path after a random quantity ("" for
/// the whole quantity) and the parameter's key; `None` when it is not one.
fn parameter(rest: &[Step]) -> Option<(String, &str)> {
    Some(match rest {
        [Step::Key(k)] => match k.as_str() {
            "value" => (String::new(), k),
            "dist" => ("distribution".to_owned(), k),
            "mean" => ("on average".to_owned(), k),
            "median" | "min" | "mode" | "max" | "sd" | "sigma" | "shape" | "scale" => {
                (k.clone(), k)
            }
            _ => return None,
        },
        [Step::Key(k), Step::Index(i)] => match k.as_str() {
            "values" => (format!("value {}", i + 1), k),
            "weights" => (format!("weight {}", i + 1), k),
            _ => return None,
        },
        _ => return None,
    })
}

#[cfg(test)]
mod tests;
