//! Writing results failed: one error that names the path and says what to do.
//!
//! Every failure of the file system on the output side goes through [`fault`]
//! (or [`io_fault`]), which words it as one paragraph: what failed and on which
//! path, the reason in words, and the fix, e.g. `cannot write out/a/summary.csv:
//! no space left on device: free space or choose another --out`. The system's
//! own words ("File exists (os error 17)") never reach the user: where a part of
//! the path is in the way (a file where a folder should be, a broken or looping
//! symbolic link), the reason names that part. The command line passes an
//! [`OutputFault`] on as it is, so the user reads one paragraph, not a chain.

use std::io;
use std::path::{Path, PathBuf};

use io::ErrorKind as Kind;

/// A failure to write results, already worded for the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct OutputFault(pub String);

/// `action` on `path` (e.g. "cannot write results/a/summary.csv") failed
/// because of `error`; the I/O error is looked for along its chain of causes,
/// and an error without one keeps its own words.
pub fn fault(action: impl std::fmt::Display, path: &Path, error: &anyhow::Error) -> anyhow::Error {
    if let Some(done) = error.downcast_ref::<OutputFault>() {
        return done.clone().into();
    }
    let io = error
        .chain()
        .find_map(|c| c.downcast_ref::<io::Error>())
        .or_else(|| {
            // csv keeps its I/O error inside its own error type.
            error
                .chain()
                .filter_map(|c| c.downcast_ref::<csv::Error>())
                .find_map(|e| match e.kind() {
                    csv::ErrorKind::Io(io) => Some(io),
                    _ => None,
                })
        });
    let why = match io {
        Some(io) => reason(path, io),
        None => format!("{error:#}"),
    };
    OutputFault(format!("{action}: {why}")).into()
}

/// [`fault`] for a plain I/O error.
pub fn io_fault(action: impl std::fmt::Display, path: &Path, error: io::Error) -> anyhow::Error {
    fault(action, path, &error.into())
}

/// The reason and the fix for `error` on `path`.
fn reason(path: &Path, error: &io::Error) -> String {
    let errno = error.raw_os_error();
    if errno == Some(sys::ENAMETOOLONG) {
        return too_long(path);
    }
    if errno == Some(sys::EDQUOT) {
        return "the disk quota is used up: free space or choose another --out".to_owned();
    }
    let in_the_way = matches!(error.kind(), Kind::NotADirectory | Kind::AlreadyExists)
        || errno == Some(sys::ELOOP);
    if let Some((part, what)) = in_the_way.then(|| blocking_part(path)).flatten() {
        let part = if part == path {
            "it".to_owned()
        } else {
            part.display().to_string()
        };
        // A device or a pipe is the system's; a file or a link may be the user's.
        let fix = if what.starts_with("is a device") {
            "choose another --out"
        } else {
            "move it away or choose another --out"
        };
        return format!("{part} {what}: {fix}");
    }
    match error.kind() {
        Kind::StorageFull => "no space left on device: free space or choose another --out".into(),
        Kind::PermissionDenied => {
            "permission denied: choose a folder you can write to with --out".into()
        }
        Kind::ReadOnlyFilesystem => "the file system is read-only: choose another --out".into(),
        Kind::NotADirectory | Kind::AlreadyExists => {
            "part of the path is a file, not a folder: choose another --out".into()
        }
        Kind::IsADirectory => {
            "a folder of that name is in the way: move it away or choose another --out".into()
        }
        Kind::NotFound => "it or its folder was removed while ktpsim was writing: run again, \
                           and leave the output folder alone until the run ends"
            .into(),
        _ if errno == Some(sys::ELOOP) => {
            "the path goes round a loop of symbolic links: fix the links or choose another --out"
                .into()
        }
        _ if errno.is_some() => format!(
            "{}: check the disk and the folder, or choose another --out",
            words(error)
        ),
        _ => error.to_string(),
    }
}

/// ENAMETOOLONG: a name longer than file systems allow, or the whole path.
fn too_long(path: &Path) -> String {
    let longest = path
        .components()
        .map(|c| c.as_os_str().len())
        .max()
        .unwrap_or(0);
    if longest > 255 {
        format!(
            "a name in the path is {longest} bytes long, more than file systems allow (255): \
             choose a shorter --out"
        )
    } else {
        format!(
            "the path is {} bytes long, more than the system allows: choose a shorter --out",
            path.as_os_str().len()
        )
    }
}

/// The first part of `path`, from the root down, that exists and is not a
/// folder (nor a link to one), and what it is instead.
fn blocking_part(path: &Path) -> Option<(PathBuf, &'static str)> {
    let mut parts: Vec<&Path> = path
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    parts.reverse();
    for part in parts {
        let meta = std::fs::symlink_metadata(part).ok()?;
        if meta.is_dir() {
            continue;
        }
        if meta.is_file() {
            return Some((part.to_owned(), "is a file, not a folder"));
        }
        if !meta.file_type().is_symlink() {
            return Some((
                part.to_owned(),
                "is a device, a pipe or a socket, not a folder",
            ));
        }
        match std::fs::metadata(part) {
            Ok(target) if target.is_dir() => {}
            Ok(_) => {
                return Some((
                    part.to_owned(),
                    "is a symbolic link to a file, not a folder",
                ));
            }
            Err(e) if e.raw_os_error() == Some(sys::ELOOP) => {
                return Some((
                    part.to_owned(),
                    "is a symbolic link that loops back on itself",
                ));
            }
            Err(_) => return Some((part.to_owned(), "is a symbolic link to nothing")),
        }
    }
    None
}

