//! What an interrupted command tells the user it kept.
//!
//! Every command puts all its files in place together, at its very end
//! ([`crate::files::staging`]), so a command stopped by Ctrl-C, SIGTERM or
//! SIGHUP has written nothing, whatever it was doing: the message says so, what
//! it was doing, and which scenarios had finished without being written (a
//! user who stops the fourth scenario of five might expect the first three).

use std::path::Path;

use anyhow::Error;

use crate::interrupt::Interrupted;

/// The error for a command stopped `while` doing something (e.g. "while running
/// scenario c"), after the scenarios `finished` had finished, writing into
/// `out`.
pub fn interrupted(during: &str, finished: &[&str], out: &Path) -> Interrupted {
    let nothing = match finished {
        [] => "nothing was written".to_owned(),
        [one] => format!(
            "nothing was written, not even for {one}, which had finished (a run puts its \
             files in place only once all of it is done)"
        ),
        many => format!(
            "nothing was written, not even for {}, which had finished (a run puts its \
             files in place only once all of it is done)",
            many.join(", ")
        ),
    };
    Interrupted(format!(
        "interrupted {during}: {nothing}; the earlier results in {} are left as they were",
        out.display()
    ))
}

/// `error` as [`interrupted`] if it is an interruption, else as it is.
pub fn or_interrupted(error: Error, during: &str, finished: &[&str], out: &Path) -> Error {
    if error.is::<Interrupted>() {
        interrupted(during, finished, out).into()
    } else {
        error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_written_and_finished_scenarios_are_named() {
        let out = Path::new("results");
        assert_eq!(
            interrupted("while running scenario a", &[], out).0,
            "interrupted while running scenario a: nothing was written; the earlier results \
             in results are left as they were"
        );
        assert_eq!(
            interrupted("while running scenario c", &["a", "b"], out).0,
            "interrupted while running scenario c: nothing was written, not even for a, b, \
             which had finished (a run puts its files in place only once all of it is done); \
             the earlier results in results are left as they were"
        );
        let other = or_interrupted(anyhow::anyhow!("disk on fire"), "x", &[], out);
        assert_eq!(other.to_string(), "disk on fire");
    }
}
