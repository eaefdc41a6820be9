//! Row charts: one horizontal row per item, the first item at the top, over a
//! numeric x axis (lost capacity, paired differences, the comparison): the
//! frame with its row labels, and the whisker of an interval.

use std::ops::Range;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::style::{self, INK};

/// A row chart's drawing context: x in its unit, y in rows.
pub type Rows<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The error of drawing on `DB`.
type Error<DB> = DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>;

/// Where row `k` of `n` is drawn: the first row at the top.
pub fn y(n: usize, k: usize) -> f64 {
    (n - 1 - k) as f64
}

/// The frame of a row chart.
pub struct Frame<'l> {
    /// The number of rows.
    pub rows: usize,
    /// Their labels, first row first; `None`: no labels (a chart beside another).
    pub labels: Option<&'l [String]>,
    /// Space for the labels, in pixels.
    pub label_width: u32,
    /// Space right of the plot, in pixels (for notes drawn there).
    pub margin_right: u32,
    /// The x axis: its description, tick labels (`None`: plotters' own) and
    /// number of ticks (`None`: plotters' own).
    pub x_desc: &'l str,
    /// Tick labels of the x axis.
    pub x_ticks: Option<&'l dyn Fn(&f64) -> String>,
    /// How many x ticks.
    pub x_tick_count: Option<usize>,
}

/// Builds a row chart over `x` on `area` and draws its axes and grid (vertical
/// lines only).
pub fn frame<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: Range<f64>,
    f: &Frame<'_>,
) -> Result<Rows<'a, DB>, Error<DB>> {
    let n = f.rows;
    let mut chart = ChartBuilder::on(area)
        .margin_left(10)
        .margin_right(f.margin_right)
        .margin_bottom(10)
        .x_label_area_size(50)
        .y_label_area_size(f.label_width)
        .build_cartesian_2d(x, -0.5..n as f64 - 0.5)?;
    let label = |y: &f64| match f.labels {
        Some(labels) => {
            let k = n as f64 - 1.0 - y.round();
            labels.get(k as usize).cloned().unwrap_or_default()
        }
        None => String::new(),
    };
    let mut mesh = chart.configure_mesh();
    mesh.light_line_style(TRANSPARENT)
        .bold_line_style(style::GRID)
        .disable_y_mesh()
        .y_label_formatter(&label)
        .x_desc(f.x_desc)
        .label_style(style::text(style::TICK_PX))
        .axis_desc_style(style::text(style::LABEL_PX));
    if f.labels.is_some() {
        mesh.y_labels(n);
    }
    if let Some(ticks) = f.x_ticks {
        mesh.x_label_formatter(ticks);
    }
    if let Some(count) = f.x_tick_count {
        mesh.x_labels(count);
    }
    mesh.draw()?;
    Ok(chart)
}

/// The whisker of the interval `lo..hi` on the row at `y`, `half` rows high
/// at its ends.
pub fn whisker<DB: DrawingBackend>(
    chart: &mut Rows<'_, DB>,
    (lo, hi): (f64, f64),
    y: f64,
    half: f64,
) -> Result<(), Error<DB>> {
    let line = style::line(INK, 2);
    chart.draw_series([
        PathElement::new(vec![(lo, y), (hi, y)], line),
        PathElement::new(vec![(lo, y - half), (lo, y + half)], line),
        PathElement::new(vec![(hi, y - half), (hi, y + half)], line),
    ])?;
    Ok(())
}
