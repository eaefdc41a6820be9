//! pool.png|svg: the ministry's blank pool over time (median and p10-p90
//! band of its stock, and of the blanks on their way to offices) above, and
//! below it the mean number of blanks delivered to the pool per week; the
//! scheduled deliveries are marked on the stock panel.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::super::blanks::{self, STOCK_PANEL, Weekly};
use super::super::dates::DateTicks;
use super::super::fan::{draw_band, time_plot};
use super::super::legend::{self, Sample};
use super::super::markers::{self, Event, Placed};
use super::super::style::{self, BAND_ALPHA, MAIN, MAIN_BAND, SECOND, SECOND_BAND};
use super::super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::{NationalStats, ScenarioStats};

/// The pool chart of a national scenario with a pool.
pub struct Pool<'a> {
    /// The national scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics: `arrivals_per_day` holds the pool's deliveries.
    pub stats: &'a ScenarioStats,
    /// Their national part.
    pub national: &'a NationalStats,
}

/// The pool's scheduled deliveries, at their planned arrival, spanning their
/// mean delay.
fn deliveries(scenario: &Scenario) -> Vec<Event> {
    let pool = scenario.national.iter().filter_map(|n| n.pool.as_ref());
    pool.flat_map(|p| &p.deliveries)
        .map(|s| Event {
            from: s.at.max(0.0),
            to: s.at.max(0.0) + s.delay.as_ref().map_or(0.0, |d| d.mean()),
            label: format!("{} blanks due", style::thousands(s.quantity as f64)),
        })
        .collect()
}

impl Figure for Pool<'_> {
    fn stem(&self) -> &'static str {
        "pool"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, stats, national) = (self.scenario, self.stats, self.national);
        let subtitle = format!(
            "The ministry's blank pool at the end of each day, blanks on their way to offices, \
             and deliveries to the pool; {}",
            style::replications_note(stats.replications())
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        if sc.national.as_ref().is_none_or(|n| n.pool.is_none()) {
            return style::no_data(&area, "This scenario has no blank pool.");
        }
        let stock = super::series(sc, national, |d| &d.pool);
        let transit = super::series(sc, national, |d| &d.in_transit);
        let Some(end) = stock.last().map(|p| p.0) else {
            return style::no_data(&area, "No day was simulated.");
        };
        let x = 0.0..end;
        let ticks = DateTicks::new(sc.start, 0.0, end);
        let events = markers::within(deliveries(sc), &x);
        let probe_width = time_plot(&area, &ticks, &x, 1.0, &STOCK_PANEL)?
            .plotting_area()
            .dim_in_pixel()
            .0;
        let placed = Placed::new(markers::event_marks(&events), &x, probe_width as i32);
        let mut entries = vec![
            legend::entry(
                Sample::Fill(style::on_white(MAIN_BAND, BAND_ALPHA)),
                "in the pool: p10-p90",
            ),
            legend::entry(Sample::Line(MAIN, 3), "in the pool: median"),
            legend::entry(
                Sample::Fill(style::on_white(SECOND_BAND, BAND_ALPHA)),
                "in transit to offices: p10-p90",
            ),
            legend::entry(Sample::Dashed(SECOND, 3), "in transit: median"),
            legend::entry(Sample::Fill(MAIN), "delivered to the pool (mean per run)"),
        ];
        entries.extend(super::super::fan::event_entries(&events, false, &placed));
        let area = legend::strip(&area, &entries)?;
        let (upper, lower) = blanks::split(&area);
        let peak = stock
            .iter()
            .chain(&transit)
            .map(|p| p.3)
            .fold(1.0, f64::max);
        let (mut chart, top) = blanks::stock_panel(&upper, &ticks, &x, peak, &placed, "blanks")?;
        markers::draw_spans(&mut chart, &events, top)?;
        draw_band(&mut chart, &stock, MAIN_BAND, BAND_ALPHA)?;
        draw_band(&mut chart, &transit, SECOND_BAND, BAND_ALPHA)?;
        chart.draw_series(LineSeries::new(
            stock.iter().map(|p| (p.0, p.2)),
            style::line(MAIN, 3),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            transit.iter().map(|p| (p.0, p.2)),
            10,
            6,
            style::line(SECOND, 3),
        ))?;
        markers::draw_marks(&mut chart, &placed, top)?;

        // [0]: deliveries to the pool; [1] is what reached the offices.
        let weekly = Weekly::of(stats);
        let peak = weekly.bars.iter().map(|b| b.1).fold(10.0, f64::max) * 1.1;
        let mut lower_chart = weekly.panel(&lower, x, &ticks, peak)?;
        let width = weekly.days as f64;
        lower_chart.draw_series(
            weekly
                .bars
                .iter()
                .filter(|b| b.1 > 0.0)
                .map(|&(x, v, _)| Rectangle::new([(x, 0.0), (x + width, v)], MAIN.filled())),
        )?;
        Ok(())
    }
}
