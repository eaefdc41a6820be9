//! Writing results failed: one error that names the path and says what to do.
//!
//! The operating system's words ("No space left on device (os error 28)") are
//! kept for faults nobody can fix from ktpsim's options; for the ones a planner
//! meets (a full disk, a folder they may not write, a read-only mount, a file
//! where a folder should be) the message ends with the fix. Every output path
//! goes through [`fault`], and the command line passes an [`OutputFault`] on
//! as it is, so the user reads one paragraph, not a chain.

use std::io;

/// A failure to write results, already worded for the user.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct OutputFault(pub String);

/// `action` (e.g. "cannot write results/a/summary.csv") failed because of
/// `error`; the I/O error is looked for along its chain of causes.
pub fn fault(action: impl std::fmt::Display, error: &anyhow::Error) -> anyhow::Error {
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
    let why = match io.map(io::Error::kind) {
        Some(io::ErrorKind::StorageFull) => {
            "no space left on device: free space or choose another --out".to_owned()
        }
        Some(io::ErrorKind::PermissionDenied) => {
            "permission denied: choose a folder you can write to with --out".to_owned()
        }
        Some(io::ErrorKind::ReadOnlyFilesystem) => {
            "the file system is read-only: choose another --out".to_owned()
        }
        Some(io::ErrorKind::NotADirectory) => {
            "part of the path is a file, not a folder: choose another --out".to_owned()
        }
        _ => format!("{error:#}"),
    };
    OutputFault(format!("{action}: {why}")).into()
}

/// [`fault`] for a plain I/O error.
pub fn io_fault(action: impl std::fmt::Display, error: io::Error) -> anyhow::Error {
    fault(action, &error.into())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    #[test]
    fn a_full_disk_names_the_path_and_the_fix() {
        // /dev/full accepts the open and refuses every write with ENOSPC.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let err = f.write_all(b"x").and_then(|()| f.flush()).unwrap_err();
        assert_eq!(
            io_fault("cannot write out/a/summary.csv", err).to_string(),
            "cannot write out/a/summary.csv: no space left on device: free space or choose \
             another --out"
        );
    }

    #[test]
    fn csv_errors_are_looked_into() {
        let io = io::Error::from(io::ErrorKind::PermissionDenied);
        let err = anyhow::Error::from(csv::Error::from(io)).context("writing rows");
        assert_eq!(
            fault("cannot write x.csv", &err).to_string(),
            "cannot write x.csv: permission denied: choose a folder you can write to with --out"
        );
    }

    #[test]
    fn other_faults_keep_the_system_words() {
        let err = io::Error::other("disk on fire");
        assert_eq!(
            io_fault("cannot write x.csv", err).to_string(),
            "cannot write x.csv: disk on fire"
        );
    }
}
