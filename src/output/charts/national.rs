//! The charts of a national scenario, beside the office charts (whose
//! series are then the national sums): offices ranked by their clearing day
//! ([`offices`]), the regions compared ([`regions`]), the share of offices
//! cleared over time ([`cleared`]) and the ministry's blank pool ([`pool`]).

pub mod cleared;
pub mod offices;
pub mod pool;
pub mod regions;

use std::ops::Range;

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
    national
        .daily
        .iter()
        .enumerate()
        .filter_map(|(i, day)| {
            let s = pick(day);
            Some((
                dates::end_of_day(scenario.start, i)?,
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

/// The day axis of a chart of clearing-day quantiles (p10, p50, p90 per row):
/// from the earliest to the latest shown, to the horizon when a row's p90 lies
/// past it, the deadline within the horizon included; padded by 5% (at least
/// a day) and never before the start.
pub(super) fn clear_day_axis<'a>(
    sc: &Scenario,
    rows: impl Iterator<Item = &'a [Option<f64>; 3]> + Clone,
) -> Range<Days> {
    let censored = rows.clone().any(|q| q[2].is_none());
    let finite = rows.flat_map(|q| *q).flatten();
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let mut hi = finite.fold(f64::NEG_INFINITY, f64::max);
    if censored || !hi.is_finite() {
        hi = sc.horizon;
    }
    let lo = if lo.is_finite() { lo } else { 0.0 };
    let (lo, hi) = match sc.deadline.filter(|d| d.at <= sc.horizon) {
        Some(d) => (lo.min(d.at), hi.max(d.at)),
        None => (lo, hi),
    };
    let pad = ((hi - lo) * 0.05).max(1.0);
    (lo - pad).max(0.0)..hi + pad
}
