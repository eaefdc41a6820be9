//! offices.csv and regions.csv of a national scenario: per office, and per
//! region, the summary a single-office run gives in summary.csv, one row each.
//!
//! offices.csv lists the offices in the scenario's order; regions.csv the
//! regions in order of their first office (offices without a region form the
//! region with an empty name). A region's clearing day is its last office's,
//! so a region is cleared in a replication when every office of it is.
//!
//! Columns, after the names: `initial_backlog` (records waiting at the start,
//! summed over a region's offices), p10/p50/p90 of the days to clear
//! (`clear_days_*`; empty where the quantile lies past the horizon, like
//! summary.csv) and the dates of p50 and p90 (`clear_date_*`: the national
//! start plus the days, in the data centre's calendar), the shares of
//! replications cleared by the horizon and by the deadline (empty without a
//! deadline within the horizon), for a region the mean number of its offices
//! cleared by the deadline, then means per replication of cards printed,
//! blanks received from the pool, days with a request waiting in the pool's
//! queue and cards of capacity lost to each cause ([`Cause::ALL`]'s order).
//! Numbers have the fixed decimals of [`super::format`].

use std::io::Write;

use anyhow::Result;

use super::format::{SHARE_PLACES, cell, date_cell, mean_places, places};
use super::summary::QUANTILES;
use crate::scenario::Scenario;
use crate::stats::national::UnitStats;
use crate::stats::{Cause, NationalStats, ScenarioStats, Unit};

/// The file of the offices, inside a national scenario's output folder.
pub const OFFICES_FILE: &str = "offices.csv";

/// The file of the regions, inside a national scenario's output folder.
pub const REGIONS_FILE: &str = "regions.csv";

/// The column names that follow the names, shared by both files; `region`
/// adds `offices_cleared_by_deadline_mean` after the shares.
fn unit_head(region: bool) -> Vec<String> {
    let mut head: Vec<String> = [
        "initial_backlog",
        "clear_days_p10",
        "clear_days_p50",
        "clear_days_p90",
        "clear_date_p50",
        "clear_date_p90",
        "share_cleared_by_horizon",
        "share_cleared_by_deadline",
    ]
    .map(str::to_owned)
    .into();
    if region {
        head.push("offices_cleared_by_deadline_mean".to_owned());
    }
    head.extend(
        [
            "printed_mean",
            "blanks_received_mean",
            "days_waiting_for_blanks_mean",
        ]
        .map(str::to_owned),
    );
    head.extend(Cause::ALL.map(|c| format!("{}_mean", c.stem())));
    head
}

/// The cells of one office or region, in [`unit_head`]'s order.
fn unit_cells(scenario: &Scenario, initial: u64, u: &UnitStats, region: bool) -> Vec<String> {
    let text = |c: Option<String>| c.unwrap_or_default();
    let q = QUANTILES.map(|q| u.clear_days.quantile(q));
    let mut cells = vec![initial.to_string()];
    cells.extend(q.map(|x| text(cell(x, places(Unit::Days)))));
    cells.push(text(date_cell(scenario.start, q[1])));
    cells.push(text(date_cell(scenario.start, q[2])));
    cells.push(text(cell(u.cleared_by_horizon.value(), SHARE_PLACES)));
    cells.push(text(cell(
        u.cleared_by_deadline.and_then(|s| s.value()),
        SHARE_PLACES,
    )));
    if region {
        cells.push(text(cell(
            u.offices_cleared_by_deadline.mean(),
            mean_places(Unit::Count),
        )));
    }
    let mean = |m: &crate::stats::Moments, unit: Unit| text(cell(m.mean(), mean_places(unit)));
    cells.push(mean(&u.printed, Unit::Count));
    cells.push(mean(&u.received, Unit::Count));
    cells.push(mean(&u.waiting_days, Unit::Days));
    cells.extend(u.lost.iter().map(|m| mean(m, Unit::Cards)));
    cells
}

/// Each office's initial backlog, in the scenario's order.
pub fn initial_backlogs(scenario: &Scenario) -> Vec<u64> {
    scenario
        .national
        .iter()
        .flat_map(|n| &n.offices)
        .map(|o| o.scenario.backlog.as_ref().map_or(0, |b| b.initial))
        .collect()
}

/// Each region's number of offices and initial backlog, in `national.regions`' order.
pub fn region_totals(scenario: &Scenario, national: &NationalStats) -> Vec<(usize, u64)> {
    let mut totals = vec![(0, 0); national.regions.len()];
    for (i, backlog) in initial_backlogs(scenario).into_iter().enumerate() {
        let t = &mut totals[national.region_of(i)];
        t.0 += 1;
        t.1 += backlog;
    }
    totals
}

fn finish<W: Write>(csv: csv::Writer<W>) -> Result<W> {
    csv.into_inner()
        .map_err(|e| anyhow::Error::from(e.into_error()))
}

/// Writes offices.csv's text; nothing but the header for a single office.
pub fn write_offices<W: Write>(out: W, scenario: &Scenario, stats: &ScenarioStats) -> Result<W> {
    let mut csv = csv::Writer::from_writer(out);
    let mut head = vec![
        "office".to_owned(),
        "region".to_owned(),
        "timezone".to_owned(),
    ];
    head.extend(unit_head(false));
    csv.write_record(&head)?;
    if let (Some(config), Some(national)) = (&scenario.national, stats.national()) {
        let backlogs = initial_backlogs(scenario);
        for ((office, u), initial) in config.offices.iter().zip(&national.offices).zip(backlogs) {
            let mut row = vec![
                office.name.clone(),
                office.region.clone(),
                office.timezone.name().to_owned(),
            ];
            row.extend(unit_cells(scenario, initial, u, false));
            csv.write_record(&row)?;
        }
    }
    finish(csv)
}

/// Writes regions.csv's text; nothing but the header for a single office.
pub fn write_regions<W: Write>(out: W, scenario: &Scenario, stats: &ScenarioStats) -> Result<W> {
    let mut csv = csv::Writer::from_writer(out);
    let mut head = vec!["region".to_owned(), "offices".to_owned()];
    head.extend(unit_head(true));
    csv.write_record(&head)?;
    if let Some(national) = stats.national() {
        let totals = region_totals(scenario, national);
        for ((name, u), (offices, initial)) in national.regions.iter().zip(totals) {
            let mut row = vec![name.clone(), offices.to_string()];
            row.extend(unit_cells(scenario, initial, u, true));
            csv.write_record(&row)?;
        }
    }
    finish(csv)
}

#[cfg(test)]
#[path = "national_tests.rs"]
mod tests;
