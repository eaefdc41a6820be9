//! Shards: the replications of one run split across machines, each part
//! written as a partial result that `ktpsim merge` turns into exactly the files
//! one machine would have written (docs/shards.md).
//!
//! Shard K of N runs a contiguous range of every scenario's (and every sweep
//! variant's) replications, [`Shard::range`], and writes one file under
//! `DIR/shards/`: a header saying what produced it ([`header`]), a copy of
//! every file the loader read ([`crate::scenario::Sources`]), the rows of
//! replications.csv, the accumulators that merge exactly (sketches, shares,
//! integer sums), and, per replication, the values the order-sensitive
//! [`crate::stats::Moments`] would have received ([`tape`]). Merging adds the
//! accumulators and feeds those values in index order through the same code
//! as a run on one machine, so every output byte is the same.
//!
//! This module owns the split, the file format, writing a shard and merging
//! shards; the statistics stay in [`crate::stats`], the files of a finished
//! run in [`crate::output`], and the command line in [`crate::cli`].

pub mod check;
pub mod file;
pub mod header;
pub mod merge;
pub mod spec;
pub mod tape;
pub mod write;

use std::fmt;
use std::ops::Range;

/// The folder of the shard files, under `--out`.
pub const FOLDER: &str = "shards";

/// The extension of a shard file.
pub const EXTENSION: &str = "ktpshard";

/// The most shards a run may be split into: far beyond any job array, short
/// of a typo that would write a million files.
pub const MAX_SHARDS: u64 = 100_000;

/// Shard `k` of `n`, counted from 0 like a job array's indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shard {
    /// Which one, 0 to `n - 1`.
    pub k: u64,
    /// How many the run is split into.
    pub n: u64,
}

impl Shard {
    /// Shard `k` of `n`, or why there is no such shard.
    pub fn new(k: u64, n: u64) -> Result<Self, String> {
        if n == 0 {
            return Err("a run splits into at least 1 shard (N is 0)".into());
        }
        if n > MAX_SHARDS {
            return Err(format!(
                "a run splits into at most {MAX_SHARDS} shards, got {n}"
            ));
        }
        if k >= n {
            return Err(format!(
                "there is no shard {k} of {n}: K goes from 0 to {} (counted from 0, like job-array indices)",
                n - 1
            ));
        }
        Ok(Self { k, n })
    }

    /// This shard's replications of `total`: `[k·total/n, (k+1)·total/n)`.
    /// The ranges of shards 0 to n − 1 follow each other without a gap and
    /// differ in length by at most one; with more shards than replications
    /// some are empty.
    pub fn range(self, total: u64) -> Range<u64> {
        let at = |k: u64| (u128::from(k) * u128::from(total) / u128::from(self.n)) as u64;
        at(self.k)..at(self.k + 1)
    }

    /// The name of this shard's file: `shard-03-of-16.ktpshard`, K padded to
    /// the width of N so that names sort in shard order.
    pub fn file_name(self) -> String {
        let width = self.n.to_string().len();
        format!("shard-{:0width$}-of-{}.{EXTENSION}", self.k, self.n)
    }

    /// The shard a file name made by [`Self::file_name`] names.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let rest = name
            .strip_prefix("shard-")?
            .strip_suffix(&format!(".{EXTENSION}"))?;
        let (k, n) = rest.split_once("-of-")?;
        Self::new(k.parse().ok()?, n.parse().ok()?).ok()
    }
}

/// What stands where a shard file should be, when it is neither a file nor a
/// symbolic link: "a folder", or "a device, a pipe or a socket" (reading one
/// of those may wait for ever). A rerun of the shard cannot put its file
/// there, or should not, so it must be moved out of the way first.
pub fn in_the_way(meta: &std::fs::Metadata) -> Option<&'static str> {
    if meta.is_dir() {
        Some("a folder")
    } else if meta.is_file() || meta.file_type().is_symlink() {
        None
    } else {
        Some("a device, a pipe or a socket")
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_every_replication_once() {
        for n in 1..=9 {
            for total in [0, 1, 5, 8, 100, 1001] {
                let ranges: Vec<_> = (0..n)
                    .map(|k| Shard::new(k, n).unwrap().range(total))
                    .collect();
                assert_eq!(ranges[0].start, 0);
                assert_eq!(ranges[n as usize - 1].end, total);
                for w in ranges.windows(2) {
                    assert_eq!(w[0].end, w[1].start);
                }
                let lens: Vec<u64> = ranges.iter().map(|r| r.end - r.start).collect();
                assert!(lens.iter().max().unwrap() - lens.iter().min().unwrap() <= 1);
            }
        }
        assert_eq!(Shard::new(3, 8).unwrap().range(1000), 375..500);
        assert_eq!(Shard::new(1, 2).unwrap().range(u64::MAX).end, u64::MAX);
    }

    #[test]
    fn file_names_sort_in_shard_order_and_read_back() {
        let s = Shard::new(3, 16).unwrap();
        assert_eq!(s.file_name(), "shard-03-of-16.ktpshard");
        assert_eq!(Shard::from_file_name(&s.file_name()), Some(s));
        assert_eq!(
            Shard::new(0, 1).unwrap().file_name(),
            "shard-0-of-1.ktpshard"
        );
        assert_eq!(Shard::from_file_name("shard-9-of-8.ktpshard"), None);
        assert_eq!(Shard::from_file_name("notes.txt"), None);
    }

    #[test]
    fn shards_that_do_not_exist_say_why() {
        assert_eq!(
            Shard::new(8, 8).unwrap_err(),
            "there is no shard 8 of 8: K goes from 0 to 7 (counted from 0, like job-array indices)"
        );
        assert_eq!(
            Shard::new(0, 0).unwrap_err(),
            "a run splits into at least 1 shard (N is 0)"
        );
    }
}
