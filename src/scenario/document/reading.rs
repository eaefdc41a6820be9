//! Reading scenario files from disk within what a scenario may be: regular files
//! only, UTF-8, and at most [`MAX_SCENARIO_BYTES`] for a scenario and all its
//! parents together.

use std::io::Read;
use std::path::Path;

use crate::scenario::ScenarioError;
use crate::scenario::sources::Sources;

/// The most a scenario and all the files it extends may hold together. The
/// bundled scenarios hold a few KB; reading TOML takes about a hundred times its
/// size in memory (16 MiB of `[0,0,0,...]` held 1.6 GB), so the cap keeps a wrong
/// path (a log, a disk image) or a long chain of large parents from filling it.
pub const MAX_SCENARIO_BYTES: u64 = 1024 * 1024;

/// The cap in words, for messages.
pub fn max_in_words() -> String {
    format!("{} MiB", MAX_SCENARIO_BYTES >> 20)
}

/// Why a file was not read.
pub enum Unread {
    /// It holds more than the bytes it was allowed.
    TooLarge,
    /// It is missing, not a regular file, unreadable or not UTF-8: the reason.
    Other(String),
}

/// The text of a regular UTF-8 file of at most `limit` bytes. A device or a pipe
/// is refused before it is opened: `/dev/zero` never ends, and a pipe with no
/// writer blocks for ever.
pub fn read_text(path: &Path, limit: u64) -> Result<String, Unread> {
    let meta = std::fs::metadata(path).map_err(|e| Unread::Other(io_reason(&e)))?;
    if !meta.is_file() {
        return Err(Unread::Other(
            "not a regular file (a folder, a device or a pipe)".into(),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| Unread::Other(io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(Unread::TooLarge);
    }
    utf8(bytes).map_err(Unread::Other)
}

/// The scenario file itself, with its whole allowance, from `sources`.
pub fn read_scenario(path: &Path, sources: &Sources) -> Result<String, ScenarioError> {
    sources
        .read_text(path, MAX_SCENARIO_BYTES)
        .map_err(|unread| ScenarioError::Io {
            path: path.to_path_buf(),
            reason: match unread {
                Unread::TooLarge => format!(
                    "larger than {}, the most a scenario and its parents may hold together",
                    max_in_words()
                ),
                Unread::Other(reason) => reason,
            },
        })
}

/// `bytes` as text, or where the first byte that is not UTF-8 is.
fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        // `good` is valid UTF-8, so its characters can be counted.
        let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
        format!(
            "not UTF-8 text: invalid byte at line {line}, column {column} (byte offset {})",
            good.len()
        )
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        // The system's words, without "(os error N)", as for output files.
        _ => crate::files::fault::words(e),
    }
}
