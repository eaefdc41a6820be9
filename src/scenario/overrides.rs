//! Changing a merged scenario before validation: set the value at a key path
//! (`printing.printers`, `server.outages[1].duration.median`), then validate,
//! so every variant of a sweep, a goal search or a sensitivity run is checked
//! exactly like a file, with the same messages.
//!
//! This module owns the edit of the [`Document`] tree; the grammar of key
//! paths is [`super::key_path`]'s, and meaning stays with
//! [`super::validate`]. A value set here keeps the place it came
//! from (a `[sweep]` entry, or a command-line option as a one-line source), so
//! an error in it points there.

use super::document::{Document, Entry, FileId, Node, NodeValue, SourceFile};
use super::key_path::{KeyPath, Step};
use super::{Scenario, ScenarioError, validate};

impl Document {
    /// The node at `path`, if the merged scenario has one.
    pub fn get_path(&self, path: &KeyPath) -> Option<&Node> {
        let mut node = &self.root;
        for step in &path.0 {
            node = match (step, &node.value) {
                (Step::Key(k), NodeValue::Table(entries)) => {
                    &entries.iter().find(|e| &e.key == k)?.value
                }
                (Step::Index(i), NodeValue::Array(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Sets the value at `path` to `value`, creating missing tables and the
    /// last key (validation then rejects keys that do not exist); `key_at`
    /// is where a created key counts as written. `Err` says which step
    /// does not fit (an index past an array's end, a key into a number).
    pub fn set_path(
        &mut self,
        path: &KeyPath,
        value: Node,
        key_at: (FileId, std::ops::Range<usize>),
    ) -> Result<(), String> {
        let mut node = &mut self.root;
        let last = path.0.len().saturating_sub(1);
        for (depth, step) in path.0.iter().enumerate() {
            let fresh = |k: &str| Entry {
                key: k.to_owned(),
                key_span: key_at.1.clone(),
                key_file: key_at.0,
                value: Node {
                    value: NodeValue::Table(Vec::new()),
                    span: key_at.1.clone(),
                    file: key_at.0,
                },
            };
            let kind = node.value.kind();
            node = match (step, &mut node.value) {
                (Step::Key(k), NodeValue::Table(entries)) => {
                    let i = match entries.iter().position(|e| &e.key == k) {
                        Some(i) => i,
                        None => {
                            entries.push(fresh(k));
                            entries.len() - 1
                        }
                    };
                    &mut entries[i].value
                }
                (Step::Index(i), NodeValue::Array(items)) => {
                    let n = items.len();
                    items.get_mut(*i).ok_or_else(|| {
                        format!("`{path}`: index [{i}] is past the end of a list of {n}")
                    })?
                }
                _ => return Err(format!("`{path}`: step {} goes into {kind}", depth + 1)),
            };
            if depth == last {
                *node = value;
                return Ok(());
            }
        }
        Err(format!("key path `{path}` is empty"))
    }

    /// Adds a one-line pseudo file (a command-line value) that errors can point
    /// into, and returns a node spanning all of `text` in it.
    pub fn command_line_node(&mut self, label: &str, text: &str, value: NodeValue) -> Node {
        self.files.push(SourceFile {
            path: label.into(),
            text: text.into(),
        });
        Node {
            value,
            span: 0..text.len(),
            file: self.files.len() - 1,
        }
    }

    /// Removes a top-level table (a `[sweep]` from its variants).
    pub fn remove_top(&mut self, key: &str) {
        if let NodeValue::Table(entries) = &mut self.root.value {
            entries.retain(|e| e.key != key);
        }
    }
}

/// Where a key path was written: a file and the byte span of the key.
pub type WrittenAt = (FileId, std::ops::Range<usize>);

/// One change: set `KeyPath` to `Node`, the path written at `WrittenAt`.
pub type Change = (KeyPath, Node, WrittenAt);

/// Validates a copy of `doc` with each (path, value) set, in order. An
/// unknown key created by a path is reported as an unknown key path at
/// `key_at`, where the path was written.
pub fn validate_with(doc: &Document, changes: &[Change]) -> Result<Scenario, ScenarioError> {
    let mut doc = doc.clone();
    doc.remove_top("sweep");
    for (path, value, key_at) in changes {
        doc.set_path(path, value.clone(), key_at.clone())
            .map_err(|m| doc.error(key_at.0, key_at.1.clone(), m, None))?;
    }
    validate::validate(&doc).map_err(|e| at_key_path(&doc, changes, e))
}

/// `e`, an error of validating `doc` after `changes` were set: an unknown key
/// created by a change is reported as an unknown key path where the path was
/// written; any other error as it is.
pub fn at_key_path(doc: &Document, changes: &[Change], e: ScenarioError) -> ScenarioError {
    let Some(l) = e.located() else {
        return e;
    };
    if !l.message.starts_with("unknown key `") {
        return e;
    }
    let at_path = changes.iter().find(|(path, _, (file, span))| {
        let place = super::error::Located::new(
            &doc.files[*file].path,
            &doc.files[*file].text,
            span.clone(),
            "",
            None,
        );
        l.path == place.path
            && l.line == place.line
            && l.column == place.column
            && !path.leaf().is_empty()
    });
    match at_path {
        Some((path, _, (file, span))) => doc.error(
            *file,
            span.clone(),
            format!("unknown key path `{path}`: {}", e.message()),
            l.help.clone(),
        ),
        None => e,
    }
}
