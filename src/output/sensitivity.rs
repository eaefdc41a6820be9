//! DIR/<name>/sensitivity.csv, the tornado chart beside it, and the
//! sensitivity section of DIR/index.html.
//!
//! The section goes into the report already in DIR (from `ktpsim run`) when
//! there is one, replacing an earlier sensitivity section of the same
//! scenario, so running the command twice does not show two answers; without
//! a report, DIR/index.html is a page holding the section alone. It holds the
//! numbers `ktpsim sensitivity` prints, as a table.

use std::io::Write;

use anyhow::Result;

use std::fmt::Write as _;

use super::charts;
use super::format::{cell, places};
use super::report::html::{Table, code, escape, figure};
use super::report::sections::{self, DECISION, Inputs};
use super::report::words;
use crate::decide::sensitivity::Sensitivity;
use crate::files::staging::Staging;
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

/// A number of days with a sign and one decimal, "beyond the horizon" for
/// an infinite one, "–" for none.
fn effect_days(x: Option<f64>) -> String {
    match x {
        Some(d) if d.is_finite() => words::signed(d, 1),
        Some(_) => "beyond the horizon".to_owned(),
        None => "–".to_owned(),
    }
}

/// The body of the section: the base in a sentence, the settings that moved
/// (largest swing first) as a table, then those that moved nothing and those
/// skipped.
fn section_body(s: &Sensitivity) -> String {
    let pct = (s.plan.fraction * 100.0).round();
    let base = match s.base.quantile(0.5).filter(|b| b.is_finite()) {
        Some(b) => format!(
            "Half of the base runs clear within {} (by {}).",
            words::days(Some(b)),
            words::date(crate::time::date_at(s.plan.base.start, b))
        ),
        None => "Half of the base runs never clear within the horizon, so effects in days \
                 are not defined."
            .to_owned(),
    };
    let mut h = format!(
        "<p>Each setting moved down by {pct}% and up by {pct}%, one at a time, on common \
         random numbers. {}</p>\n",
        escape(&base)
    );
    let mut t = Table::new(&[
        "Setting",
        "Down / base / up",
        "Median days: down",
        "Up",
        "Effect on the median: down",
        "Up",
        "Swing, days",
        "Paired mean effect: down (±95%)",
        "Up (±95%)",
    ])
    .text_columns(2);
    for e in s.effects.iter().filter(|e| e.moved()) {
        let v = |k: usize| e.values[k].clone().unwrap_or_else(|| "–".into());
        let p50 = |k: usize| match e.p50[k] {
            Some(d) if d.is_finite() => words::decimal(d, 1),
            Some(_) => "beyond the horizon".to_owned(),
            None => "–".to_owned(),
        };
        let effect = |k: usize| match e.p50[2 * k] {
            Some(p) if p.is_infinite() => "beyond the horizon".to_owned(),
            _ => effect_days(e.effect[k]),
        };
        let paired = |k: usize| {
            let m = e.paired[k].as_ref().map(|p| &p.days);
            match (m.and_then(Moments::mean), m.and_then(Moments::ci95)) {
                (Some(mean), Some((lo, hi))) => {
                    format!(
                        "{} ±{}",
                        words::signed(mean, 1),
                        words::decimal((hi - lo) / 2.0, 1)
                    )
                }
                (Some(mean), None) => words::signed(mean, 1),
                _ => "–".to_owned(),
            }
        };
        let mut setting = code(&e.path.to_string());
        if let Some(i) = e.status.find("; skipped") {
            let _ = write!(
                setting,
                "<br><span class=\"meta\">{}</span>",
                escape(&e.status[i + 2..])
            );
        }
        t.row(vec![
            setting,
            escape(&format!("{} / {} / {}", v(0), v(1), v(2))),
            p50(0),
            p50(2),
            effect(0),
            effect(1),
            effect_days(Some(e.swing))
                .trim_start_matches('+')
                .to_owned(),
            paired(0),
            paired(1),
        ]);
    }
    if !t.is_empty() {
        h.push_str(&t.html());
    }
    let listed = |prefix: &str| -> Vec<String> {
        s.effects
            .iter()
            .filter(|e| e.status.starts_with(prefix))
            .map(|e| {
                let why = e
                    .status
                    .strip_prefix("skipped: ")
                    .map_or_else(String::new, |w| format!(": {}", escape(w)));
                format!("{}{why}", code(&e.path.to_string()))
            })
            .collect()
    };
    let nothing = listed("moves nothing");
    if !nothing.is_empty() {
        let _ = writeln!(
            h,
            "<p>Moved nothing ({}): {}.</p>",
            nothing.len(),
            nothing.join(", ")
        );
    }
    let skipped = listed("skipped");
    if !skipped.is_empty() {
        let _ = writeln!(h, "<p>Skipped ({}):</p>\n<ul>", skipped.len());
        for line in skipped {
            let _ = writeln!(h, "<li>{line}</li>");
        }
        h.push_str("</ul>\n");
    }
    h
}

/// Stages the CSV and (with `plots`) the chart in DIR/<name>/, and the
/// section in DIR/index.html.
pub fn stage(staging: &mut Staging, s: &Sensitivity, plots: bool) -> Result<()> {
    let dir = super::scenario_dir(staging.out(), &s.plan.base);
    staging.file(&dir.join(FILE_NAME), |f| write_to(f, s))?;
    if plots {
        staging.add(charts::stage(&dir, &charts::tornado::Tornado { s })?)?;
    }
    let name = &s.plan.base.name;
    let mut body = section_body(s);
    if plots {
        body.push_str(&figure(
            &format!("{}/sensitivity", super::report::html::url_segment(name)),
            &format!(
                "Median days to clear with each setting moved down and up — {}",
                s.plan.base.title
            ),
        ));
    }
    let detail = format!(
        "seed {}, {} replications of the base and of each variant",
        s.seed,
        words::count(s.base.replications() as i64)
    );
    let section = sections::section(
        &format!("sensitivity-{name}"),
        DECISION,
        &format!("Sensitivity of {}", s.plan.base.title),
        &Inputs::of([&s.plan.base], detail),
        Some(jiff::Timestamp::now()),
        &body,
    );
    super::report::stage_section(staging, &section, &format!("ktpsim sensitivity: {name}"))
}
