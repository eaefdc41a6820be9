//! Reading a file, checked: the one way ktpsim reads bytes from the disk.
//!
//! Only a regular file on a disk is read. A folder, a pipe, a device or a
//! socket is refused before it is opened (`/dev/zero` never ends, a pipe with
//! no writer blocks for ever, a tape may rewind when opened), and so is a file
//! of the kernel's (`/proc`, `/sys`), whose size says 0 whatever it holds. The
//! size is checked against the caller's limit before a byte is read, and again
//! on the open file, which is opened without blocking and checked once more,
//! so that nothing swapped in between the look and the open is read either.
//! Where the caller says so ([`Links::Refuse`]), a symbolic link is not
//! followed: a file that ktpsim wrote into `--out` and reads back must be the
//! one it wrote, not wherever a link points.
//!
//! Scenario files, their parents, offices tables, an earlier report and the
//! shards of a run all come through [`read`]; each caller words the refusal
//! in its own terms from [`Unread`].

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// Whether a symbolic link is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Read what the link points to (a scenario named by a link is the file
    /// it names), still a regular file only.
    Follow,
    /// Refuse a link: for files in `--out`.
    Refuse,
}

/// Why a file was not read.
#[derive(Debug)]
pub enum Unread {
    /// No such file.
    Missing,
    /// A folder.
    Folder,
    /// Not a regular file: what it is instead, in words ("a folder",
    /// "a pipe", "a symbolic link to x").
    NotRegular(String),
    /// More bytes than allowed (its size, as far as known).
    TooLarge(u64),
    /// The system refused: its error.
    Io(io::Error),
}

impl Unread {
    /// The reason in words, e.g. "not a regular file but a pipe".
    pub fn words(&self) -> String {
        match self {
            Self::Missing => "file not found".into(),
            Self::Folder => "not a regular file but a folder".into(),
            Self::NotRegular(what) => format!("not a regular file but {what}"),
            Self::TooLarge(size) => format!("it holds {size} bytes, too many"),
            Self::Io(e) => super::fault::words(e),
        }
    }
}

/// The bytes of the regular file `path`, at most `limit` of them.
pub fn read(path: &Path, limit: u64, links: Links) -> Result<Vec<u8>, Unread> {
    let io = |e: io::Error| match e.kind() {
        io::ErrorKind::NotFound => Unread::Missing,
        _ => Unread::Io(e),
    };
    let look = std::fs::symlink_metadata(path).map_err(io)?;
    let meta = if look.file_type().is_symlink() {
        if links == Links::Refuse {
            let target = std::fs::read_link(path).map_err(io)?;
            return Err(Unread::NotRegular(format!(
                "a symbolic link to {}",
                target.display()
            )));
        }
        std::fs::metadata(path).map_err(io)?
    } else {
        look
    };
    check(&meta, limit)?;
    let file = open(path, links).map_err(io)?;
    // What was opened, which may not be what was looked at.
    let meta = file.metadata().map_err(Unread::Io)?;
    check(&meta, limit)?;
    if kernel_file(&file) {
        return Err(Unread::NotRegular(
            "a file of the system's (/proc, /sys), whose size says nothing of what it holds".into(),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Unread::Io)?;
    if bytes.len() as u64 > limit {
        // It grew while being read.
        return Err(Unread::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// A regular file within `limit` bytes.
fn check(meta: &Metadata, limit: u64) -> Result<(), Unread> {
    if meta.is_dir() {
        return Err(Unread::Folder);
    }
    if !meta.is_file() {
        return Err(Unread::NotRegular(kind(meta).into()));
    }
    if meta.len() > limit {
        return Err(Unread::TooLarge(meta.len()));
    }
    Ok(())
}

/// What a file that is not a regular file is, in words.
pub fn kind(meta: &Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    if meta.file_type().is_symlink() {
        return "a symbolic link";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "a device"
}

#[cfg(unix)]
fn open(path: &Path, links: Links) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // A pipe swapped in after the look opens at once instead of waiting for a
    // writer, and is then refused; on a regular file the flag changes nothing.
    let mut flags = libc::O_NONBLOCK;
    if links == Links::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path, _: Links) -> io::Result<File> {
    File::open(path)
}

/// Whether `file` lies on the kernel's own file systems, whose files say
/// they hold 0 bytes and then hold any number.
#[cfg(target_os = "linux")]
fn kernel_file(file: &File) -> bool {
    use std::os::fd::AsRawFd;
    const PROC: i64 = 0x9fa0;
    const SYSFS: i64 = 0x6265_6572;
    // SAFETY: `fs` is written by fstatfs on success, and the descriptor is
    // open for as long as `file` lives.
    let mut fs: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstatfs(file.as_raw_fd(), &raw mut fs) } != 0 {
        return false;
    }
    #[allow(clippy::unnecessary_cast, clippy::cast_lossless)]
    let magic = fs.f_type as i64;
    magic == PROC || magic == SYSFS
}

#[cfg(not(target_os = "linux"))]
fn kernel_file(_: &File) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(r: Result<Vec<u8>, Unread>) -> String {
        match r {
            Ok(b) => format!("{} bytes", b.len()),
            Err(e) => e.words(),
        }
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "12345").unwrap();
        assert_eq!(words(read(&a, 5, Links::Refuse)), "5 bytes");
        assert_eq!(
            words(read(&a, 4, Links::Refuse)),
            "it holds 5 bytes, too many"
        );
        assert_eq!(
            words(read(dir.path(), 9, Links::Follow)),
            "not a regular file but a folder"
        );
        assert_eq!(
            words(read(&dir.path().join("b"), 9, Links::Follow)),
            "file not found"
        );
        assert_eq!(
            words(read(Path::new("/dev/zero"), 9, Links::Follow)),
            "not a regular file but a device"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_only_when_asked_and_pipes_never_block() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "1").unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&a, &link).unwrap();
        assert_eq!(words(read(&link, 9, Links::Follow)), "1 bytes");
        assert_eq!(
            words(read(&link, 9, Links::Refuse)),
            format!("not a regular file but a symbolic link to {}", a.display())
        );
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert_eq!(
            words(read(&zero, 9, Links::Follow)),
            "not a regular file but a device"
        );
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert_eq!(
            words(read(&fifo, 9, Links::Follow)),
            "not a regular file but a pipe"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn kernel_files_are_refused() {
        assert_eq!(
            words(read(
                Path::new("/proc/self/environ"),
                1 << 20,
                Links::Follow
            )),
            "not a regular file but a file of the system's (/proc, /sys), whose size says \
             nothing of what it holds"
        );
    }
}
