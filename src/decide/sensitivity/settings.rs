//! The numeric settings of a merged scenario, found by walking its tree, and
//! how one of them is moved by a factor.
//!
//! A setting is a leaf that holds a number: an integer, a float, or a duration
//! string ("6h", "2.5d"). A distribution (`{ dist = "triangular", min = "7d",
//! mode = "21d", max = "60d" }`) is one setting, moved as a whole: every
//! parameter in its unit scales together ([`SCALED_BY_SHAPE`] says which do
//! not), so the distribution stretches or shrinks without its `mode` passing
//! its `max`; its shape parameters are settings of their own. `[scenario]`
//! (seed, replications, horizon, dates) is left out: moving it changes the
//! experiment, not the office. Dates, booleans and strings that are not
//! durations are not settings. Class mixes and transition rows must sum to 1,
//! so moving one share alone would make an invalid file: they are listed as
//! skipped with that reason.

use crate::scenario::document::{Document, Node, NodeValue};
use crate::scenario::key_path::{KeyPath, Step};

/// A leaf of the merged scenario that a sensitivity run may move.
#[derive(Debug, Clone)]
pub enum Leaf {
    /// An integer: moved values round to the nearest integer.
    Integer(i64),
    /// A float.
    Float(f64),
    /// A duration string: the number and its unit as written.
    Duration(f64, String),
    /// A distribution moved as a whole: its family, and the parameters that
    /// scale (each a number or duration, with its path and node), in the
    /// order written.
    Distribution(String, Vec<(KeyPath, Leaf, Node)>),
    /// Not moved, with the reason in words.
    Skip(String),
}

/// Parameters of a distribution that keep their value when the distribution
/// is scaled: they set its shape, not its size (a lognormal's `sigma` is on
/// the log scale; a gamma's or Weibull's `shape`; an empirical distribution's
/// `weights`). Every other parameter is in the distribution's unit and scales:
/// `value`; `min`, `mode`, `max`; `mean`, `sd`; `median`; `scale`; `values`.
pub const SCALED_BY_SHAPE: [&str; 3] = ["sigma", "shape", "weights"];

/// One moved setting: the values to set (a distribution sets several), and
/// the setting as it would be written.
#[derive(Debug, Clone)]
pub enum Moved {
    /// A different value.
    To(Vec<(KeyPath, Node)>, String),
    /// The same value, with why (rounding, or zero scaled).
    Same(&'static str),
}

/// Every setting of `doc`, in the order written, with its leaf and the node it is.
pub fn walk(doc: &Document) -> Vec<(KeyPath, Leaf, Node)> {
    walk_with(doc, true)
}

/// Every number and duration of `doc` outside `[scenario]`, a distribution's
/// parameters each on its own (the keys a goal may vary), in the order written.
pub fn numbers(doc: &Document) -> Vec<(KeyPath, Leaf)> {
    walk_with(doc, false)
        .into_iter()
        .map(|(path, leaf, _)| (path, leaf))
        .filter(|(_, leaf)| !matches!(leaf, Leaf::Skip(_)))
        .collect()
}

fn walk_with(doc: &Document, whole: bool) -> Vec<(KeyPath, Leaf, Node)> {
    let mut out = Vec::new();
    if let NodeValue::Table(entries) = &doc.root.value {
        for e in entries {
            // Seed, replications, horizon and dates shape the experiment; a
            // sweep is not part of the scenario.
            if e.key == "scenario" || e.key == "sweep" {
                continue;
            }
            visit(&e.value, vec![Step::Key(e.key.clone())], whole, &mut out);
        }
    }
    out
}

/// A distribution's family, when `entries` are one of a known family.
fn family(entries: &[crate::scenario::document::Entry]) -> Option<&str> {
    let dist = entries.iter().find(|e| e.key == "dist")?;
    match &dist.value.value {
        NodeValue::String(name)
            if crate::scenario::dist_reader::DISTS
                .iter()
                .any(|(known, _)| known == name) =>
        {
            Some(name)
        }
        _ => None,
    }
}

/// The distribution at `path` as one setting, then its shape parameters.
fn distribution(
    node: &Node,
    entries: &[crate::scenario::document::Entry],
    family: &str,
    path: &[Step],
    out: &mut Vec<(KeyPath, Leaf, Node)>,
) {
    let mut scaled = Vec::new();
    let mut shape = Vec::new();
    for e in entries.iter().filter(|e| e.key != "dist") {
        let mut p = path.to_vec();
        p.push(Step::Key(e.key.clone()));
        let mut found = Vec::new();
        visit(&e.value, p, false, &mut found);
        if SCALED_BY_SHAPE.contains(&e.key.as_str()) {
            shape.extend(found);
        } else {
            scaled.extend(found);
        }
    }
    let whole = Leaf::Distribution(family.to_owned(), scaled);
    out.push((KeyPath(path.to_vec()), whole, node.clone()));
    out.extend(shape);
}

fn visit(node: &Node, path: Vec<Step>, whole: bool, out: &mut Vec<(KeyPath, Leaf, Node)>) {
    let leaf = match &node.value {
        NodeValue::Table(entries) if whole && family(entries).is_some() => {
            let name = family(entries).unwrap_or_default();
            distribution(node, entries, name, &path, out);
            return;
        }
        NodeValue::Table(entries) => {
            let reason = match path.last() {
                Some(Step::Key(k)) if k == "mix" => Some("a class mix: the shares must sum to 1"),
                Some(Step::Key(k)) if k == "next" => {
                    Some("a transition row: the probabilities must sum to 1")
                }
                _ => None,
            };
            if let Some(reason) = reason {
                out.push((KeyPath(path), Leaf::Skip(reason.into()), node.clone()));
                return;
            }
            for e in entries {
                let mut p = path.clone();
                p.push(Step::Key(e.key.clone()));
                visit(&e.value, p, whole, out);
            }
            return;
        }
        NodeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let mut p = path.clone();
                p.push(Step::Index(i));
                visit(item, p, whole, out);
            }
            return;
        }
        NodeValue::Integer(i) => Leaf::Integer(*i),
        NodeValue::Float(x) => Leaf::Float(*x),
        NodeValue::String(s) => match split_duration(s) {
            Some((x, unit)) => Leaf::Duration(x, unit),
            None => return,
        },
        NodeValue::Boolean(_) | NodeValue::Datetime(_) => return,
    };
    out.push((KeyPath(path), leaf, node.clone()));
}

