//! The scenario as written: a TOML tree in which every value and key remembers the
//! file and byte span it came from, with `extends` parents merged in.
//!
//! This module owns reading files, TOML syntax errors and `extends` (resolution,
//! cycles, merging). It knows nothing of what the keys mean: that is [`super::validate`].

use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use toml::value::Datetime;

use super::ScenarioError;
use super::error::Located;

/// Index of a file in [`Document::files`].
pub type FileId = usize;

/// One file read while loading a scenario.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given, or as resolved from an `extends` value.
    pub path: PathBuf,
    /// Its contents.
    pub text: String,
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
}

impl Document {
    /// Reads `path` and, recursively, the files it extends.
    pub fn load(path: &Path) -> Result<Self, ScenarioError> {
        let text = read_text(path)?;
        Self::from_text(&text, path)
    }

    /// Parses `text` as if read from `path` (parents are looked up beside `path`).
    pub fn from_text(text: &str, path: &Path) -> Result<Self, ScenarioError> {
        let mut files = Vec::new();
        let mut chain = Vec::new();
        let root = load_file(&mut files, &mut chain, path, text.to_string())?;
        Ok(Self { files, root })
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

/// The largest scenario file read: the bundled ones are a few kilobytes. The cap
/// keeps a wrong path (a log, a disk image) from filling memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The bytes of a regular file of at most [`MAX_FILE_BYTES`], or why not. A device
/// or a pipe is refused before it is opened: `/dev/zero` never ends, and a pipe
/// with no writer blocks for ever.
fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err("not a regular file (a folder, a device or a pipe)".into());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "larger than {} MiB, too large for a scenario file",
            MAX_FILE_BYTES >> 20
        ));
    }
    Ok(bytes)
}

fn read_text(path: &Path) -> Result<String, ScenarioError> {
    let bytes = read_bytes(path).map_err(|reason| ScenarioError::Io {
        path: path.to_path_buf(),
        reason,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // `good` is valid UTF-8, so its characters can be counted.
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        ScenarioError::Io {
            path: path.to_path_buf(),
            reason: format!(
                "not UTF-8 text: invalid byte at line {line}, column {column} (byte offset {})",
                good.len()
            ),
        }
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        _ => e.to_string(),
    }
}

/// Loads one file (already read) and its parents; `chain` holds the files that
/// extend it, for cycle detection.
fn load_file(
    files: &mut Vec<SourceFile>,
    chain: &mut Vec<PathBuf>,
    path: &Path,
    text: String,
) -> Result<Node, ScenarioError> {
    let file = files.len();
    files.push(SourceFile {
        path: path.to_path_buf(),
        text,
    });
    let parsed = DeTable::parse(&files[file].text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let f = &files[file];
        ScenarioError::At(Box::new(Located::new(
            &f.path,
            &f.text,
            span,
            format!("invalid TOML: {}", e.message().trim_end()),
            None,
        )))
    })?;
    let mut root = convert_table(files, file, parsed.into_inner(), 0..0)?;
    let NodeValue::Table(entries) = &mut root.value else {
        unreachable!("a document is a table")
    };
    let Some(i) = entries.iter().position(|e| e.key == "extends") else {
        return Ok(root);
    };
    let extends = entries.remove(i).value;
    let NodeValue::String(rel) = &extends.value else {
        return Err(doc_error(
            files,
            &extends,
            format!("`extends` must be a string, found {}", extends.value.kind()),
            Some("the path of the parent scenario, relative to this file, e.g. extends = \"bojonegoro-2017.toml\"".into()),
        ));
    };
    let parent_path = path.parent().unwrap_or(Path::new("")).join(rel);
    chain.push(identity(path));
    if chain.contains(&identity(&parent_path)) {
        let mut names: Vec<String> = chain.iter().map(|p| file_name(p)).collect();
        names.push(file_name(&parent_path));
        return Err(doc_error(
            files,
            &extends,
            format!("`extends` makes a cycle: {}", names.join(" -> ")),
            Some("a scenario cannot extend itself, directly or through its parents".into()),
        ));
    }
    let parent_text = read_bytes(&parent_path)
        .and_then(|b| String::from_utf8(b).map_err(|_| "not UTF-8 text".to_string()))
        .map_err(|reason| {
            doc_error(
                files,
                &extends,
                format!(
                    "cannot read the parent scenario `{}`: {reason}",
                    parent_path.display()
                ),
                Some("`extends` is a path relative to the folder of this file".into()),
            )
        })?;
    let parent = load_file(files, chain, &parent_path, parent_text)?;
    chain.pop();
    Ok(merge(files, parent, root))
}

/// What makes two paths the same file: the canonical path when it exists.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    )
}

fn doc_error(
    files: &[SourceFile],
    node: &Node,
    message: String,
    help: Option<String>,
) -> ScenarioError {
    let f = &files[node.file];
    ScenarioError::At(Box::new(Located::new(
        &f.path,
        &f.text,
        node.span.clone(),
        message,
        help,
    )))
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
            for entry in entries {
                match merged.iter_mut().find(|e| e.key == entry.key) {
                    Some(old) => {
                        let old_value = std::mem::replace(&mut old.value, placeholder());
                        old.value = merge(files, old_value, entry.value);
                        old.key_span = entry.key_span;
                        old.key_file = entry.key_file;
                    }
                    None => merged.push(entry),
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
        entries.push(Entry {
            key_span: key.span(),
            key: key.into_inner().into_owned(),
            key_file: file,
            value: convert(files, file, value)?,
        });
    }
    Ok(Node {
        value: NodeValue::Table(entries),
        span,
        file,
    })
}

fn convert(
    files: &[SourceFile],
    file: FileId,
    value: Spanned<DeValue<'_>>,
) -> Result<Node, ScenarioError> {
    let span = value.span();
    let node = |value| Node {
        value,
        span: span.clone(),
        file,
    };
    let out_of_range = |what: &str| {
        let f = &files[file];
        ScenarioError::At(Box::new(Located::new(
            &f.path,
            &f.text,
            span.clone(),
            format!("this {what} is out of range"),
            None,
        )))
    };
    Ok(match value.into_inner() {
        DeValue::String(s) => node(NodeValue::String(s.into_owned())),
        DeValue::Integer(i) => node(NodeValue::Integer(
            i64::from_str_radix(i.as_str(), i.radix()).map_err(|_| out_of_range("integer"))?,
        )),
        DeValue::Float(x) => {
            let v: f64 = x.as_str().parse().map_err(|_| out_of_range("number"))?;
            node(NodeValue::Float(v))
        }
        DeValue::Boolean(b) => node(NodeValue::Boolean(b)),
        DeValue::Datetime(d) => node(NodeValue::Datetime(d)),
        DeValue::Array(items) => {
            let mut nodes = Vec::with_capacity(items.len());
            for item in items.iter() {
                nodes.push(convert(files, file, item.clone())?);
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
