//! losses.png|svg: printing capacity lost over the run, in cards, by cause:
//! one horizontal bar per cause at its mean over the replications, with the
//! 95% confidence interval of the mean as a whisker.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::rows::{self, Frame};
use super::style::{self, MAIN, MAIN_BAND};
use super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;

/// The causes in the order MODEL.md lists them, with the metric holding each.
const CAUSES: [(&str, &str); 5] = [
    ("server down", "lost_cards_server"),
    ("link down", "lost_cards_link"),
    ("link degraded", "lost_cards_degraded"),
    ("no blanks", "lost_cards_blanks"),
    ("no work waiting", "lost_cards_no_work"),
];

/// Half the height of a bar, in rows.
const BAR: f64 = 0.3;

/// The lost-capacity chart of one scenario.
pub struct Losses<'a> {
    /// The scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics.
    pub stats: &'a ScenarioStats,
}

impl Figure for Losses<'_> {
    fn stem(&self) -> &'static str {
        "losses"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, stats) = (self.scenario, self.stats);
        let subtitle = format!(
            "Printing capacity lost over the run, by first cause: mean with 95% interval; {}",
            style::replications_note(stats.replications())
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        // (label, mean, interval) per cause; a missing metric reads as nothing lost.
        let rows: Vec<(&str, f64, (f64, f64))> = CAUSES
            .iter()
            .map(|&(label, metric)| {
                let m = stats.metric(metric).map(|s| s.moments).unwrap_or_default();
                let mean = m.mean().unwrap_or(0.0);
                (label, mean, m.ci95().unwrap_or((mean, mean)))
            })
            .collect();
        let right = rows.iter().map(|r| r.2.1.max(r.1)).fold(1.0, f64::max) * 1.25;
        let n = rows.len();
        let labels: Vec<String> = rows.iter().map(|r| r.0.to_owned()).collect();
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
        chart.draw_series(rows.iter().enumerate().map(|(k, r)| {
            Rectangle::new(
                [(0.0, y_of(k) - BAR), (r.1, y_of(k) + BAR)],
                MAIN_BAND.filled(),
            )
        }))?;
        chart.draw_series(rows.iter().enumerate().map(|(k, r)| {
            Rectangle::new(
                [(0.0, y_of(k) - BAR), (r.1, y_of(k) + BAR)],
                MAIN.stroke_width(1),
            )
        }))?;
        for (k, &(_, mean, (lo, hi))) in rows.iter().enumerate() {
            let y = y_of(k);
            rows::whisker(&mut chart, (lo, hi), y, BAR / 2.0)?;
            let label = format!(
                "  {} cards ({}-{})",
                style::thousands(mean),
                style::thousands(lo),
                style::thousands(hi)
            );
            chart.draw_series(std::iter::once(Text::new(
                label,
                (hi.max(mean), y),
                style::text(style::TICK_PX).pos(Pos::new(HPos::Left, VPos::Center)),
            )))?;
        }
        Ok(())
    }
}
