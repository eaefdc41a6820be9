//! sweep.png|svg: a sweep's results. One key: lines of p50 and p90 days to
//! clear over its values, and below them the chance of clearing by the
//! deadline. Two keys: three heat maps (p50, p90, chance by the deadline),
//! the first key down, the second across, each cell labelled with its value.
//! More keys: the variants in a row, as for one key.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, DEADLINE, MAIN, SECOND};
use super::{DrawResult, Figure};
use crate::decide::sweep::Sweep;
use crate::stats::Clearing;

/// The sweep chart.
pub struct SweepChart<'a> {
    /// The sweep.
    pub sweep: &'a Sweep,
    /// Statistics per variant, in grid order.
    pub stats: &'a [Clearing],
}

/// p50, p90 (finite only) and the share by the deadline of one variant.
fn measures(c: &Clearing) -> [Option<f64>; 3] {
    let q = |x| c.quantile(x).filter(|d| d.is_finite());
    [q(0.5), q(0.9), c.by_deadline.and_then(|s| s.value())]
}

impl Figure for SweepChart<'_> {
    fn stem(&self) -> &'static str {
        "sweep"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let keys: Vec<String> = self.sweep.axes.iter().map(|a| a.path.to_string()).collect();
        let subtitle = format!(
            "Sweep over {}; common random numbers, {}",
            keys.join(" and "),
            style::replications_note(self.stats.first().map_or(0, Clearing::replications))
        );
        let area = style::titled(root, &self.sweep.base.title, &subtitle)?;
        if self.sweep.axes.len() == 2 {
            self.heat_maps(&area)
        } else {
            self.lines(&area)
        }
    }
}

impl SweepChart<'_> {
    fn lines<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let labels: Vec<String> = self
            .sweep
            .variants
            .iter()
            .map(|(coords, _)| {
                let parts: Vec<String> = self
                    .sweep
                    .axes
                    .iter()
                    .zip(coords)
                    .map(|(a, &i)| a.labels[i].clone())
                    .collect();
                parts.join(", ")
            })
            .collect();
        let m: Vec<[Option<f64>; 3]> = self.stats.iter().map(measures).collect();
        let n = m.len();
        let top = m
            .iter()
            .flat_map(|r| [r[0], r[1]])
            .flatten()
            .fold(1.0, f64::max)
            * 1.1;
        let (upper, lower) = area.split_vertically(area.dim_in_pixel().1 * 3 / 5);
        let x_range = -0.5..n as f64 - 0.5;
        let label = |x: &f64| labels.get(x.round() as usize).cloned().unwrap_or_default();
        let mut days = ChartBuilder::on(&upper)
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(70)
            .build_cartesian_2d(x_range.clone(), 0.0..top)?;
        days.configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_labels(n)
            .x_label_formatter(&label)
            .y_desc("days to clear")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        for (k, color, name) in [(0, MAIN, "p50"), (1, SECOND, "p90")] {
            let points: Vec<(f64, f64)> = m
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r[k].map(|y| (i as f64, y)))
                .collect();
            days.draw_series(LineSeries::new(points.clone(), style::line(color, 3)))?
                .label(format!("{name} days to clear"))
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], style::line(color, 3))
                });
            days.draw_series(points.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
        }
        style::legend(&mut days, SeriesLabelPosition::UpperRight)?;
        let mut share = ChartBuilder::on(&lower)
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(70)
            .build_cartesian_2d(x_range, 0.0..1.05)?;
        share
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_labels(n)
            .x_label_formatter(&label)
            .y_label_formatter(&|y| style::percent(*y))
            .x_desc(
                self.sweep
                    .axes
                    .iter()
                    .map(|a| a.path.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .y_desc("by the deadline")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        let points: Vec<(f64, f64)> = m
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r[2].map(|y| (i as f64, y)))
            .collect();
        share.draw_series(LineSeries::new(points.clone(), style::line(DEADLINE, 3)))?;
        share.draw_series(points.iter().map(|&p| Circle::new(p, 4, DEADLINE.filled())))?;
        Ok(())
    }

    fn heat_maps<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (rows, cols) = (&self.sweep.axes[0], &self.sweep.axes[1]);
        let panels = area.split_evenly((1, 3));
        let m: Vec<[Option<f64>; 3]> = self.stats.iter().map(measures).collect();
        let titles = [
            "p50 days to clear",
            "p90 days to clear",
            "chance by the deadline",
        ];
        for (k, panel) in panels.iter().enumerate() {
            let values: Vec<f64> = m.iter().filter_map(|r| r[k]).collect();
            let (lo, hi) = values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                    (a.min(x), b.max(x))
                });
            let (nr, nc) = (rows.labels.len(), cols.labels.len());
            let mut chart = ChartBuilder::on(panel)
                .margin(8)
                .caption(titles[k], style::text(style::LABEL_PX))
                .x_label_area_size(40)
                .y_label_area_size(if k == 0 { 70 } else { 10 })
                .build_cartesian_2d(-0.5..nc as f64 - 0.5, -0.5..nr as f64 - 0.5)?;
            chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(nc)
                .y_labels(nr)
                .x_label_formatter(&|x| {
                    cols.labels
                        .get(x.round() as usize)
                        .cloned()
                        .unwrap_or_default()
                })
                .y_label_formatter(&|y| {
                    if k == 0 {
                        rows.labels
                            .get(y.round() as usize)
                            .cloned()
                            .unwrap_or_default()
                    } else {
                        String::new()
                    }
                })
                .x_desc(cols.path.to_string())
                .y_desc(if k == 0 {
                    rows.path.to_string()
                } else {
                    String::new()
                })
                .label_style(style::text(style::TICK_PX))
                .axis_desc_style(style::text(style::TICK_PX))
                .draw()?;
            for ((coords, _), r) in self.sweep.variants.iter().zip(&m) {
                let (y, x) = (coords[0] as f64, coords[1] as f64);
                let (fill, text) = match r[k] {
                    Some(v) => {
                        let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
                        // Days: darker is longer; the chance: darker is likelier.
                        let base = if k == 2 {
                            style::SECOND_BAND
                        } else {
                            style::MAIN_BAND
                        };
                        let mix =
                            |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t) as u8;
                        let c = RGBColor(mix(250, base.0), mix(250, base.1), mix(250, base.2));
                        (
                            c,
                            if k == 2 {
                                style::percent(v)
                            } else {
                                format!("{v:.1}")
                            },
                        )
                    }
                    None => (RGBColor(255, 255, 255), "not cleared".to_owned()),
                };
                chart.draw_series([Rectangle::new(
                    [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                    fill.filled(),
                )])?;
                chart.draw_series([Text::new(
                    text,
                    (x, y),
                    style::text(style::TICK_PX).pos(Pos::new(HPos::Center, VPos::Center)),
                )])?;
            }
        }
        Ok(())
    }
}
