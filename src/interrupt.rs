//! Stopping a command on request (Ctrl-C, SIGTERM, SIGHUP) without leaving
//! anything half-written.
//!
//! An [`Interrupt`] is a flag the runner looks at before every replication, and a
//! running replication every 65,536 cards or events
//! ([`crate::model::Model::replicate_until`]), and the output's staging before
//! every file and before putting them in place
//! ([`crate::files::staging::Staging`]); once it is set, the command stops with
//! an [`Interrupted`] error, and its staged files are dropped uncommitted, which
//! removes their temporary names. The files of earlier runs are never touched,
//! since only a commit replaces them. This module owns the flag and the signal
//! handler; what to tell the user is the command line's business.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

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
    /// the results are never half replaced: that is `before_quit`'s job, which
    /// the command hands in (the file layer's
    /// [`crate::files::atomic::abandon_all`]), since this module sits below
    /// every file. The handler is installed on the first call, with that call's
    /// `before_quit`, in place of any other; should that fail, the flag is
    /// never set and the signals keep their default effect.
    pub fn ctrl_c(before_quit: fn()) -> Self {
        static FLAG: OnceLock<Interrupt> = OnceLock::new();
        FLAG.get_or_init(|| {
            let flag = Interrupt::new();
            let handler = flag.clone();
            let _ = os::install(move |signal| {
                if handler.requested() {
                    before_quit();
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

/// Signals handled by a thread: signal-hook's handler only records the
/// signal, which is all a signal handler may safely do, and a thread of ours
/// reads it and runs the command's handler.
#[cfg(unix)]
mod os {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    use super::Signal;

    /// Runs `on` on a thread of its own for each SIGINT, SIGTERM and SIGHUP
    /// from now on.
    pub fn install(mut on: impl FnMut(Signal) + Send + 'static) -> std::io::Result<()> {
        let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP])?;
        std::thread::Builder::new()
            .name("ktpsim-signals".to_owned())
            .spawn(move || {
                for number in signals.forever() {
                    match number {
                        SIGINT => on(Signal::Interrupt),
                        SIGTERM => on(Signal::Terminate),
                        SIGHUP => on(Signal::HangUp),
                        _ => {}
                    }
                }
            })?;
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
