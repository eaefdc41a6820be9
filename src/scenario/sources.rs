//! Where the loader reads its files: the disk, the disk while keeping a copy of
//! every text read, or texts held in memory.
//!
//! A scenario may read several files: itself, its `extends` parents, and for a
//! national scenario the office template (with its own parents) and the
//! offices table. A shard of a run ([`crate::shard`]) keeps the copy that a
//! [`Sources::recording`] made, so that `ktpsim merge` loads the very same
//! scenarios through the same code from [`Sources::memory`], on a machine
//! where the files are gone or have changed since. Paths are keys as the
//! loader spelled them (relative paths stay relative), so the report shows the
//! same `source` paths after a merge as after a run on one machine.
//!
//! Every file read from the disk is also noted by path ([`Sources::tracking`]),
//! so that a scenario knows its inputs, which no command may write over.
//!
//! This module owns the reading of bytes and nothing else: limits and error
//! words stay with [`super::document`]; the checks of what may be read
//! (regular files only, the size before reading) with [`crate::files::read`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

/// One file as the loader read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The path as given or as resolved beside the file that named it.
    pub path: PathBuf,
    /// Its contents.
    pub text: Arc<str>,
}

#[derive(Debug, Clone, Default)]
enum Kind {
    #[default]
    Disk,
    /// The disk, each path read once: a second read gets the first text, so
    /// that what a run used and what its copy holds cannot differ.
    Recording(Arc<Mutex<Vec<SourceText>>>),
    Memory(Arc<[SourceText]>),
}

/// Where the loader reads files; cheap to clone (clones share one record).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    kind: Kind,
    /// The paths read from the disk, when tracked.
    read: Option<Arc<Mutex<Vec<PathBuf>>>>,
}

impl Sources {
    /// The disk.
    pub fn disk() -> Self {
        Self::default()
    }

    /// The disk, keeping every text read (see [`Sources::recorded`]).
    pub fn recording() -> Self {
        Self {
            kind: Kind::Recording(Arc::default()),
            read: None,
        }
    }

    /// Only these texts: a path not among them reads as missing.
    pub fn memory(files: Vec<SourceText>) -> Self {
        Self {
            kind: Kind::Memory(files.into()),
            read: None,
        }
    }

    /// These sources, noting from now on every path read from the disk
    /// (see [`Sources::paths_read`]); texts in memory are not noted.
    pub fn tracking(&self) -> Self {
        Self {
            kind: self.kind.clone(),
            read: Some(Arc::default()),
        }
    }

    /// The paths read from the disk since [`Sources::tracking`], in order.
    pub fn paths_read(&self) -> Vec<PathBuf> {
        self.read.as_ref().map_or_else(Vec::new, |r| {
            r.lock().unwrap_or_else(PoisonError::into_inner).clone()
        })
    }

    fn note(&self, path: &Path) {
        if let Some(read) = &self.read {
            let mut read = read.lock().unwrap_or_else(PoisonError::into_inner);
            if !read.iter().any(|p| p == path) {
                read.push(path.to_owned());
            }
        }
    }

    /// The files read so far, in the order first read; empty unless recording.
    pub fn recorded(&self) -> Vec<SourceText> {
        match &self.kind {
            Kind::Recording(kept) => kept.lock().unwrap_or_else(PoisonError::into_inner).clone(),
            Kind::Disk | Kind::Memory(_) => Vec::new(),
        }
    }

