//! daily.csv: the state at the end of each calendar day across replications,
//! the data of the backlog fan chart.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::format::{cell, fixed, mean_places, places};
use crate::scenario::Scenario;
use crate::stats::{ScenarioStats, Sketch, Unit};
use crate::time::date_at;

/// The file name inside a scenario's output folder.
pub const FILE_NAME: &str = "daily.csv";

#[derive(Serialize)]
struct Row {
    day: u64,
    date: String,
    backlog_p10: Option<String>,
    backlog_p50: Option<String>,
    backlog_p90: Option<String>,
    unprinted_initial_p10: Option<String>,
    unprinted_initial_p50: Option<String>,
    unprinted_initial_p90: Option<String>,
    printed_mean: Option<String>,
    blanks_p10: Option<String>,
    blanks_p50: Option<String>,
    blanks_p90: Option<String>,
}

/// p10, p50 and p90 of a daily count, as whole numbers.
fn band(sketch: &Sketch) -> [Option<String>; 3] {
    super::summary::QUANTILES.map(|q| cell(sketch.quantile(q), places(Unit::Count)))
}

/// Writes daily.csv's text: day 0 is the start date.
pub fn write_to<W: Write>(out: W, scenario: &Scenario, stats: &ScenarioStats) -> Result<W> {
    let mut csv = csv::Writer::from_writer(out);
    for (day, s) in (0u64..).zip(stats.daily()) {
        let [backlog_p10, backlog_p50, backlog_p90] = band(&s.awaiting);
        let [
            unprinted_initial_p10,
            unprinted_initial_p50,
            unprinted_initial_p90,
        ] = band(&s.initial_unprinted);
        let [blanks_p10, blanks_p50, blanks_p90] = band(&s.blanks);
        csv.serialize(Row {
            day,
            date: date_at(scenario.start, day as f64).to_string(),
            backlog_p10,
            backlog_p50,
            backlog_p90,
            unprinted_initial_p10,
            unprinted_initial_p50,
            unprinted_initial_p90,
            printed_mean: s.printed_mean().map(|m| fixed(m, mean_places(Unit::Count))),
            blanks_p10,
            blanks_p50,
            blanks_p90,
        })?;
    }
    csv.into_inner()
        .map_err(|e| anyhow::Error::from(e.into_error()))
}
