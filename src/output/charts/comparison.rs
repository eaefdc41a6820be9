//! comparison.png|svg: one row per scenario (its title), sorted by median
//! days to clear: the p10-p90 interval and median of the clearing day on an
//! axis fitted to the intervals, each scenario's deadline as a tick on its row
//! where it falls on that axis, and beside it the probability of clearing by
//! the deadline.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use std::ops::Range;

use super::legend::{self, Sample};
use super::rows::{self, Frame};
use super::style::{self, DEADLINE, MAIN, MAIN_BAND, SECOND_BAND};
use super::{DrawResult, Figure};
use crate::output::format::UNKNOWN_SHARE;
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;

/// Share of the width given to the days-to-clear panel.
const LEFT_SHARE: f64 = 0.72;
/// Half the height of a row's bar, in rows.
const BAR: f64 = 0.28;
/// Padding either side of the intervals, as a share of their span.
const PAD: f64 = 0.1;
/// Room for the row labels (scenario titles on up to two lines, cut to
/// fit), in pixels.
const MIN_LABEL_PX: u32 = 90;
/// The most room for row labels.
const MAX_LABEL_PX: u32 = 250;

/// The comparison of several scenarios.
pub struct Comparison<'a> {
    /// Each scenario with its statistics, in run order.
    pub results: &'a [(&'a Scenario, &'a ScenarioStats)],
}

/// One scenario's row: title, p10, p50, p90 (`None` beyond the horizon),
/// horizon, deadline, share cleared by the deadline.
struct Row<'a> {
    title: &'a str,
    start: jiff::civil::DateTime,
    q: [Option<f64>; 3],
    horizon: f64,
    deadline: Option<f64>,
    by_deadline: Option<f64>,
    /// A deadline after the horizon that not every replication cleared by.
    deadline_unknown: bool,
}

impl Row<'_> {
    /// The drawn interval: p10 to p90, or to the horizon when p90 is beyond it.
    fn interval(&self) -> Option<(f64, f64)> {
        self.q[0].map(|p10| (p10, self.q[2].unwrap_or(self.horizon)))
    }
}

/// The x range of the days-to-clear panel: from the smallest p10 to the
/// largest p90 (the horizon for a p90 beyond it), padded by a tenth of the
/// span on each side, never below day 0.
fn x_range(intervals: impl Iterator<Item = (f64, f64)>) -> Range<f64> {
    let (lo, hi) = intervals.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (l, h)| {
        (a.min(l), b.max(h))
    });
    if !lo.is_finite() {
        return 0.0..1.0;
    }
    let pad = ((hi - lo) * PAD).max(1.0);
    (lo - pad).max(0.0)..hi + pad
}