    /// The text of `path`, within `limit` bytes, as
    /// [`read_text`] reads it from the disk.
    pub fn read_text(&self, path: &Path, limit: u64) -> Result<String, Unread> {
        let within = |text: &str| {
            if text.len() as u64 > limit {
                Err(Unread::TooLarge)
            } else {
                Ok(text.to_owned())
            }
        };
        if !matches!(self.kind, Kind::Memory(_)) {
            self.note(path);
        }
        match &self.kind {
            Kind::Disk => read_text(path, limit),
            Kind::Recording(kept) => {
                let mut kept = kept.lock().unwrap_or_else(PoisonError::into_inner);
                if let Some(f) = kept.iter().find(|f| f.path == path) {
                    return within(&f.text);
                }
                let text = read_text(path, limit)?;
                kept.push(SourceText {
                    path: path.to_owned(),
                    text: text.as_str().into(),
                });
                Ok(text)
            }
            Kind::Memory(files) => match files.iter().find(|f| f.path == path) {
                Some(f) => within(&f.text),
                None => Err(Unread::Other(
                    "file not found among the texts the shards hold".into(),
                )),
            },
        }
    }

    /// What makes two paths one file, for `extends` cycles: the canonical path
    /// on the disk, the path itself in memory.
    pub fn identity(&self, path: &Path) -> PathBuf {
        match &self.kind {
            Kind::Memory(_) => path.to_owned(),
            Kind::Disk | Kind::Recording(_) => {
                std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
            }
        }
    }
}

/// Why a file was not read.
pub enum Unread {
    /// It holds more than the bytes it was allowed.
    TooLarge,
    /// It is missing, not a regular file, unreadable or not UTF-8: the reason.
    Other(String),
}

/// The text of a regular UTF-8 file of at most `limit` bytes, through a link
/// too. A device, a pipe or a file of `/proc` is refused before it is read
/// ([`crate::files::read`]): `/dev/zero` never ends, and a pipe with no writer
/// blocks for ever.
///
/// A link must reach a file of its own kind: the `.toml` or `.csv` that a
/// scenario's keys demand of a name cannot be had by naming a link to
/// another file (`env.toml` to `/etc/passwd`).
pub fn read_text(path: &Path, limit: u64) -> Result<String, Unread> {
    use crate::files::read::{self, Links, Unread as Refused};
    if let (Some(ext), Ok(real)) = (path.extension(), std::fs::canonicalize(path))
        && real.extension() != Some(ext)
    {
        return Err(Unread::Other(format!(
            "it leads through a link to {}, which is not a .{} file",
            real.display(),
            ext.to_string_lossy()
        )));
    }
    match read::read(path, limit, Links::Follow) {
        Ok(bytes) => utf8(bytes).map_err(Unread::Other),
        Err(Refused::TooLarge(_)) => Err(Unread::TooLarge),
        Err(e) => Err(Unread::Other(e.words())),
    }
}

/// `bytes` as text, or where the first byte that is not UTF-8 is.
fn utf8(bytes: Vec<u8>) -> Result<String, String> {
    if let Some(order) = [[0xff, 0xfe], [0xfe, 0xff]]
        .iter()
        .find(|bom| bytes.starts_with(&bom[..]))
    {
        return Err(format!(
            "UTF-16 text (it starts with the byte-order mark {:02X} {:02X}), not UTF-8",
            order[0], order[1]
        ));
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recording_keeps_each_file_once_and_memory_serves_it_back() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "one").unwrap();
        let rec = Sources::recording();
        assert_eq!(rec.read_text(&a, 100).ok(), Some("one".into()));
        std::fs::write(&a, "changed").unwrap();
        // The run goes on with what it read first.
        assert_eq!(rec.read_text(&a, 100).ok(), Some("one".into()));
        assert!(matches!(rec.read_text(&a, 2), Err(Unread::TooLarge)));
        let kept = rec.recorded();
        assert_eq!(kept.len(), 1);
        std::fs::remove_file(&a).unwrap();
        let mem = Sources::memory(kept);
        assert_eq!(mem.read_text(&a, 100).ok(), Some("one".into()));
        assert!(mem.read_text(&dir.path().join("b.toml"), 100).is_err());
        assert_eq!(
            mem.identity(Path::new("x/../a.toml")),
            Path::new("x/../a.toml")
        );
    }
}
