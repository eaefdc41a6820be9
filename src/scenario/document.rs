//! The scenario as written: a TOML tree in which every value and key remembers the
//! file and byte span it came from, with `extends` parents merged in.
//!
//! This module owns reading files, TOML syntax errors and `extends` (resolution,
//! cycles, merging), and the limits on what is read: [`MAX_SCENARIO_BYTES`] for a
//! scenario and its parents together, [`MAX_CHAIN_FILES`] files in a chain, and
//! [`MAX_NESTING`] levels of tables and arrays. Within them every walk of the tree
//! (conversion, merging, the merged text) recurses at most that deep. It knows
//! nothing of what the keys mean: that is [`super::validate`].

mod chain;
mod graft;
mod nesting;
mod reading;

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use self::chain::load_chain;
use super::ScenarioError;
use super::error::Located;
use super::sources::Sources;
pub use chain::MAX_CHAIN_FILES;
pub use graft::{Cell, cell_value};
pub use nesting::MAX_NESTING;
pub use reading::MAX_SCENARIO_BYTES;

/// Index of a file in [`Document::files`].
pub type FileId = usize;

/// One file read while loading a scenario.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given, or as resolved from an `extends` value.
    pub path: PathBuf,
    /// Its contents (shared: the offices of a national scenario each hold
    /// the national file, the template and the offices table).
    pub text: std::sync::Arc<str>,
}

/// A value and where it was written.
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
    pub value: NodeValue,
    /// Byte span in its file (the header for a `[table]`, 0..0 for a file's root).
    pub span: Range<usize>,
    /// The file it was written in.
    pub file: FileId,
}

/// A TOML value whose children are [`Node`]s.
#[derive(Debug, Clone)]
pub enum NodeValue {
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Boolean(bool),
    /// An (offset or local) date-time, date or time.
    Datetime(Datetime),
    /// An array (also an array of tables).
    Array(Vec<Node>),
    /// A table, keys in the order written.
    Table(Vec<Entry>),
}

/// A key of a table, with its value.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Byte span of the key in `key_file`.
    pub key_span: Range<usize>,
    /// The file the key was written in.
    pub key_file: FileId,
    /// The value.
    pub value: Node,
}

/// A scenario file with its `extends` parents merged in (the `extends` key removed).
#[derive(Debug, Clone)]
pub struct Document {
    /// Every file read; index 0 is the scenario file itself.
    pub files: Vec<SourceFile>,
    /// The merged top-level table.
    pub root: Node,
    /// Where its files were read, and where the files it names (a national
    /// scenario's template and offices table) are read.
    pub sources: Sources,
    /// Empirical distributions read so far, shared by the clones of the
    /// document (the offices of a national scenario).
    pub tables: crate::dist::Tables,
}

impl Document {
    /// Reads `path` and the files it extends.
    pub fn load(path: &Path) -> Result<Self, ScenarioError> {
        Self::load_from(path, &Sources::disk())
    }

    /// Reads `path` and the files it extends from `sources`.
    pub fn load_from(path: &Path, sources: &Sources) -> Result<Self, ScenarioError> {
        load_chain(path, reading::read_scenario(path, sources)?, sources)
    }

    /// Parses `text` as if read from `path` (parents are looked up beside `path`).
    pub fn from_text(text: &str, path: &Path) -> Result<Self, ScenarioError> {
        load_chain(path, text.to_string(), &Sources::disk())
    }

    /// The path of the scenario file itself.
    pub fn path(&self) -> &Path {
        &self.files[0].path
    }

    /// An error underlining `span` of `file`.
    pub fn error(
        &self,
        file: FileId,
        span: Range<usize>,
        message: impl Into<String>,
        help: Option<String>,
    ) -> ScenarioError {
        let f = &self.files[file];
        ScenarioError::At(Box::new(Located::new(
            &f.path, &f.text, span, message, help,
        )))
    }

    /// The source text of `node` (a value as written, quotes included).
    pub fn text(&self, node: &Node) -> &str {
        self.files[node.file]
            .text
            .get(node.span.clone())
            .unwrap_or("")
    }
}

/// Child over parent: tables merge key by key, anything else (arrays of tables
/// included) is replaced whole. An inline table (`{ ... }`: a distribution, a mix,
/// a `next` row) is a value, replaced whole too: merging two distributions or two
/// mixes key by key would make a third that nobody wrote.
fn merge(files: &[SourceFile], parent: Node, child: Node) -> Node {
    let inline = files[child.file]
        .text
        .get(child.span.clone())
        .is_some_and(|t| t.starts_with('{'));
    match (parent.value, child.value) {
        (NodeValue::Table(mut merged), NodeValue::Table(entries)) if !inline => {
            // By key, not by search: two tables of 40,000 keys took seconds.
            let mut at: HashMap<String, usize> = merged
                .iter()
                .enumerate()
                .map(|(i, e)| (e.key.clone(), i))
                .collect();
            for entry in entries {
                match at.get(&entry.key) {
                    Some(&i) => {
                        let old = &mut merged[i];
                        let old_value = std::mem::replace(&mut old.value, placeholder());
                        old.value = merge(files, old_value, entry.value);
                        old.key_span = entry.key_span;
                        old.key_file = entry.key_file;
                    }
                    None => {
                        at.insert(entry.key.clone(), merged.len());
                        merged.push(entry);
                    }
                }
            }
            Node {
                value: NodeValue::Table(merged),
                span: child.span,
                file: child.file,
            }
        }
        (_, value) => Node {
            value,
            span: child.span,
            file: child.file,
        },
    }
}

