//! Key paths: `server.outages[1].every.mean`, the grammar every command uses
//! to name one setting of a scenario (a `[sweep]` key, `--vary`, an office
//! table's column, `[[offices.change]]`), and which of them a variant may set.
//!
//! A sweep and `goal` set keys on copies of a scenario and run every copy with
//! one seed and one number of replications, under names the command gives.
//! Keys that only name a scenario, choose its seed or its replications, or
//! belong to the file's own machinery (`extends`, `[sweep]`) therefore change
//! nothing: every variant would be the same run ([`changes_nothing`]).
//! `sensitivity` leaves the whole of `[scenario]` alone, these keys and more
//! (moving the horizon or the start changes the experiment, not the office).

use std::fmt;

use super::document::MAX_NESTING;

/// One step of a key path: a table key or an index into an array of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A key of a table.
    Key(String),
    /// An element of an array (from 0).
    Index(usize),
}

/// A dotted key path with optional indices: `server.outages[1].every.mean`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPath(pub Vec<Step>);

impl KeyPath {
    /// Parses `a.b[2].c`; `Err` says what is wrong.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut steps = Vec::new();
        for part in text.split('.') {
            let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
            if key.is_empty() {
                return Err(format!("key path `{text}` has an empty key"));
            }
            steps.push(Step::Key(key.to_owned()));
            while let Some(inner) = rest.strip_prefix('[') {
                let close = inner
                    .find(']')
                    .ok_or_else(|| format!("key path `{text}` has an unclosed `[`"))?;
                let i = inner[..close].parse().map_err(|_| {
                    format!("key path `{text}` has a bad index `{}`", &inner[..close])
                })?;
                steps.push(Step::Index(i));
                rest = &inner[close + 1..];
            }
            if !rest.is_empty() {
                return Err(format!("key path `{text}` has `{rest}` after an index"));
            }
        }
        // The edit builds tables along the path, and every walk of the tree
        // recurses once per level: the same limit as for a file.
        if steps.len() > MAX_NESTING {
            return Err(format!(
                "a key path has {} steps, more than {MAX_NESTING}, the most a scenario nests",
                steps.len()
            ));
        }
        Ok(Self(steps))
    }

    /// The last key: the name validation messages use.
    pub fn leaf(&self) -> &str {
        self.0
            .iter()
            .rev()
            .find_map(|s| match s {
                Step::Key(k) => Some(k.as_str()),
                Step::Index(_) => None,
            })
            .unwrap_or("")
    }
}

impl fmt::Display for KeyPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                Step::Key(k) if i == 0 => write!(f, "{k}")?,
                Step::Key(k) => write!(f, ".{k}")?,
                Step::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

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
    fn key_paths_parse_and_print() {
        let p = KeyPath::parse("server.outages[1].every.mean").unwrap();
        assert_eq!(p.to_string(), "server.outages[1].every.mean");
        assert_eq!(p.leaf(), "mean");
        assert_eq!(p.0.len(), 5);
        assert!(KeyPath::parse("a..b").is_err());
        let deep = vec!["a"; MAX_NESTING + 1].join(".");
        assert_eq!(
            KeyPath::parse(&deep).unwrap_err(),
            "a key path has 33 steps, more than 32, the most a scenario nests"
        );
        assert!(KeyPath::parse(&format!("a{}", "[0]".repeat(MAX_NESTING - 1))).is_ok());
        assert!(KeyPath::parse("a[x]").is_err());
    }

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
