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
    /// How many files of this set are in place all the same: those renamed
    /// before the failure whose earlier version could not be put back (0
    /// unless the file system refuses that too).
    pub left: usize,
    /// Why.
    pub error: io::Error,
}

/// Renames every staged file over its target, in order, as one step that
/// happens whole or not at all, while holding the lock of [`abandon_all`].
///
/// First it checks that no folder is in the way of any target, and gives every
/// target that exists a second name (a hard link, `.<file>.earlier.ktpsim-….tmp`),
/// so that if a rename fails (a file the system will not let go, a temporary
/// file removed by someone else) the files already renamed are put back as
/// they were. The second names are removed at the end, and the folders synced,
/// so the new names survive a power cut. On a file system without hard links
/// the earlier files cannot be put back; the check still catches the usual
/// obstacle.
pub fn rename_all(files: Vec<Staged>) -> Result<(), RenameError> {
    for file in &files {
        check_target(file.target()).map_err(|error| RenameError {
            target: file.target().to_owned(),
            left: 0,
            error,
        })?;
    }
    let mut files = files;
    let mut live = live();
    let earlier: Vec<Earlier> = files.iter().map(|f| keep_earlier(f.target())).collect();
    let mut failed = None;
    let mut done = 0;
    for file in &files {
        if let Err(error) = fs::rename(&file.0.tmp, &file.0.target) {
            failed = Some((file.target().to_owned(), error));
            break;
        }
        done += 1;
    }
    let left = if failed.is_some() {
        put_back(&files[..done], &earlier[..done])
    } else {
        0
    };
    for before in &earlier {
        if let Earlier::Kept(second) = before {
            let _ = fs::remove_file(second);
        }
    }
    let mut folders: Vec<PathBuf> = Vec::new();
    for file in &mut files[..done] {
        // Its temporary name is gone: it became the target.
        file.0.armed = false;
        forget(&mut live, &file.0.tmp);
        if let Some(parent) = file.0.target.parent() {
            if !folders.iter().any(|f| f == parent) {
                folders.push(parent.to_owned());
            }
        }
    }
    // The files not renamed remove their temporaries, which takes the lock.
    drop(live);
    drop(files);
    for folder in folders {
        // Not every platform can open or sync a folder; the files are whole anyway.
        let _ = File::open(&folder).and_then(|f| f.sync_all());
    }
    match failed {
        None => Ok(()),
        Some((target, error)) => Err(RenameError {
            target,
            left,
            error,
        }),
    }
}

/// What was at a target before the renames.
#[derive(Debug)]
enum Earlier {
    /// Nothing.
    Absent,
    /// A file, now also under this second name.
    Kept(PathBuf),
    /// A file that could not be given a second name.
    Unkept,
}

/// Gives `target`, if it exists, a second name where the file system allows.
fn keep_earlier(target: &Path) -> Earlier {
    if fs::symlink_metadata(target).is_err() {
        return Earlier::Absent;
    }
    let name = format!(
        "{}.earlier",
        target.file_name().unwrap_or_default().to_string_lossy()
    );
    let second = target.with_file_name(stale::temporary_name(&name));
    // Links a symbolic link itself, not what it points to.
    match fs::hard_link(target, &second) {
        Ok(()) => Earlier::Kept(second),
        Err(_) => Earlier::Unkept,
    }
}

/// Undoes the renames of `files`, last first: the earlier file back under its
/// name, or no file where there was none. Returns how many could not be undone.
fn put_back(files: &[Staged], earlier: &[Earlier]) -> usize {
    let mut left = 0;
    for (file, before) in files.iter().zip(earlier).rev() {
        let undone = match before {
            Earlier::Kept(second) => fs::rename(second, file.target()).is_ok(),
            Earlier::Absent => fs::remove_file(file.target()).is_ok(),
            // The earlier file is gone either way: the new one is better than none.
            Earlier::Unkept => false,
        };
        left += usize::from(!undone);
    }
    left
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
        assert_eq!(err.left, 0);
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

    #[test]
    fn a_rename_that_fails_half_way_puts_the_earlier_files_back() {
        let dir = tempfile::tempdir().unwrap();
        let at = |n: &str| dir.path().join(n);
        fs::write(at("a.csv"), "old a\n").unwrap();
        fs::write(at("b.csv"), "old b\n").unwrap();
        let stage = |n: &str| {
            let mut f = AtomicFile::create(&at(n)).unwrap();
            f.write_all(b"new\n").unwrap();
            f.finish().unwrap()
        };
        let (a, c, b) = (stage("a.csv"), stage("c.csv"), stage("b.csv"));
        // Something else removes b's temporary file: its rename fails after
        // a and c were renamed.
        fs::remove_file(&b.0.tmp).unwrap();
        let err = rename_all(vec![a, c, b]).unwrap_err();
        assert_eq!(err.target, at("b.csv"));
        assert_eq!(err.error.kind(), io::ErrorKind::NotFound);
        assert_eq!(err.left, 0);
        assert_eq!(fs::read_to_string(at("a.csv")).unwrap(), "old a\n");
        assert_eq!(fs::read_to_string(at("b.csv")).unwrap(), "old b\n");
        assert_eq!(
            names(dir.path()),
            ["a.csv", "b.csv"],
            "no c, no second names"
        );
    }
}
