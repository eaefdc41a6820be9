//! blanks.png|svg: the blank-card stock over time (median and p10-p90 band)
//! above, and below it when blanks arrived: the mean number delivered per week
//! by scheduled shipments and by reorder lots.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::dates::{DateAxis, DateTicks};
use super::markers;
use super::style::{self, MAIN, MAIN_BAND, SECOND, SECOND_BAND};
use super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;
use crate::time::Days;

/// Days per arrival bar: daily bars of a year are too thin to see.
const BIN_DAYS: usize = 7;
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
        let n = stats.replications().max(1) as f64;
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
        let ticks = DateTicks::new(sc.start, 0.0, end, 8);
        let height = area.dim_in_pixel().1;
        let (upper, lower) = area.split_vertically((f64::from(height) * STOCK_SHARE) as u32);

        let top = stock.iter().map(|p| p.3).fold(1.0, f64::max) * 1.25;
        let mut chart = ChartBuilder::on(&upper)
            .margin_left(10)
            .margin_right(30)
            .x_label_area_size(10)
            .y_label_area_size(90)
            .build_cartesian_2d(DateAxis::new(0.0..end, &ticks), 0.0..top)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .x_label_formatter(&|_| String::new())
            .y_label_formatter(&|y| style::thousands(*y))
            .y_desc("blanks on hand")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        markers::draw_events(&mut chart, &markers::shipments(sc), top, top * 0.06, 0)?;
        // Alone on its chart, the band is opaque.
        super::fan::draw_band(&mut chart, &stock, "stock", MAIN_BAND, 1.0)?;
        chart
            .draw_series(LineSeries::new(
                stock.iter().map(|p| (p.0, p.2)),
                style::line(MAIN, 3),
            ))?
            .label("stock: median")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style::line(MAIN, 3)));
        style::legend(&mut chart, SeriesLabelPosition::UpperRight)?;

        // Mean blanks delivered per replication in each week, stacked:
        // shipments at the bottom (dark), reorders above (light, outlined).
        let weeks: Vec<(Days, f64, f64)> = stats
            .arrivals_per_day()
            .chunks(BIN_DAYS)
            .enumerate()
            .map(|(k, days)| {
                let sum = |i: usize| days.iter().map(|d| d[i]).sum::<u64>() as f64 / n;
                ((k * BIN_DAYS) as f64, sum(0), sum(1))
            })
            .collect();
        let peak = weeks.iter().map(|w| w.1 + w.2).fold(1.0, f64::max) * 1.15;
        let mut bars = ChartBuilder::on(&lower)
            .margin_left(10)
            .margin_right(30)
            .margin_bottom(10)
            .x_label_area_size(50)
            .y_label_area_size(90)
            .build_cartesian_2d(DateAxis::new(0.0..end, &ticks), 0.0..peak)?;
        bars.configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .y_labels(4)
            .x_label_formatter(&|x| ticks.label_of(*x))
            .y_label_formatter(&|y| style::thousands(*y))
            .x_desc("date")
            .y_desc("delivered / week")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        let width = BIN_DAYS as f64;
        bars.draw_series(weeks.iter().filter(|w| w.1 > 0.0).map(|&(x, shipped, _)| {
            Rectangle::new([(x, 0.0), (x + width, shipped)], MAIN.filled())
        }))?
        .label("shipments (mean per run)")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], MAIN.filled()));
        bars.draw_series(
            weeks.iter().filter(|w| w.2 > 0.0).map(|&(x, s, r)| {
                Rectangle::new([(x, s), (x + width, s + r)], SECOND_BAND.filled())
            }),
        )?
        .label("reorder lots (mean per run)")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 24, y + 6)], SECOND_BAND.filled()));
        bars.draw_series(weeks.iter().filter(|w| w.2 > 0.0).map(|&(x, s, r)| {
            Rectangle::new([(x, s), (x + width, s + r)], SECOND.stroke_width(1))
        }))?;
        style::legend(&mut bars, SeriesLabelPosition::UpperMiddle)?;
        Ok(())
    }
}
