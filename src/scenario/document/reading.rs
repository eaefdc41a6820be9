//! What a scenario file may be: at most [`MAX_SCENARIO_BYTES`] for a scenario
//! and all its parents together, and the words for a file that was not read.
//! The bytes themselves are read by [`crate::scenario::sources`] (regular
//! files only, UTF-8).

use std::path::Path;

use crate::scenario::ScenarioError;
use crate::scenario::sources::{Sources, Unread};

/// The most a scenario and all the files it extends may hold together. The
/// bundled scenarios hold a few KB; reading TOML takes about a hundred times its
/// size in memory (16 MiB of `[0,0,0,...]` held 1.6 GB), so the cap keeps a wrong
/// path (a log, a disk image) or a long chain of large parents from filling it.
pub const MAX_SCENARIO_BYTES: u64 = 1024 * 1024;

/// The cap in words, for messages.
pub fn max_in_words() -> String {
    format!("{} MiB", MAX_SCENARIO_BYTES >> 20)
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
