//! replications.csv: one row per replication, streamed while the run goes on.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use serde::Serialize;

use super::format::{cell, places};
use crate::files::atomic::{AtomicFile, Staged};
use crate::files::fault::{fault, io_fault};
use crate::model::Outcome;
use crate::scenario::Scenario;
use crate::stats::Metric;

/// The file name inside a scenario's output folder.
pub const FILE_NAME: &str = "replications.csv";

/// Columns before the metrics that follow `cleared_workdays`.
const LEADING: [&str; 5] = [
    "replication",
    "cleared",
    "cleared_day",
    "cleared_workdays",
    "cleared_date",
];

/// How many metrics [`LEADING`] already covers: `cleared_day`, `cleared_workdays`.
const METRICS_IN_LEADING: usize = 2;

/// One row. The metric cells come from the same table as summary.csv, so their
/// order is the header's; the header is written by hand because csv cannot
/// derive it for a struct with a sequence.
#[derive(Serialize)]
struct Row {
    replication: u64,
    cleared: bool,
    cleared_day: Option<String>,
    cleared_workdays: Option<String>,
    cleared_date: Option<String>,
    /// From `empty_day` on, per-class waits last.
    metrics: Vec<Option<String>>,
}

/// Writes rows to any writer, in the order given; the caller keeps the order.
pub struct RowWriter<W: Write> {
    csv: csv::Writer<W>,
    metrics: Vec<Metric>,
}

impl<W: Write> RowWriter<W> {
    /// Writes the header for this scenario's metrics.
    pub fn new(inner: W, scenario: &Scenario) -> Result<Self> {
        let mut rows = Self::without_header(inner, scenario);
        let header = LEADING
            .iter()
            .copied()
            .chain(rows.metrics[METRICS_IN_LEADING..].iter().map(Metric::name));
        rows.csv.write_record(header)?;
        Ok(rows)
    }

    /// Rows only, to be appended after a header written elsewhere.
    pub fn without_header(inner: W, scenario: &Scenario) -> Self {
        let metrics = Metric::of(scenario);
        let csv = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(inner);
        Self { csv, metrics }
    }

    /// Writes the row of one replication.
    pub fn write(&mut self, o: &Outcome) -> Result<()> {
        let value = |m: &Metric| cell(m.value(o), places(m.unit()));
        let row = Row {
            replication: o.replication,
            cleared: o.cleared.is_some(),
            cleared_day: value(&self.metrics[0]),
            cleared_workdays: value(&self.metrics[1]),
            cleared_date: o.cleared.map(|m| m.date.to_string()),
            metrics: self.metrics[METRICS_IN_LEADING..]
                .iter()
                .map(value)
                .collect(),
        };
        self.csv.serialize(row)?;
        Ok(())
    }

    /// Flushes and returns the inner writer.
    pub fn into_inner(self) -> Result<W> {
        self.csv
            .into_inner()
            .map_err(|e| anyhow::Error::from(e.into_error()))
    }
}

/// The rows of consecutive replications as CSV text, without the header: built
/// on worker threads, appended to the file in replication order.
pub fn rows_text(scenario: &Scenario, outcomes: &[Outcome]) -> Result<Vec<u8>> {
    let mut rows = RowWriter::without_header(Vec::new(), scenario);
    for o in outcomes {
        rows.write(o)?;
    }
    rows.into_inner()
}

/// replications.csv of one scenario, under its temporary name until committed.
pub struct ReplicationsFile {
    file: AtomicFile,
    /// For messages.
    path: std::path::PathBuf,
}

impl ReplicationsFile {
    /// Starts the file in `dir` (which must exist) with its header.
    pub fn create(dir: &Path, scenario: &Scenario) -> Result<Self> {
        let path = dir.join(FILE_NAME);
        let action = || format!("cannot write {}", path.display());
        let file = AtomicFile::create(&path).map_err(|e| io_fault(action(), &path, e))?;
        let file = RowWriter::new(file, scenario)
            .and_then(RowWriter::into_inner)
            .map_err(|e| fault(action(), &path, &e))?;
        Ok(Self { file, path })
    }

    /// Appends rows made by [`rows_text`]; call in replication order.
    pub fn append(&mut self, rows: &[u8]) -> Result<()> {
        self.file.write_all(rows).map_err(|e| {
            io_fault(
                format!("cannot write {}", self.path.display()),
                &self.path,
                e,
            )
        })
    }

    /// Completes the file, ready to commit.
    pub fn finish(self) -> Result<Staged> {
        let action = format!("cannot write {}", self.path.display());
        self.file
            .finish()
            .map_err(|e| io_fault(action, &self.path, e))
    }
}
