//! `goal --vary KEY`: the key checked before anything runs, with errors that
//! point into the argument as it was typed.
//!
//! A key the scenario does not accept is underlined inside the argument
//! (`--vary printing.printer`, the carets under `printer`) with the nearest
//! accepted key offered; a key that holds something other than a number (a
//! duration, a distribution, a date) says that goal varies numbers only and
//! what to vary instead.

use anyhow::{Result, anyhow};

use crate::decide::sensitivity::settings::{self, Leaf};
use crate::scenario::document::{Document, NodeValue};
use crate::scenario::key_path::{KeyPath, Step};
use crate::scenario::overrides::validate_with;

/// Checks that `path` (typed as `given`) names a number the scenario `doc`
/// holds or accepts; `probe` is a value to try it with when it is not written.
pub fn check(doc: &Document, path: &KeyPath, given: &str, probe: f64) -> Result<()> {
    match doc.get_path(path).map(|n| &n.value) {
        Some(NodeValue::Integer(_) | NodeValue::Float(_)) => Ok(()),
        Some(other) => Err(anyhow!(not_a_number(doc, path, other))),
        None => known(doc, path, given, probe),
    }
}

/// Why `value` at `path` cannot be varied, and what can.
fn not_a_number(doc: &Document, path: &KeyPath, value: &NodeValue) -> String {
    let is = match value {
        NodeValue::String(s) if crate::time::parse_duration(s).is_ok() => {
            format!("a duration (the string \"{s}\")")
        }
        NodeValue::Table(entries) if entries.iter().any(|e| e.key == "dist") => {
            "a distribution (a table)".to_owned()
        }
        other => other.kind().to_owned(),
    };
    let inside = numbers_under(doc, path);
    let instead = if inside.is_empty() {
        format!("vary a number instead: {}", numbers(doc))
    } else {
        format!("vary one of its numbers instead: {}", shown(&inside))
    };
    format!("--vary {path}: goal varies numbers only, and `{path}` is {is}; {instead}")
}

/// The numbers of `doc` a goal may vary, for a message.
pub fn numbers(doc: &Document) -> String {
    let keys = numbers_under(doc, &KeyPath(Vec::new()));
    if keys.is_empty() {
        "this scenario writes none, but any numeric setting of the scenario format \
         (docs/scenario-format.md) can be given, e.g. printing.printers"
            .to_owned()
    } else {
        shown(&keys)
    }
}

/// The numbers written under `prefix`, in the order written.
fn numbers_under(doc: &Document, prefix: &KeyPath) -> Vec<String> {
    settings::numbers(doc)
        .into_iter()
        .filter(|(path, leaf)| {
            path.0.starts_with(&prefix.0) && matches!(leaf, Leaf::Integer(_) | Leaf::Float(_))
        })
        .map(|(path, _)| format!("`{path}`"))
        .collect()
}

/// The most keys a message lists.
const LISTED: usize = 8;

fn shown(keys: &[String]) -> String {
    if keys.len() <= LISTED {
        keys.join(", ")
    } else {
        format!(
            "{} and {} more",
            keys[..LISTED].join(", "),
            keys.len() - LISTED
        )
    }
}

