//! regions.png|svg: the regions of a national scenario compared, one row
//! each, latest first: the p10-p90 range of the day the region's last office
//! clears, its median marked, on a date axis with the deadline as a line;
//! beside each row the mean number of its offices cleared by the deadline
//! (or its number of offices without a deadline).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::super::dates::{DateAxis, DateTicks};
use super::super::legend::{self, Sample};
use super::super::style::{self, DEADLINE, INK, MAIN, MAIN_BAND};
use super::super::{DrawResult, Figure};
use super::offices::region_name;
use crate::scenario::Scenario;
use crate::stats::{NationalStats, ScenarioStats};

/// The most rows: more regions than this show the latest ones.
pub const MAX_ROWS: usize = 40;
/// Half the height of a row's bar, in rows.
const BAR: f64 = 0.32;
/// Room right of the plot for the offices cleared by the deadline, in pixels.
const NOTE_PX: u32 = 150;

/// The regions of a national scenario compared.
pub struct Regions<'a> {
    /// The national scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics.
    pub stats: &'a ScenarioStats,
    /// Their national part.
    pub national: &'a NationalStats,
}

impl Figure for Regions<'_> {
    fn stem(&self) -> &'static str {
        "regions"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, national) = (self.scenario, self.national);
        let totals = crate::output::national::region_totals(sc, national);
        let mut rows: Vec<(usize, [Option<f64>; 3])> = national
            .regions
            .iter()
            .enumerate()
            .map(|(r, (_, u))| (r, super::quantiles(&u.clear_days)))
            .collect();
        // Latest median first (past the horizon before all), then p90.
        let key = |q: &[Option<f64>; 3]| q.map(|x| x.unwrap_or(f64::INFINITY));
        rows.sort_by(|a, b| {
            let (a, b) = (key(&a.1), key(&b.1));
            b[1].total_cmp(&a[1]).then(b[2].total_cmp(&a[2]))
        });
        let all = rows.len();
        rows.truncate(MAX_ROWS);
        let shown = if all > rows.len() {
            format!("the latest {} of {all} regions", rows.len())
        } else {
            format!("{all} regions")
        };
        let subtitle = format!(
            "When a region's last office clears, {shown}, latest median first: p10-p90 and \
             median; {}",
            style::replications_note(self.stats.replications())
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        if rows.is_empty() {
            return style::no_data(&area, "No region.");
        }
        let deadline = sc.deadline.filter(|d| d.at <= sc.horizon);
        let censored = rows.iter().any(|r| r.1[2].is_none());
        let x = super::clear_day_axis(sc, rows.iter().map(|r| &r.1));
        let ticks = DateTicks::new(sc.start, x.start, x.end);
        let mut entries = vec![
            legend::entry(Sample::Outlined(MAIN_BAND, MAIN), "p10-p90"),
            legend::entry(Sample::Tick(INK, 3), "median"),
        ];
        if let Some(d) = deadline {
            entries.push(legend::entry(
                Sample::Dashed(DEADLINE, 2),
                format!("deadline {}", d.date.strftime("%-d %b %Y")),
            ));
        }
        if censored {
            entries.push(legend::entry(
                Sample::Fill(MAIN_BAND),
                "a bar to the right edge: past the horizon",
            ));
        }
        let area = legend::strip(&area, &entries)?;
        let n = rows.len();
        let height = area.dim_in_pixel().1.saturating_sub(70).max(1);
        let row_px = f64::from(height) / n as f64;
        let px = (row_px - 2.0).clamp(9.0, style::TICK_PX);
        let font = style::text(px);
        let names: Vec<&str> = rows
            .iter()
            .map(|(r, _)| region_name(&national.regions[*r].0))
            .collect();
        let widest = names
            .iter()
            .map(|t| style::width(&font, t))
            .max()
            .unwrap_or(0);
        let label_px = (widest + 20).clamp(80, 260);
        let mut chart = ChartBuilder::on(&area)
            .margin_left(10)
            .margin_right(NOTE_PX)
            .margin_bottom(10)
            .x_label_area_size(50)
            .y_label_area_size(label_px)
            .build_cartesian_2d(DateAxis::new(x.clone(), &ticks), -0.5..n as f64 - 0.5)?;
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .disable_y_mesh()
            .y_labels(0)
            .x_label_formatter(&|x| ticks.label_of(*x))
            .x_desc("date the region's last office clears")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        let y_of = |k: usize| (n - 1 - k) as f64;
        let mark = (x.end - x.start) * 0.003;
        let fit = label_px.saturating_sub(16);
        for (k, (r, q)) in rows.iter().enumerate() {
            let y = y_of(k);
            let (px_x, px_y) = chart.backend_coord(&(x.start, y));
            root.draw(&Text::new(
                style::fit(&font, names[k], fit),
                (px_x - 8, px_y),
                font.pos(Pos::new(HPos::Right, VPos::Center)),
            ))?;
            if let Some(p10) = q[0] {
                let p90 = q[2].unwrap_or(x.end);
                chart.draw_series([
                    Rectangle::new([(p10, y - BAR), (p90, y + BAR)], MAIN_BAND.filled()),
                    Rectangle::new([(p10, y - BAR), (p90, y + BAR)], MAIN.stroke_width(1)),
                ])?;
            }
            if let Some(p50) = q[1] {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(p50 - mark, y - BAR), (p50 + mark, y + BAR)],
                    INK.filled(),
                )))?;
            }
            let u = &national.regions[*r].1;
            let (offices, _) = totals[*r];
            let note = match u
                .offices_cleared_by_deadline
                .mean()
                .filter(|_| deadline.is_some())
            {
                Some(m) => format!("{m:.1} of {offices} by deadline"),
                None => format!("{offices} offices"),
            };
            let (right, _) = chart.backend_coord(&(x.end, y));
            root.draw(&Text::new(
                style::fit(&font, &note, NOTE_PX - 12),
                (right + 8, px_y),
                font.pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
        }
        if let Some(d) = deadline {
            chart.draw_series(DashedLineSeries::new(
                [(d.at, -0.5), (d.at, n as f64 - 0.5)],
                8,
                5,
                style::line(DEADLINE, 2),
            ))?;
        }
        Ok(())
    }
}
