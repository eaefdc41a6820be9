//! pool.png|svg: the ministry's blank pool over time (median and p10-p90
//! band of its stock, and of the blanks on their way to offices) above, and
//! below it the mean number of blanks delivered to the pool per week; the
//! scheduled deliveries are marked on the stock panel.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::super::dates::{DateAxis, DateTicks};
use super::super::fan::{FULL_WIDTH, PlotLayout, draw_band, time_plot};
use super::super::legend::{self, Sample};
use super::super::markers::{self, Event, Placed};
use super::super::style::{self, BAND_ALPHA, MAIN, MAIN_BAND, SECOND, SECOND_BAND};
use super::super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::{NationalStats, ScenarioStats};
use crate::time::Days;

/// The most delivery bars (as on the blanks chart).
const MAX_BARS: usize = 60;
/// Share of the plot height given to the stock panel.
const STOCK_SHARE: f64 = 0.66;

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
        let n = stats.replications().max(1) as f64;
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
        let height = area.dim_in_pixel().1;
        let (upper, lower) = area.split_vertically((f64::from(height) * STOCK_SHARE) as u32);

        let peak = stock
            .iter()
            .chain(&transit)
            .map(|p| p.3)
            .fold(1.0, f64::max);
        let probe_height = time_plot(&upper, &ticks, &x, 1.0, &STOCK_PANEL)?
            .plotting_area()
            .dim_in_pixel()
            .1;
        let top = placed.top(peak, probe_height as i32);
        let mut chart = time_plot(&upper, &ticks, &x, top, &STOCK_PANEL)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_label_formatter(&|_| String::new())
            .y_label_formatter(&|y| style::thousands(*y))
            .y_desc("blanks")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
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

        let weeks_per_bar = stats.arrivals_per_day().len().div_ceil(7 * MAX_BARS).max(1);
        let bin_days = 7 * weeks_per_bar;
        let per = match weeks_per_bar {
            1 => "blanks / week".to_owned(),
            n => format!("blanks / {n} weeks"),
        };
        let bars: Vec<(Days, f64)> = stats
            .arrivals_per_day()
            .chunks(bin_days)
            .enumerate()
            .map(|(k, days)| {
                // [0]: deliveries to the pool; [1] is what reached the offices.
                let sum = days.iter().map(|d| d[0]).sum::<u64>() as f64 / n;
                ((k * bin_days) as f64, sum)
            })
            .collect();
        let peak = bars.iter().map(|b| b.1).fold(10.0, f64::max) * 1.1;
        let mut lower_chart = ChartBuilder::on(&lower)
            .margin_left(10)
            .margin_right(30)
            .margin_bottom(10)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(DateAxis::new(x, &ticks), 0.0..peak)?;
        lower_chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .y_labels(4)
            .x_label_formatter(&|x| ticks.label_of(*x))
            .y_label_formatter(&|y| style::thousands(*y))
            .x_desc("date")
            .y_desc(per.as_str())
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        let width = bin_days as f64;
        lower_chart.draw_series(
            bars.iter()
                .filter(|b| b.1 > 0.0)
                .map(|&(x, v)| Rectangle::new([(x, 0.0), (x + width, v)], MAIN.filled())),
        )?;
        Ok(())
    }
}

/// The stock panel: its dates are on the deliveries panel below.
const STOCK_PANEL: PlotLayout = PlotLayout {
    bottom: 0,
    x_labels: 10,
    ..FULL_WIDTH
};
