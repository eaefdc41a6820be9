//! The short table printed to stdout after a run: days to clear and the chance
//! of making the deadline, one line per scenario.

use std::fmt::Write;

use super::format::UNKNOWN_SHARE;
use crate::scenario::Scenario;
use crate::stats::{ScenarioStats, Share};
use crate::time::date_at;

/// Shown for a date whose quantile lies beyond the horizon.
const NOT_CLEARED: &str = "not cleared";

/// Shown for a number that does not exist.
const MISSING: &str = "-";

fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| MISSING.to_owned(), |s| format!("{:.1}%", 100.0 * s))
}

/// The share cleared by the deadline: a percentage, [`MISSING`] without a
/// deadline, or [`UNKNOWN_SHARE`].
fn by_deadline(share: Option<Share>) -> String {
    match share {
        Some(s) if s.is_unknown() => UNKNOWN_SHARE.to_owned(),
        s => percent(s.and_then(|s| s.value())),
    }
}

/// Renders the table; every line ends with a newline.
pub fn render(results: &[(&Scenario, &ScenarioStats)]) -> String {
    let width = results
        .iter()
        .map(|(s, _)| s.name.chars().count())
        .chain(std::iter::once("scenario".len()))
        .max()
        .unwrap_or_default();
    let deadlines: Vec<String> = results
        .iter()
        .map(|(_, stats)| by_deadline(stats.cleared_by_deadline()))
        .collect();
    let dw = deadlines
        .iter()
        .map(|d| d.chars().count())
        .chain(std::iter::once("by deadline".len()))
        .max()
        .unwrap_or_default();
    let mut text = String::new();
    let mut line = |cols: [&str; 8]| {
        let [name, p10, p50, p90, d50, d90, deadline, horizon] = cols;
        let _ = writeln!(
            text,
            "{name:<width$}  {p10:>9}  {p50:>7}  {p90:>7}  {d50:<11}  {d90:<11}  {deadline:>dw$}  {horizon:>10}"
        );
    };
    line([
        "scenario",
        "clear p10",
        "p50",
        "p90",
        "p50 date",
        "p90 date",
        "by deadline",
        "by horizon",
    ]);
    for ((scenario, stats), deadline) in results.iter().zip(&deadlines) {
        let sketch = &stats.cleared_day().sketch;
        let [p10, p50, p90] = [0.1, 0.5, 0.9].map(|q| sketch.quantile(q));
        let days = |x: Option<f64>| x.map_or_else(|| MISSING.to_owned(), |d| format!("{d:.1}"));
        let date = |x: Option<f64>| {
            x.map_or_else(
                || NOT_CLEARED.to_owned(),
                |d| date_at(scenario.start, d).to_string(),
            )
        };
        line([
            &scenario.name,
            &days(p10),
            &days(p50),
            &days(p90),
            &date(p50),
            &date(p90),
            deadline,
            &percent(stats.cleared_by_horizon().value()),
        ]);
    }
    text
}
