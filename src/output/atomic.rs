//! Files that appear whole or not at all.
//!
//! A file is written under a hidden temporary name in its target folder
//! (`.summary.csv.<pid>.tmp`), synced, and renamed over the target only when the
//! caller commits. Until then the previous results stay untouched; a temporary
//! file that is dropped uncommitted (an error, or a panic unwinding) is removed.
//! Renaming within one folder is atomic on the platforms ktpsim runs on.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Removes its temporary file on drop unless disarmed by a commit.
#[derive(Debug)]
struct TempGuard {
    tmp: PathBuf,
    target: PathBuf,
    armed: bool,
}

impl Drop for TempGuard {
    fn drop(&mut self) {
        if self.armed {
            // Best effort: the error that got us here matters more than this one.
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// A file being written under its temporary name.
#[derive(Debug)]
pub struct AtomicFile {
    file: File,
    guard: TempGuard,
}

impl AtomicFile {
    /// Starts writing `target`; its folder must exist.
    pub fn create(target: &Path) -> io::Result<Self> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other(format!("{} is not a file name", target.display())))?;
        let tmp = target.with_file_name(format!(
            ".{}.{}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        let file = File::create(&tmp)?;
        Ok(Self {
            file,
            guard: TempGuard {
                tmp,
                target: target.to_owned(),
                armed: true,
            },
        })
    }

    /// Completes the contents (flushed and synced to disk) without yet replacing
    /// the target.
    pub fn finish(mut self) -> io::Result<Staged> {
        self.file.flush()?;
        self.file.sync_all()?;
        drop(self.file);
        Ok(Staged(self.guard))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// A complete file waiting under its temporary name for [`Staged::commit`].
#[derive(Debug)]
pub struct Staged(TempGuard);

impl Staged {
    /// Renames the file over its target.
    pub fn commit(mut self) -> io::Result<()> {
        fs::rename(&self.0.tmp, &self.0.target)?;
        self.0.armed = false;
        Ok(())
    }

    /// The path the file will have once committed.
    pub fn target(&self) -> &Path {
        &self.0.target
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn committed_file_replaces_the_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.csv");
        fs::write(&target, "old\n").unwrap();
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"new\n").unwrap();
        let staged = f.finish().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(staged.target(), target);
        staged.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(names(dir.path()), ["a.csv"]);
    }

    #[test]
    fn dropped_file_leaves_the_target_untouched_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.csv");
        fs::write(&target, "old\n").unwrap();
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"half a fi").unwrap();
        drop(f);
        let mut g = AtomicFile::create(&target).unwrap();
        g.write_all(b"whole but not committed\n").unwrap();
        drop(g.finish().unwrap());
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(names(dir.path()), ["a.csv"]);
    }
}
