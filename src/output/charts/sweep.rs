//! sweep.png|svg: a sweep's results. One key: lines of p50 and p90 days to
//! clear over its values, and below them the chance of clearing by the
//! deadline. Two keys: three heat maps (p50, p90, chance by the deadline),
//! the first key down, the second across, each cell labelled with its value,
//! darker where worse, with a colour scale under each. More keys: the
//! variants in a row, as for one key, their labels turned upright when they
//! would touch. Keys are named in words ([`words`]).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::legend::{self, Sample};
use super::style::{self, DEADLINE, MAIN, SECOND};
use super::{DrawResult, Figure};
use crate::decide::sweep::Sweep;
use crate::scenario::words;
use crate::stats::Clearing;

/// Height of the colour scale under each heat map, in pixels.
const SCALE_PX: u32 = 44;
/// Height of its gradient bar.
const SCALE_BAR_PX: i32 = 12;
/// Steps of the gradient.
const SCALE_STEPS: i32 = 40;
/// The longest variant label, in pixels; longer ones are cut.
const MAX_VALUE_LABEL_PX: u32 = 160;

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

/// A value as the chart shows it: without the quotes of a TOML string.
fn shown(value: &str) -> String {
    value.trim_matches('"').to_owned()
}

impl Figure for SweepChart<'_> {
    fn stem(&self) -> &'static str {
        "sweep"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let subtitle = format!(
            "Sweep over {}; common random numbers, {}",
            words::names(self.sweep.axes.iter().map(|a| &a.path)),
            style::replications_note(self.stats.first().map_or(0, Clearing::replications))
        );
        let area = style::titled(root, &self.sweep.base.title, &subtitle)?;
        if self.sweep.axes.len() == 2 {
            self.heat_maps(&area)
        } else {
            self.lines(root, &area)
        }
    }
}

impl SweepChart<'_> {
    fn lines<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
    ) -> DrawResult<DB> {
        let area = legend::strip(
            area,
            &[
                legend::entry(Sample::Line(MAIN, 3), "p50 days to clear"),
                legend::entry(Sample::Line(SECOND, 3), "p90 days to clear"),
                legend::entry(
                    Sample::Line(DEADLINE, 3),
                    "cleared by the deadline (lower panel)",
                ),
            ],
        )?;
        let font = style::text(style::TICK_PX);
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
                    .map(|(a, &i)| shown(&a.labels[i]))
                    .collect();
                style::fit(&font, &parts.join(", "), MAX_VALUE_LABEL_PX)
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
        // Variant labels turn upright when they would touch side by side.
        let widest = labels
            .iter()
            .map(|l| style::width(&font, l))
            .max()
            .unwrap_or(0);
        let spacing = (area.dim_in_pixel().0 - 90) / n.max(1) as u32;
        let upright = widest + 8 > spacing;
        let label_area = if upright { widest + 16 } else { 30 };
        let (upper, lower) = area.split_vertically(area.dim_in_pixel().1 * 11 / 20);
        let x_range = -0.5..n as f64 - 0.5;
        let label = |x: &f64| labels.get(x.round() as usize).cloned().unwrap_or_default();
        let mut days = ChartBuilder::on(&upper)
            .margin(10)
            .x_label_area_size(5)
            .y_label_area_size(70)
            .build_cartesian_2d(x_range.clone(), 0.0..top)?;
        days.configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_labels(n)
            .x_label_formatter(&|_| String::new())
            .y_label_formatter(&|y| format!("{y:.0}"))
            .y_desc("days to clear")
            .label_style(font.clone())
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        for (k, color) in [(0, MAIN), (1, SECOND)] {
            let points: Vec<(f64, f64)> = m
                .iter()
                .enumerate()
                .filter_map(|(i, r)| r[k].map(|y| (i as f64, y)))
                .collect();
            days.draw_series(LineSeries::new(points.clone(), style::line(color, 3)))?;
            days.draw_series(points.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
        }
        let mut share = ChartBuilder::on(&lower)
            .margin(10)
            .x_label_area_size(label_area + 24)
            .y_label_area_size(70)
            .build_cartesian_2d(x_range, 0.0..1.05)?;
        let x_desc = self
            .sweep
            .axes
            .iter()
            .map(|a| words::name(&a.path))
            .collect::<Vec<_>>()
            .join(", ");
        share
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_labels(n)
            .y_labels(5)
            .x_label_formatter(&|x| if upright { String::new() } else { label(x) })
            .y_label_formatter(&|y| format!("{:.0}%", y * 100.0))
            .x_desc(style::fit(&font, &x_desc, area.dim_in_pixel().0 - 120))
            .y_desc("by the deadline (%)")
            .label_style(font.clone())
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        let points: Vec<(f64, f64)> = m
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r[2].map(|y| (i as f64, y)))
            .collect();
        share.draw_series(LineSeries::new(points.clone(), style::line(DEADLINE, 3)))?;
        share.draw_series(points.iter().map(|&p| Circle::new(p, 4, DEADLINE.filled())))?;
        if upright {
            // Turned a quarter clockwise, each label reads down from its
            // tick. Backend coordinates are the root's, not the plot area's.
            let turned = font.transform(FontTransform::Rotate90);
            for (i, l) in labels.iter().enumerate() {
                let (px, py) = share.backend_coord(&(i as f64, 0.0));
                root.draw(&Text::new(l.clone(), (px + 7, py + 8), turned.clone()))?;
            }
        }
        Ok(())
    }
    fn heat_maps<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (rows, cols) = (&self.sweep.axes[0], &self.sweep.axes[1]);
        let panels = area.split_evenly((1, 3));
        let m: Vec<[Option<f64>; 3]> = self.stats.iter().map(measures).collect();
        let titles = [
            "p50 days to clear",
            "p90 days to clear",
            "cleared by the deadline (%)",
        ];
        let font = style::text(style::TICK_PX);
        let (nr, nc) = (rows.labels.len(), cols.labels.len());
        let row_name = words::name(&rows.path);
        let col_name = words::name(&cols.path);
        for (k, panel) in panels.iter().enumerate() {
            let values: Vec<f64> = m.iter().filter_map(|r| r[k]).collect();
            let range = values
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| {
                    (a.min(x), b.max(x))
                });
            let scale = Scale {
                range,
                share: k == 2,
            };
            let (w, h) = panel.dim_in_pixel();
            let (map, strip) = panel.split_vertically(h.saturating_sub(SCALE_PX));
            let label_area = if k == 0 { 70 } else { 10 };
            let mut chart = ChartBuilder::on(&map)
                .margin(8)
                .caption(titles[k], style::text(style::LABEL_PX))
                .x_label_area_size(44)
                .y_label_area_size(label_area)
                .build_cartesian_2d(-0.5..nc as f64 - 0.5, -0.5..nr as f64 - 0.5)?;
            let (x_px, y_px) = chart.plotting_area().get_pixel_range();
            chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(nc)
                .y_labels(nr)
                .x_label_formatter(&|x| {
                    cols.labels
                        .get(x.round() as usize)
                        .map(|l| shown(l))
                        .unwrap_or_default()
                })
                .y_label_formatter(&|y| match rows.labels.get(y.round() as usize) {
                    Some(l) if k == 0 => shown(l),
                    _ => String::new(),
                })
                .x_desc(style::fit(&font, &col_name, w.saturating_sub(30)))
                .y_desc(if k == 0 {
                    style::fit(&font, &row_name, (y_px.end - y_px.start) as u32)
                } else {
                    String::new()
                })
                .label_style(font.clone())
                .axis_desc_style(font.clone())
                .draw()?;
            for ((coords, _), r) in self.sweep.variants.iter().zip(&m) {
                let (y, x) = (coords[0] as f64, coords[1] as f64);
                let (fill, text) = match r[k] {
                    Some(v) => (scale.color(v), scale.text(v, false)),
                    None => (WHITE, "not cleared".to_owned()),
                };
                chart.draw_series([Rectangle::new(
                    [(x - 0.5, y - 0.5), (x + 0.5, y + 0.5)],
                    fill.filled(),
                )])?;
                chart.draw_series([Text::new(
                    text,
                    (x, y),
                    font.color(&style::ink_on(fill))
                        .pos(Pos::new(HPos::Center, VPos::Center)),
                )])?;
            }
            // The colour scale under the map, as wide as its plot.
            let base = strip.get_base_pixel().0;
            scale.draw(&strip, (x_px.start - base)..(x_px.end - base))?;
        }
        Ok(())
    }
}