/// The number and unit of a duration string, if it is one.
fn split_duration(text: &str) -> Option<(f64, String)> {
    crate::time::parse_duration(text).ok()?;
    let t = text.trim();
    let at = t.find(|c: char| c.is_ascii_alphabetic())?;
    let x: f64 = t[..at].trim().parse().ok()?;
    Some((x, t[at..].trim().to_owned()))
}

/// `x` to 10 significant digits, so 0.009 × 1.2 reads 0.0108, not 0.010799999999999999.
pub fn tidy(x: f64) -> f64 {
    format!("{x:.9e}").parse().unwrap_or(x)
}

/// `leaf` at `path` (written as `node`) multiplied by `factor`; `None` for a
/// skipped leaf.
pub fn scale(path: &KeyPath, leaf: &Leaf, node: &Node, factor: f64) -> Option<Moved> {
    let at = |value: NodeValue, text: String| {
        // The moved value keeps the place of the original, so a validation
        // error points at the value in the file.
        let node = Node {
            value,
            span: node.span.clone(),
            file: node.file,
        };
        Moved::To(vec![(path.clone(), node)], text)
    };
    Some(match leaf {
        Leaf::Skip(_) => return None,
        Leaf::Distribution(family, params) => scale_whole(family, params, factor),
        Leaf::Integer(i) => {
            let moved = (*i as f64 * factor).round() as i64;
            if moved == *i {
                Moved::Same(if *i == 0 {
                    "zero stays zero"
                } else {
                    "rounds to the same value"
                })
            } else {
                at(NodeValue::Integer(moved), moved.to_string())
            }
        }
        Leaf::Float(x) if *x == 0.0 => Moved::Same("zero stays zero"),
        Leaf::Float(x) => {
            let moved = tidy(x * factor);
            at(NodeValue::Float(moved), moved.to_string())
        }
        Leaf::Duration(x, _) if *x == 0.0 => Moved::Same("zero stays zero"),
        Leaf::Duration(x, unit) => {
            let text = format!("{}{unit}", tidy(x * factor));
            at(NodeValue::String(text.clone()), text)
        }
    })
}

/// A distribution with every parameter of `params` multiplied by `factor`:
/// "triangular(5.6d, 16.8d, 48d)"; the same when every one is.
fn scale_whole(family: &str, params: &[(KeyPath, Leaf, Node)], factor: f64) -> Moved {
    let mut changes = Vec::new();
    let mut texts = Vec::new();
    let mut why = "zero stays zero";
    for (path, leaf, node) in params {
        match scale(path, leaf, node, factor) {
            Some(Moved::To(mut set, text)) => {
                changes.append(&mut set);
                texts.push(text);
            }
            Some(Moved::Same(w)) => {
                if w != "zero stays zero" {
                    why = w;
                }
                texts.push(plain_label(leaf).unwrap_or_default());
            }
            None => {}
        }
    }
    if changes.is_empty() {
        Moved::Same(why)
    } else {
        Moved::To(changes, format!("{family}({})", texts.join(", ")))
    }
}

