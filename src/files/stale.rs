//! Temporary files of runs that died, and how to tell them from live ones.
//!
//! A run killed by SIGKILL, a power cut or a second Ctrl-C cannot remove its
//! temporary files. So every temporary name says who wrote it:
//! `.summary.csv.ktpsim-<machine>-<pid>-<start>.tmp`, where `<machine>` is a
//! hash of this boot and pid namespace, and `<start>` the process's start time
//! (from /proc). Before a run writes into a folder it removes the files of that
//! form whose process is gone ([`sweep`]).
//!
//! The rule errs towards keeping: a file is removed only when its machine is
//! ours and no process with its pid and start time exists. The start time makes
//! a reused pid harmless; the machine keeps a run from removing the files of a
//! live run in another container or on another host sharing the folder (files
//! from before a reboot are therefore never removed). Names of any other form,
//! and anything that is not a plain file, are never touched. Without /proc
//! (not Linux) nothing is removed, since liveness cannot be told.

use std::fs;
use std::path::Path;
use std::sync::OnceLock;

/// The marker in every temporary name, after the target's name.
const MARKER: &str = ".ktpsim-";

/// The suffix of every temporary name.
const SUFFIX: &str = ".tmp";

/// Who wrote a temporary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Writer {
    machine: u32,
    pid: u32,
    start: u64,
}

impl Writer {
    /// This process; `start` is 0 where /proc does not say.
    fn this() -> Self {
        static THIS: OnceLock<Writer> = OnceLock::new();
        *THIS.get_or_init(|| {
            let pid = std::process::id();
            Writer {
                machine: machine(),
                pid,
                start: start_time(pid).unwrap_or(0),
            }
        })
    }

    /// Whether the process that wrote the file is certainly gone.
    fn is_gone(self) -> bool {
        let me = Self::this();
        me.start != 0
            && self.machine == me.machine
            && self != me
            && start_time(self.pid) != Some(self.start)
    }
}

/// The temporary name of a file called `name`: `.<name>.ktpsim-<m>-<pid>-<start>.tmp`.
pub fn temporary_name(name: &str) -> String {
    let w = Writer::this();
    format!(
        ".{name}{MARKER}{:08x}-{}-{}{SUFFIX}",
        w.machine, w.pid, w.start
    )
}

/// Who wrote `file_name`, if it is a temporary name of ktpsim's.
fn writer(file_name: &str) -> Option<Writer> {
    let inner = file_name.strip_prefix('.')?.strip_suffix(SUFFIX)?;
    let (target, tag) = inner.rsplit_once(MARKER)?;
    let mut parts = tag.split('-');
    let machine = u32::from_str_radix(parts.next()?, 16).ok()?;
    let pid = parts.next()?.parse().ok()?;
    let start = parts.next()?.parse().ok()?;
    (!target.is_empty() && parts.next().is_none()).then_some(Writer {
        machine,
        pid,
        start,
    })
}

/// Removes from `dir` the temporary files of ktpsim runs that no longer
/// exist, less those `keep` says to keep (a command's inputs, however
/// named); returns how many. Best effort: a file that cannot be removed stays.
pub fn sweep(dir: &Path, keep: &dyn Fn(&Path) -> bool) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(w) = name.to_str().and_then(writer) else {
            continue;
        };
        // `file_type` does not follow links: a link or folder is left alone.
        let plain = entry.file_type().is_ok_and(|t| t.is_file());
        if plain && w.is_gone() && !keep(&entry.path()) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// The start time of process `pid` in clock ticks since boot (field 22 of
/// /proc/<pid>/stat), or `None` if there is no such process.
fn start_time(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold spaces or ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(19)?.parse().ok()
}

/// This boot and pid namespace, hashed to 32 bits (FNV-1a, stable across
/// builds); 0 where /proc does not say.
fn machine() -> u32 {
    let boot = fs::read_to_string("/proc/sys/kernel/random/boot_id").unwrap_or_default();
    let ns = fs::read_link("/proc/self/ns/pid")
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if boot.is_empty() {
        return 0;
    }
    format!("{}/{ns}", boot.trim())
        .bytes()
        .fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_who_wrote_them() {
        let name = temporary_name("summary.csv");
        let me = Writer::this();
        assert_eq!(writer(&name), Some(me));
        assert!(name.starts_with(".summary.csv.ktpsim-"), "{name}");
        assert_eq!(
            writer(".a.b.ktpsim-0000abcd-12-345.tmp"),
            Some(Writer {
                machine: 0xabcd,
                pid: 12,
                start: 345
            })
        );
        for other in [
            ".summary.csv.123.tmp",
            "summary.csv.ktpsim-0-1-2.tmp",
            "..ktpsim-0-1-2.tmp",
            ".a.ktpsim-0-1-2-3.tmp",
            ".a.ktpsim-0-x-2.tmp",
            ".a.ktpsim-0-1-2.tmp.bak",
        ] {
            assert_eq!(writer(other), None, "{other}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn only_files_of_gone_processes_on_this_machine_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let me = Writer::this();
        let name = |w: Writer| {
            format!(
                ".a.csv{MARKER}{:08x}-{}-{}{SUFFIX}",
                w.machine, w.pid, w.start
            )
        };
        let reused = Writer {
            start: me.start + 1,
            ..me
        };
        let elsewhere = Writer {
            machine: me.machine ^ 1,
            ..reused
        };
        let keep = [
            name(me),
            name(elsewhere),
            ".a.csv.123.tmp".to_owned(),
            "notes.txt".to_owned(),
        ];
        for file in &keep {
            fs::write(dir.path().join(file), "").unwrap();
        }
        fs::write(dir.path().join(name(reused)), "").unwrap();
        // A folder with a stale name is not a file of ours.
        let folder = Writer { pid: 1, ..reused };
        fs::create_dir(dir.path().join(name(folder))).unwrap();
        // An input of the command is kept, whatever its name.
        let input = dir.path().join(name(reused));
        assert_eq!(sweep(dir.path(), &|p| p == input), 0);
        assert_eq!(sweep(dir.path(), &|_| false), 1);
        assert!(!dir.path().join(name(reused)).exists());
        for file in &keep {
            assert!(dir.path().join(file).exists(), "{file}");
        }
        assert!(dir.path().join(name(folder)).is_dir());
    }
}
