//! All the files of one command, put in place together or not at all.
//!
//! A command (`run` with its sweeps, `compare`, `goal`, `sensitivity`) opens one
//! [`Staging`] on its output folder before it runs anything, and every file it
//! writes goes through it: each is written in full under its temporary name and
//! synced ([`super::atomic`]), and only [`Staging::commit`], once the last
//! chart and the report are written too, renames them all in one short step.
//! A command that fails, panics or is interrupted before that drops the staging:
//! its temporary files are removed, and so are the folders it created, so the
//! output folder is exactly as it was. What is held in memory is paths, never
//! contents.
//!
//! The staging also prepares each folder before the first file goes in: it
//! creates it (a bad `--out` fails before anything runs) and removes the
//! temporary files that killed runs left there ([`super::stale`]).
//!
//! Files of an earlier command that this one replaces by nothing (an old
//! comparison.csv after a run of one scenario) can be named for removal
//! ([`Staging::remove_on_commit`]): they go only after every staged file is
//! in place, so a command that fails leaves them too.
//!
//! Nothing the command read is written over or removed ([`Inputs`]): the
//! staging refuses a file of ktpsim's kept names at the top of the output
//! folder ([`crate::names::TAKEN`]) that is an input when it opens, a folder
//! of the results that holds an input when it prepares it (both before
//! anything runs), and any file that is an input when it is written. A folder
//! under the output folder that is a symbolic link is refused too: files
//! written into it would land outside `--out`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::atomic::{self, AtomicFile, Staged};
use super::fault::{OutputFault, fault, io_fault};
use super::inputs::Inputs;
use crate::interrupt::{Interrupt, Interrupted};

/// Writes `path` under its temporary name with `write` and returns it staged.
pub fn stage(path: &Path, write: impl FnOnce(AtomicFile) -> Result<AtomicFile>) -> Result<Staged> {
    let action = || format!("cannot write {}", path.display());
    let file = AtomicFile::create(path).map_err(|e| io_fault(action(), path, e))?;
    let mut file = write(file).map_err(|e| fault(action(), path, &e))?;
    file.flush().map_err(|e| io_fault(action(), path, e))?;
    file.finish().map_err(|e| io_fault(action(), path, e))
}

/// The fix when results would land on an input.
const AVOID: &str = "choose another --out, so that results and inputs stay apart";

/// The files of one command, staged under temporary names until
/// [`Staging::commit`].
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    interrupt: Interrupt,
    files: Vec<Staged>,
    /// Folders created (if missing) and swept of stale temporary files.
    ready: Vec<PathBuf>,
    /// Folders this staging created, outermost first: removed again (when
    /// empty) unless the files were committed.
    created: Vec<PathBuf>,
    /// Files to remove once the staged files are in place.
    remove: Vec<PathBuf>,
    /// What the command read: never written over, never removed.
    inputs: Inputs,
}

impl Staging {
    /// A staging for the output folder `out`, which is created now if missing;
    /// staging and committing stop with [`Interrupted`] once `interrupt` is
    /// requested. Refuses an input of the command (`inputs`) where ktpsim
    /// writes its own files at the top of `out`.
    pub fn new(out: &Path, interrupt: Interrupt, inputs: Inputs) -> Result<Self> {
        let mut staging = Self {
            out: out.to_owned(),
            interrupt,
            files: Vec::new(),
            ready: Vec::new(),
            created: Vec::new(),
            remove: Vec::new(),
            inputs,
        };
        staging.folder(out)?;
        for name in crate::names::TAKEN {
            staging.not_an_input(&out.join(name))?;
        }
        Ok(staging)
    }

    /// Refuses `target` when writing it would replace an input, or when a
    /// pipe, a device or a socket stands there: those are the system's or
    /// another program's, never results.
    fn may_write(&self, target: &Path) -> Result<()> {
        if let Ok(meta) = fs::symlink_metadata(target)
            && !meta.is_file()
            && !meta.is_dir()
            && !meta.file_type().is_symlink()
        {
            return Err(OutputFault(format!(
                "cannot write {}: {} of that name is in the way: move it away or choose \
                 another --out",
                target.display(),
                super::read::kind(&meta)
            ))
            .into());
        }
        self.not_an_input(target)
    }

    /// Refuses `target` when writing it would replace an input.
    fn not_an_input(&self, target: &Path) -> Result<()> {
        match self.inputs.at(target) {
            Some(input) => Err(OutputFault(format!(
                "{} would replace {}, which this command reads: {AVOID}",
                target.display(),
                input.display()
            ))
            .into()),
            None => Ok(()),
        }
    }

    /// The output folder.
    pub fn out(&self) -> &Path {
        &self.out
    }