fn placeholder() -> Node {
    Node {
        value: NodeValue::Boolean(false),
        span: 0..0,
        file: 0,
    }
}

fn convert_table(
    files: &[SourceFile],
    file: FileId,
    table: DeTable<'_>,
    span: Range<usize>,
) -> Result<Node, ScenarioError> {
    let mut entries = Vec::with_capacity(table.len());
    for (key, value) in table {
        let key_span = key.span();
        let key = key.into_inner().into_owned();
        check_printable(files, file, key_span.clone(), &key, "key")?;
        let value = convert(files, file, &key, value)?;
        entries.push(Entry {
            key_span,
            key,
            key_file: file,
            value,
        });
    }
    Ok(Node {
        value: NodeValue::Table(entries),
        span,
        file,
    })
}

/// Refuses a key or string that holds a control character (an escape such as
/// `\u001b` or `\n` in a TOML string): names and values are printed into
/// tables, CSV files, reports and terminals, where such a character could
/// clear a screen, break a row or reorder text. One rule for every key and
/// string of every scenario file.
fn check_printable(
    files: &[SourceFile],
    file: FileId,
    span: Range<usize>,
    text: &str,
    what: &str,
) -> Result<(), ScenarioError> {
    let Some(c) = text.chars().find(|&c| crate::terminal::hidden(c)) else {
        return Ok(());
    };
    let f = &files[file];
    Err(ScenarioError::At(Box::new(Located::new(
        &f.path,
        &f.text,
        span,
        format!(
            "this {what} holds the control character \\u{{{:x}}}, which tables, reports and \
             terminals cannot show",
            u32::from(c)
        ),
        Some("remove it: names and values are one line of visible text".into()),
    ))))
}

/// `value`, written under `key` (for messages).
fn convert(
    files: &[SourceFile],
    file: FileId,
    key: &str,
    value: Spanned<DeValue<'_>>,
) -> Result<Node, ScenarioError> {
    let span = value.span();
    let node = |value| Node {
        value,
        span: span.clone(),
        file,
    };
    // A number past what a TOML integer or a float holds: say which way, and what
    // is accepted, here once for every key.
    let too_large = |what: &str, least: &str, most: &str| {
        let f = &files[file];
        let text = f.text.get(span.clone()).unwrap_or("");
        let bound = if text.starts_with('-') {
            format!("too small: {what} is at least {least}")
        } else {
            format!("too large: {what} is at most {most}")
        };
        ScenarioError::At(Box::new(Located::new(
            &f.path,
            &f.text,
            span.clone(),
            format!("`{key}` is {bound}, got {text}"),
            None,
        )))
    };
    let integer = || too_large("an integer", "-9223372036854775808", "9223372036854775807");
    let number = || too_large("a number", "about -1.8e308", "about 1.8e308");
    Ok(match value.into_inner() {
        DeValue::String(s) => {
            check_printable(files, file, span.clone(), &s, "value")?;
            node(NodeValue::String(s.into_owned()))
        }
        DeValue::Integer(i) => node(NodeValue::Integer(
            i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| integer())?,
        )),
        DeValue::Float(x) => {
            let v: f64 = x.as_str().parse().map_err(|_| number())?;
            // Rust reads 1e400 as infinity; only `inf` written as such is one.
            if v.is_infinite() && !x.as_str().ends_with("inf") {
                return Err(number());
            }
            node(NodeValue::Float(v))
        }
        DeValue::Boolean(b) => node(NodeValue::Boolean(b)),
        DeValue::Datetime(d) => node(NodeValue::Datetime(d)),
        DeValue::Array(items) => {
            let mut nodes = Vec::with_capacity(items.len());
            for item in items.iter() {
                nodes.push(convert(files, file, key, item.clone())?);
            }
            node(NodeValue::Array(nodes))
        }
        DeValue::Table(t) => convert_table(files, file, t, span.clone())?,
    })
}

impl NodeValue {
    /// The kind of value, with an article, for "found ..." messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::String(_) => "a string",
            Self::Integer(_) => "an integer",
            Self::Float(_) => "a float",
            Self::Boolean(_) => "a boolean",
            Self::Datetime(_) => "a date-time",
            Self::Array(_) => "an array",
            Self::Table(_) => "a table",
        }
    }
}

impl Node {
    /// This node as TOML, for the merged scenario text.
    pub fn to_toml(&self) -> toml::Value {
        match &self.value {
            NodeValue::String(s) => toml::Value::String(s.clone()),
            NodeValue::Integer(i) => toml::Value::Integer(*i),
            NodeValue::Float(x) => toml::Value::Float(*x),
            NodeValue::Boolean(b) => toml::Value::Boolean(*b),
            NodeValue::Datetime(d) => toml::Value::Datetime(*d),
            NodeValue::Array(items) => {
                toml::Value::Array(items.iter().map(Node::to_toml).collect())
            }
            NodeValue::Table(entries) => toml::Value::Table(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_toml()))
                    .collect(),
            ),
        }
    }
}
