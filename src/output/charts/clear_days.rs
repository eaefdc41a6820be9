//! clear-days.png|svg: when the initial backlog is cleared, over the
//! replications: a histogram of the clearing day, the cumulative share cleared,
//! the median and 90th percentile with their dates, the deadline with the
//! probability of clearing by it, and (in the subtitle) the share not cleared
//! by the horizon. The labels stack in rows over the data ([`markers`]).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::dates::{self, DateAxis, DateTicks};
use super::fan::{PlotLayout, time_plot};
use super::legend::{self, Sample};
use super::markers::{self, Mark, Placed};
use super::style::{self, DEADLINE, INK, MAIN, MAIN_BAND, SECOND};
use super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;
use crate::time::Days;

/// Spans longer than this get weekly bins: daily ones would be a comb.
const DAILY_BINS_UP_TO: usize = 60;
/// Days of margin either side of the clearing days.
const MARGIN_DAYS: f64 = 7.0;

/// The clearing-day distribution of one scenario.
pub struct ClearDays<'a> {
    /// The scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics.
    pub stats: &'a ScenarioStats,
}

/// Histogram bars as (from day, to day, share of replications).
fn bars(counts: &[u64], n: u64) -> Vec<(Days, Days, f64)> {
    let first = counts.iter().position(|&c| c > 0).unwrap_or(0);
    let width = if counts.len() - first > DAILY_BINS_UP_TO {
        7
    } else {
        1
    };
    counts[first..]
        .chunks(width)
        .enumerate()
        .map(|(k, chunk)| {
            let from = (first + k * width) as f64;
            let share = chunk.iter().sum::<u64>() as f64 / n as f64;
            (from, from + width as f64, share)
        })
        .filter(|b| b.2 > 0.0)
        .collect()
}