    /// Makes `dir` ready for files: creates it with any missing parents, and
    /// removes the temporary files of runs that no longer exist. A folder
    /// under the output folder is refused when it, or a folder between, is a
    /// symbolic link, and when it holds an input: every file in it is the
    /// results' to replace or remove.
    pub fn folder(&mut self, dir: &Path) -> Result<()> {
        if self.ready.iter().any(|d| d == dir) {
            return Ok(());
        }
        let below = dir
            .strip_prefix(&self.out)
            .ok()
            .filter(|r| !r.as_os_str().is_empty());
        if let Some(below) = below {
            let mut at = self.out.clone();
            for part in below {
                at.push(part);
                if fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
                    let target = fs::read_link(&at).unwrap_or_default();
                    return Err(OutputFault(format!(
                        "{} is a symbolic link to {}: ktpsim writes only into folders inside \
                         --out, so that nothing lands outside it; remove the link, or choose \
                         another --out",
                        at.display(),
                        target.display()
                    ))
                    .into());
                }
            }
        }
        let missing: Vec<PathBuf> = dir
            .ancestors()
            .take_while(|p| !p.as_os_str().is_empty() && fs::symlink_metadata(p).is_err())
            .map(Path::to_owned)
            .collect();
        fs::create_dir_all(dir).map_err(|e| {
            let action = format!("cannot create the output folder {}", dir.display());
            if e.kind() == std::io::ErrorKind::NotFound {
                // Creating missing parents cannot miss one: the file system
                // there (/proc, a removed mount) makes no folders.
                return OutputFault(format!(
                    "{action}: no folder can be made there: choose another --out"
                ))
                .into();
            }
            io_fault(action, dir, e)
        })?;
        self.created.extend(missing.into_iter().rev());
        if below.is_some()
            && let Some((input, there)) = self.inputs.inside(dir)
        {
            return Err(OutputFault(format!(
                "{} is a folder of results, where files are replaced and removed, and it holds \
                 {}, which this command reads as {}: {AVOID}",
                dir.display(),
                there.display(),
                input.display()
            ))
            .into());
        }
        super::stale::sweep(dir, &|p| self.inputs.at(p).is_some());
        self.ready.push(dir.to_owned());
        Ok(())
    }

    /// [`Interrupted`] once a stop was requested.
    pub fn check(&self) -> Result<()> {
        if self.interrupt.requested() {
            return Err(Interrupted("interrupted while writing".to_owned()).into());
        }
        Ok(())
    }

    /// Writes `path` under its temporary name with `write`.
    pub fn file(
        &mut self,
        path: &Path,
        write: impl FnOnce(AtomicFile) -> Result<AtomicFile>,
    ) -> Result<()> {
        self.check()?;
        if let Some(dir) = path.parent() {
            self.folder(dir)?;
        }
        self.may_write(path)?;
        self.files.push(stage(path, write)?);
        Ok(())
    }

    /// Writes `text` to `path` under its temporary name.
    pub fn text(&mut self, path: &Path, text: &str) -> Result<()> {
        self.file(path, |mut f| {
            std::io::Write::write_all(&mut f, text.as_bytes())?;
            Ok(f)
        })
    }

    /// Adds files staged elsewhere (in a folder made ready by [`Self::folder`]).
    pub fn add(&mut self, files: impl IntoIterator<Item = Staged>) -> Result<()> {
        for file in files {
            self.may_write(file.target())?;
            self.files.push(file);
        }
        self.check()
    }

    /// How many files are staged.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether no file is staged.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether a file is staged for `path`.
    pub fn is_staged(&self, path: &Path) -> bool {
        self.files.iter().any(|f| f.target() == path)
    }

    /// Removes the file `path` once every staged file is in place, unless a
    /// file is staged for it by then. Best effort: one that cannot be removed
    /// stays, and so does an input of the command. Nothing is removed when the
    /// command fails or is interrupted.
    pub fn remove_on_commit(&mut self, path: &Path) {
        if self.inputs.at(path).is_none() {
            self.remove.push(path.to_owned());
        }
    }

    /// Puts every staged file in place, in the order staged.
    pub fn commit(mut self) -> Result<()> {
        self.check()?;
        let total = self.files.len();
        let staged: Vec<PathBuf> = self.files.iter().map(|f| f.target().to_owned()).collect();
        match atomic::rename_all(std::mem::take(&mut self.files)) {
            Ok(()) => {
                self.created.clear();
                for path in std::mem::take(&mut self.remove) {
                    // A plain file or a link, never a folder.
                    let file = fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir());
                    if file && !staged.contains(&path) {
                        let _ = fs::remove_file(&path);
                    }
                }
                Ok(())
            }
            Err(e) => {
                let fault = io_fault(
                    format!("cannot put {} in place", e.target.display()),
                    &e.target,
                    e.error,
                );
                Err(match e.left {
                    0 => OutputFault(format!("{fault}; nothing was replaced")).into(),
                    left => OutputFault(format!(
                        "{fault}; {left} of {total} files could not be put back, so {} mixes \
                         this run's files with earlier ones until it runs again",
                        self.out.display()
                    ))
                    .into(),
                })
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // The files first, so that the folders they were in are empty.
        self.files.clear();
        for dir in self.created.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(dir: &Path) -> Vec<String> {
        let mut v = Vec::new();
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = p.strip_prefix(dir).unwrap().display().to_string();
            if p.is_dir() {
                v.extend(tree(&p).into_iter().map(|n| format!("{name}/{n}")));
                v.push(format!("{name}/"));
            } else {
                v.push(name);
            }
        }
        v.sort();
        v
    }

    #[test]
    fn nothing_appears_until_everything_is_committed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let mut s = Staging::new(&out, Interrupt::new(), Inputs::none()).unwrap();
        s.text(&out.join("a/one.csv"), "1\n").unwrap();
        s.text(&out.join("index.html"), "<p>\n").unwrap();
        assert_eq!(s.len(), 2);
        assert!(!out.join("a/one.csv").exists() && !out.join("index.html").exists());
        s.commit().unwrap();
        assert_eq!(
            tree(dir.path()),
            ["out/", "out/a/", "out/a/one.csv", "out/index.html"]
        );
    }

    #[test]
    fn a_dropped_staging_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("old.csv"), "old\n").unwrap();
        let out = dir.path().join("new/deeper");
        let mut s = Staging::new(&out, Interrupt::new(), Inputs::none()).unwrap();
        s.text(&out.join("a/one.csv"), "1\n").unwrap();
        s.text(&dir.path().join("old.csv"), "new\n").unwrap();
        assert!(out.join("a").is_dir());
        drop(s);
        assert_eq!(tree(dir.path()), ["old.csv"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("old.csv")).unwrap(),
            "old\n"
        );
    }

    #[test]
    fn files_named_for_removal_go_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        for file in ["old.csv", "kept.csv", "replaced.csv"] {
            fs::write(out.join(file), "old\n").unwrap();
        }
        fs::create_dir(out.join("folder.csv")).unwrap();
        let stage = |commit: bool| {
            let mut s = Staging::new(out, Interrupt::new(), Inputs::none()).unwrap();
            s.text(&out.join("replaced.csv"), "new\n").unwrap();
            for file in ["old.csv", "replaced.csv", "folder.csv", "missing.csv"] {
                s.remove_on_commit(&out.join(file));
            }
            assert!(s.is_staged(&out.join("replaced.csv")) && !s.is_staged(&out.join("old.csv")));
            if commit {
                s.commit().unwrap();
            }
        };
        stage(false);
        assert_eq!(
            tree(out),
            ["folder.csv/", "kept.csv", "old.csv", "replaced.csv"]
        );
        stage(true);
        assert_eq!(tree(out), ["folder.csv/", "kept.csv", "replaced.csv"]);
        assert_eq!(
            fs::read_to_string(out.join("replaced.csv")).unwrap(),
            "new\n"
        );
    }

    #[test]
    fn an_interrupt_stops_staging_and_committing() {
        let dir = tempfile::tempdir().unwrap();
        let stop = Interrupt::new();
        let mut s = Staging::new(dir.path(), stop.clone(), Inputs::none()).unwrap();
        s.text(&dir.path().join("a.csv"), "a\n").unwrap();
        stop.request();
        let err = s.text(&dir.path().join("b.csv"), "b\n").unwrap_err();
        assert!(err.is::<Interrupted>());
        assert!(s.commit().unwrap_err().is::<Interrupted>());
        assert_eq!(tree(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn an_input_is_never_written_over_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::create_dir(out.join("a")).unwrap();
        fs::write(out.join("table.csv"), "input\n").unwrap();
        fs::write(out.join("a/base.toml"), "input\n").unwrap();
        let inputs = || Inputs::new([out.join("table.csv"), out.join("a/base.toml")]);
        let mut s = Staging::new(out, Interrupt::new(), inputs()).unwrap();
        let err = s.text(&out.join("./table.csv"), "results\n").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{0}/./table.csv would replace {0}/table.csv, which this command reads: {AVOID}",
                out.display()
            )
        );
        s.remove_on_commit(&out.join("table.csv"));
        s.text(&out.join("b.csv"), "results\n").unwrap();
        s.commit().unwrap();
        assert_eq!(
            fs::read_to_string(out.join("table.csv")).unwrap(),
            "input\n"
        );
        let mut s = Staging::new(out, Interrupt::new(), inputs()).unwrap();
        assert!(s.folder(&out.join("a")).is_err());
        assert!(s.folder(&out.join("c")).is_ok());
    }
}
