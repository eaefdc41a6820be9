//! blanks.png|svg: the blank-card stock over time (median and p10-p90 band)
//! above, and below it when blanks arrived: the mean number delivered per week
//! by scheduled shipments and by reorder lots. One legend above both panels.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::dates::{DateAxis, DateTicks};
use super::fan::{FULL_WIDTH, PlotLayout, time_plot};
use super::legend::{self, Sample};
use super::markers::{self, DateChart, Placed};
use super::style::{self, MAIN, MAIN_BAND, SECOND, SECOND_BAND};
use super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;
use crate::time::Days;

/// The most arrival bars: a week each up to about a year, whole numbers of
/// weeks beyond, so ten years of bars are still wide enough to see.
const MAX_BARS: usize = 60;
/// Share of the plot height given to the stock panel.
const STOCK_SHARE: f64 = 0.66;

/// The blank-stock chart of one scenario.
pub struct Blanks<'a> {
    /// The scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics.
    pub stats: &'a ScenarioStats,
}

impl Figure for Blanks<'_> {
    fn stem(&self) -> &'static str {
        "blanks"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, stats) = (self.scenario, self.stats);
        let subtitle = format!(
            "Blank cards on hand at the end of each day, and deliveries; {}",
            style::replications_note(stats.replications())
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        if sc.blanks.is_none() {
            return style::no_data(&area, "Blanks are unlimited in this scenario.");
        }
        let stock = super::fan::series(sc, stats, |day| &day.blanks);
        let Some(end) = stock.last().map(|p| p.0) else {
            return style::no_data(&area, "No day was simulated.");
        };
        let x = 0.0..end;
        let ticks = DateTicks::new(sc.start, 0.0, end);
        let events = markers::within(markers::shipments(sc), &x);
        let probe_width = time_plot(&area, &ticks, &x, 1.0, &STOCK_PANEL)?
            .plotting_area()
            .dim_in_pixel()
            .0;
        let placed = Placed::new(markers::event_marks(&events), &x, probe_width as i32);
        // A national scenario's shelves are every office's; what reaches them
        // is the pool's lots (and their own shipments), what reaches the pool
        // its deliveries.
        let delivered = if sc.national.is_some() {
            [
                "delivered to the pool (mean per run)",
                "reaching the offices (mean per run)",
            ]
        } else {
            [
                "delivered: shipments (mean per run)",
                "delivered: reorder lots (mean per run)",
            ]
        };
        let mut entries = vec![
            legend::entry(Sample::Fill(MAIN_BAND), "stock: p10-p90"),
            legend::entry(Sample::Line(MAIN, 3), "stock: median"),
            legend::entry(Sample::Fill(MAIN), delivered[0]),
            legend::entry(Sample::Outlined(SECOND_BAND, SECOND), delivered[1]),
        ];
        entries.extend(super::fan::event_entries(&events, false, &placed));
        let area = legend::strip(&area, &entries)?;
        let (upper, lower) = split(&area);
        let peak = stock.iter().map(|p| p.3).fold(1.0, f64::max);
        let (mut chart, top) = stock_panel(&upper, &ticks, &x, peak, &placed, "blanks on hand")?;
        markers::draw_spans(&mut chart, &events, top)?;
        // Alone on its chart, the band is opaque.
        super::fan::draw_band(&mut chart, &stock, MAIN_BAND, 1.0)?;
        chart.draw_series(LineSeries::new(
            stock.iter().map(|p| (p.0, p.2)),
            style::line(MAIN, 3),
        ))?;
        markers::draw_marks(&mut chart, &placed, top)?;

        // Mean blanks delivered per replication in each bar's weeks, stacked:
        // shipments at the bottom (dark), reorders above (light, outlined).
        let weekly = Weekly::of(stats);
        let weeks = &weekly.bars;
        // At least 10: a chart with no delivery gets whole-number ticks.
        let peak = weeks.iter().map(|w| w.1 + w.2).fold(10.0, f64::max) * 1.1;
        let mut bars = weekly.panel(&lower, x, &ticks, peak)?;
        let width = weekly.days as f64;
        bars.draw_series(weeks.iter().filter(|w| w.1 > 0.0).map(|&(x, shipped, _)| {
            Rectangle::new([(x, 0.0), (x + width, shipped)], MAIN.filled())
        }))?;
        bars.draw_series(
            weeks.iter().filter(|w| w.2 > 0.0).map(|&(x, s, r)| {
                Rectangle::new([(x, s), (x + width, s + r)], SECOND_BAND.filled())
            }),
        )?;
        bars.draw_series(weeks.iter().filter(|w| w.2 > 0.0).map(|&(x, s, r)| {
            Rectangle::new([(x, s), (x + width, s + r)], SECOND.stroke_width(1))
        }))?;
        Ok(())
    }
}

