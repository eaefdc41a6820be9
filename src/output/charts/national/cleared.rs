//! offices-cleared.png|svg: the share of offices that have cleared their
//! initial backlog at the end of each day: the mean over the replications and
//! the p10-p90 band, with the deadline and the mean share cleared by then.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::super::dates::DateTicks;
use super::super::fan::{FULL_WIDTH, draw_band, time_plot};
use super::super::legend::{self, Sample};
use super::super::markers::{self, Placed};
use super::super::style::{self, DEADLINE, MAIN, MAIN_BAND};
use super::super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::{NationalStats, ScenarioStats};

/// The share of offices cleared over time.
pub struct OfficesCleared<'a> {
    /// The national scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics.
    pub stats: &'a ScenarioStats,
    /// Their national part.
    pub national: &'a NationalStats,
}

impl Figure for OfficesCleared<'_> {
    fn stem(&self) -> &'static str {
        "offices-cleared"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, national) = (self.scenario, self.national);
        let n = national.offices.len().max(1) as f64;
        let subtitle = format!(
            "Share of the {} offices whose initial backlog is printed, per day: mean and \
             10th-90th percentile band; {}",
            style::thousands(n),
            style::replications_note(self.stats.replications())
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        // Offices not cleared, turned into the share cleared: p90 of the
        // offices left is p10 of the share cleared.
        let band: Vec<_> = super::series(sc, national, |d| &d.offices_not_cleared)
            .into_iter()
            .map(|(x, lo, mid, hi)| {
                (
                    x,
                    100.0 * (1.0 - hi / n),
                    100.0 * (1.0 - mid / n),
                    100.0 * (1.0 - lo / n),
                )
            })
            .collect();
        let mean: Vec<(f64, f64)> = national
            .daily
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let m = d.not_cleared_mean()?;
                Some((
                    super::dates::end_of_day(sc.start, i)?,
                    100.0 * (1.0 - m / n),
                ))
            })
            .collect();
        let Some(end) = band.last().map(|p| p.0) else {
            return style::no_data(&area, "No day was simulated.");
        };
        let x = 0.0..end;
        let ticks = DateTicks::new(sc.start, 0.0, end);
        let deadline = markers::deadline_mark(sc, &x).map(|mut m| {
            let at = mean.iter().rev().find(|p| p.0 <= m.x + 1.0).map(|p| p.1);
            if let Some(share) = at {
                m.text += &format!(": {share:.1}% of offices cleared (mean)");
            }
            m
        });
        let mut entries = vec![
            legend::entry(Sample::Fill(MAIN_BAND), "offices cleared: p10-p90"),
            legend::entry(Sample::Line(MAIN, 3), "offices cleared: mean"),
        ];
        if deadline.is_some() {
            entries.push(legend::entry(Sample::Dashed(DEADLINE, 2), "deadline"));
        }
        let area = legend::strip(&area, &entries)?;
        let (w, h) = time_plot(&area, &ticks, &x, 1.0, &FULL_WIDTH)?
            .plotting_area()
            .dim_in_pixel();
        let placed = Placed::new(deadline.into_iter().collect(), &x, w as i32);
        let top = placed.top(100.0, h as i32);
        let mut chart = time_plot(&area, &ticks, &x, top, &FULL_WIDTH)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_label_formatter(&|x| ticks.label_of(*x))
            .y_label_formatter(&|y| {
                if *y <= 100.0 + 1e-9 {
                    format!("{y:.0}%")
                } else {
                    String::new()
                }
            })
            .x_desc("date (end of day)")
            .y_desc("offices cleared (%)")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        markers::draw_deadline(&mut chart, sc, top)?;
        draw_band(&mut chart, &band, MAIN_BAND, 1.0)?;
        chart.draw_series(LineSeries::new(mean, style::line(MAIN, 3)))?;
        markers::draw_marks(&mut chart, &placed, top)
    }
}
