//! What a shard file says about itself: which program and run made it, which
//! part of the run it holds, and enough to refuse a merge with a shard of
//! another run. Written as JSON at the top of the file, readable with `head`.

use serde::{Deserialize, Serialize};

use super::Shard;

/// The command line of the run, as far as it changes what is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Command {
    /// The paths given (files or folders), as typed.
    pub paths: Vec<String>,
    /// `--replications`, if given.
    pub replications: Option<u64>,
    /// `--seed`, if given.
    pub seed: Option<u64>,
}

impl Command {
    /// The command that writes shard `shard` of this run into `out`, for
    /// messages; paths that a shell would split are quoted.
    pub fn rerun(&self, out: &std::path::Path, shard: Shard) -> String {
        let mut words = vec!["ktpsim".to_owned(), "run".to_owned()];
        words.extend(self.paths.iter().map(|p| quoted(p)));
        words.push("--out".into());
        words.push(quoted(&out.display().to_string()));
        words.push("--shard".into());
        words.push(shard.to_string());
        if let Some(r) = self.replications {
            words.push(format!("--replications {r}"));
        }
        if let Some(s) = self.seed {
            words.push(format!("--seed {s}"));
        }
        words.join(" ")
    }
}

/// `word` as a shell reads it back: as it is when it holds only safe
/// characters, else in single quotes.
fn quoted(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=+,@%".contains(c));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// One scenario or sweep of the run, and this shard's part of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Part {
    /// The scenario's name (for a sweep, its base scenario's).
    pub name: String,
    /// The scenario file.
    pub source: String,
    /// FNV-1a 64 of the merged scenario text (`ktpsim check` prints it), in hex.
    pub merged_text: String,
    /// Variants of a sweep; 1 for a scenario.
    pub variants: usize,
    /// The seed it ran with.
    pub seed: u64,
    /// Replications of the whole run.
    pub replications: u64,
    /// This shard's replications: from `first` up to, not including, `end`.
    pub first: u64,
    /// See `first`.
    pub end: u64,
}

/// The header of a shard file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The file format (also on the file's first line).
    pub format: u32,
    /// The version of ktpsim that wrote it.
    pub ktpsim: String,
    /// Which shard, counted from 0.
    pub shard: u64,
    /// How many shards the run is split into.
    pub shards: u64,
    /// The command line.
    pub command: Command,
    /// The scenario files, in the order run.
    pub files: Vec<String>,
    /// FNV-1a 64 of every file the loader read (path and text), in hex.
    pub inputs: String,
    /// The scenarios, in the order run.
    pub scenarios: Vec<Part>,
    /// The sweeps, after the scenarios.
    pub sweeps: Vec<Part>,
}

impl Header {
    /// The shard this file holds.
    pub fn shard(&self) -> Option<Shard> {
        Shard::new(self.shard, self.shards).ok()
    }

    /// Whether `self` and `other` are shards of one run: everything equal but
    /// the shard and its ranges.
    pub fn same_run(&self, other: &Self) -> bool {
        self.differences(other).is_empty()
    }

    /// How `self`'s run differs from `other`'s, in words ("seed 2, not 1"),
    /// most telling first; empty for shards of one run.
    pub fn differences(&self, other: &Self) -> Vec<String> {
        let mut d = Vec::new();
        let mut differ = |mine: String, theirs: String| {
            if mine != theirs {
                d.push(format!("{mine} (the others: {theirs})"));
            }
        };
        differ(
            format!("ktpsim {}", self.ktpsim),
            format!("ktpsim {}", other.ktpsim),
        );
        differ(
            format!("{} shards", self.shards),
            format!("{} shards", other.shards),
        );
        differ(
            format!("scenario files {}", self.files.join(" ")),
            format!("scenario files {}", other.files.join(" ")),
        );
        let option = |v: Option<u64>, flag: &str| match v {
            Some(v) => format!("{flag} {v}"),
            None => format!("no {flag}"),
        };
        differ(
            option(self.command.seed, "--seed"),
            option(other.command.seed, "--seed"),
        );
        differ(
            option(self.command.replications, "--replications"),
            option(other.command.replications, "--replications"),
        );
        if self.command.paths != other.command.paths && d.is_empty() {
            d.push(format!(
                "paths {} (the others: {})",
                self.command.paths.join(" "),
                other.command.paths.join(" ")
            ));
        }
        if self.inputs != other.inputs {
            d.push("other scenario texts (a file changed between the runs)".into());
        }
        fn whole(parts: &[Part]) -> Vec<(&str, &str, usize, u64, u64)> {
            parts
                .iter()
                .map(|p| {
                    (
                        &*p.name,
                        &*p.merged_text,
                        p.variants,
                        p.seed,
                        p.replications,
                    )
                })
                .collect()
        }
        if d.is_empty()
            && (whole(&self.scenarios) != whole(&other.scenarios)
                || whole(&self.sweeps) != whole(&other.sweeps))
        {
            d.push("other scenarios".into());
        }
        d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rerun_is_a_command_a_shell_reads_back() {
        let c = Command {
            paths: vec!["scenarios/".into(), "my runs/a.toml".into()],
            replications: Some(100),
            seed: None,
        };
        assert_eq!(
            c.rerun("results".as_ref(), Shard::new(3, 8).unwrap()),
            "ktpsim run scenarios/ 'my runs/a.toml' --out results --shard 3/8 --replications 100"
        );
    }
}
