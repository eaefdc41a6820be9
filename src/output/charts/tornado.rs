//! sensitivity.png|svg: a tornado chart. One row per setting that moved p50
//! days to clear, largest swing on top, at most [`ROWS`]; each row has two
//! bars from the base p50, the setting moved down (dark) in the upper half and
//! moved up (light) in the lower half, so the two read apart in greyscale and
//! when they point the same way. Settings are named in words with their
//! value ([`words`]). A note under the title counts the settings that moved
//! nothing and those skipped.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::legend::{self, Sample};
use super::style::{self, MAIN, MAIN_BAND};
use super::{DrawResult, Figure};
use crate::decide::sensitivity::Sensitivity;
use crate::scenario::words;

/// The most settings drawn; the rest are in sensitivity.csv.
pub const ROWS: usize = 15;
/// The least room for the setting names, in pixels.
const MIN_LABEL_PX: u32 = 120;
/// The most room; longer names are cut with an ellipsis.
const MAX_LABEL_PX: u32 = 420;

/// The tornado chart of a sensitivity run.
pub struct Tornado<'a> {
    /// The results.
    pub s: &'a Sensitivity,
}

impl Figure for Tornado<'_> {
    fn stem(&self) -> &'static str {
        "sensitivity"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let s = self.s;
        let all_moved = s.effects.iter().filter(|e| e.moved()).count();
        let moved: Vec<_> = s.effects.iter().filter(|e| e.moved()).take(ROWS).collect();
        let shown = if all_moved > moved.len() {
            format!(
                "Top {} of {all_moved} (all in sensitivity.csv)",
                moved.len()
            )
        } else {
            format!("{all_moved} moved p50")
        };
        let nothing = s
            .effects
            .iter()
            .filter(|e| e.status.starts_with("moves nothing"))
            .count();
        let skipped = s
            .effects
            .iter()
            .filter(|e| e.status.starts_with("skipped"))
            .count();
        let pct = (s.plan.fraction * 100.0).round();
        let subtitle = format!(
            "Each setting ±{pct}% alone, one seed ({}), {}. {shown}; {nothing} moved nothing, {skipped} skipped",
            s.seed,
            style::replications_note(s.base.replications())
        );
        let area = style::titled(root, &s.plan.base.title, &subtitle)?;
        let Some(base) = s.base.quantile(0.5).filter(|b| b.is_finite()) else {
            return style::no_data(&area, "The base does not clear by the horizon: no p50.");
        };
        if moved.is_empty() {
            return style::no_data(&area, "No setting moved p50 days to clear.");
        }
        let area = legend::strip(
            &area,
            &[
                legend::entry(Sample::Fill(MAIN), format!("setting moved down {pct}%")),
                legend::entry(Sample::Fill(MAIN_BAND), format!("moved up {pct}%")),
                legend::entry(
                    Sample::Tick(style::INK, 2),
                    format!("base p50 {base:.1} days"),
                ),
            ],
        )?;
        let finite: Vec<f64> = moved
            .iter()
            .flat_map(|e| [e.p50[0], e.p50[2]])
            .flatten()
            .filter(|x| x.is_finite())
            .chain([base])
            .collect();
        let lo = finite.iter().copied().fold(base, f64::min);
        let hi = finite.iter().copied().fold(base, f64::max);
        let pad = ((hi - lo) * 0.08).max(1.0);
        let (x0, x1) = (lo - pad, hi + pad * 2.0);
        let n = moved.len();
        // Each setting by its name in words and its value as written.
        let font = style::text(style::TICK_PX);
        let named: Vec<String> = moved
            .iter()
            .map(|e| match &e.values[1] {
                Some(v) => format!("{} = {}", words::name(&e.path), v),
                None => words::name(&e.path),
            })
            .collect();
        let widest = named
            .iter()
            .map(|l| style::width(&font, l))
            .max()
            .unwrap_or(0);
        let label_width = (widest + 16).clamp(MIN_LABEL_PX, MAX_LABEL_PX);
        let names: Vec<String> = named
            .iter()
            .map(|l| style::fit(&font, l, label_width - 16))
            .collect();
        // Row i (largest swing first) is drawn at the top: y = n - 1 - i.
        let label = |y: &f64| {
            let i = n as f64 - 1.0 - y.round();
            names.get(i as usize).cloned().unwrap_or_default()
        };
        let places = if hi - lo >= 10.0 { 0 } else { 1 };
        let mut chart = ChartBuilder::on(&area)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(label_width)
            .build_cartesian_2d(x0..x1, -0.5..n as f64 - 0.5)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .y_labels(n)
            .y_label_formatter(&label)
            .x_label_formatter(&|x| format!("{x:.places$}"))
            .x_desc("p50 days to clear")
            .label_style(font.clone())
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        for (k, color) in [MAIN, MAIN_BAND].into_iter().enumerate() {
            let bars: Vec<_> = moved
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    let y = (n - 1 - i) as f64;
                    let (top, bottom) = if k == 0 { (y + 0.38, y) } else { (y, y - 0.38) };
                    e.p50[2 * k].map(|v| {
                        let end = if v.is_finite() { v } else { x1 };
                        Rectangle::new([(base, top), (end, bottom)], color.filled())
                    })
                })
                .collect();
            chart.draw_series(bars)?;
        }
        // The words go inside the bar that runs off the chart, in a colour
        // that reads on it (white on the dark bar, ink on the light one).
        for (i, e) in moved.iter().enumerate() {
            let y = (n - 1 - i) as f64;
            for (k, at, ink) in [(0, y + 0.19, WHITE), (2, y - 0.19, style::INK)] {
                if e.p50[k].is_some_and(f64::is_infinite) {
                    chart.draw_series([Text::new(
                        "beyond the horizon ",
                        (x1, at),
                        font.color(&ink).pos(Pos::new(HPos::Right, VPos::Center)),
                    )])?;
                }
            }
        }
        chart.draw_series([PathElement::new(
            vec![(base, -0.5), (base, n as f64 - 0.5)],
            style::line(style::INK, 2),
        )])?;
        Ok(())
    }
}
