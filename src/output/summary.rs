//! summary.csv: one row per metric across the replications.
//!
//! Rows, in order: `share_cleared_by_horizon` and `share_cleared_by_deadline`
//! (the share in `mean`, its Wilson 95% interval in the CI columns, no
//! quantiles; empty with n = 0 when the scenario has no deadline; empty with n
//! the replications known to have made it or not, when the deadline is after
//! the horizon and some replication had not cleared by the horizon), then
//! every metric of replications.csv in column order.
//!
//! Every statistic column holds numbers only (or nothing), so pandas and R read
//! it as numeric. Dates have columns of their own, `mean_date, p10_date,
//! p50_date, p90_date`: the calendar dates of the statistics of a metric that
//! is a moment of the run (`cleared_day`, `empty_day`, `delivered_day`, …), so a
//! planner reads the p90 date directly; empty in every other row.
//!
//! n counts the replications where the value exists; the mean and interval are
//! over those. Quantiles count a time that was not reached by the end of the run
//! as beyond the horizon; a quantile that falls among them is empty, never the
//! horizon.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use jiff::civil::DateTime;

use super::format::{SHARE_PLACES, cell, date_cell, mean_places, places};
use crate::scenario::Scenario;
use crate::stats::{Metric, MetricStats, ScenarioStats, Share};

/// The file name inside a scenario's output folder.
pub const FILE_NAME: &str = "summary.csv";

/// The quantiles every summary reports.
pub const QUANTILES: [f64; 3] = [0.1, 0.5, 0.9];

#[derive(Serialize)]
struct Row {
    metric: String,
    n: u64,
    mean: Option<String>,
    ci95_low: Option<String>,
    ci95_high: Option<String>,
    p10: Option<String>,
    p50: Option<String>,
    p90: Option<String>,
    mean_date: Option<String>,
    p10_date: Option<String>,
    p50_date: Option<String>,
    p90_date: Option<String>,
}

impl Row {
    fn share(metric: &str, share: Option<Share>) -> Self {
        let share = share.unwrap_or_default();
        let ci = share.wilson95();
        Row {
            metric: metric.to_owned(),
            // Replications whose answer is known: fewer than all, with empty
            // cells, for a deadline after the horizon that some did not clear by.
            n: share.known(),
            mean: cell(share.value(), SHARE_PLACES),
            ci95_low: cell(ci.map(|c| c.0), SHARE_PLACES),
            ci95_high: cell(ci.map(|c| c.1), SHARE_PLACES),
            p10: None,
            p50: None,
            p90: None,
            mean_date: None,
            p10_date: None,
            p50_date: None,
            p90_date: None,
        }
    }

    /// A metric's row; with `start`, the dates of its mean and quantiles (a
    /// metric counted in days since `start`).
    fn metric(metric: &Metric, stats: &MetricStats, start: Option<DateTime>) -> Self {
        let unit = metric.unit();
        let ci = stats.moments.ci95();
        let mean = stats.moments.mean();
        let quantiles = QUANTILES.map(|q| stats.sketch.quantile(q));
        let [p10, p50, p90] = quantiles.map(|x| cell(x, places(unit)));
        let date = |x: Option<f64>| start.and_then(|s| date_cell(s, x));
        let [p10_date, p50_date, p90_date] = quantiles.map(date);
        Row {
            metric: metric.name().to_owned(),
            n: stats.moments.count(),
            mean: cell(mean, mean_places(unit)),
            ci95_low: cell(ci.map(|c| c.0), mean_places(unit)),
            ci95_high: cell(ci.map(|c| c.1), mean_places(unit)),
            p10,
            p50,
            p90,
            mean_date: date(mean),
            p10_date,
            p50_date,
            p90_date,
        }
    }
}

/// Writes summary.csv's text for one scenario's statistics.
pub fn write_to<W: Write>(out: W, scenario: &Scenario, stats: &ScenarioStats) -> Result<W> {
    let mut csv = csv::Writer::from_writer(out);
    csv.serialize(Row::share(
        "share_cleared_by_horizon",
        Some(stats.cleared_by_horizon()),
    ))?;
    csv.serialize(Row::share(
        "share_cleared_by_deadline",
        stats.cleared_by_deadline(),
    ))?;
    for (metric, values) in stats.metrics() {
        let start = metric.is_moment().then_some(scenario.start);
        csv.serialize(Row::metric(metric, values, start))?;
    }
    csv.into_inner()
        .map_err(|e| anyhow::Error::from(e.into_error()))
}
