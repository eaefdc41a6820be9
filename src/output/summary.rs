//! summary.csv: one row per metric across the replications.
//!
//! Rows, in order: `share_cleared_by_horizon` and `share_cleared_by_deadline`
//! (the share in `mean`, its Wilson 95% interval in the CI columns, no
//! quantiles; empty with n = 0 when the scenario has no deadline), then every
//! metric of replications.csv in column order, with `cleared_date` after
//! `cleared_workdays`: the calendar dates of the `cleared_day` statistics, so a
//! planner reads the p90 date directly.
//!
//! n counts the replications where the value exists; the mean and interval are
//! over those. Quantiles count a time that was not reached by the end of the run
//! as beyond the horizon; a quantile that falls among them is empty, never the
//! horizon.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::format::{SHARE_PLACES, cell, date_cell, mean_places, places};
use crate::scenario::Scenario;
use crate::stats::{MetricStats, ScenarioStats, Share};

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
}

impl Row {
    fn share(metric: &str, share: Option<Share>) -> Self {
        let share = share.unwrap_or_default();
        let ci = share.wilson95();
        Row {
            metric: metric.to_owned(),
            n: share.trials,
            mean: cell(share.value(), SHARE_PLACES),
            ci95_low: cell(ci.map(|c| c.0), SHARE_PLACES),
            ci95_high: cell(ci.map(|c| c.1), SHARE_PLACES),
            p10: None,
            p50: None,
            p90: None,
        }
    }

    /// A metric's row, each statistic turned into text by `mean_text` (mean and
    /// interval) and `quantile_text`.
    fn metric(
        metric: &str,
        stats: &MetricStats,
        mean_text: impl Fn(Option<f64>) -> Option<String>,
        quantile_text: impl Fn(Option<f64>) -> Option<String>,
    ) -> Self {
        let ci = stats.moments.ci95();
        let [p10, p50, p90] = QUANTILES.map(|q| quantile_text(stats.sketch.quantile(q)));
        Row {
            metric: metric.to_owned(),
            n: stats.moments.count(),
            mean: mean_text(stats.moments.mean()),
            ci95_low: mean_text(ci.map(|c| c.0)),
            ci95_high: mean_text(ci.map(|c| c.1)),
            p10,
            p50,
            p90,
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
        let unit = metric.unit();
        csv.serialize(Row::metric(
            metric.name(),
            values,
            |x| cell(x, mean_places(unit)),
            |x| cell(x, places(unit)),
        ))?;
        if metric.name() == "cleared_workdays" {
            let date = |x| date_cell(scenario.start, x);
            csv.serialize(Row::metric("cleared_date", stats.cleared_day(), date, date))?;
        }
    }
    csv.into_inner()
        .map_err(|e| anyhow::Error::from(e.into_error()))
}
