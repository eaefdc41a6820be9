//! Readable names of the settings a sweep, a goal search or a sensitivity
//! run can vary: `blanks.shipments[0].quantity` reads "blank lot size
//! (shipment 1)", `network.states.up.throughput` "link throughput when up".
//!
//! The table follows docs/scenario-format.md key by key. A random quantity
//! (a duration or count drawn from a distribution) may be followed by one of
//! its parameters, which is named after a comma: "reorder lead time, mode".
//! An element of an array of tables is named in brackets at the end,
//! counting from 1 as a planner does. A path the table does not know keeps
//! its own spelling, so a new key is never named wrongly, only plainly.

use crate::scenario::overrides::{KeyPath, Step};

/// The readable name of the setting at `path`, or the path itself.
pub fn setting_name(path: &KeyPath) -> String {
    named(&path.0).unwrap_or_else(|| path.to_string())
}

/// The readable names of `paths` as a list in words, for a subtitle:
/// "printers, reorder point and reorder lot size".
pub fn setting_names<'a>(paths: impl IntoIterator<Item = &'a KeyPath>) -> String {
    let names: Vec<String> = paths.into_iter().map(setting_name).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// A table key of the path, or `None` for an index.
fn key(step: &Step) -> Option<&str> {
    match step {
        Step::Key(k) => Some(k),
        Step::Index(_) => None,
    }
}

/// What a plain setting is called (`None`: not a setting the table knows),
/// with whether it is a random quantity that may take a parameter after it.
fn plain(section: &str, name: &str) -> Option<(&'static str, bool)> {
    Some(match (section, name) {
        ("scenario", "horizon") => ("horizon", false),
        ("scenario", "replications") => ("replications", false),
        ("scenario", "seed") => ("seed", false),
        ("scenario", "start") => ("start", false),
        ("scenario", "deadline") => ("deadline", false),
        ("calendar", "workdays") => ("working days", false),
        ("calendar", "hours") => ("opening hours", false),
        ("calendar", "holidays") => ("holidays", false),
        ("backlog", "initial") => ("initial backlog", false),
        ("backlog", "mix") => ("backlog class mix", false),
        ("backlog", "priority") => ("class priority", false),
        ("recording", "per_workday") => ("new records per working day", true),
        ("recording", "mix") => ("new records' class mix", false),
        ("recording", "pool") => ("residents still to record", false),
        ("printing", "printers") => ("printers", false),
        ("printing", "cards_per_day") => ("cards per printer per day", true),
        ("printing", "card_time") => ("time per card", true),
        ("printing", "reject_rate") => ("reject rate", false),
        ("network", "initial") => ("link state at the start", false),
        ("blanks", "initial") => ("blanks on hand at the start", false),
        ("distribution", "dispatch") => ("dispatch days", false),
        ("distribution", "to_district") => ("transport to the district", true),
        ("distribution", "to_resident") => ("delivery to the resident", true),
        _ => return None,
    })
}

/// What a setting of one element of an array of tables is called, with
/// whether it is random and how the element is named.
fn listed(list: (&str, &str), name: &str) -> Option<(&'static str, bool, &'static str)> {
    Some(match (list, name) {
        (("server", "outages"), "at") => ("server outage start", false, "outage"),
        (("server", "outages"), "every") => ("time between server outages", true, "outage"),
        (("server", "outages"), "duration") => ("server outage duration", true, "outage"),
        (("network", "outages"), "at") => ("link outage start", false, "outage"),
        (("network", "outages"), "duration") => ("link outage duration", true, "outage"),
        (("blanks", "shipments"), "at") => ("shipment date", false, "shipment"),
        (("blanks", "shipments"), "quantity") => ("blank lot size", false, "shipment"),
        (("blanks", "shipments"), "delay") => ("shipment delay", true, "shipment"),
        _ => return None,
    })
}

/// The name of a distribution parameter path after a random quantity:
/// `Some("")` for none (the whole quantity), `None` when it is not one.
fn parameter(rest: &[Step]) -> Option<String> {
    Some(match rest {
        [] => String::new(),
        [Step::Key(k)] => match k.as_str() {
            "value" => String::new(),
            "dist" => "distribution".to_owned(),
            "mean" | "median" | "min" | "mode" | "max" | "sd" | "sigma" | "shape" | "scale" => {
                k.clone()
            }
            _ => return None,
        },
        [Step::Key(k), Step::Index(i)] => match k.as_str() {
            "values" => format!("value {}", i + 1),
            "weights" => format!("weight {}", i + 1),
            _ => return None,
        },
        _ => return None,
    })
}

/// `base`, its parameter after a comma and its element in brackets.
fn compose(base: &str, random: bool, rest: &[Step], which: Option<String>) -> Option<String> {
    let param = if random {
        parameter(rest)?
    } else if rest.is_empty() {
        String::new()
    } else {
        return None;
    };
    let mut out = base.to_owned();
    if !param.is_empty() {
        out = format!("{out}, {param}");
    }
    if let Some(which) = which {
        out = format!("{out} ({which})");
    }
    Some(out)
}

fn named(steps: &[Step]) -> Option<String> {
    let k = |i: usize| steps.get(i).and_then(key);
    let section = k(0)?;
    match steps {
        // A share of one class in a mix.
        [_, Step::Key(mix), Step::Key(class)] if mix == "mix" => {
            let of = match section {
                "backlog" => "the backlog",
                "recording" => "new records",
                _ => return None,
            };
            Some(format!("share of {class} in {of}"))
        }
        [
            _,
            Step::Key(list),
            Step::Index(i),
            Step::Key(name),
            rest @ ..,
        ] => {
            let (base, random, element) = listed((section, list), name)?;
            compose(base, random, rest, Some(format!("{element} {}", i + 1)))
        }
        [_, Step::Key(hours), Step::Index(i)] if section == "calendar" && hours == "hours" => Some(
            if *i == 0 {
                "opening time"
            } else {
                "closing time"
            }
            .to_owned(),
        ),
        _ if section == "network" && k(1) == Some("states") => {
            let state = k(2)?;
            match (k(3)?, &steps[4..]) {
                ("throughput", []) => Some(format!("link throughput when {state}")),
                ("stay", rest) => {
                    compose(&format!("time the link stays {state}"), true, rest, None)
                }
                ("next", []) => Some(format!("link transitions from {state}")),
                ("next", [Step::Key(to)]) => {
                    Some(format!("chance the link goes from {state} to {to}"))
                }
                _ => None,
            }
        }
        _ if section == "blanks" && k(1) == Some("reorder") => {
            let (base, random) = match k(2)? {
                "below" => ("reorder point", false),
                "quantity" => ("reorder lot size", false),
                "lead_time" => ("reorder lead time", true),
                _ => return None,
            };
            compose(base, random, &steps[3..], None)
        }
        [_, Step::Key(name), rest @ ..] => {
            let (base, random) = plain(section, name)?;
            compose(base, random, rest, None)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(path: &str) -> String {
        setting_name(&KeyPath::parse(path).unwrap())
    }

    #[test]
    fn every_setting_of_the_bundled_scenarios_has_a_readable_name() {
        for (path, expected) in [
            ("printing.printers", "printers"),
            (
                "printing.cards_per_day.min",
                "cards per printer per day, min",
            ),
            ("printing.cards_per_day", "cards per printer per day"),
            ("printing.card_time.mean", "time per card, mean"),
            ("printing.reject_rate", "reject rate"),
            ("backlog.initial", "initial backlog"),
            ("backlog.mix.elderly", "share of elderly in the backlog"),
            (
                "recording.per_workday.mean",
                "new records per working day, mean",
            ),
            ("recording.pool", "residents still to record"),
            ("network.states.up.throughput", "link throughput when up"),
            (
                "network.states.degraded.stay.median",
                "time the link stays degraded, median",
            ),
            (
                "network.states.up.next.down",
                "chance the link goes from up to down",
            ),
            (
                "network.outages[0].duration",
                "link outage duration (outage 1)",
            ),
            (
                "server.outages[0].duration.mode",
                "server outage duration, mode (outage 1)",
            ),
            (
                "server.outages[1].every.mean",
                "time between server outages, mean (outage 2)",
            ),
            ("blanks.initial", "blanks on hand at the start"),
            (
                "blanks.shipments[0].quantity",
                "blank lot size (shipment 1)",
            ),
            (
                "blanks.shipments[0].delay.max",
                "shipment delay, max (shipment 1)",
            ),
            ("blanks.reorder.below", "reorder point"),
            ("blanks.reorder.quantity", "reorder lot size"),
            ("blanks.reorder.lead_time.mode", "reorder lead time, mode"),
            (
                "distribution.to_district.max",
                "transport to the district, max",
            ),
            (
                "distribution.to_resident.mean",
                "delivery to the resident, mean",
            ),
            ("calendar.hours[1]", "closing time"),
            ("scenario.horizon", "horizon"),
            ("printing.card_time.values[2]", "time per card, value 3"),
            ("printing.card_time.value", "time per card"),
        ] {
            assert_eq!(name(path), expected, "{path}");
        }
    }

    #[test]
    fn unknown_paths_keep_their_spelling() {
        for path in [
            "printing.speed",
            "printing.printers.mean",
            "blanks.shipments[0].colour",
            "network.states.up.throughput.mean",
            "server.outages",
            "x",
        ] {
            assert_eq!(name(path), path);
        }
        let paths = [
            KeyPath::parse("printing.printers").unwrap(),
            KeyPath::parse("blanks.reorder.below").unwrap(),
            KeyPath::parse("blanks.reorder.quantity").unwrap(),
        ];
        assert_eq!(setting_names(&paths[..1]), "printers");
        assert_eq!(setting_names(&paths[..2]), "printers and reorder point");
        assert_eq!(
            setting_names(&paths),
            "printers, reorder point and reorder lot size"
        );
    }

    /// Every numeric setting sensitivity finds in the bundled scenarios has a
    /// name from the table, not its path.
    #[test]
    fn sensitivity_settings_of_the_bundled_scenarios_are_all_named() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let doc = crate::scenario::document::Document::load(&path).unwrap();
            for (key, _, _) in crate::decide::sensitivity::settings::walk(&doc) {
                let readable = setting_name(&key);
                assert_ne!(readable, key.to_string(), "{}: {key}", path.display());
            }
        }
    }
}
