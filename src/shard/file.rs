//! The layout of a shard file, format [`FORMAT`]:
//!
//! ```text
//! ktpsim shard format 1\n          the format, readable by any later version
//! 1234\n                           bytes of the header
//! { ...JSON header... }\n          [`Header`]: what made it, which part of which run
//! records                          each a u64 length (little-endian) and a
//!                                  postcard-encoded [`Record`]
//! u64::MAX, checksum               the end: FNV-1a 64 of every byte before it
//! ```
//!
//! The end marker tells a file cut short (a job killed while copying it) from
//! a complete one, and the checksum a damaged one from a sound one, before
//! anything in it is believed.

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use super::header::Header;
use crate::hash::Fnv64;
use crate::stats::{Clearing, ScenarioStats};

/// The format this ktpsim writes and reads; a file of another format is
/// refused whole, with its version in the message.
pub const FORMAT: u32 = 1;

/// The first line of a shard file, before the format number.
const MAGIC: &str = "ktpsim shard format ";

/// The length that marks the end of the records.
const END: u64 = u64::MAX;

/// One piece of a shard's body. Records come in the header's order: the
/// sources; per scenario, [`Record::Rows`] for consecutive replications then
/// [`Record::Stats`]; per sweep, [`Record::Sweep`].
#[derive(Debug, Serialize, Deserialize)]
pub enum Record {
    /// Every file the loader read: (path, text), in the order first read.
    Sources(Vec<(String, String)>),
    /// Consecutive replications of the current scenario: their rows of
    /// replications.csv (no header), and their moment inputs
    /// ([`super::tape`], [`ScenarioStats::moment_slots`] values each).
    Rows {
        /// CSV rows.
        rows: Vec<u8>,
        /// The moment inputs.
        tape: Vec<u8>,
    },
    /// The current scenario's accumulators that merge exactly (boxed: far
    /// larger than the other records' own size).
    Stats(Box<ScenarioStats>),
    /// A sweep: each variant's accumulators that merge exactly, and per
    /// replication each variant's total cost ([`super::tape`]).
    Sweep {
        /// Per variant.
        clearings: Vec<Clearing>,
        /// Per replication, per variant.
        costs: Vec<u8>,
    },
}

/// Writes a shard file: the header first, then records, then the end.
pub struct Writer<W: Write> {
    inner: W,
    hash: Fnv64,
}

impl<W: Write> Writer<W> {
    /// Writes the first line and `header` to `inner`.
    pub fn new(inner: W, header: &Header) -> anyhow::Result<Self> {
        let json = serde_json::to_string_pretty(header)?;
        let mut w = Self {
            inner,
            hash: Fnv64::default(),
        };
        w.put(format!("{MAGIC}{FORMAT}\n{}\n{json}\n", json.len() + 1).as_bytes())?;
        Ok(w)
    }

    /// Appends one record.
    pub fn record(&mut self, record: &Record) -> anyhow::Result<()> {
        let bytes = postcard::to_stdvec(record)?;
        self.put(&(bytes.len() as u64).to_le_bytes())?;
        self.put(&bytes)?;
        Ok(())
    }

    /// Writes the end and returns the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.put(&END.to_le_bytes())?;
        let sum = self.hash.value();
        self.inner.write_all(&sum.to_le_bytes())?;
        Ok(self.inner)
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hash.update(bytes);
        self.inner.write_all(bytes)
    }
}

/// Why a file is not a shard this ktpsim can merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// It does not start as a shard file does.
    NotAShard,
    /// A shard of another format, with the version that wrote it if it says.
    Format {
        /// The format on its first line.
        found: String,
        /// The `ktpsim` of its header, if readable.
        ktpsim: Option<String>,
    },
    /// It ends before a shard's last bytes.
    Incomplete,
    /// Its bytes are not what was written: the reason.
    Damaged(String),
}

/// A complete, sound shard file, held in memory.
#[derive(Debug)]
pub struct ShardFile {
    /// Its header.
    pub header: Header,
    bytes: Vec<u8>,
    /// Where the records start.
    body: usize,
}

impl ShardFile {
    /// Checks `bytes` as a whole shard file of format [`FORMAT`].
    pub fn read(bytes: Vec<u8>) -> Result<Self, Unreadable> {
        let (first, rest) = line(&bytes, 0).ok_or(Unreadable::NotAShard)?;
        let format = first.strip_prefix(MAGIC).ok_or(Unreadable::NotAShard)?;
        if format != FORMAT.to_string() {
            return Err(Unreadable::Format {
                found: format.chars().take(20).collect(),
                ktpsim: old_version(&bytes[rest..]),
            });
        }
        let n = bytes.len();
        if n < 16 || bytes[n - 16..n - 8] != END.to_le_bytes() {
            return Err(Unreadable::Incomplete);
        }
        let mut hash = Fnv64::default();
        hash.update(&bytes[..n - 8]);
        if hash.value().to_le_bytes() != bytes[n - 8..] {
            return Err(Unreadable::Damaged(
                "its checksum does not match its contents".into(),
            ));
        }
        let damaged = |why: &str| Unreadable::Damaged(why.to_owned());
        let (len, at) = line(&bytes, rest).ok_or_else(|| damaged("no header length"))?;
        let len: usize = len.parse().map_err(|_| damaged("no header length"))?;
        let json = bytes
            .get(at..at.saturating_add(len))
            .ok_or_else(|| damaged("the header runs past the end"))?;
        let header: Header = serde_json::from_slice(json)
            .map_err(|e| Unreadable::Damaged(format!("its header does not read: {e}")))?;
        Ok(Self {
            header,
            body: at + len,
            bytes,
        })
    }

    /// The records, in order.
    pub fn records(&self) -> impl Iterator<Item = Result<Record, Unreadable>> + '_ {
        let end = self.bytes.len() - 16;
        let mut at = self.body;
        std::iter::from_fn(move || {
            if at >= end {
                return None;
            }
            let record = (|| {
                let len = self.bytes.get(at..at + 8).ok_or(())?;
                let len = u64::from_le_bytes(len.try_into().map_err(|_| ())?);
                let start = at + 8;
                let stop = usize::try_from(len)
                    .ok()
                    .and_then(|l| start.checked_add(l))
                    .filter(|&s| s <= end)
                    .ok_or(())?;
                at = stop;
                postcard::from_bytes(&self.bytes[start..stop]).map_err(|_| ())
            })();
            if record.is_err() {
                at = end;
            }
            Some(record.map_err(|()| Unreadable::Damaged("a record does not read".into())))
        })
    }
}

/// The line of `bytes` from `at` (without its newline) and where the next
/// starts; `None` past 4096 bytes or outside UTF-8.
fn line(bytes: &[u8], at: usize) -> Option<(&str, usize)> {
    let window = bytes.get(at..)?;
    let window = &window[..window.len().min(4096)];
    let end = window.iter().position(|&b| b == b'\n')?;
    Some((std::str::from_utf8(&window[..end]).ok()?, at + end + 1))
}

/// The `"ktpsim": "…"` of a header in another format, if it has one.
fn old_version(rest: &[u8]) -> Option<String> {
    let (_, at) = line(rest, 0)?;
    let text = String::from_utf8_lossy(&rest[at..rest.len().min(at + 4096)]);
    let after = text
        .split_once("\"ktpsim\":")?
        .1
        .trim_start()
        .strip_prefix('"')?;
    let version = after.split('"').next()?;
    (!version.is_empty() && version.len() < 40).then(|| version.to_owned())
}