impl Figure for Comparison<'_> {
    fn stem(&self) -> &'static str {
        super::COMPARISON_CHART
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let mut rows: Vec<Row<'_>> = self
            .results
            .iter()
            .map(|(sc, stats)| Row {
                title: if sc.title.is_empty() {
                    &sc.name
                } else {
                    &sc.title
                },
                start: sc.start,
                q: [0.1, 0.5, 0.9].map(|q| stats.cleared_day().sketch.quantile(q)),
                horizon: sc.horizon,
                deadline: sc.deadline.map(|d| d.at),
                by_deadline: stats.cleared_by_deadline().and_then(|s| s.value()),
                deadline_unknown: stats.cleared_by_deadline().is_some_and(|s| s.is_unknown()),
            })
            .collect();
        // Fastest first; a median beyond the horizon sorts last.
        rows.sort_by(|a, b| {
            let key = |r: &Row<'_>| r.q[1].unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b))
        });
        let reps: Vec<u64> = self.results.iter().map(|r| r.1.replications()).collect();
        let (lo, hi) = (reps.iter().min(), reps.iter().max());
        let reps = match (lo, hi) {
            (Some(a), Some(b)) if a != b => format!("{a}-{b} replications"),
            _ => style::replications_note(lo.copied().unwrap_or(0)),
        };
        let area = style::titled(
            root,
            "Scenarios compared: days to clear the initial backlog",
            &format!("p10-p90 interval and median, fastest first; {reps}"),
        )?;
        let area = legend::strip(
            &area,
            &[
                legend::entry(Sample::Outlined(MAIN_BAND, MAIN), "p10-p90 days to clear"),
                legend::entry(Sample::Tick(MAIN, 4), "median (days, date above)"),
                legend::entry(Sample::Tick(DEADLINE, 3), "deadline, where on the axis"),
                legend::entry(
                    Sample::Outlined(SECOND_BAND, DEADLINE),
                    "cleared by the deadline",
                ),
            ],
        )?;
        // A little room on top for the first row's note above its bar.
        let area = area.split_vertically(style::ROW_PX / 2).1;
        let width = area.dim_in_pixel().0;
        let (left, right) = area.split_horizontally((f64::from(width) * LEFT_SHARE) as u32);
        let n = rows.len();
        let y_of = |k: usize| rows::y(n, k);
        let x = x_range(rows.iter().filter_map(Row::interval));
        let font = style::text(style::TICK_PX);
        let widest = rows
            .iter()
            .map(|r| style::width(&font, r.title))
            .max()
            .unwrap_or(0);
        // Titles take up to two lines each; the frame leaves them room and
        // they are drawn beside it.
        let label_width = (widest / 2 + 40).clamp(MIN_LABEL_PX, MAX_LABEL_PX);
        let mut chart = rows::frame(
            &left,
            x.clone(),
            &Frame {
                rows: n,
                labels: None,
                label_width,
                margin_right: 20,
                x_desc: "days to clear (from the start)",
                x_ticks: Some(&|x| format!("{x:.0}")),
                x_tick_count: None,
            },
        )?;
        let mark = (x.end - x.start) * 0.004;
        for (k, r) in rows.iter().enumerate() {
            let y = y_of(k);
            // Backend coordinates are the root's, not the plot area's.
            let (px, py) = chart.backend_coord(&(x.start, y));
            let lines = style::wrap(&font, r.title, label_width - 20, 2);
            let line_px = style::ROW_PX - 2;
            let first = py - (lines.len() as i32 - 1) * line_px / 2;
            for (i, line) in lines.into_iter().enumerate() {
                root.draw(&Text::new(
                    line,
                    (px - 10, first + i as i32 * line_px),
                    font.pos(Pos::new(HPos::Right, VPos::Center)),
                ))?;
            }
            if let Some((p10, p90)) = r.interval() {
                chart.draw_series([
                    Rectangle::new([(p10, y - BAR), (p90, y + BAR)], MAIN_BAND.filled()),
                    Rectangle::new([(p10, y - BAR), (p90, y + BAR)], MAIN.stroke_width(1)),
                ])?;
            }
            if let Some(p50) = r.q[1] {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(p50 - mark, y - BAR), (p50 + mark, y + BAR)],
                    MAIN.filled(),
                )))?;
            }
            if let Some(d) = r.deadline.filter(|d| x.contains(d)) {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(d, y - BAR), (d, y + BAR)],
                    style::line(DEADLINE, 3),
                )))?;
            }
            let date = |x: f64| super::dates::long(r.start, x);
            let note = match r.q {
                [_, Some(p50), Some(_)] => format!("{p50:.0} d, {}", date(p50)),
                [_, Some(p50), None] => format!("{p50:.0} d, {}; p90 beyond horizon", date(p50)),
                _ => "median beyond the horizon".to_owned(),
            };
            // The note sits above its bar, clear of the deadline tick; a bar in
            // the right part of the panel gets it right-aligned to stay inside.
            let (start, end) = r.interval().unwrap_or((x.start, x.start));
            let (at, h) = if start > x.start + (x.end - x.start) * 0.6 {
                (end, HPos::Right)
            } else {
                (start, HPos::Left)
            };
            chart.draw_series(std::iter::once(Text::new(
                note,
                (at, y + BAR + 0.04),
                font.pos(Pos::new(h, VPos::Bottom)),
            )))?;
        }

        let mut shares = rows::frame(
            &right,
            0.0..100.0,
            &Frame {
                rows: n,
                labels: None,
                label_width: 10,
                margin_right: 30,
                x_desc: "cleared by the deadline (%)",
                x_ticks: Some(&|x| format!("{x:.0}%")),
                x_tick_count: Some(5),
            },
        )?;
        for (k, r) in rows.iter().enumerate() {
            let y = y_of(k);
            let (text, x) = match r.by_deadline {
                Some(p) => {
                    shares.draw_series([
                        Rectangle::new(
                            [(0.0, y - BAR), (p * 100.0, y + BAR)],
                            SECOND_BAND.filled(),
                        ),
                        Rectangle::new(
                            [(0.0, y - BAR), (p * 100.0, y + BAR)],
                            DEADLINE.stroke_width(1),
                        ),
                    ])?;
                    (style::percent(p), (p * 100.0).min(70.0))
                }
                None if r.deadline_unknown => (UNKNOWN_SHARE.to_owned(), 0.0),
                None => ("no deadline".to_owned(), 0.0),
            };
            shares.draw_series(std::iter::once(Text::new(
                format!("  {text}"),
                (x, y),
                font.pos(Pos::new(HPos::Left, VPos::Center)),
            )))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_fits_the_intervals_not_zero_or_the_horizon() {
        let x = x_range([(100.0, 120.0), (150.0, 200.0)].into_iter());
        assert!(
            (x.start - 90.0).abs() < 1e-9 && (x.end - 210.0).abs() < 1e-9,
            "{x:?}"
        );
        // Near day 0 the axis stops at 0.
        assert_eq!(x_range([(2.0, 40.0)].into_iter()).start, 0.0);
        assert_eq!(x_range(std::iter::empty()), 0.0..1.0);
    }
}
