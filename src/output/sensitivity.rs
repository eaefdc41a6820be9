//! DIR/<name>/sensitivity.csv, the tornado chart beside it, and the
//! sensitivity section of DIR/index.html.
//!
//! The section goes into the report already in DIR (from `ktpsim run`) when
//! there is one, replacing an earlier sensitivity section of the same
//! scenario, so running the command twice does not show two answers; without
//! a report, DIR/index.html is a page holding the section alone.

use std::io::Write;

use anyhow::Result;

use super::charts;
use super::decide::{section, stage_section};
use super::format::{cell, places};
use super::staging::Staging;
use crate::decide::sensitivity::Sensitivity;
use crate::stats::{Moments, Unit};

/// The file name in the scenario's folder.
pub const FILE_NAME: &str = "sensitivity.csv";

/// The columns of sensitivity.csv.
pub const COLUMNS: [&str; 17] = [
    "setting",
    "base_value",
    "down_value",
    "up_value",
    "p50_down",
    "p50_base",
    "p50_up",
    "effect_down_days",
    "effect_up_days",
    "swing_days",
    "status",
    "mean_effect_down_days",
    "ci95_down_low",
    "ci95_down_high",
    "mean_effect_up_days",
    "ci95_up_low",
    "ci95_up_high",
];

/// Writes sensitivity.csv's text: one row per setting, in the order of the
/// results. A p50 beyond the horizon, an effect or swing that is not a finite
/// number of days, and a value not run are empty cells.
pub fn write_to<W: Write>(out: W, s: &Sensitivity) -> Result<W> {
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(COLUMNS)?;
    let days = places(Unit::Days);
    let finite = |x: Option<f64>| cell(x.filter(|d| d.is_finite()), days).unwrap_or_default();
    for e in &s.effects {
        let value = |v: &Option<String>| v.clone().unwrap_or_default();
        let [down, up] = e.paired.each_ref().map(|p| {
            let m = p.as_ref().map(|p| &p.days);
            let ci = m.and_then(Moments::ci95);
            [
                finite(m.and_then(Moments::mean)),
                finite(ci.map(|c| c.0)),
                finite(ci.map(|c| c.1)),
            ]
        });
        csv.write_record(
            [
                e.path.to_string(),
                value(&e.values[1]),
                value(&e.values[0]),
                value(&e.values[2]),
                finite(e.p50[0]),
                finite(e.p50[1]),
                finite(e.p50[2]),
                finite(e.effect[0]),
                finite(e.effect[1]),
                finite(e.moved().then_some(e.swing)),
                e.status.clone(),
            ]
            .into_iter()
            .chain(down)
            .chain(up),
        )?;
    }
    csv.into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write {FILE_NAME}: {}", e.error()))
}

/// Stages the CSV and (with `plots`) the chart in DIR/<name>/, and the
/// section with `words` in DIR/index.html.
pub fn stage(staging: &mut Staging, s: &Sensitivity, words: &str, plots: bool) -> Result<()> {
    let dir = super::scenario_dir(staging.out(), &s.plan.base);
    staging.file(&dir.join(FILE_NAME), |f| write_to(f, s))?;
    if plots {
        staging.add(charts::stage(&dir, &charts::tornado::Tornado { s })?)?;
    }
    let name = &s.plan.base.name;
    let stem = format!("{name}/sensitivity");
    let body = section(
        &format!("Sensitivity of {}", s.plan.base.title),
        words,
        plots.then_some(stem.as_str()),
        "Tornado chart: p50 days to clear with each setting moved down and up",
    );
    stage_section(
        staging,
        &format!("sensitivity-{name}"),
        &body,
        &format!("ktpsim sensitivity: {name}"),
    )
}
