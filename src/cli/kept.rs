//! What an interrupted run tells the user it kept.
//!
//! A scenario's files are committed together when its run finishes, so at any
//! moment each scenario is either finished (all its CSV files written) or not
//! (none written, its earlier files untouched). Charts, comparison.csv and the
//! report come after the last scenario. The message says which is which.

use std::path::Path;

use crate::interrupt::Interrupted;
use crate::scenario::Scenario;

/// The error for a run stopped after the scenarios `done` finished, while
/// `stopped` ran (or, with `None`, before the charts and report).
pub fn interrupted(done: &[&Scenario], stopped: Option<&Scenario>, out: &Path) -> Interrupted {
    let names: Vec<&str> = done.iter().map(|s| s.name.as_str()).collect();
    let finished = match names.len() {
        0 => String::new(),
        1 => format!(
            "{} finished and its CSV files are in {}; ",
            names[0],
            out.display()
        ),
        _ => format!(
            "{} finished and their CSV files are in {}; ",
            names.join(", "),
            out.display()
        ),
    };
    let rest = match stopped {
        Some(s) => format!(
            "nothing written for {}; its earlier results in {} are left as they were",
            s.name,
            out.join(&s.name).display()
        ),
        None => "the charts, comparison and report were not updated".into(),
    };
    let charts = if stopped.is_some() && !done.is_empty() {
        "; the charts, comparison and report were not updated"
    } else {
        ""
    };
    Interrupted(format!("interrupted: {finished}{rest}{charts}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::fake;

    #[test]
    fn each_scenario_is_either_kept_or_untouched() {
        let (a, b, c) = (
            fake::scenario("a"),
            fake::scenario("b"),
            fake::scenario("c"),
        );
        let out = Path::new("results");
        assert_eq!(
            interrupted(&[], Some(&a), out).0,
            "interrupted: nothing written for a; its earlier results in results/a are left \
             as they were"
        );
        assert_eq!(
            interrupted(&[&a, &b], Some(&c), out).0,
            "interrupted: a, b finished and their CSV files are in results; nothing written \
             for c; its earlier results in results/c are left as they were; the charts, \
             comparison and report were not updated"
        );
        assert_eq!(
            interrupted(&[&a], None, out).0,
            "interrupted: a finished and its CSV files are in results; the charts, \
             comparison and report were not updated"
        );
    }
}
