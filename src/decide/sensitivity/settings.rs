//! The numeric settings of a merged scenario, found by walking its tree, and
//! how one of them is moved by a factor.
//!
//! A setting is a leaf that holds a number: an integer, a float, or a duration
//! string ("6h", "2.5d"), distribution parameters included. `[scenario]` (seed,
//! replications, horizon, dates) is left out: moving it changes the experiment,
//! not the office. Dates, booleans and strings that are not durations are not
//! settings. Class mixes and transition rows must sum to 1, so moving one share
//! alone would make an invalid file: they are listed as skipped with that reason.

use crate::scenario::document::{Document, Node, NodeValue};
use crate::scenario::overrides::{KeyPath, Step};

/// A leaf of the merged scenario that a sensitivity run may move.
#[derive(Debug, Clone)]
pub enum Leaf {
    /// An integer: moved values round to the nearest integer.
    Integer(i64),
    /// A float.
    Float(f64),
    /// A duration string: the number and its unit as written.
    Duration(f64, String),
    /// Not moved, with the reason in words.
    Skip(String),
}

/// One moved value: the node to set, and the value as it would be written.
#[derive(Debug, Clone)]
pub enum Moved {
    /// A different value.
    To(Node, String),
    /// The same value, with why (rounding, or zero scaled).
    Same(&'static str),
}

/// Every setting of `doc`, in the order written, with its leaf and the node it is.
pub fn walk(doc: &Document) -> Vec<(KeyPath, Leaf, Node)> {
    let mut out = Vec::new();
    if let NodeValue::Table(entries) = &doc.root.value {
        for e in entries {
            // Seed, replications, horizon and dates shape the experiment; a
            // sweep is not part of the scenario.
            if e.key == "scenario" || e.key == "sweep" {
                continue;
            }
            visit(&e.value, vec![Step::Key(e.key.clone())], &mut out);
        }
    }
    out
}

fn visit(node: &Node, path: Vec<Step>, out: &mut Vec<(KeyPath, Leaf, Node)>) {
    let leaf = match &node.value {
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
                visit(&e.value, p, out);
            }
            return;
        }
        NodeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let mut p = path.clone();
                p.push(Step::Index(i));
                visit(item, p, out);
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

/// `leaf` (written as `node`) multiplied by `factor`; `None` for a skipped leaf.
pub fn scale(leaf: &Leaf, node: &Node, factor: f64) -> Option<Moved> {
    let at = |value: NodeValue, text: String| {
        // The moved value keeps the place of the original, so a validation
        // error points at the value in the file.
        Moved::To(
            Node {
                value,
                span: node.span.clone(),
                file: node.file,
            },
            text,
        )
    };
    Some(match leaf {
        Leaf::Skip(_) => return None,
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

/// The value as written, for the CSV's base_value column.
pub fn label(leaf: &Leaf, doc: &Document, node: &Node) -> String {
    match leaf {
        Leaf::Duration(x, unit) => format!("{x}{unit}"),
        _ => doc.text(node).trim_matches('"').to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_scale_in_their_unit_and_integers_round() {
        let node = Node {
            value: NodeValue::Integer(0),
            span: 0..0,
            file: 0,
        };
        let text = |m: Option<Moved>| match m {
            Some(Moved::To(_, t)) => t,
            Some(Moved::Same(why)) => why.to_owned(),
            None => "skip".into(),
        };
        let d = Leaf::Duration(2.5, "d".into());
        assert_eq!(text(scale(&d, &node, 0.8)), "2d");
        assert_eq!(text(scale(&d, &node, 1.2)), "3d");
        assert_eq!(text(scale(&Leaf::Float(0.009), &node, 1.2)), "0.0108");
        assert_eq!(text(scale(&Leaf::Integer(60), &node, 0.8)), "48");
        assert_eq!(
            text(scale(&Leaf::Integer(2), &node, 1.2)),
            "rounds to the same value"
        );
        assert_eq!(
            text(scale(&Leaf::Float(0.0), &node, 1.2)),
            "zero stays zero"
        );
        assert_eq!(split_duration("90min"), Some((90.0, "min".into())));
        assert_eq!(split_duration("up"), None);
    }
}
