//! backlog.png|svg: the fan chart of records awaiting print and of the initial
//! backlog still unprinted, per calendar day, with the scheduled events.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::dates::{self, DateAxis, DateTicks};
use super::markers::{self, DateChart};
use super::style::{self, BAND_ALPHA, MAIN, MAIN_BAND, SECOND, SECOND_BAND};
use super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::{ScenarioStats, Sketch};
use crate::time::Days;

/// The quantiles drawn as the band and the line.
const BAND: (f64, f64) = (0.1, 0.9);

/// The backlog fan chart of one scenario.
pub struct Backlog<'a> {
    /// The scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics.
    pub stats: &'a ScenarioStats,
}

/// One series: (x, p10, p50, p90) per day, x the end of the day.
pub(super) fn series(
    scenario: &Scenario,
    stats: &ScenarioStats,
    pick: impl Fn(&crate::stats::DayStats) -> &Sketch,
) -> Vec<(Days, f64, f64, f64)> {
    let first = scenario.start.date();
    stats
        .daily()
        .iter()
        .enumerate()
        .filter_map(|(i, day)| {
            let date = first
                .checked_add(jiff::Span::new().days(i as i64 + 1))
                .ok()?;
            let s = pick(day);
            let x = dates::at_midnight(scenario.start, date);
            Some((
                x,
                s.quantile(BAND.0)?,
                s.quantile(0.5)?,
                s.quantile(BAND.1)?,
            ))
        })
        .collect()
}

/// Draws a p10-p90 band with its legend entry, at opacity `alpha` (bands
/// drawn over another band are see-through).
pub(super) fn draw_band<'a, DB: DrawingBackend + 'a>(
    chart: &mut DateChart<'a, DB>,
    points: &[(Days, f64, f64, f64)],
    what: &str,
    band: RGBColor,
    alpha: f64,
) -> DrawResult<DB> {
    let outline = points
        .iter()
        .map(|p| (p.0, p.1))
        .chain(points.iter().rev().map(|p| (p.0, p.3)));
    chart
        .draw_series(std::iter::once(Polygon::new(
            outline.collect::<Vec<_>>(),
            band.mix(alpha).filled(),
        )))?
        .label(format!("{what}: p10-p90"))
        .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], band.filled()));
    Ok(())
}

/// Draws a median line, solid or dashed, with its legend entry. Lines go on
/// top of every band, so no band dims a line.
fn draw_median<'a, DB: DrawingBackend + 'a>(
    chart: &mut DateChart<'a, DB>,
    points: &[(Days, f64, f64, f64)],
    what: &str,
    line: RGBColor,
    dashed: bool,
) -> DrawResult<DB> {
    let median = points.iter().map(|p| (p.0, p.2));
    let style = style::line(line, 3);
    let anno = if dashed {
        chart.draw_series(DashedLineSeries::new(median, 10, 6, style))?
    } else {
        chart.draw_series(LineSeries::new(median, style))?
    };
    anno.label(format!("{what}: median")).legend(move |at| {
        let [a, b, c] = legend_line(style, dashed);
        EmptyElement::at(at) + a + b + c
    });
    Ok(())
}

/// A legend sample 24 pixels long: three touching strokes for a solid
/// series, three dashes for a dashed one (one element type for both).
/// Coordinates are relative to the legend's anchor.
pub(super) fn legend_line(style: ShapeStyle, dashed: bool) -> [PathElement<(i32, i32)>; 3] {
    let segments = if dashed {
        [(0, 6), (9, 15), (18, 24)]
    } else {
        [(0, 8), (8, 16), (16, 24)]
    };
    segments.map(|(a, b)| PathElement::new(vec![(a, 0), (b, 0)], style))
}

impl Figure for Backlog<'_> {
    fn stem(&self) -> &'static str {
        "backlog"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, stats) = (self.scenario, self.stats);
        let subtitle = format!(
            "Records awaiting print, per day: median and 10th-90th percentile band; {}",
            style::replications_note(stats.replications())
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        let awaiting = series(sc, stats, |d| &d.awaiting);
        let initial = series(sc, stats, |d| &d.initial_unprinted);
        let Some(end) = awaiting.last().map(|p| p.0) else {
            return style::no_data(&area, "No day was simulated.");
        };
        let peak = awaiting
            .iter()
            .chain(&initial)
            .map(|p| p.3)
            .fold(1.0, f64::max);
        // Headroom above the band for the event labels.
        let top = peak * 1.3;
        let ticks = DateTicks::new(sc.start, 0.0, end, 8);
        let mut chart = ChartBuilder::on(&area)
            .margin_left(10)
            .margin_right(30)
            .margin_bottom(10)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(DateAxis::new(0.0..end, &ticks), 0.0..top)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_label_formatter(&|x| ticks.label_of(*x))
            .y_label_formatter(&|y| style::thousands(*y))
            .x_desc("date (end of day)")
            .y_desc("records")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        let mut events = markers::outages(sc);
        events.extend(markers::shipments(sc));
        markers::draw_events(&mut chart, &events, top, top * 0.05, 0)?;
        markers::draw_deadline(&mut chart, sc, top)?;
        draw_band(
            &mut chart,
            &awaiting,
            "awaiting print",
            MAIN_BAND,
            BAND_ALPHA,
        )?;
        draw_band(
            &mut chart,
            &initial,
            "initial backlog unprinted",
            SECOND_BAND,
            BAND_ALPHA,
        )?;
        draw_median(&mut chart, &awaiting, "awaiting print", MAIN, false)?;
        draw_median(
            &mut chart,
            &initial,
            "initial backlog unprinted",
            SECOND,
            true,
        )?;
        style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    }
}