/// A number or duration as it reads in a label, from its value.
fn plain_label(leaf: &Leaf) -> Option<String> {
    match leaf {
        Leaf::Integer(i) => Some(i.to_string()),
        Leaf::Float(x) => Some(x.to_string()),
        Leaf::Duration(x, unit) => Some(format!("{x}{unit}")),
        Leaf::Distribution(..) | Leaf::Skip(_) => None,
    }
}

/// The value as written, for the CSV's base_value column; a distribution as
/// its family and scaled parameters, "triangular(7d, 21d, 60d)".
pub fn label(leaf: &Leaf, doc: &Document, node: &Node) -> String {
    match leaf {
        Leaf::Duration(x, unit) => format!("{x}{unit}"),
        Leaf::Distribution(family, params) => {
            let texts: Vec<String> = params
                .iter()
                .map(|(_, leaf, node)| label(leaf, doc, node))
                .collect();
            format!("{family}({})", texts.join(", "))
        }
        _ => doc.text(node).trim_matches('"').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every numeric setting sensitivity finds in the bundled scenarios has a
    /// name from the table of setting words, not its path.
    #[test]
    fn settings_of_the_bundled_scenarios_are_all_named() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            let doc = crate::scenario::document::Document::load(&path).unwrap();
            for (key, _, _) in walk(&doc) {
                let named = crate::scenario::words::known_name(&key);
                assert!(named.is_some(), "{}: {key}", path.display());
            }
        }
    }

    #[test]
    fn durations_scale_in_their_unit_and_integers_round() {
        let node = Node {
            value: NodeValue::Integer(0),
            span: 0..0,
            file: 0,
        };
        let path = KeyPath::parse("a").unwrap();
        let text = |leaf: &Leaf, factor: f64| match scale(&path, leaf, &node, factor) {
            Some(Moved::To(_, t)) => t,
            Some(Moved::Same(why)) => why.to_owned(),
            None => "skip".into(),
        };
        let d = Leaf::Duration(2.5, "d".into());
        assert_eq!(text(&d, 0.8), "2d");
        assert_eq!(text(&d, 1.2), "3d");
        assert_eq!(text(&Leaf::Float(0.009), 1.2), "0.0108");
        assert_eq!(text(&Leaf::Integer(60), 0.8), "48");
        assert_eq!(text(&Leaf::Integer(2), 1.2), "rounds to the same value");
        assert_eq!(text(&Leaf::Float(0.0), 1.2), "zero stays zero");
        assert_eq!(split_duration("90min"), Some((90.0, "min".into())));
        assert_eq!(split_duration("up"), None);
    }

    /// A triangular lead time is one setting: its three points move together
    /// and keep their order; a lognormal keeps its `sigma`, a setting of its own.
    #[test]
    fn a_distribution_moves_as_a_whole_and_keeps_its_shape() {
        let text = "[blanks.reorder]\nbelow = 5000\nquantity = 10000\n\
                    lead_time = { dist = \"triangular\", min = \"7d\", mode = \"21d\", max = \"60d\" }\n\
                    [[server.outages]]\nevery = \"30d\"\n\
                    duration = { dist = \"lognormal\", median = \"1d\", sigma = 0.7 }\n";
        let doc = Document::from_text(text, std::path::Path::new("a.toml")).unwrap();
        let found = walk(&doc);
        let paths: Vec<String> = found.iter().map(|(p, _, _)| p.to_string()).collect();
        assert_eq!(
            paths,
            [
                "blanks.reorder.below",
                "blanks.reorder.quantity",
                "blanks.reorder.lead_time",
                "server.outages[0].every",
                "server.outages[0].duration",
                "server.outages[0].duration.sigma"
            ]
        );
        let (path, lead, node) = &found[2];
        assert_eq!(label(lead, &doc, node), "triangular(7d, 21d, 60d)");
        let Some(Moved::To(set, moved)) = scale(path, lead, node, 1.2) else {
            panic!("the lead time does not move");
        };
        assert_eq!(moved, "triangular(8.4d, 25.2d, 72d)");
        let set: Vec<String> = set.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(
            set,
            [
                "blanks.reorder.lead_time.min",
                "blanks.reorder.lead_time.mode",
                "blanks.reorder.lead_time.max"
            ]
        );
        let (path, duration, node) = &found[4];
        assert_eq!(label(duration, &doc, node), "lognormal(1d)");
        assert!(matches!(
            scale(path, duration, node, 0.8),
            Some(Moved::To(_, t)) if t == "lognormal(0.8d)"
        ));
        // A goal varies each number on its own.
        let numbers: Vec<String> = numbers(&doc).iter().map(|(p, _)| p.to_string()).collect();
        assert!(numbers.contains(&"blanks.reorder.lead_time.mode".to_owned()));
    }
}
