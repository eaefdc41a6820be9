//! The charts of a national scenario, beside the office charts (whose
//! series are then the national sums): offices ranked by their clearing day
//! ([`offices`]), the regions compared ([`regions`]), the share of offices
//! cleared over time ([`cleared`]) and the ministry's blank pool ([`pool`]).

pub mod cleared;
pub mod offices;
pub mod pool;
pub mod regions;

use jiff::Span;

use super::dates;
use crate::scenario::Scenario;
use crate::stats::national::NationalDayStats;
use crate::stats::{NationalStats, Sketch};
use crate::time::Days;

/// The stems of a national scenario's own charts, in the order the report
/// shows them; `pool` only with a pool.
pub const CHARTS: [&str; 4] = ["offices", "regions", "offices-cleared", "pool"];

/// One daily series of the shared parts: (x, p10, p50, p90) per national
/// date, x the end of the date.
pub(super) fn series(
    scenario: &Scenario,
    national: &NationalStats,
    pick: impl Fn(&NationalDayStats) -> &Sketch,
) -> Vec<(Days, f64, f64, f64)> {
    let first = scenario.start.date();
    national
        .daily
        .iter()
        .enumerate()
        .filter_map(|(i, day)| {
            let date = first.checked_add(Span::new().days(i as i64 + 1)).ok()?;
            let s = pick(day);
            Some((
                dates::at_midnight(scenario.start, date),
                s.quantile(0.1)?,
                s.quantile(0.5)?,
                s.quantile(0.9)?,
            ))
        })
        .collect()
}

/// p10, p50 and p90 of a clearing-day sketch (`None` past the horizon).
pub(super) fn quantiles(sketch: &Sketch) -> [Option<f64>; 3] {
    [0.1, 0.5, 0.9].map(|q| sketch.quantile(q))
}
