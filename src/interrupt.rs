//! Stopping a run on request (Ctrl-C) without leaving anything half-written.
//!
//! An [`Interrupt`] is a flag the runner looks at before every replication, and a
//! running replication every 65,536 cards or events
//! ([`crate::model::Model::replicate_until`]); once it is set, the run stops with
//! an [`Interrupted`] error, and the files being
//! written are dropped uncommitted, which removes their temporary names (see
//! [`crate::output::atomic`]). The files of earlier runs are never touched, since
//! only a committed file replaces them. This module owns the flag and the
//! Ctrl-C handler; what to tell the user is the command line's business.

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

    /// The process's Ctrl-C flag: the first Ctrl-C sets it; a second one exits at
    /// once with status 130 for a user who will not wait. The handler is installed
    /// on the first call; if another handler already owns the signal, the flag is
    /// never set and Ctrl-C keeps its default effect.
    pub fn ctrl_c() -> Self {
        static FLAG: OnceLock<Interrupt> = OnceLock::new();
        FLAG.get_or_init(|| {
            let flag = Interrupt::new();
            let handler = flag.clone();
            let _ = ctrlc::set_handler(move || {
                if handler.requested() {
                    // Temporary files are hidden (`.name.pid.tmp`); the results
                    // in place are still the earlier ones.
                    std::process::exit(i32::from(EXIT_STATUS));
                }
                handler.request();
                eprintln!("\nstopping: Ctrl-C again to quit without cleaning up");
            });
            flag
        })
        .clone()
    }
}

/// The exit status of an interrupted run: 128 + SIGINT, as shells expect.
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
