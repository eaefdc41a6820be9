//! Which keys a deciding command may set on its variants.
//!
//! A sweep and `goal` set keys on copies of a scenario and run every copy with
//! one seed and one number of replications, under names the command gives.
//! Keys that only name a scenario, choose its seed or its replications, or
//! belong to the file's own machinery (`extends`, `[sweep]`) therefore change
//! nothing: every variant would be the same run. `sensitivity` leaves the
//! whole of `[scenario]` alone, these keys and more (moving the horizon or the
//! start changes the experiment, not the office).

use crate::scenario::overrides::{KeyPath, Step};

/// Why setting `path` on a variant changes nothing, or `None` when it may.
pub fn changes_nothing(path: &KeyPath) -> Option<&'static str> {
    let keys: Vec<&str> = path
        .0
        .iter()
        .map(|s| match s {
            Step::Key(k) => k.as_str(),
            Step::Index(_) => "[]",
        })
        .collect();
    match keys.as_slice() {
        ["scenario", "seed"] => Some("every variant runs with one seed (--seed)"),
        ["scenario", "replications"] => {
            Some("every variant runs the same replications (--replications)")
        }
        ["scenario", "name" | "title"] => Some("a name only labels the results"),
        ["extends", ..] => Some("`extends` is read before any key is set"),
        ["sweep", ..] => Some("a variant runs without the sweep"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_replications_names_and_machinery_change_nothing() {
        for p in [
            "scenario.seed",
            "scenario.replications",
            "scenario.name",
            "scenario.title",
            "extends",
            "sweep.printing",
        ] {
            assert!(
                changes_nothing(&KeyPath::parse(p).unwrap()).is_some(),
                "{p}"
            );
        }
        for p in [
            "scenario.horizon",
            "printing.printers",
            "server.outages[0].every",
        ] {
            assert_eq!(changes_nothing(&KeyPath::parse(p).unwrap()), None, "{p}");
        }
    }
}