impl Figure for ClearDays<'_> {
    fn stem(&self) -> &'static str {
        "clear-days"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, stats) = (self.scenario, self.stats);
        let n = stats.replications();
        let not_cleared = 1.0 - stats.cleared_by_horizon().value().unwrap_or(0.0);
        let every = if sc.national.is_some() {
            " in every office"
        } else {
            ""
        };
        let subtitle = format!(
            "When every record of the initial backlog is printed{every}; {}; not cleared by the horizon ({}): {}",
            style::replications_note(n),
            dates::long(sc.start, sc.horizon),
            style::percent(not_cleared)
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        let counts = stats.cleared_per_day();
        let bars = bars(counts, n.max(1));
        let deadline = sc.deadline.filter(|d| d.at <= sc.horizon);
        let (lo, hi) = match (bars.first(), bars.last()) {
            (Some(first), Some(last)) => {
                let lo = deadline.map_or(first.0, |d| d.at.min(first.0));
                let hi = deadline.map_or(last.1, |d| d.at.max(last.1));
                (
                    (lo - MARGIN_DAYS).max(0.0),
                    (hi + MARGIN_DAYS).min(sc.horizon.max(hi)),
                )
            }
            _ => (0.0, sc.horizon.max(1.0)),
        };
        let x = lo..hi;
        let ticks = DateTicks::new(sc.start, lo, hi);

        let sketch = &stats.cleared_day().sketch;
        let quantiles = [(0.5, "median"), (0.9, "p90")].map(|(q, name)| (name, sketch.quantile(q)));
        let mut marks: Vec<Mark> = quantiles
            .iter()
            .filter_map(|&(name, at)| {
                at.map(|at| Mark {
                    x: at,
                    text: format!("{name} {}", dates::long(sc.start, at)),
                    color: INK,
                })
            })
            .collect();
        let by_deadline = deadline.zip(stats.cleared_by_deadline());
        if let Some((d, share)) = by_deadline {
            marks.push(Mark {
                x: d.at,
                text: format!(
                    "deadline {}: {} cleared by it",
                    d.date.strftime("%-d %b %Y"),
                    style::percent(share.value().unwrap_or(0.0))
                ),
                color: DEADLINE,
            });
        }
        // A quantile among the censored replications is said, not drawn.
        let censored: Vec<&str> = quantiles
            .iter()
            .filter(|(_, at)| at.is_none())
            .map(|(name, _)| *name)
            .collect();
        if !censored.is_empty() {
            marks.push(Mark {
                x: lo,
                text: format!("{}: not cleared by the horizon", censored.join(" and ")),
                color: INK,
            });
        }
        let width = bars.first().map_or(1.0, |b| b.1 - b.0);
        let mut entries = vec![
            legend::entry(
                Sample::Outlined(MAIN_BAND, MAIN),
                if width > 1.0 {
                    "cleared in the week (% of replications)"
                } else {
                    "cleared that day (% of replications)"
                },
            ),
            legend::entry(
                Sample::Line(SECOND, 3),
                "cleared by then (cumulative %, right axis)",
            ),
        ];
        if censored.len() < quantiles.len() {
            entries.push(legend::entry(Sample::Dashed(INK, 2), "median, p90"));
        }
        if by_deadline.is_some() {
            entries.push(legend::entry(Sample::Dashed(DEADLINE, 2), "deadline"));
        }
        let area = legend::strip(&area, &entries)?;

        let (probe_w, probe_h) = time_plot(&area, &ticks, &x, 1.0, &WITH_RIGHT_AXIS)?
            .plotting_area()
            .dim_in_pixel();
        let placed = Placed::new(marks, &x, probe_w as i32);
        // Bars use at most 80% of the height under the labels; the
        // cumulative curve reaches 100% just under them.
        let scale = placed.top(1.0, probe_h as i32);
        let peak = bars.iter().map(|b| b.2).fold(0.0, f64::max) * 100.0;
        let top = (peak * 1.25).max(0.5) * scale;
        let y_places = if top < 5.0 { 1 } else { 0 };
        let mut chart = time_plot(&area, &ticks, &x, top, &WITH_RIGHT_AXIS)?
            .set_secondary_coord(DateAxis::new(x.clone(), &ticks), 0.0..100.0 * scale);
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_label_formatter(&|x| ticks.label_of(*x))
            .y_label_formatter(&|y| format!("{y:.y_places$}%"))
            .x_desc("date cleared")
            .y_desc("share of replications (%)")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        chart
            .configure_secondary_axes()
            .y_label_formatter(&|y| {
                if *y <= 100.0 + 1e-9 {
                    format!("{y:.0}%")
                } else {
                    String::new()
                }
            })
            .y_desc("cleared by then, cumulative (%)")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        chart.draw_series(bars.iter().map(|&(from, to, share)| {
            Rectangle::new([(from, 0.0), (to, share * 100.0)], MAIN_BAND.filled())
        }))?;
        chart.draw_series(bars.iter().map(|&(from, to, share)| {
            Rectangle::new([(from, 0.0), (to, share * 100.0)], MAIN.stroke_width(1))
        }))?;
        let pct = |count: u64| count as f64 * 100.0 / n.max(1) as f64;
        let mut cumulative = 0;
        let mut curve = vec![(lo, 0.0)];
        for (day, &c) in counts.iter().enumerate() {
            cumulative += c;
            if (day + 1) as f64 >= lo {
                curve.push(((day + 1) as f64, pct(cumulative)));
            }
        }
        curve.push((hi, pct(cumulative)));
        chart.draw_secondary_series(LineSeries::new(curve, style::line(SECOND, 3)))?;
        for (_, at) in quantiles {
            let Some(at) = at else { continue };
            chart.draw_series(DashedLineSeries::new(
                [(at, 0.0), (at, top)],
                4,
                4,
                style::line(INK, 2),
            ))?;
        }
        if let Some((d, _)) = by_deadline {
            chart.draw_series(DashedLineSeries::new(
                [(d.at, 0.0), (d.at, top)],
                8,
                5,
                style::line(DEADLINE, 2),
            ))?;
        }
        markers::draw_marks(&mut chart, &placed, top)
    }
}

/// The share per bin on the left, room for the cumulative share's axis on
/// the right.
const WITH_RIGHT_AXIS: PlotLayout = PlotLayout {
    right: 10,
    bottom: 10,
    x_labels: 50,
    y_labels: 70,
    right_y_labels: 70,
};
