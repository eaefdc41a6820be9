//! `extends`: reading a scenario's chain of parents one file after the other,
//! within [`MAX_CHAIN_FILES`] files and [`super::MAX_SCENARIO_BYTES`] bytes,
//! refusing cycles, and merging the chain into one tree.

use std::path::Path;

use toml::de::DeTable;

use super::nesting::{self, MAX_NESTING};
use super::reading;
use super::{Document, FileId, Node, NodeValue, SourceFile, convert_table, merge};
use crate::scenario::ScenarioError;
use crate::scenario::error::Located;
use crate::scenario::sources::Sources;
use crate::scenario::sources::Unread;

/// The most files one chain of `extends` may hold, the scenario itself included.
/// A planner's chain is 2 or 3 long; the cap bounds the work on a chain that
/// loops through ever new paths, or that a script wrote by mistake.
pub const MAX_CHAIN_FILES: usize = 16;

/// Reads `text` (the contents of `path`) and the files it extends, one after the
/// other with no recursion, then merges them, the topmost parent first.
pub(super) fn load_chain(
    path: &Path,
    text: String,
    sources: &Sources,
) -> Result<Document, ScenarioError> {
    let mut files: Vec<SourceFile> = Vec::new();
    // Each file's own tree, the scenario first.
    let mut trees = Vec::new();
    // What makes each file the same as another, for cycles.
    let mut chain = Vec::new();
    let mut held = text.len() as u64;
    let mut next = Some((path.to_path_buf(), text));
    while let Some((path, text)) = next.take() {
        let file = files.len();
        files.push(SourceFile {
            path,
            text: text.into(),
        });
        let (tree, extends) = parse(&files, file)?;
        trees.push(tree);
        let Some(extends) = extends else { break };
        let child = &files[file].path;
        let NodeValue::String(rel) = &extends.value else {
            return Err(doc_error(
                &files,
                &extends,
                format!("`extends` must be a string, found {}", extends.value.kind()),
                Some("the path of the parent scenario, relative to this file, e.g. extends = \"bojonegoro-2017.toml\"".into()),
            ));
        };
        if rel.trim().is_empty() {
            return Err(doc_error(
                &files,
                &extends,
                "`extends` is empty: it names the parent scenario".into(),
                Some("the path of the parent scenario, relative to this file, e.g. extends = \"bojonegoro-2017.toml\"".into()),
            ));
        }
        // A parent is a scenario file: anything else (`/proc/self/environ`, a
        // key file) would only be shown back, a line of it, in a syntax error.
        let toml = Path::new(rel)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        if !toml {
            return Err(doc_error(
                &files,
                &extends,
                format!("`extends` must name a .toml file, got \"{rel}\""),
                Some("the path of the parent scenario, relative to this file, e.g. extends = \"bojonegoro-2017.toml\"".into()),
            ));
        }
        let parent = child.parent().unwrap_or(Path::new("")).join(rel);
        chain.push(sources.identity(child));
        if let Some(again) = chain.iter().position(|p| *p == sources.identity(&parent)) {
            let mut names: Vec<String> = files.iter().map(|f| file_name(&f.path)).collect();
            // A link or another spelling of a file read before: say which.
            let (name, same) = (file_name(&parent), &names[again]);
            names.push(if name == *same {
                name
            } else {
                format!("{name} (which is {same})")
            });
            return Err(doc_error(
                &files,
                &extends,
                format!("`extends` makes a cycle: {}", names.join(" -> ")),
                Some("a scenario cannot extend itself, directly or through its parents".into()),
            ));
        }
        if files.len() >= MAX_CHAIN_FILES {
            return Err(doc_error(
                &files,
                &extends,
                format!(
                    "`extends` chain is too long: {} is file {} of the chain from {}, and a chain holds at most {MAX_CHAIN_FILES} files",
                    file_name(child),
                    files.len(),
                    file_name(&files[0].path),
                ),
                Some(format!(
                    "a scenario extends a parent, which may extend its own, up to {MAX_CHAIN_FILES} files in all: fold some parents into one"
                )),
            ));
        }
        let budget = reading::MAX_SCENARIO_BYTES.saturating_sub(held);
        let text = sources.read_text(&parent, budget).map_err(|unread| {
            let (reason, help) = match unread {
                Unread::TooLarge => (
                    format!(
                        "with it the chain from {} would hold more than {} ({} KiB in the {} before it)",
                        file_name(&files[0].path),
                        reading::max_in_words(),
                        held.div_ceil(1024),
                        match files.len() {
                            1 => "file".to_string(),
                            n => format!("{n} files"),
                        },
                    ),
                    format!(
                        "a scenario and all its parents may hold {} together; the bundled scenarios hold a few KB",
                        reading::max_in_words()
                    ),
                ),
                Unread::Other(reason) => (
                    reason,
                    "`extends` is a path relative to the folder of this file".into(),
                ),
            };
            doc_error(
                &files,
                &extends,
                format!(
                    "cannot read the parent scenario `{}`: {reason}",
                    parent.display()
                ),
                Some(help),
            )
        })?;
        held += text.len() as u64;
        next = Some((parent, text));
    }
    let mut root = trees.pop().expect("the scenario file was parsed");
    while let Some(child) = trees.pop() {
        root = merge(&files, root, child);
    }
    Ok(Document {
        files,
        root,
        sources: sources.clone(),
        tables: crate::dist::Tables::default(),
    })
}

/// Parses file `file` into its tree, with its `extends` value taken out.
fn parse(files: &[SourceFile], file: FileId) -> Result<(Node, Option<Node>), ScenarioError> {
    let text = &files[file].text;
    let at = |span, message: String, help: Option<String>| {
        ScenarioError::At(Box::new(Located::new(
            &files[file].path,
            text,
            span,
            message,
            help,
        )))
    };
    if let Some(span) = nesting::too_deep(text) {
        return Err(at(
            span,
            format!(
                "tables and arrays nest more than {MAX_NESTING} levels deep here"
            ),
            Some("each part of a dotted key or [header], each { } and each [ ] is a level; a scenario needs about 4, e.g. [network.states.up] with next = { down = 1.0 }".into()),
        ));
    }
    let parsed = DeTable::parse(text).map_err(|e| {
        at(
            e.span().unwrap_or(0..0),
            format!("invalid TOML: {}", e.message().trim_end()),
            None,
        )
    })?;
    let mut root = convert_table(files, file, parsed.into_inner(), 0..0)?;
    let NodeValue::Table(entries) = &mut root.value else {
        unreachable!("a document is a table")
    };
    let extends = entries
        .iter()
        .position(|e| e.key == "extends")
        .map(|i| entries.remove(i).value);
    Ok((root, extends))
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
