//! Files that appear whole or not at all, and sets of them that appear together.
//!
//! A file is written under a hidden temporary name in its target folder
//! ([`stale::temporary_name`]), synced, and renamed over the target only when
//! the caller commits. Until then the previous results stay untouched; a
//! temporary file that is dropped uncommitted (an error, or a panic unwinding)
//! is removed. Renaming within one folder is atomic on the platforms ktpsim
//! runs on.
//!
//! Every temporary file of the process is listed while it exists, so that a
//! second Ctrl-C can remove them all before quitting ([`abandon_all`]); the
//! same lock is held while [`rename_all`] puts a set in place, so that quitting
//! waits for those few renames instead of leaving half a set.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use super::stale;

/// The temporary files that exist now, in this process.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    // A panic while holding the lock leaves the list as valid as before.
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn forget(live: &mut Vec<PathBuf>, tmp: &Path) {
    if let Some(i) = live.iter().position(|p| p == tmp) {
        live.swap_remove(i);
    }
}

/// Removes every temporary file of this process and holds the lock until the
/// process ends: for a handler about to exit. Waits for a [`rename_all`]
/// under way to finish.
pub fn abandon_all() {
    let mut live = live();
    for tmp in live.drain(..) {
        let _ = fs::remove_file(tmp);
    }
    std::mem::forget(live);
}

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
            let mut live = live();
            // Best effort: the error that got us here matters more than this one.
            let _ = fs::remove_file(&self.tmp);
            forget(&mut live, &self.tmp);
        }
    }
}

/// A folder (not a link to one) is in the way of `target`: renaming over it
/// would fail, and only after other files of the set were replaced.
pub fn check_target(target: &Path) -> io::Result<()> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.is_dir() => Err(io::ErrorKind::IsADirectory.into()),
        _ => Ok(()),
    }
}

/// A file being written under its temporary name.
#[derive(Debug)]
pub struct AtomicFile {
    file: File,
    guard: TempGuard,
}

impl AtomicFile {
    /// Starts writing `target`; its folder must exist, and `target` must not
    /// be a folder.
    pub fn create(target: &Path) -> io::Result<Self> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::other(format!("{} is not a file name", target.display())))?;
        check_target(target)?;
        let tmp = target.with_file_name(stale::temporary_name(&name.to_string_lossy()));
        // Created while listed, so a quitting handler cannot miss it.
        let mut live = live();
        let file = File::create(&tmp)?;
        live.push(tmp.clone());
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

/// A complete file waiting under its temporary name for [`rename_all`].
#[derive(Debug)]
pub struct Staged(TempGuard);

impl Staged {
    /// The path the file will have once committed.
    pub fn target(&self) -> &Path {
        &self.0.target
    }
}

/// A rename of [`rename_all`] failed.
#[derive(Debug)]
pub struct RenameError {
    /// The file that could not be put in place.
    pub target: PathBuf,
    /// How many files of the set had been put in place before it.
    pub done: usize,
    /// Why.
    pub error: io::Error,
}

/// Renames every staged file over its target, in order, in one step: first
/// checks that no folder is in the way of any of them, then renames them all
/// while holding the lock of [`abandon_all`]. The folders are synced after, so
/// the new names survive a power cut.
pub fn rename_all(files: Vec<Staged>) -> Result<(), RenameError> {
    for file in &files {
        check_target(file.target()).map_err(|error| RenameError {
            target: file.target().to_owned(),
            done: 0,
            error,
        })?;
    }
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut failed = None;
    let mut files = files.into_iter();
    let mut live = live();
    for (done, mut file) in files.by_ref().enumerate() {
        let guard = &mut file.0;
        if let Err(error) = fs::rename(&guard.tmp, &guard.target) {
            failed = Some((file, done, error));
            break;
        }
        guard.armed = false;
        forget(&mut live, &guard.tmp);
        if let Some(parent) = guard
            .target
            .parent()
            .filter(|p| !folders.iter().any(|f| f == p))
        {
            folders.push(parent.to_owned());
        }
    }
    // The files not put in place remove their temporaries, which takes the lock.
    drop(live);
    if let Some((file, done, error)) = failed {
        let target = file.target().to_owned();
        drop(file);
        drop(files);
        return Err(RenameError {
            target,
            done,
            error,
        });
    }
    for folder in folders {
        // Not every platform can open or sync a folder; the files are whole anyway.
        let _ = File::open(&folder).and_then(|f| f.sync_all());
    }
    Ok(())
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
    fn committed_files_replace_their_targets() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.csv");
        fs::write(&target, "old\n").unwrap();
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"new\n").unwrap();
        let staged = f.finish().unwrap();
        let mut g = AtomicFile::create(&dir.path().join("b.csv")).unwrap();
        g.write_all(b"b\n").unwrap();
        let b = g.finish().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert_eq!(staged.target(), target);
        assert_eq!(
            names(dir.path()).len(),
            3,
            "two temporary files beside a.csv"
        );
        rename_all(vec![staged, b]).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
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

    #[test]
    fn a_folder_in_the_way_stops_the_set_before_any_rename() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.csv"), "old\n").unwrap();
        let a = AtomicFile::create(&dir.path().join("a.csv"))
            .unwrap()
            .finish()
            .unwrap();
        let b = AtomicFile::create(&dir.path().join("b.csv"))
            .unwrap()
            .finish()
            .unwrap();
        // Appeared after staging: caught by the check before renaming.
        fs::create_dir(dir.path().join("b.csv")).unwrap();
        let err = rename_all(vec![a, b]).unwrap_err();
        assert_eq!(err.target, dir.path().join("b.csv"));
        assert_eq!(err.done, 0);
        assert_eq!(err.error.kind(), io::ErrorKind::IsADirectory);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.csv")).unwrap(),
            "old\n"
        );
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
        // And a folder already there refuses the file at once.
        let err = AtomicFile::create(&dir.path().join("b.csv")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
    }
}
