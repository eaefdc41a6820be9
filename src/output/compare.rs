//! compare.csv and the words printed by `ktpsim compare`: per pair (base,
//! other), the paired differences other − base.
//!
//! compare.csv is long: one row per pair and measure (`clear_days`,
//! `cleared_by_deadline`, then each lost-capacity cause up to the clearing of
//! the initial backlog, `lost_cards_<cause>_to_clearing`, then over the whole
//! run, `lost_cards_<cause>_whole_run`; with `[costs]` in both scenarios,
//! `cost_total` and `cost_per_day_sooner`), so a new measure is a new row, not
//! a new column.

use std::fmt::Write as _;
use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use super::format::{SHARE_PLACES, UNKNOWN_SHARE, cell, places, rupiah};
use crate::decide::compare::Comparison;
use crate::scenario::Scenario;
use crate::stats::{Cause, Moments, Paired, Span, Unit};

/// The file name in the output folder.
pub const FILE_NAME: &str = "compare.csv";

#[derive(Serialize)]
struct Row<'a> {
    base: &'a str,
    other: &'a str,
    measure: &'a str,
    pairs: u64,
    mean: Option<String>,
    ci_low: Option<String>,
    ci_high: Option<String>,
    p10: Option<String>,
    p50: Option<String>,
    p90: Option<String>,
    base_value: Option<String>,
    other_value: Option<String>,
    only_base_cleared: Option<u64>,
    only_other_cleared: Option<u64>,
    neither_cleared: Option<u64>,
}

impl<'a> Row<'a> {
    /// A row holding a paired mean and its interval; the other cells empty.
    fn of_moments(
        base: &'a str,
        other: &'a str,
        measure: &'a str,
        m: &Moments,
        places: usize,
    ) -> Self {
        let ci = m.ci95();
        Row {
            base,
            other,
            measure,
            pairs: m.count(),
            mean: cell(m.mean(), places),
            ci_low: cell(ci.map(|c| c.0), places),
            ci_high: cell(ci.map(|c| c.1), places),
            p10: None,
            p50: None,
            p90: None,
            base_value: None,
            other_value: None,
            only_base_cleared: None,
            only_other_cleared: None,
            neither_cleared: None,
        }
    }
}

/// Writes compare.csv's text.
pub fn write_to<W: Write>(out: W, c: &Comparison) -> Result<W> {
    let mut csv = csv::Writer::from_writer(out);
    let base = &c.base().name;
    let days = places(Unit::Days);
    let finite = |x: Option<f64>| x.filter(|x| x.is_finite());
    let losses: Vec<(Span, Cause, String)> = Span::ALL
        .into_iter()
        .flat_map(|span| Cause::ALL.map(|cause| (span, cause, cause.column(span))))
        .collect();
    for (k, p) in c.pairs.iter().enumerate() {
        let other = &c.scenarios[k + 1].name;
        let [p10, p50, p90] = [0.1, 0.5, 0.9].map(|q| cell(p.days_quantile(q), days));
        csv.serialize(Row {
            p10,
            p50,
            p90,
            base_value: cell(finite(c.clearing[0].quantile(0.5)), days),
            other_value: cell(finite(c.clearing[k + 1].quantile(0.5)), days),
            only_base_cleared: Some(p.only_base()),
            only_other_cleared: Some(p.only_other()),
            neither_cleared: Some(p.neither),
            ..Row::of_moments(base, other, "clear_days", &p.days, days)
        })?;
        if let Some(m) = &p.deadline {
            // An unknown share (a deadline after the horizon) leaves its cell
            // and the difference empty; `pairs` counts the pairs known on both sides.
            let row = Row::of_moments(base, other, "cleared_by_deadline", m, SHARE_PLACES);
            let row = if p.deadline_unknown() {
                Row {
                    mean: None,
                    ci_low: None,
                    ci_high: None,
                    ..row
                }
            } else {
                row
            };
            csv.serialize(Row {
                base_value: cell(p.deadline_share(0), SHARE_PLACES),
                other_value: cell(p.deadline_share(1), SHARE_PLACES),
                ..row
            })?;
        }
        let cards = places(Unit::Cards);
        for (span, cause, name) in &losses {
            let lost = p.lost(*span, *cause);
            csv.serialize(Row {
                base_value: cell(lost.base.mean(), cards),
                other_value: cell(lost.other.mean(), cards),
                ..Row::of_moments(base, other, name, &lost.difference, cards)
            })?;
        }
        if let Some(cost) = &p.cost {
            let idr = places(Unit::Rupiah);
            csv.serialize(Row {
                base_value: cell(cost.base.mean(), idr),
                other_value: cell(cost.other.mean(), idr),
                ..Row::of_moments(base, other, "cost_total", &cost.difference, idr)
            })?;
            // A ratio of two means: no interval of its own.
            csv.serialize(Row {
                mean: cell(cost.per_day_sooner(p.days.mean()), idr),
                ci_low: None,
                ci_high: None,
                ..Row::of_moments(base, other, "cost_per_day_sooner", &cost.difference, idr)
            })?;
        }
    }
    csv.into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write {FILE_NAME}: {}", e.error()))
}

/// A difference in days as words: "23.4 days sooner", "2.0 days later".
pub fn sooner_or_later(d: f64) -> String {
    if d.abs() < 0.05 {
        "no different".to_owned()
    } else if d < 0.0 {
        format!("{:.1} days sooner", -d)
    } else {
        format!("{d:.1} days later")
    }
}

