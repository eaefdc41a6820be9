//! comparison.png|svg: one row per scenario, sorted by median days to clear:
//! the p10-p90 interval and median of the clearing day, each scenario's
//! deadline as a tick on its row, and beside it the probability of clearing by
//! the deadline.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::rows::{self, Frame};
use super::style::{self, DEADLINE, MAIN, MAIN_BAND, SECOND_BAND};
use super::{DrawResult, Figure};
use crate::output::format::UNKNOWN_SHARE;
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;

/// Share of the width given to the days-to-clear panel.
const LEFT_SHARE: f64 = 0.68;
/// Half the height of a row's bar, in rows.
const BAR: f64 = 0.28;

/// The comparison of several scenarios.
pub struct Comparison<'a> {
    /// Each scenario with its statistics, in run order.
    pub results: &'a [(&'a Scenario, &'a ScenarioStats)],
}

/// One scenario's row: name, p10, p50, p90 (`None` beyond the horizon),
/// horizon, deadline, share cleared by the deadline.
struct Row<'a> {
    name: &'a str,
    start: jiff::civil::DateTime,
    q: [Option<f64>; 3],
    horizon: f64,
    deadline: Option<f64>,
    by_deadline: Option<f64>,
    /// A deadline after the horizon that not every replication cleared by.
    deadline_unknown: bool,
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
                name: &sc.name,
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
        let width = area.dim_in_pixel().0;
        let (left, right) = area.split_horizontally((f64::from(width) * LEFT_SHARE) as u32);
        let n = rows.len();
        let y_of = |k: usize| rows::y(n, k);
        let x_max = rows
            .iter()
            .flat_map(|r| [r.q[2].unwrap_or(r.horizon), r.deadline.unwrap_or(0.0)])
            .fold(1.0, f64::max)
            * 1.05;
        let labels: Vec<String> = rows.iter().map(|r| r.name.to_owned()).collect();
        let mut chart = rows::frame(
            &left,
            0.0..x_max,
            &Frame {
                rows: n,
                labels: Some(&labels),
                label_width: 150,
                margin_right: 20,
                x_desc: "days from the start until cleared",
                x_ticks: Some(&|x| format!("{x:.0}")),
                x_tick_count: None,
            },
        )?;
        for (k, r) in rows.iter().enumerate() {
            let y = y_of(k);
            if let Some(p10) = r.q[0] {
                // A p90 beyond the horizon: the bar runs to the horizon, open-ended.
                let p90 = r.q[2].unwrap_or(r.horizon);
                chart.draw_series([
                    Rectangle::new([(p10, y - BAR), (p90, y + BAR)], MAIN_BAND.filled()),
                    Rectangle::new([(p10, y - BAR), (p90, y + BAR)], MAIN.stroke_width(1)),
                ])?;
            }
            if let Some(p50) = r.q[1] {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [
                        (p50 - x_max * 0.003, y - BAR),
                        (p50 + x_max * 0.003, y + BAR),
                    ],
                    MAIN.filled(),
                )))?;
            }
            let date = |x: f64| super::dates::long(r.start, x);
            let note = match r.q {
                [_, Some(p50), Some(_)] => format!("{p50:.0} d, {}", date(p50)),
                [_, Some(p50), None] => format!("{p50:.0} d, {}; p90 beyond horizon", date(p50)),
                _ => "median beyond the horizon".to_owned(),
            };
            let end = r.q[2].or(r.q[0].map(|_| r.horizon)).unwrap_or(0.0);
            // The note sits above its bar, clear of the deadline tick; a bar in
            // the right part of the panel gets it right-aligned to stay inside.
            let start = r.q[0].unwrap_or(0.0);
            let (x, h) = if start > x_max * 0.6 {
                (end, HPos::Right)
            } else {
                (start, HPos::Left)
            };
            chart.draw_series(std::iter::once(Text::new(
                note,
                (x, y + BAR + 0.04),
                style::text(style::TICK_PX).pos(Pos::new(h, VPos::Bottom)),
            )))?;
            if let Some(d) = r.deadline {
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(d, y - BAR), (d, y + BAR)],
                    style::line(DEADLINE, 3),
                )))?;
            }
        }
        chart
            .draw_series(std::iter::empty::<Rectangle<(f64, f64)>>())?
            .label("p10-p90 (median: dark mark, in days)")
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], MAIN_BAND.filled()));
        chart
            .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())?
            .label("deadline")
            .legend(|(x, y)| {
                PathElement::new(
                    vec![(x + 12, y - 7), (x + 12, y + 7)],
                    style::line(DEADLINE, 3),
                )
            });
        style::legend(&mut chart, SeriesLabelPosition::LowerLeft)?;

        let mut shares = rows::frame(
            &right,
            0.0..100.0,
            &Frame {
                rows: n,
                labels: None,
                label_width: 10,
                margin_right: 30,
                x_desc: "cleared by the deadline",
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
                style::text(style::TICK_PX).pos(Pos::new(HPos::Left, VPos::Center)),
            )))?;
        }
        Ok(())
    }
}
