//! Putting documents together: the offices of a national scenario are the
//! template's tree with the national `[scenario]` grafted in, and the cells of
//! the offices table are values read from a file that is no TOML file.
//!
//! Every node keeps the file it was written in, so an error in a grafted node
//! or in a cell points into the national file, the template or the table.

use std::ops::Range;
use std::sync::Arc;

use toml::de::DeTable;

use super::nesting::too_deep;
use super::{Document, FileId, Node, NodeValue, SourceFile, convert};

impl Document {
    /// Appends `other`'s files to this document's and returns `other`'s root
    /// with its file ids moved to match: its nodes then point into their own
    /// files here.
    pub fn graft(&mut self, other: &Document) -> Node {
        let offset = self.files.len();
        self.files.extend(other.files.iter().cloned());
        let mut root = other.root.clone();
        shift(&mut root, offset);
        root
    }

    /// Adds a file (text shared) and returns its id.
    pub fn add_file(&mut self, path: &std::path::Path, text: Arc<str>) -> FileId {
        self.files.push(SourceFile {
            path: path.to_path_buf(),
            text,
        });
        self.files.len() - 1
    }
}

/// Moves every file id of `node` by `offset`.
fn shift(node: &mut Node, offset: usize) {
    node.file += offset;
    match &mut node.value {
        NodeValue::Array(items) => items.iter_mut().for_each(|n| shift(n, offset)),
        NodeValue::Table(entries) => {
            for e in entries {
                e.key_file += offset;
                shift(&mut e.value, offset);
            }
        }
        _ => {}
    }
}

/// What a cell of text read as a TOML value gave.
pub enum Cell {
    /// A TOML value (spans in the cell's file).
    Value(Node),
    /// Not a TOML value: the text stands as a string.
    Text,
    /// A TOML value that cannot be kept (a number past range, a control
    /// character, nesting too deep): why.
    Refused(String),
}

/// Reads `content` as one TOML value. `content` is the text of a cell whose
/// byte `i` was written at `at(i)` in file `file` (a quoted CSV cell has its
/// quotes doubled, so positions differ); `at(content.len())` is the cell's end.
/// `key` names the value in messages.
pub fn cell_value(
    files: &[SourceFile],
    file: FileId,
    key: &str,
    content: &str,
    at: &dyn Fn(usize) -> usize,
) -> Cell {
    const HEAD: &str = "v = ";
    let text = format!("{HEAD}{content}\n");
    if too_deep(&text).is_some() {
        return Cell::Refused(format!(
            "tables and arrays nest more than {} levels deep",
            super::MAX_NESTING
        ));
    }
    let Ok(parsed) = DeTable::parse(&text) else {
        return Cell::Text;
    };
    let table = parsed.into_inner();
    if table.len() != 1 {
        return Cell::Text;
    }
    let Some((_, value)) = table.into_iter().next() else {
        return Cell::Text;
    };
    let scratch = [SourceFile {
        path: files[file].path.clone(),
        text: text.as_str().into(),
    }];
    match convert(&scratch, 0, key, value) {
        Ok(mut node) => {
            let map = |i: usize| at(i.saturating_sub(HEAD.len()).min(content.len()));
            relocate(&mut node, file, &map);
            Cell::Value(node)
        }
        Err(e) => Cell::Refused(e.message()),
    }
}

fn relocate(node: &mut Node, file: FileId, map: &dyn Fn(usize) -> usize) {
    let span = |s: &Range<usize>| map(s.start)..map(s.end);
    node.file = file;
    node.span = span(&node.span);
    match &mut node.value {
        NodeValue::Array(items) => items.iter_mut().for_each(|n| relocate(n, file, map)),
        NodeValue::Table(entries) => {
            for e in entries {
                e.key_file = file;
                e.key_span = span(&e.key_span);
                relocate(&mut e.value, file, map);
            }
        }
        _ => {}
    }
}
