//! clear-days.png|svg: when the initial backlog is cleared, over the
//! replications: a histogram of the clearing day, the cumulative share cleared,
//! the median and 90th percentile with their dates, the deadline with the
//! probability of clearing by it, and the share not cleared by the horizon.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::dates::{self, DateAxis, DateTicks};
use super::style::{self, DEADLINE, INK, MAIN, MAIN_BAND, SECOND};
use super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;
use crate::time::Days;

/// Spans longer than this get weekly bins: daily ones would be a comb.
const DAILY_BINS_UP_TO: usize = 60;
/// Days of margin either side of the clearing days.
const MARGIN_DAYS: f64 = 7.0;
/// Height of a row of text near the top, as a share of the y range.
const ROW: f64 = 0.065;

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
        let subtitle = format!(
            "When every record of the initial backlog is printed; {}",
            style::replications_note(n)
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
        let peak = bars.iter().map(|b| b.2).fold(0.0, f64::max) * 100.0;
        // Headroom above the bars for up to five rows of notes and labels.
        let top = (peak * 1.6).max(0.5);
        let row = |k: usize| top * (1.0 - ROW * (k as f64 + 0.2));
        let y_places = if top < 5.0 { 1 } else { 0 };
        let ticks = DateTicks::new(sc.start, lo, hi, 8);
        let mut chart = ChartBuilder::on(&area)
            .margin_left(10)
            .margin_right(10)
            .margin_bottom(10)
            .x_label_area_size(50)
            .y_label_area_size(70)
            .right_y_label_area_size(70)
            .build_cartesian_2d(DateAxis::new(lo..hi, &ticks), 0.0..top)?
            .set_secondary_coord(DateAxis::new(lo..hi, &ticks), 0.0..100.0);
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_label_formatter(&|x| ticks.label_of(*x))
            .y_label_formatter(&|y| format!("{y:.y_places$}%"))
            .x_desc("date cleared")
            .y_desc("replications cleared that day/week (%)")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        chart
            .configure_secondary_axes()
            .y_label_formatter(&|y| format!("{y:.0}%"))
            .y_desc("cleared by then, cumulative (%)")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        let width = bars.first().map_or(1.0, |b| b.1 - b.0);
        chart
            .draw_series(bars.iter().map(|&(from, to, share)| {
                Rectangle::new([(from, 0.0), (to, share * 100.0)], MAIN_BAND.filled())
            }))?
            .label(if width > 1.0 {
                "cleared in the week (%)"
            } else {
                "cleared that day (%)"
            })
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], MAIN_BAND.filled()));
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
        chart
            .draw_secondary_series(LineSeries::new(curve, style::line(SECOND, 3)))?
            .label("cleared by then (%, right axis)")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style::line(SECOND, 3)));

        let sketch = &stats.cleared_day().sketch;
        let quantiles = [(0.5, "median"), (0.9, "p90")].map(|(q, name)| (name, sketch.quantile(q)));
        let mut notes: Vec<String> = quantiles
            .iter()
            .filter(|(_, x)| x.is_none())
            .map(|(name, _)| format!("{name}: not cleared by the horizon"))
            .collect();
        let not_cleared = 1.0 - stats.cleared_by_horizon().value().unwrap_or(0.0);
        notes.push(format!(
            "not cleared by the horizon ({}): {}",
            dates::long(sc.start, sc.horizon),
            style::percent(not_cleared)
        ));
        // Labels beside a vertical line read away from the nearer edge.
        let anchor = |x: Days| {
            let h = if x < (lo + hi) / 2.0 {
                HPos::Left
            } else {
                HPos::Right
            };
            Pos::new(h, VPos::Top)
        };
        let pad = |x: Days, text: String| {
            if x < (lo + hi) / 2.0 {
                format!(" {text}")
            } else {
                format!("{text} ")
            }
        };
        for (k, note) in notes.iter().enumerate() {
            chart.draw_series(std::iter::once(Text::new(
                format!(" {note}"),
                (lo, row(k)),
                style::text(style::TICK_PX),
            )))?;
        }
        let mut next_row = notes.len();
        for (name, x) in quantiles {
            let Some(x) = x else { continue };
            chart.draw_series(DashedLineSeries::new(
                [(x, 0.0), (x, top)],
                4,
                4,
                style::line(INK, 2),
            ))?;
            let label = pad(x, format!("{name} {}", dates::long(sc.start, x)));
            chart.draw_series(std::iter::once(Text::new(
                label,
                (x, row(next_row)),
                style::text(style::TICK_PX).pos(anchor(x)),
            )))?;
            next_row += 1;
        }
        if let (Some(d), Some(share)) = (deadline, stats.cleared_by_deadline()) {
            chart.draw_series(DashedLineSeries::new(
                [(d.at, 0.0), (d.at, top)],
                8,
                5,
                style::line(DEADLINE, 2),
            ))?;
            let label = format!(
                "deadline {}: {} cleared by it",
                d.date.strftime("%-d %b %Y"),
                style::percent(share.value().unwrap_or(0.0))
            );
            chart.draw_series(std::iter::once(Text::new(
                pad(d.at, label),
                (d.at, row(next_row)),
                style::text(style::TICK_PX)
                    .color(&DEADLINE)
                    .pos(anchor(d.at)),
            )))?;
        }
        style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;
        Ok(())
    }
}
