//! `scenario.name`, or without it the file name: either way checked by the one
//! rule of [`crate::names`], since it names the scenario's results folder.

use super::Result;
use crate::names::{self, MAX_LEN, Problem, RULE, TAKEN};
use crate::scenario::document::{Document, Node};

/// An example for help lines.
const EXAMPLE: &str = "e.g. \"bojonegoro-2017\"";

/// The scenario's name: `name` (the node, if written) checked where it is
/// written, else the file name checked and refused at the `[scenario]` header
/// (`head`) with the `name` line that would do.
pub fn read(doc: &Document, head: &Node, name: Option<&Node>) -> Result<String> {
    match name {
        Some(n) => written(doc, n),
        None => from_file_name(doc, head),
    }
}

fn written(doc: &Document, n: &Node) -> Result<String> {
    let help = format!("a folder name for the results: {RULE}, {EXAMPLE}");
    let name = doc.string("name", n, &help)?;
    let text = doc.text(n);
    let (message, help) = match names::check(name) {
        Ok(()) => return Ok(name.to_owned()),
        Err(Problem::Unsafe) => (
            format!("`name` must be a safe folder name, got {text}"),
            help,
        ),
        Err(Problem::TooLong(count)) => (
            format!("`name` must be at most {MAX_LEN} characters long, got {count}"),
            format!("it names the results folder; {EXAMPLE}"),
        ),
        Err(Problem::Taken { .. }) => (
            format!("`name` must not be a name ktpsim keeps for its own output, got {text}"),
            format!(
                "beside the scenario folders ktpsim writes {}; these are kept in any case, \
                 as Windows and macOS ignore case; {EXAMPLE}",
                TAKEN.join(", ")
            ),
        ),
        Err(Problem::Device(device)) => (
            format!("`name` must not be a device name on Windows, got {text}"),
            format!(
                "{device} cannot name a folder on Windows, in any case or with any extension \
                 (CON, PRN, AUX, NUL, COM0-COM9, LPT0-LPT9); {EXAMPLE}"
            ),
        ),
    };
    Err(doc.error_at(n, message, Some(&help)))
}

fn from_file_name(doc: &Document, head: &Node) -> Result<String> {
    let stem = doc
        .path()
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    let Err(problem) = names::check(&stem) else {
        return Ok(stem);
    };
    // The header only if this file wrote it: a parent's `[scenario]` is not
    // where this file's name goes.
    let span = if head.file == 0 {
        head.span.clone()
    } else {
        0..0
    };
    Err(doc.error(
        0,
        span,
        format!(
            "the scenario has no `name`, and its file name {stem:?} cannot name its results \
             folder: {problem}"
        ),
        Some(format!(
            "add `name = \"{}\"` to [scenario], or rename the file",
            names::suggest(&stem)
        )),
    ))
}
