//! backlog.png|svg: the fan chart of records awaiting print and of the initial
//! backlog still unprinted, per calendar day, with the scheduled events.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::dates::{self, DateAxis, DateTicks};
use super::legend::{self, Entry, Sample};
use super::markers::{self, DateChart, Placed};
use super::style::{
    self, BAND_ALPHA, DEADLINE, EVENT, EVENT_ALPHA, MAIN, MAIN_BAND, SECOND, SECOND_BAND,
};
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
    stats
        .daily()
        .iter()
        .enumerate()
        .filter_map(|(i, day)| {
            let s = pick(day);
            let x = dates::end_of_day(scenario.start, i)?;
            Some((
                x,
                s.quantile(BAND.0)?,
                s.quantile(0.5)?,
                s.quantile(BAND.1)?,
            ))
        })
        .collect()
}

/// Draws a p10-p90 band at opacity `alpha` (bands drawn over another band
/// are see-through).
pub(super) fn draw_band<'a, DB: DrawingBackend + 'a>(
    chart: &mut DateChart<'a, DB>,
    points: &[(Days, f64, f64, f64)],
    band: RGBColor,
    alpha: f64,
) -> DrawResult<DB> {
    let outline = points
        .iter()
        .map(|p| (p.0, p.1))
        .chain(points.iter().rev().map(|p| (p.0, p.3)));
    chart.draw_series(std::iter::once(Polygon::new(
        outline.collect::<Vec<_>>(),
        band.mix(alpha).filled(),
    )))?;
    Ok(())
}

/// Draws a median line, solid or dashed. Lines go on top of every band, so
/// no band dims a line.
fn draw_median<'a, DB: DrawingBackend + 'a>(
    chart: &mut DateChart<'a, DB>,
    points: &[(Days, f64, f64, f64)],
    line: RGBColor,
    dashed: bool,
) -> DrawResult<DB> {
    let median = points.iter().map(|p| (p.0, p.2));
    let style = style::line(line, 3);
    if dashed {
        chart.draw_series(DashedLineSeries::new(median, 10, 6, style))?;
    } else {
        chart.draw_series(LineSeries::new(median, style))?;
    }
    Ok(())
}

/// The legend entries of the scheduled events and the deadline, when the
/// chart has them; says how many event labels found no room.
pub(super) fn event_entries(
    events: &[markers::Event],
    deadline: bool,
    placed: &Placed,
) -> Vec<Entry> {
    let mut out = Vec::new();
    if !events.is_empty() {
        let mut words = "scheduled event (shaded: its mean duration)".to_owned();
        if placed.left_out > 0 {
            let plural = if placed.left_out == 1 { "" } else { "s" };
            words += &format!("; {} label{plural} left out", placed.left_out);
        }
        out.push(legend::entry(
            Sample::Fill(style::on_white(EVENT, EVENT_ALPHA)),
            words,
        ));
    }
    if deadline {
        out.push(legend::entry(Sample::Dashed(DEADLINE, 2), "deadline"));
    }
    out
}

impl Figure for Backlog<'_> {
    fn stem(&self) -> &'static str {
        "backlog"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, stats) = (self.scenario, self.stats);
        // A national scenario's series are sums over its offices.
        let offices = sc.national.as_ref().map_or_else(String::new, |n| {
            format!(
                " in all {} offices together",
                style::thousands(n.offices.len() as f64)
            )
        });
        let subtitle = format!(
            "Records awaiting print{offices}, per day: median and 10th-90th percentile band; {}",
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
        let x = 0.0..end;
        let mut events = markers::outages(sc);
        events.extend(markers::shipments(sc));
        let events = markers::within(events, &x);
        // The deadline first: it gets the top row and is never left out.
        let deadline = markers::deadline_mark(sc, &x);
        let mut marks: Vec<_> = deadline.iter().cloned().collect();
        marks.extend(markers::event_marks(&events));
        let ticks = DateTicks::new(sc.start, 0.0, end);
        // The legend says how many labels were left out, so the labels are
        // laid out before it, on a plot of the same width.
        let probe_width = time_plot(&area, &ticks, &x, 1.0, &FULL_WIDTH)?
            .plotting_area()
            .dim_in_pixel()
            .0;
        let placed = Placed::new(marks, &x, probe_width as i32);
        let mut entries = vec![
            legend::entry(
                Sample::Fill(style::on_white(MAIN_BAND, BAND_ALPHA)),
                "awaiting print: p10-p90",
            ),
            legend::entry(Sample::Line(MAIN, 3), "awaiting print: median"),
            legend::entry(
                Sample::Fill(style::on_white(SECOND_BAND, BAND_ALPHA)),
                "initial backlog unprinted: p10-p90",
            ),
            legend::entry(
                Sample::Dashed(SECOND, 3),
                "initial backlog unprinted: median",
            ),
        ];
        entries.extend(event_entries(&events, deadline.is_some(), &placed));
        let area = legend::strip(&area, &entries)?;
        let height = time_plot(&area, &ticks, &x, 1.0, &FULL_WIDTH)?
            .plotting_area()
            .dim_in_pixel()
            .1;
        let top = placed.top(peak, height as i32);
        let mut chart = time_plot(&area, &ticks, &x, top, &FULL_WIDTH)?;
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
        markers::draw_spans(&mut chart, &events, top)?;
        markers::draw_deadline(&mut chart, sc, top)?;
        draw_band(&mut chart, &awaiting, MAIN_BAND, BAND_ALPHA)?;
        draw_band(&mut chart, &initial, SECOND_BAND, BAND_ALPHA)?;
        draw_median(&mut chart, &awaiting, MAIN, false)?;
        draw_median(&mut chart, &initial, SECOND, true)?;
        markers::draw_marks(&mut chart, &placed, top)
    }
}

/// Where a time chart's plot sits in its drawing area, in pixels: the margins
/// and the room for the axes' labels.
pub(super) struct PlotLayout {
    /// Margin right of the plot.
    pub right: u32,
    /// Margin below the x labels.
    pub bottom: u32,
    /// Room for the dates under the plot.
    pub x_labels: u32,
    /// Room for the values left of the plot.
    pub y_labels: u32,
    /// Room for a second value axis right of the plot (0: none).
    pub right_y_labels: u32,
}

/// A full-width time chart: dates below, values on the left.
pub(super) const FULL_WIDTH: PlotLayout = PlotLayout {
    right: 30,
    bottom: 10,
    x_labels: 50,
    y_labels: 90,
    right_y_labels: 0,
};

/// The plot of a time chart over `x` with y from 0 to `top`, laid out by `layout`.
pub(super) fn time_plot<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    ticks: &DateTicks,
    x: &std::ops::Range<Days>,
    top: f64,
    layout: &PlotLayout,
) -> Result<DateChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    ChartBuilder::on(area)
        .margin_left(10)
        .margin_right(layout.right)
        .margin_bottom(layout.bottom)
        .x_label_area_size(layout.x_labels)
        .y_label_area_size(layout.y_labels)
        .right_y_label_area_size(layout.right_y_labels)
        .build_cartesian_2d(DateAxis::new(x.clone(), ticks), 0.0..top)
}