/// The stock panel above (its share of the height) and the deliveries panel
/// below: the blanks chart's and the national pool chart's.
pub(super) fn split<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
) -> (DrawingArea<DB, Shift>, DrawingArea<DB, Shift>) {
    let height = area.dim_in_pixel().1;
    area.split_vertically((f64::from(height) * STOCK_SHARE) as u32)
}

/// The stock panel with its grid and axes drawn, its top raised above `peak`
/// to make room for the `placed` event labels; the top is returned too.
pub(super) fn stock_panel<'a, DB: DrawingBackend>(
    upper: &'a DrawingArea<DB, Shift>,
    ticks: &DateTicks,
    x: &std::ops::Range<Days>,
    peak: f64,
    placed: &Placed,
    y_desc: &str,
) -> Result<(DateChart<'a, DB>, f64), DrawingAreaErrorKind<DB::ErrorType>> {
    let probe_height = time_plot(upper, ticks, x, 1.0, &STOCK_PANEL)?
        .plotting_area()
        .dim_in_pixel()
        .1;
    let top = placed.top(peak, probe_height as i32);
    let mut chart = time_plot(upper, ticks, x, top, &STOCK_PANEL)?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(style::GRID)
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|y| style::thousands(*y))
        .y_desc(y_desc)
        .label_style(style::text(style::TICK_PX))
        .axis_desc_style(style::text(style::LABEL_PX))
        .draw()?;
    Ok((chart, top))
}

/// Blanks delivered per bar of whole weeks, mean per replication: a week a
/// bar up to [`MAX_BARS`] bars.
pub(super) struct Weekly {
    /// Days a bar covers.
    pub days: usize,
    /// The deliveries axis' description.
    pub per: String,
    /// `(start, [0] delivered, [1] delivered)` of each bar: the two columns
    /// of [`ScenarioStats::arrivals_per_day`].
    pub bars: Vec<(Days, f64, f64)>,
}

impl Weekly {
    /// The bars of `stats`' deliveries.
    pub fn of(stats: &ScenarioStats) -> Self {
        let n = stats.replications().max(1) as f64;
        let weeks_per_bar = stats.arrivals_per_day().len().div_ceil(7 * MAX_BARS).max(1);
        let days = 7 * weeks_per_bar;
        let per = match weeks_per_bar {
            1 => "blanks / week".to_owned(),
            n => format!("blanks / {n} weeks"),
        };
        let bars = stats
            .arrivals_per_day()
            .chunks(days)
            .enumerate()
            .map(|(k, bin)| {
                let sum = |i: usize| bin.iter().map(|d| d[i]).sum::<u64>() as f64 / n;
                ((k * days) as f64, sum(0), sum(1))
            })
            .collect();
        Self { days, per, bars }
    }

    /// The deliveries panel, from 0 to `peak`, with its grid and axes drawn.
    pub fn panel<'a, DB: DrawingBackend>(
        &self,
        lower: &'a DrawingArea<DB, Shift>,
        x: std::ops::Range<Days>,
        ticks: &DateTicks,
        peak: f64,
    ) -> Result<DateChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
        let mut bars = ChartBuilder::on(lower)
            .margin_left(10)
            .margin_right(30)
            .margin_bottom(10)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(DateAxis::new(x, ticks), 0.0..peak)?;
        bars.configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .y_labels(4)
            .x_label_formatter(&|x| ticks.label_of(*x))
            .y_label_formatter(&|y| style::thousands(*y))
            .x_desc("date")
            .y_desc(self.per.as_str())
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        Ok(bars)
    }
}

/// The stock panel: its dates are on the deliveries panel below.
pub(super) const STOCK_PANEL: PlotLayout = PlotLayout {
    bottom: 0,
    x_labels: 10,
    ..FULL_WIDTH
};