/// The system's words for `error`, without "(os error N)" and starting in
/// lower case, to go after a colon.
pub fn words(error: &io::Error) -> String {
    let text = error.to_string();
    let text = match error.raw_os_error() {
        Some(n) => text
            .strip_suffix(&format!(" (os error {n})"))
            .unwrap_or(&text),
        None => &text,
    };
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The error numbers std has no stable kind for.
#[cfg(unix)]
mod sys {
    pub const ENAMETOOLONG: i32 = libc::ENAMETOOLONG;
    pub const ELOOP: i32 = libc::ELOOP;
    pub const EDQUOT: i32 = libc::EDQUOT;
}

/// Elsewhere these are reported with the system's words.
#[cfg(not(unix))]
mod sys {
    pub const ENAMETOOLONG: i32 = -1;
    pub const ELOOP: i32 = -2;
    pub const EDQUOT: i32 = -3;
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::io::Write;

    use super::*;

    fn said(path: &Path, error: io::Error) -> String {
        io_fault(format!("cannot write {}", path.display()), path, error).to_string()
    }

    #[test]
    fn a_full_disk_names_the_path_and_the_fix() {
        // /dev/full accepts the open and refuses every write with ENOSPC.
        let mut f = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let err = f.write_all(b"x").and_then(|()| f.flush()).unwrap_err();
        assert_eq!(
            said(Path::new("out/a/summary.csv"), err),
            "cannot write out/a/summary.csv: no space left on device: free space or choose \
             another --out"
        );
    }

    #[test]
    fn csv_errors_are_looked_into() {
        let io = io::Error::from(Kind::PermissionDenied);
        let err = anyhow::Error::from(csv::Error::from(io)).context("writing rows");
        assert_eq!(
            fault("cannot write x.csv", Path::new("x.csv"), &err).to_string(),
            "cannot write x.csv: permission denied: choose a folder you can write to with --out"
        );
    }

    #[test]
    fn errors_without_a_system_cause_keep_their_words() {
        let err = io::Error::other("disk on fire");
        assert_eq!(
            said(Path::new("x.csv"), err),
            "cannot write x.csv: disk on fire"
        );
    }

    #[cfg(unix)]
    #[test]
    fn system_errors_lose_their_number_and_gain_a_fix() {
        let cases = [
            (
                libc::EIO,
                "input/output error: check the disk and the folder, or choose another --out",
            ),
            (
                libc::EROFS,
                "the file system is read-only: choose another --out",
            ),
            (
                libc::EDQUOT,
                "the disk quota is used up: free space or choose another --out",
            ),
            (
                libc::ENAMETOOLONG,
                "the path is 5 bytes long, more than the system allows: choose a shorter --out",
            ),
        ];
        for (errno, words) in cases {
            assert_eq!(
                said(Path::new("x.csv"), io::Error::from_raw_os_error(errno)),
                format!("cannot write x.csv: {words}")
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_part_in_the_way_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let at = |p: &str| dir.path().join(p);
        fs::write(at("file"), "").unwrap();
        std::os::unix::fs::symlink("nowhere", at("broken")).unwrap();
        std::os::unix::fs::symlink("loop", at("loop")).unwrap();
        std::os::unix::fs::symlink("file", at("to-file")).unwrap();
        fs::create_dir(at("real")).unwrap();
        fs::write(at("real/file"), "").unwrap();
        std::os::unix::fs::symlink("real", at("to-folder")).unwrap();
        for (path, part, what) in [
            ("file/a", "file", "is a file, not a folder"),
            (
                "to-folder/file/a",
                "to-folder/file",
                "is a file, not a folder",
            ),
            ("broken/a", "broken", "is a symbolic link to nothing"),
            (
                "loop/a",
                "loop",
                "is a symbolic link that loops back on itself",
            ),
            (
                "to-file/a",
                "to-file",
                "is a symbolic link to a file, not a folder",
            ),
        ] {
            let err = fs::create_dir_all(at(path)).unwrap_err();
            let path = at(path);
            let fix = if part.starts_with("/dev") {
                "choose another --out"
            } else {
                "move it away or choose another --out"
            };
            assert_eq!(
                io_fault(format!("cannot create {}", path.display()), &path, err).to_string(),
                format!(
                    "cannot create {}: {} {what}: {fix}",
                    path.display(),
                    if part == "it" {
                        part.to_owned()
                    } else {
                        // An absolute part stays as it is.
                        at(part).display().to_string()
                    }
                ),
                "{part}"
            );
        }
    }
}