/// Checks a key the scenario does not write by setting it to `probe`: an
/// unknown key is underlined in `given`.
fn known(doc: &Document, path: &KeyPath, given: &str, probe: f64) -> Result<()> {
    let mut doc = doc.clone();
    let (text, value) = if probe.fract() == 0.0 && probe.abs() < 9e15 {
        (format!("{probe:.0}"), NodeValue::Integer(probe as i64))
    } else {
        (probe.to_string(), NodeValue::Float(probe))
    };
    let node = doc.command_line_node(&format!("--vary {path}"), &text, value);
    let at = (node.file, node.span.clone());
    let Err(e) = validate_with(&doc, &[(path.clone(), node, at)]) else {
        return Ok(());
    };
    let message = e.message();
    // The unknown key's name, from "unknown key path `a.b`: unknown key `b` in [a]".
    let Some(key) = message
        .split_once(": unknown key `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(key, _)| key.to_owned())
    else {
        // A table the scenario does not write, which the key alone cannot
        // make valid: say so before any value runs.
        if let Some(missing) = missing_table(&doc, path) {
            return Err(anyhow!(
                "--vary {path}: the scenario has no [{missing}], and `{path}` alone does not make one: {message}; write [{missing}] in the scenario, then vary a number in it"
            ));
        }
        // Another fault (a step into a number, an index past a list): the
        // search reports it with the value that shows it.
        return Ok(());
    };
    let accepted: Vec<String> = e
        .located()
        .and_then(|l| l.help.as_deref())
        .and_then(|h| h.strip_prefix("accepted keys: "))
        .map(|list| {
            list.split(", ")
                .map(|k| k.trim_matches('`').to_owned())
                .collect()
        })
        .unwrap_or_default();
    let at = unknown_step(&doc, path, &key);
    let span = key_spans(given).get(at).cloned().unwrap_or(0..given.len());
    let reason = &message[message.find(": unknown key `").map_or(0, |i| i + 2)..];
    let mut help = String::new();
    if let Some(near) = nearest(&key, &accepted) {
        let mut fixed = path.clone();
        let mut keys_seen = 0;
        for step in &mut fixed.0 {
            if let Step::Key(k) = step {
                if keys_seen == at {
                    near.clone_into(k);
                }
                keys_seen += 1;
            }
        }
        help = format!("did you mean `{fixed}`? ");
    }
    if !accepted.is_empty() {
        let list: Vec<String> = accepted.iter().map(|k| format!("`{k}`")).collect();
        help.push_str(&format!("accepted keys: {}", list.join(", ")));
    }
    let option = "--vary ";
    let pad = " ".repeat(option.len() + given[..span.start].chars().count());
    let carets = "^".repeat(given[span].chars().count().max(1));
    let mut text = format!("--vary {given}: {reason}\n  |\n  | {option}{given}\n  | {pad}{carets}");
    if !help.is_empty() {
        text.push_str(&format!("\n  = help: {}", help.trim_end()));
    }
    Err(anyhow!(text))
}

/// The first table on the way to `path`'s last key that `doc` does not
/// write, if any.
fn missing_table(doc: &Document, path: &KeyPath) -> Option<KeyPath> {
    (1..path.0.len())
        .map(|n| KeyPath(path.0[..n].to_vec()))
        .find(|prefix| doc.get_path(prefix).is_none())
}

/// Which key of `path` (counting keys only, from 0) is the unknown `key`:
/// the first by that name that the scenario does not write.
fn unknown_step(doc: &Document, path: &KeyPath, key: &str) -> usize {
    let mut keys_seen = 0;
    let mut first = None;
    for (i, step) in path.0.iter().enumerate() {
        if let Step::Key(k) = step {
            if k == key {
                first.get_or_insert(keys_seen);
                if doc.get_path(&KeyPath(path.0[..=i].to_vec())).is_none() {
                    return keys_seen;
                }
            }
            keys_seen += 1;
        }
    }
    first.unwrap_or(0)
}

/// The byte spans of the keys of a key path as typed (`a.b[2].c`: a, b, c).
fn key_spans(given: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut start = 0;
    for part in given.split('.') {
        let key = part.find('[').unwrap_or(part.len());
        spans.push(start..start + key);
        start += part.len() + 1;
    }
    spans
}

/// The accepted key nearest `key` in spelling, if near enough to be a typo.
fn nearest<'a>(key: &str, accepted: &'a [String]) -> Option<&'a str> {
    let (best, distance) = accepted
        .iter()
        .map(|k| (k.as_str(), edits(key, k)))
        .min_by_key(|(_, d)| *d)?;
    (distance <= 2.max(key.chars().count() / 3)).then_some(best)
}

/// The Levenshtein distance: characters inserted, removed or replaced.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let replaced = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = replaced.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_are_near_and_other_keys_are_not() {
        let accepted: Vec<String> = ["printers", "cards_per_day", "card_time", "reject_rate"]
            .map(String::from)
            .to_vec();
        assert_eq!(nearest("printer", &accepted), Some("printers"));
        assert_eq!(nearest("card_tme", &accepted), Some("card_time"));
        assert_eq!(nearest("speed", &accepted), None);
        assert_eq!(edits("kitten", "sitting"), 3);
    }

    #[test]
    fn key_spans_skip_indices() {
        assert_eq!(
            key_spans("server.outages[1].every"),
            vec![0..6, 7..14, 18..23]
        );
    }
}
