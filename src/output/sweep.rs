//! DIR/<name>/sweep.csv: one row per variant of a sweep, with one column per
//! swept key (named by its key path) holding the value as written, and with
//! `[costs]` a last column `cost_mean` (rupiah per replication); and the same
//! rows as the table of the sweep's section in DIR/index.html.

use std::io::Write;

use anyhow::Result;

use super::format::{SHARE_PLACES, cell, places};
use super::report::html::{Table, code, escape};
use super::report::words;
use crate::decide::sweep::Sweep;
use crate::stats::{Clearing, Unit};

/// The file name in the scenario's folder.
pub const FILE_NAME: &str = "sweep.csv";

/// The fixed columns after the keys.
pub const COLUMNS: [&str; 8] = [
    "replications",
    "clear_days_p10",
    "clear_days_p50",
    "clear_days_p90",
    "share_cleared_by_deadline",
    "deadline_ci_low",
    "deadline_ci_high",
    "share_cleared_by_horizon",
];

/// The column after [`COLUMNS`] when the sweep's scenario has `[costs]`.
pub const COST_COLUMN: &str = "cost_mean";

/// Whether the variants of `sweep` have costs (a sweep can change a cost but
/// cannot remove the table, so either all have or none).
pub fn has_costs(sweep: &Sweep) -> bool {
    sweep.variants.iter().any(|(_, s)| s.costs.is_some())
}

/// Writes sweep.csv's text. A quantile beyond the horizon is an empty cell.
pub fn write_to<W: Write>(out: W, sweep: &Sweep, stats: &[Clearing]) -> Result<W> {
    let mut csv = csv::Writer::from_writer(out);
    let costs = has_costs(sweep);
    let mut header = vec!["variant".to_owned()];
    header.extend(sweep.axes.iter().map(|a| a.path.to_string()));
    header.extend(COLUMNS.iter().map(|&c| c.to_owned()));
    if costs {
        header.push(COST_COLUMN.to_owned());
    }
    csv.write_record(&header)?;
    let days = places(Unit::Days);
    for ((coords, scenario), c) in sweep.variants.iter().zip(stats) {
        let mut row = vec![scenario.name.clone()];
        row.extend(
            sweep
                .axes
                .iter()
                .zip(coords)
                .map(|(a, &i)| a.labels[i].trim_matches('"').to_owned()),
        );
        let q = |x| cell(c.quantile(x).filter(|d| d.is_finite()), days);
        let share = c.by_deadline.and_then(|s| s.value());
        let ci = c.by_deadline.and_then(|s| s.wilson95());
        row.extend(
            [
                Some(c.replications().to_string()),
                q(0.1),
                q(0.5),
                q(0.9),
                cell(share, SHARE_PLACES),
                cell(ci.map(|c| c.0), SHARE_PLACES),
                cell(ci.map(|c| c.1), SHARE_PLACES),
                cell(c.by_horizon.value(), SHARE_PLACES),
            ]
            .map(Option::unwrap_or_default),
        );
        if costs {
            let mean = c.cost().and_then(crate::stats::Moments::mean);
            row.push(cell(mean, places(Unit::Rupiah)).unwrap_or_default());
        }
        csv.write_record(&row)?;
    }
    csv.into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write {FILE_NAME}: {}", e.error()))
}

/// The body of the sweep's report section: one row per variant with the
/// numbers `run` prints for it, and the dates of its median and p90.
pub fn section_body(sweep: &Sweep, stats: &[Clearing]) -> String {
    let mut head = vec!["Variant".to_owned()];
    head.extend(sweep.axes.iter().map(|a| a.path.to_string()));
    head.extend(
        [
            "Days to clear: median",
            "p90",
            "Half of the runs by",
            "Nine in ten by",
            "Cleared by the deadline",
            "Within the horizon",
        ]
        .map(str::to_owned),
    );
    let costs = has_costs(sweep);
    if costs {
        head.push("Mean cost to clearing, Rp".to_owned());
    }
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut t = Table::new(&head).text_columns(1 + sweep.axes.len());
    for ((coords, scenario), c) in sweep.variants.iter().zip(stats) {
        let mut row = vec![code(&scenario.name)];
        row.extend(
            sweep
                .axes
                .iter()
                .zip(coords)
                .map(|(a, &i)| escape(a.labels[i].trim_matches('"'))),
        );
        let finite = |q: f64| c.quantile(q).filter(|d| d.is_finite());
        let days = |q: f64| {
            finite(q).map_or_else(|| "beyond the horizon".to_owned(), |d| words::decimal(d, 1))
        };
        let date = |q: f64| {
            finite(q).map_or_else(
                || words::NEVER.to_owned(),
                |d| words::date(crate::time::date_at(scenario.start, d)),
            )
        };
        let deadline = match (&scenario.deadline, c.by_deadline) {
            (None, _) => "no deadline".to_owned(),
            (Some(d), share) => {
                // After the horizon, runs not cleared by then are not known.
                let known = d.at <= scenario.horizon || c.by_horizon.hits == c.by_horizon.trials;
                words::percent_or_unknown(share.and_then(|s| s.value()).filter(|_| known))
            }
        };
        row.extend([
            days(0.5),
            days(0.9),
            date(0.5),
            date(0.9),
            deadline,
            words::percent_or_unknown(c.by_horizon.value()),
        ]);
        if costs {
            let mean = c.cost().and_then(crate::stats::Moments::mean);
            row.push(mean.map_or_else(|| "–".to_owned(), words::whole));
        }
        t.row(row);
    }
    t.html()
}
