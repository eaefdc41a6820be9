//! comparison.csv: one row per scenario, written when a run has several, so
//! the planner's question "which change shortens it most" is one table.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::format::{SHARE_PLACES, cell, date_cell, places};
use crate::scenario::Scenario;
use crate::stats::{ScenarioStats, Unit};

/// The file name in the output folder.
pub const FILE_NAME: &str = "comparison.csv";

#[derive(Serialize)]
struct Row<'a> {
    scenario: &'a str,
    title: &'a str,
    replications: u64,
    clear_days_p10: Option<String>,
    clear_days_p50: Option<String>,
    clear_days_p90: Option<String>,
    clear_date_p50: Option<String>,
    clear_date_p90: Option<String>,
    share_cleared_by_horizon: Option<String>,
    share_cleared_by_deadline: Option<String>,
    deadline: Option<String>,
}

/// Writes comparison.csv's text, one row per (scenario, statistics), in the
/// order given. Quantiles beyond the horizon are empty.
pub fn write_to<W: Write>(out: W, results: &[(&Scenario, &ScenarioStats)]) -> Result<W> {
    let mut csv = csv::Writer::from_writer(out);
    for (scenario, stats) in results {
        let sketch = &stats.cleared_day().sketch;
        let [p10, p50, p90] = [0.1, 0.5, 0.9].map(|q| sketch.quantile(q));
        let days = |x| cell(x, places(Unit::Days));
        csv.serialize(Row {
            scenario: &scenario.name,
            title: &scenario.title,
            replications: stats.replications(),
            clear_days_p10: days(p10),
            clear_days_p50: days(p50),
            clear_days_p90: days(p90),
            clear_date_p50: date_cell(scenario.start, p50),
            clear_date_p90: date_cell(scenario.start, p90),
            share_cleared_by_horizon: cell(stats.cleared_by_horizon().value(), SHARE_PLACES),
            share_cleared_by_deadline: cell(
                stats.cleared_by_deadline().and_then(|s| s.value()),
                SHARE_PLACES,
            ),
            deadline: scenario.deadline.map(|d| d.date.to_string()),
        })?;
    }
    csv.into_inner()
        .map_err(|e| anyhow::Error::from(e.into_error()))
}
