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
//! This module owns the reading of bytes and nothing else: limits and error
//! words stay with [`super::document`].

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use super::document::{Unread, read_text};

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
        }
    }

    /// Only these texts: a path not among them reads as missing.
    pub fn memory(files: Vec<SourceText>) -> Self {
        Self {
            kind: Kind::Memory(files.into()),
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
    /// [`read_text`](super::document::read_text) reads it from the disk.
    pub fn read_text(&self, path: &Path, limit: u64) -> Result<String, Unread> {
        let within = |text: &str| {
            if text.len() as u64 > limit {
                Err(Unread::TooLarge)
            } else {
                Ok(text.to_owned())
            }
        };
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
