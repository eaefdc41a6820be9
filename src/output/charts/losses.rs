//! losses.png|svg: printing capacity lost, in cards, by cause. The headline is
//! the capacity lost until the initial backlog cleared (to the end of the run
//! in replications that did not clear): one bar per cause at its mean over the
//! replications, with the 95% confidence interval of the mean as a whisker.
//! Below it, a thinner bar gives the same cause over the whole run, in which
//! idle time after clearing can dwarf what held the backlog up.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::rows::{self, Frame};
use super::style::{self, MAIN, MAIN_BAND, SECOND, SECOND_BAND};
use super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::{Cause, Moments, ScenarioStats, Span};

/// The causes from top to bottom: docs/model.md's order of attribution.
const CAUSES: [Cause; 5] = [
    Cause::Server,
    Cause::LinkDown,
    Cause::Degraded,
    Cause::Blanks,
    Cause::NoWork,
];

/// The headline bar of a row: from `HEADLINE.0` to `HEADLINE.1` rows above its centre.
const HEADLINE: (f64, f64) = (-0.02, 0.34);
/// The whole-run bar: thinner, below the headline.
const WHOLE_RUN: (f64, f64) = (-0.34, -0.12);

/// The lost-capacity chart of one scenario.
pub struct Losses<'a> {
    /// The scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics.
    pub stats: &'a ScenarioStats,
}

/// One cause's row: its label and the moments over each span.
struct Row {
    label: &'static str,
    to_clearing: Moments,
    whole_run: Moments,
}

impl Row {
    /// Mean and interval over the headline span; a missing metric reads as nothing lost.
    fn headline(&self) -> (f64, (f64, f64)) {
        let mean = self.to_clearing.mean().unwrap_or(0.0);
        (mean, self.to_clearing.ci95().unwrap_or((mean, mean)))
    }

    fn whole_run(&self) -> f64 {
        self.whole_run.mean().unwrap_or(0.0)
    }
}

impl Figure for Losses<'_> {
    fn stem(&self) -> &'static str {
        "losses"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, stats) = (self.scenario, self.stats);
        let subtitle = format!(
            "Capacity lost until the backlog cleared, by first cause: mean, 95% CI; thin bar: whole run; {}",
            style::replications_note(stats.replications())
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        let moments = |cause: Cause, span| {
            stats
                .metric(&cause.column(span))
                .map(|s| s.moments)
                .unwrap_or_default()
        };
        let rows: Vec<Row> = CAUSES
            .iter()
            .map(|&cause| Row {
                label: cause.label(),
                to_clearing: moments(cause, Span::ToClearing),
                whole_run: moments(cause, Span::WholeRun),
            })
            .collect();
        let right = rows
            .iter()
            .map(|r| {
                let (mean, (_, hi)) = r.headline();
                hi.max(mean).max(r.whole_run())
            })
            .fold(1.0, f64::max)
            * 1.3;
        let n = rows.len();
        let labels: Vec<String> = rows.iter().map(|r| r.label.to_owned()).collect();
        let mut chart = rows::frame(
            &area,
            0.0..right,
            &Frame {
                rows: n,
                labels: Some(&labels),
                label_width: 150,
                margin_right: 30,
                x_desc: "cards that could have been printed (mean per replication)",
                x_ticks: Some(&|x| style::thousands(*x)),
                x_tick_count: None,
            },
        )?;
        let y_of = |k: usize| rows::y(n, k);
        let bar = |k: usize, (lo, hi): (f64, f64), x: f64| [(0.0, y_of(k) + lo), (x, y_of(k) + hi)];
        for (fill, edge, span, at) in [
            (MAIN_BAND, MAIN, Span::ToClearing, HEADLINE),
            (SECOND_BAND, SECOND, Span::WholeRun, WHOLE_RUN),
        ] {
            let mean = |r: &Row| match span {
                Span::ToClearing => r.headline().0,
                Span::WholeRun => r.whole_run(),
            };
            chart.draw_series(
                rows.iter()
                    .enumerate()
                    .map(|(k, r)| Rectangle::new(bar(k, at, mean(r)), fill.filled())),
            )?;
            chart.draw_series(
                rows.iter()
                    .enumerate()
                    .map(|(k, r)| Rectangle::new(bar(k, at, mean(r)), edge.stroke_width(1))),
            )?;
        }
        let note = |text: String, x: f64, y: f64| {
            Text::new(
                text,
                (x, y),
                style::text(style::TICK_PX).pos(Pos::new(HPos::Left, VPos::Center)),
            )
        };
        for (k, r) in rows.iter().enumerate() {
            let y = y_of(k);
            let (mean, (lo, hi)) = r.headline();
            let mid = y + (HEADLINE.0 + HEADLINE.1) / 2.0;
            rows::whisker(&mut chart, (lo, hi), mid, (HEADLINE.1 - HEADLINE.0) / 4.0)?;
            let headline = format!(
                "  {} cards ({}-{}) until cleared",
                style::thousands(mean),
                style::thousands(lo),
                style::thousands(hi)
            );
            let whole = format!("  {} over the whole run", style::thousands(r.whole_run()));
            chart.draw_series([
                note(headline, hi.max(mean), mid),
                note(whole, r.whole_run(), y + (WHOLE_RUN.0 + WHOLE_RUN.1) / 2.0),
            ])?;
        }
        Ok(())
    }
}
