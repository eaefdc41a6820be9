//! compare.png|svg: paired differences against the base, one row per other
//! scenario: the p10-p90 range of the per-replication difference in days to
//! clear as a band, the mean with its 95% interval as a dot and whisker, and
//! the chance of clearing by the deadline before and after as text.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::rows::{self, Frame};
use super::style::{self, DEADLINE, INK, MAIN, MAIN_BAND};
use super::{DrawResult, Figure};
use crate::decide::compare::Comparison;

/// Pixels for the scenarios' titles left of the rows.
const LABEL_WIDTH: u32 = 330;
/// Half the height of a band, in rows.
const BAR: f64 = 0.25;

/// The file stem of the paired-comparison chart, in the output folder.
pub const STEM: &str = "compare";

/// The paired-comparison chart.
pub struct PairedChart<'a> {
    /// The comparison.
    pub comparison: &'a Comparison,
}

impl Figure for PairedChart<'_> {
    fn stem(&self) -> &'static str {
        STEM
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let c = self.comparison;
        let base = c.base();
        let subtitle = format!(
            "Against “{}”, run by run: p10-p90 band, mean with 95% CI; {}",
            style::fit(&style::text(style::LABEL_PX), &base.title, 420),
            style::replications_note(base.replications)
        );
        let area = style::titled(
            root,
            "Paired differences (common random numbers)",
            &subtitle,
        )?;
        let rows: Vec<_> = c
            .pairs
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let q = |x| p.days_quantile(x);
                (&c.scenarios[k + 1].title, p, q(0.1), q(0.9))
            })
            .collect();
        let values = rows.iter().flat_map(|(_, p, lo, hi)| {
            let ci = p.days.ci95();
            [*lo, *hi, ci.map(|c| c.0), ci.map(|c| c.1), Some(0.0)]
        });
        let (min, max) = values
            .flatten()
            .fold((0.0_f64, 0.0_f64), |(a, b), x| (a.min(x), b.max(x)));
        let pad = ((max - min) * 0.08).max(1.0);
        let n = rows.len();
        // Scenarios by their titles, cut to the label column.
        let tick = style::text(style::TICK_PX);
        let labels: Vec<String> = rows
            .iter()
            .map(|r| style::fit(&tick, r.0, LABEL_WIDTH - 20))
            .collect();
        let x_desc = "days to clear, minus the base's (negative: sooner)";
        let mut chart = rows::frame(
            &area,
            min - pad..max + pad,
            &Frame {
                rows: n,
                labels: Some(&labels),
                label_width: LABEL_WIDTH,
                margin_right: 260,
                x_desc,
                x_ticks: None,
                x_tick_count: None,
            },
        )?;
        let top = n as f64 - 0.5;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, -0.5), (0.0, top)],
            style::line(INK, 1),
        )))?;
        for (k, (_, p, lo, hi)) in rows.iter().enumerate() {
            let y = rows::y(n, k);
            if let (Some(lo), Some(hi)) = (lo, hi) {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(*lo, y - BAR), (*hi, y + BAR)],
                    MAIN_BAND.filled(),
                )))?;
            }
            if let Some(ci) = p.days.ci95() {
                rows::whisker(&mut chart, ci, y, BAR / 2.0)?;
            }
            let mut label = match p.days.mean() {
                Some(mean) => {
                    chart.draw_series(std::iter::once(Circle::new((mean, y), 6, MAIN.filled())))?;
                    format!("{mean:+.1} days")
                }
                None => "no pair cleared in both".to_owned(),
            };
            let censored = p.only_base() + p.only_other() + p.neither;
            if censored > 0 {
                label = format!("{label} ({censored} pairs not cleared)");
            }
            // The deadline on lines of their own, so the note fits the margin.
            let shares = if p.deadline_unknown() {
                let share = |which| {
                    p.deadline_share(which)
                        .map_or("unknown".to_owned(), style::percent)
                };
                [
                    Some(format!("deadline {} -> {}", share(0), share(1))),
                    Some("(the deadline is after the horizon)".to_owned()),
                ]
            } else if let (Some(b), Some(o)) = (p.deadline_share(0), p.deadline_share(1)) {
                [
                    Some(format!(
                        "deadline {} -> {}",
                        style::percent(b),
                        style::percent(o)
                    )),
                    None,
                ]
            } else {
                [None, None]
            };
            // Backend coordinates are the root's, not the plot area's.
            let (w, _) = root.dim_in_pixel();
            let (_, py) = chart.backend_coord(&(0.0, y));
            let [deadline, why] = shares;
            let lines = [Some(label), deadline, why];
            let n_lines = lines.iter().flatten().count() as i32;
            let line_px = style::TICK_PX as i32 + 4;
            for (i, text) in lines.into_iter().flatten().enumerate() {
                let dy = (2 * i as i32 - (n_lines - 1)) * line_px / 2;
                root.draw(&Text::new(
                    text,
                    (w as i32 - 250, py + dy),
                    style::text(style::TICK_PX)
                        .color(&if p.deadline.is_some() { DEADLINE } else { INK })
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))?;
            }
        }
        Ok(())
    }
}
