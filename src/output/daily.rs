//! daily.csv: the state at the end of each calendar day across replications,
//! the data of the backlog fan chart.

use std::io::Write;

use anyhow::Result;

use super::format::{SHARE_PLACES, cell, fixed, mean_places, places};
use crate::scenario::Scenario;
use crate::stats::national::NationalDayStats;
use crate::stats::{DayStats, ScenarioStats, Sketch, Unit};
use crate::time::date_at;

/// The file name inside a scenario's output folder.
pub const FILE_NAME: &str = "daily.csv";

/// p10, p50 and p90 of a daily count, as whole numbers.
fn band(sketch: &Sketch) -> [Option<String>; 3] {
    super::summary::QUANTILES.map(|q| cell(sketch.quantile(q), places(Unit::Count)))
}

/// The national columns that follow, for a national scenario: offices not
/// yet cleared and the share cleared; with a pool, its stock and the blanks in
/// transit.
fn national_head(pool: bool) -> Vec<&'static str> {
    let mut head = vec![
        "offices_not_cleared_p10",
        "offices_not_cleared_p50",
        "offices_not_cleared_p90",
        "offices_not_cleared_mean",
        "share_offices_cleared_mean",
    ];
    if pool {
        head.extend([
            "pool_stock_p10",
            "pool_stock_p50",
            "pool_stock_p90",
            "in_transit_p10",
            "in_transit_p50",
            "in_transit_p90",
        ]);
    }
    head
}

/// The national cells of one date (empty when no replication reached it).
fn national_cells(day: Option<&NationalDayStats>, offices: usize, pool: bool) -> Vec<String> {
    let text = |c: Option<String>| c.unwrap_or_default();
    let mut cells: Vec<String> = Vec::new();
    let Some(d) = day else {
        return vec![String::new(); national_head(pool).len()];
    };
    cells.extend(band(&d.offices_not_cleared).map(text));
    let mean = d.not_cleared_mean();
    cells.push(text(cell(mean, mean_places(Unit::Count))));
    let share = mean
        .filter(|_| offices > 0)
        .map(|m| 1.0 - m / offices as f64);
    cells.push(text(cell(share, SHARE_PLACES)));
    if pool {
        cells.extend(band(&d.pool).map(text));
        cells.extend(band(&d.in_transit).map(text));
    }
    cells
}

/// Writes daily.csv's text: day 0 is the start date. A national scenario has
/// the national columns after the others ([`national_head`]); a single
/// office's file has only the office columns.
pub fn write_to<W: Write>(out: W, scenario: &Scenario, stats: &ScenarioStats) -> Result<W> {
    let national = scenario.national.as_ref().zip(stats.national());
    let pool = national.is_some_and(|(c, _)| c.pool.is_some());
    let mut csv = csv::Writer::from_writer(out);
    let mut head: Vec<&str> = HEAD.to_vec();
    if national.is_some() {
        head.extend(national_head(pool));
    }
    csv.write_record(&head)?;
    for (day, s) in (0u64..).zip(stats.daily()) {
        let mut record = office_cells(scenario, day, s);
        if let Some((config, national)) = national {
            record.extend(national_cells(
                national.daily.get(day as usize),
                config.offices.len(),
                pool,
            ));
        }
        csv.write_record(&record)?;
    }
    csv.into_inner()
        .map_err(|e| anyhow::Error::from(e.into_error()))
}

/// The office columns, in order.
const HEAD: [&str; 12] = [
    "day",
    "date",
    "backlog_p10",
    "backlog_p50",
    "backlog_p90",
    "unprinted_initial_p10",
    "unprinted_initial_p50",
    "unprinted_initial_p90",
    "printed_mean",
    "blanks_p10",
    "blanks_p50",
    "blanks_p90",
];

/// The office cells of day `day`, in [`HEAD`]'s order.
fn office_cells(scenario: &Scenario, day: u64, s: &DayStats) -> Vec<String> {
    let text = |c: Option<String>| c.unwrap_or_default();
    let mut cells = vec![
        day.to_string(),
        date_at(scenario.start, day as f64).to_string(),
    ];
    cells.extend(band(&s.awaiting).map(text));
    cells.extend(band(&s.initial_unprinted).map(text));
    cells.push(text(
        s.printed_mean().map(|m| fixed(m, mean_places(Unit::Count))),
    ));
    cells.extend(band(&s.blanks).map(text));
    cells
}