fn signed(x: f64, decimals: usize) -> String {
    let text = super::format::fixed(x, decimals);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}

/// The comparison in plain words, one paragraph per pair.
pub fn render(c: &Comparison) -> String {
    let mut t = String::new();
    let base = c.base();
    for (k, p) in c.pairs.iter().enumerate() {
        let other = &c.scenarios[k + 1];
        let _ = writeln!(
            t,
            "{} against {} ({} paired replications, seed {}):",
            other.name,
            base.name,
            p.pairs(),
            base.seed
        );
        // Among the pairs where one never cleared, the difference has no number.
        let q = |x: f64| {
            p.days_quantile(x).map_or_else(
                || "one of the pair never cleared".to_owned(),
                |d| format!("{d:.1}"),
            )
        };
        match (p.days.mean(), p.days.ci95()) {
            (Some(mean), ci) => {
                let ci = ci.map_or_else(String::new, |(lo, hi)| {
                    format!(", 95% CI {} to {}", signed(lo, 1), signed(hi, 1))
                });
                let _ = writeln!(
                    t,
                    "  days to clear: {} (difference {}{ci}) over the {} pairs that both cleared; \
                     difference p10 {}, p50 {}, p90 {}",
                    sooner_or_later(mean),
                    signed(mean, 1),
                    p.days.count(),
                    q(0.1),
                    q(0.5),
                    q(0.9)
                );
            }
            (None, _) => {
                let _ = writeln!(t, "  days to clear: no pair where both cleared");
            }
        }
        if p.only_base() + p.only_other() + p.neither > 0 {
            let _ = writeln!(
                t,
                "  never cleared within the horizon: {} pairs only {}, {} only {}, {} neither",
                p.only_base(),
                other.name,
                p.only_other(),
                base.name,
                p.neither
            );
        }
        if p.deadline_unknown() {
            let share = |which| {
                p.deadline_share(which).map_or_else(
                    || UNKNOWN_SHARE.to_owned(),
                    |s| format!("{:.1}%", s * 100.0),
                )
            };
            let _ = writeln!(
                t,
                "  chance of clearing by the deadline: {} -> {}",
                share(0),
                share(1)
            );
        } else if let (Some(m), Some(b), Some(o)) = (
            p.deadline_difference(),
            p.deadline_share(0),
            p.deadline_share(1),
        ) {
            let ci = m.ci95().map_or_else(String::new, |(lo, hi)| {
                format!(
                    ", 95% CI {} to {}",
                    signed(lo * 100.0, 1),
                    signed(hi * 100.0, 1)
                )
            });
            let _ = writeln!(
                t,
                "  chance of clearing by the deadline: {:.1}% -> {:.1}% ({} points{ci})",
                b * 100.0,
                o * 100.0,
                signed((o - b) * 100.0, 1)
            );
        }
        let lost = |span| {
            Cause::ALL
                .map(|cause| {
                    let lost = p.lost(span, cause);
                    let mean = |m: &Moments| m.mean().unwrap_or(0.0);
                    format!(
                        "{} {:.0} -> {:.0} ({})",
                        cause.label(),
                        mean(&lost.base),
                        mean(&lost.other),
                        signed(mean(&lost.difference), 0)
                    )
                })
                .join(", ")
        };
        let _ = writeln!(
            t,
            "  capacity lost until the initial backlog cleared, cards per replication: {}",
            lost(Span::ToClearing)
        );
        let _ = writeln!(
            t,
            "  capacity lost over the whole run, after clearing too: {}",
            lost(Span::WholeRun)
        );
        cost_words(&mut t, base, other, p);
    }
    t
}

/// The line on cost: each side's mean, the paired difference and what a day
/// sooner costs; or which side lacks `[costs]`.
fn cost_words(t: &mut String, base: &Scenario, other: &Scenario, p: &Paired) {
    let Some(cost) = &p.cost else {
        match (base.costs.is_some(), other.costs.is_some()) {
            (true, false) | (false, true) => {
                let without = if base.costs.is_none() { base } else { other };
                let _ = writeln!(
                    t,
                    "  cost: {} has no [costs] table; give both scenarios one to compare costs",
                    without.name
                );
            }
            _ => {}
        }
        return;
    };
    let (Some(b), Some(o), Some(d)) = (cost.base.mean(), cost.other.mean(), cost.difference.mean())
    else {
        return;
    };
    let ci = cost.difference.ci95().map_or_else(String::new, |(lo, hi)| {
        format!(", 95% CI {} to {}", signed_rupiah(lo), signed_rupiah(hi))
    });
    let per_day = match cost.per_day_sooner(p.days.mean()) {
        None => "not sooner".to_owned(),
        Some(x) if x < 0.0 => format!("sooner and cheaper, {} saved per day sooner", rupiah(-x)),
        Some(x) => format!("{} per day sooner", rupiah(x)),
    };
    let _ = writeln!(
        t,
        "  cost to clearing, mean per replication: {} -> {} ({}{ci}); {per_day}",
        rupiah(b),
        rupiah(o),
        signed_rupiah(d)
    );
}

fn signed_rupiah(x: f64) -> String {
    let text = rupiah(x);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}
