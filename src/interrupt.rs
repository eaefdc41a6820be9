//! Stopping a command on request (Ctrl-C, SIGTERM, SIGHUP) without leaving
//! anything half-written.
//!
//! An [`Interrupt`] is a flag the runner looks at before every replication, and a
//! running replication every 65,536 cards or events
//! ([`crate::model::Model::replicate_until`]), and the output's staging before
//! every file and before putting them in place
//! ([`crate::output::staging::Staging`]); once it is set, the command stops with
//! an [`Interrupted`] error, and its staged files are dropped uncommitted, which
//! removes their temporary names. The files of earlier runs are never touched,
//! since only a commit replaces them. This module owns the flag and the signal
//! handler; what to tell the user is the command line's business.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::output::atomic;

/// A request to stop, shared by whoever may ask and whoever must stop.
#[derive(Debug, Clone, Default)]
pub struct Interrupt(Arc<AtomicBool>);

impl Interrupt {
    /// A flag nobody has set yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Asks the run to stop: no replication starts, and a running one ends
    /// within about a millisecond.
    pub fn request(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether a stop was asked for.
    pub fn requested(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// The process's stop flag, set by Ctrl-C (SIGINT), SIGTERM or SIGHUP: a
    /// service manager's stop, Slurm's `scancel`, a closed terminal and a Ctrl-C
    /// all stop a command the same way, and the line it prints names the signal
    /// ([`Signal::stopping`]). A second signal quits at once, with status 130,
    /// for a user who will not wait: it removes the temporary files first, and
    /// if the files are being put in place it waits for those few renames, so
    /// the results are never half replaced ([`atomic::abandon_all`]). The
    /// handler is installed on the first call, in place of any other; should
    /// that fail, the flag is never set and the signals keep their default
    /// effect.
    pub fn ctrl_c() -> Self {
        static FLAG: OnceLock<Interrupt> = OnceLock::new();
        FLAG.get_or_init(|| {
            let flag = Interrupt::new();
            let handler = flag.clone();
            let _ = os::install(move |signal| {
                if handler.requested() {
                    atomic::abandon_all();
                    std::process::exit(i32::from(EXIT_STATUS));
                }
                handler.request();
                eprintln!("\n{}", signal.stopping());
            });
            flag
        })
        .clone()
    }
}

/// A signal that stops a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGINT: Ctrl-C in the terminal.
    Interrupt,
    /// SIGTERM: `kill`, Slurm's `scancel` or time limit, a service manager's
    /// stop.
    Terminate,
    /// SIGHUP: the terminal was closed.
    HangUp,
}

impl Signal {
    /// The line a command prints when this signal asks it to stop (the one
    /// place these words live): which signal, and what a second one does.
    pub fn stopping(self) -> &'static str {
        match self {
            Signal::Interrupt => {
                "stopping: interrupted by Ctrl-C (SIGINT); Ctrl-C again to quit at once"
            }
            Signal::Terminate => {
                "stopping: terminated by SIGTERM (from kill, Slurm's scancel or time limit, or a \
                 service manager); a second signal quits at once"
            }
            Signal::HangUp => {
                "stopping: hung up by SIGHUP (the terminal was closed); a second signal quits at once"
            }
        }
    }
}

/// Signals handled by a thread: the handler only writes the signal's number
/// into a socket, which is all a signal handler may safely do, and a thread
/// reads it and runs the command's handler.
#[cfg(unix)]
mod os {
    use std::io::Read;
    use std::os::fd::IntoRawFd;
    use std::os::unix::net::UnixStream;
    use std::sync::atomic::{AtomicI32, Ordering};

    use super::Signal;

    /// The socket end the handler writes to; -1 until installed.
    static SENDER: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn on_signal(number: libc::c_int) {
        // The three numbers are below 256 everywhere (SIGHUP 1, SIGINT 2,
        // SIGTERM 15).
        let byte = number as u8;
        let fd = SENDER.load(Ordering::Relaxed);
        // SAFETY: write(2) is async-signal-safe and reads one byte that lives
        // on this stack. The socket does not block: with a full buffer (tens
        // of thousands of signals unread) the byte is dropped, and the flag is
        // set already.
        unsafe { libc::write(fd, (&raw const byte).cast(), 1) };
    }

    /// Runs `on` on a thread of its own for each SIGINT, SIGTERM and SIGHUP
    /// from now on.
    pub fn install(mut on: impl FnMut(Signal) + Send + 'static) -> std::io::Result<()> {
        let (mut receiver, sender) = UnixStream::pair()?;
        sender.set_nonblocking(true)?;
        SENDER.store(sender.into_raw_fd(), Ordering::Relaxed);
        std::thread::Builder::new()
            .name("ktpsim-signals".to_owned())
            .spawn(move || {
                let mut byte = [0u8];
                while receiver.read_exact(&mut byte).is_ok() {
                    match libc::c_int::from(byte[0]) {
                        libc::SIGINT => on(Signal::Interrupt),
                        libc::SIGTERM => on(Signal::Terminate),
                        libc::SIGHUP => on(Signal::HangUp),
                        _ => {}
                    }
                }
            })?;
        let handler: extern "C" fn(libc::c_int) = on_signal;
        for number in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: a zeroed sigaction is valid (no flags, no handler) before
            // its fields are set; the handler is async-signal-safe (above).
            // SA_RESTART: system calls of other threads resume after it.
            let set = unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = handler as libc::sighandler_t;
                action.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&raw mut action.sa_mask);
                libc::sigaction(number, &raw const action, std::ptr::null_mut())
            };
            if set != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    }
}

/// Elsewhere, ctrlc's handler, which does not say which event it was: its
/// `termination` feature adds the console's close and shutdown events.
#[cfg(not(unix))]
mod os {
    use super::Signal;

    /// Runs `on` for each Ctrl-C (or console event) from now on.
    pub fn install(mut on: impl FnMut(Signal) + Send + 'static) -> Result<(), ctrlc::Error> {
        ctrlc::set_handler(move || on(Signal::Interrupt))
    }
}

/// The exit status of an interrupted command: 128 + SIGINT, as shells expect,
/// whichever signal stopped it (they all mean "stop, keep what you had").
pub const EXIT_STATUS: u8 = 130;

/// The error of a run stopped by an [`Interrupt`]; the message says what was
/// kept.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{0}")]
pub struct Interrupted(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_seen_by_every_clone() {
        let a = Interrupt::new();
        let b = a.clone();
        assert!(!b.requested());
        a.request();
        assert!(b.requested());
        assert!(!Interrupt::new().requested());
    }
}