/// The colours of one heat map: its values' range, and whether they are
/// shares (darker: less likely) or days (darker: longer), so darker is worse
/// in every panel.
struct Scale {
    range: (f64, f64),
    share: bool,
}

impl Scale {
    /// How bad `v` is in the range, 0 to 1; 0.5 when every value is the same.
    fn badness(&self, v: f64) -> f64 {
        let (lo, hi) = self.range;
        let t = if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
        if self.share { 1.0 - t } else { t }
    }

    fn color(&self, v: f64) -> RGBColor {
        let dark = if self.share {
            style::HEAT_SHARE
        } else {
            style::HEAT_DAYS
        };
        style::ramp(style::HEAT_LIGHT, dark, self.badness(v))
    }

    fn text(&self, v: f64, unit: bool) -> String {
        match (self.share, unit) {
            (true, _) => style::percent(v),
            (false, false) => format!("{v:.1}"),
            (false, true) => format!("{v:.0} days"),
        }
    }

    /// Draws a gradient bar over `x` (pixels of `strip`) with the lowest,
    /// middle and highest values under it.
    fn draw<DB: DrawingBackend>(
        &self,
        strip: &DrawingArea<DB, Shift>,
        x: std::ops::Range<i32>,
    ) -> DrawResult<DB> {
        let (lo, hi) = self.range;
        if !lo.is_finite() {
            return Ok(());
        }
        let (top, bottom) = (4, 4 + SCALE_BAR_PX);
        let width = (x.end - x.start).max(1);
        for i in 0..SCALE_STEPS {
            let a = x.start + width * i / SCALE_STEPS;
            let b = x.start + width * (i + 1) / SCALE_STEPS;
            let v = lo + (hi - lo) * (f64::from(i) + 0.5) / f64::from(SCALE_STEPS);
            strip.draw(&Rectangle::new(
                [(a, top), (b, bottom)],
                self.color(v).filled(),
            ))?;
        }
        strip.draw(&Rectangle::new(
            [(x.start, top), (x.end, bottom)],
            style::EVENT.stroke_width(1),
        ))?;
        let font = style::text(style::TICK_PX);
        let y = bottom + 6;
        let ends: Vec<(f64, i32, HPos)> = if hi > lo {
            vec![
                (lo, x.start, HPos::Left),
                ((lo + hi) / 2.0, (x.start + x.end) / 2, HPos::Center),
                (hi, x.end, HPos::Right),
            ]
        } else {
            vec![(lo, (x.start + x.end) / 2, HPos::Center)]
        };
        for (v, at, h) in ends {
            strip.draw(&Text::new(
                self.text(v, true),
                (at, y),
                font.pos(Pos::new(h, VPos::Top)),
            ))?;
        }
        Ok(())
    }
}
