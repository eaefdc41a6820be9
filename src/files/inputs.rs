//! The files a command read, which none of its writes may replace or remove.
//!
//! A command's inputs (a scenario, its `extends` parents, a national template,
//! an offices table, the shards of a merge) may lie inside `--out`: a planner
//! who runs `ktpsim run nat.toml --out .` keeps both in one folder. Then a
//! result could land on an input (`table = "nat/offices.csv"` and scenario
//! `nat`, whose results include `./nat/offices.csv`) and the next run would
//! read results as its table. [`super::staging::Staging`], which every output
//! path passes through, asks [`Inputs`] before it writes, renames or removes
//! anything.
//!
//! Two paths are one file when they name one entry of one folder once every
//! link and `..` in the folders above is resolved, or when the system says
//! they are one file (device and inode on Unix); so `./a/../a/x.csv`, a link
//! to the input and a link to its folder are all caught. An input counts both
//! as the entry it was read through and as the file a link there points to.

use std::path::{Path, PathBuf};

/// The files a command read.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    files: Vec<Input>,
}

#[derive(Debug, Clone)]
struct Input {
    /// As the command spelled it, for messages.
    given: PathBuf,
    /// The entry it was read through, with its folder resolved.
    entry: PathBuf,
    /// The file itself, every link resolved.
    real: PathBuf,
    /// (device, inode) of the entry and of the file, where known.
    ids: Vec<(u64, u64)>,
}

impl Inputs {
    /// No inputs: for a command that reads nothing it could write.
    pub fn none() -> Self {
        Self::default()
    }

    /// The files at `paths`, as read; a path that no longer exists is kept
    /// by its spelling.
    pub fn new(paths: impl IntoIterator<Item = PathBuf>) -> Self {
        let mut files: Vec<Input> = Vec::new();
        for given in paths {
            let entry = entry(&given);
            if files.iter().any(|f| f.entry == entry) {
                continue;
            }
            let real = std::fs::canonicalize(&given).unwrap_or_else(|_| entry.clone());
            let ids = [std::fs::symlink_metadata(&given), std::fs::metadata(&given)]
                .into_iter()
                .filter_map(|m| m.ok().and_then(|m| id(&m)))
                .collect();
            files.push(Input {
                given,
                entry,
                real,
                ids,
            });
        }
        Self { files }
    }

    /// The input that writing or removing `target` would replace, as the
    /// command spelled it.
    pub fn at(&self, target: &Path) -> Option<&Path> {
        let entry = entry(target);
        let id = std::fs::symlink_metadata(target).ok().and_then(|m| id(&m));
        self.files
            .iter()
            .find(|f| {
                f.entry == entry || f.real == entry || id.is_some_and(|id| f.ids.contains(&id))
            })
            .map(|f| f.given.as_path())
    }

    /// The first input inside the folder `dir` (which exists), with the path
    /// it has there, spelled from `dir`.
    pub fn inside(&self, dir: &Path) -> Option<(&Path, PathBuf)> {
        let real_dir = std::fs::canonicalize(dir).ok()?;
        self.files.iter().find_map(|f| {
            [&f.entry, &f.real]
                .into_iter()
                .find_map(|p| p.strip_prefix(&real_dir).ok())
                .map(|rel| (f.given.as_path(), dir.join(rel)))
        })
    }
}

/// `path` with its folder resolved (every link and `..` above it) and its
/// own name kept: the folder entry that a rename onto `path` replaces.
fn entry(path: &Path) -> PathBuf {
    let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
        return std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    };
    let parent = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    match std::fs::canonicalize(parent) {
        Ok(p) => p.join(name),
        Err(_) => path.to_owned(),
    }
}

#[cfg(unix)]
fn id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn id(_: &std::fs::Metadata) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_under_any_spelling_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("nat")).unwrap();
        std::fs::write(d.join("nat/offices.csv"), "x").unwrap();
        std::fs::write(d.join("other.csv"), "x").unwrap();
        let inputs = Inputs::new([d.join("nat/offices.csv")]);
        let given = d.join("nat/offices.csv");
        assert_eq!(inputs.at(&d.join("nat/../nat/offices.csv")), Some(&*given));
        assert_eq!(inputs.at(&d.join("nat/./offices.csv")), Some(&*given));
        assert_eq!(inputs.at(&d.join("other.csv")), None);
        assert_eq!(inputs.at(&d.join("nat/absent.csv")), None);
        let (input, there) = inputs.inside(&d.join("nat")).unwrap();
        assert_eq!((input, there), (&*given, d.join("nat/offices.csv")));
        assert!(inputs.inside(d).is_some());
        std::fs::create_dir(d.join("empty")).unwrap();
        assert!(inputs.inside(&d.join("empty")).is_none());
    }

    #[cfg(unix)]
    #[test]
    fn links_and_hard_links_are_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("real")).unwrap();
        std::fs::write(d.join("real/t.csv"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("real"), d.join("linked")).unwrap();
        std::os::unix::fs::symlink(d.join("real/t.csv"), d.join("t-link.csv")).unwrap();
        std::fs::hard_link(d.join("real/t.csv"), d.join("hard.csv")).unwrap();
        // Read through a link to its folder: the real entry is it.
        let inputs = Inputs::new([d.join("linked/t.csv")]);
        assert!(inputs.at(&d.join("real/t.csv")).is_some());
        assert!(inputs.at(&d.join("hard.csv")).is_some());
        assert!(inputs.inside(&d.join("real")).is_some());
        // Read through a link to the file: both the link and the file.
        let inputs = Inputs::new([d.join("t-link.csv")]);
        assert!(inputs.at(&d.join("t-link.csv")).is_some());
        assert!(inputs.at(&d.join("real/t.csv")).is_some());
    }
}
