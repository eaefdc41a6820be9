//! offices.png|svg: every office of a national scenario as one thin column,
//! ranked by the day its initial backlog is cleared in nine runs out of ten
//! (p90), latest at the right: its p10-p90 range of clearing days with its
//! median marked, on a date axis, with the deadline as a line across.
//!
//! Readable at 514 offices: columns are coloured by region, a few regions
//! by name (those of the latest offices, the ones a planner looks for) and
//! the rest in grey; only the ten latest offices are named, in a list beside
//! the plot with a thin leader line to the top of each one's column.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::super::dates::{self, DateAxis, DateTicks};
use super::super::legend::{self, Sample};
use super::super::style::{self, DEADLINE, EVENT, INK, ROW_PX};
use super::super::{DrawResult, Figure};
use crate::scenario::Scenario;
use crate::stats::{NationalStats, ScenarioStats};

/// Offices named beside the plot.
pub const NAMED: usize = 10;
/// Width of the list of named offices, in pixels.
const LIST_PX: u32 = 300;

/// Colours of the regions named in the legend: each differs from the next
/// in lightness as well as hue.
pub const REGION_COLOURS: [RGBColor; 6] = [
    RGBColor(27, 45, 92),
    RGBColor(214, 140, 40),
    RGBColor(40, 130, 120),
    RGBColor(150, 70, 140),
    RGBColor(120, 150, 40),
    RGBColor(90, 160, 220),
];
/// The regions not named.
pub const OTHER_REGIONS: RGBColor = RGBColor(185, 185, 185);

/// The offices of a national scenario, ranked.
pub struct Offices<'a> {
    /// The national scenario as run.
    pub scenario: &'a Scenario,
    /// Its statistics.
    pub stats: &'a ScenarioStats,
    /// Their national part.
    pub national: &'a NationalStats,
}

/// One office: its index, p10, p50, p90 of the clearing day.
#[derive(Debug, Clone, Copy)]
pub struct Ranked {
    /// Index in the scenario's offices.
    pub index: usize,
    /// p10, p50, p90 (`None` past the horizon).
    pub q: [Option<f64>; 3],
}

/// The offices ranked by p90 clearing day, earliest first; past the horizon
/// last, then by p50 and p10; ties in the scenario's order.
pub fn ranked(national: &NationalStats) -> Vec<Ranked> {
    let mut offices: Vec<Ranked> = national
        .offices
        .iter()
        .enumerate()
        .map(|(index, u)| Ranked {
            index,
            q: super::quantiles(&u.clear_days),
        })
        .collect();
    let key = |r: &Ranked| r.q.map(|x| x.unwrap_or(f64::INFINITY));
    offices.sort_by(|a, b| {
        let (a, b) = (key(a), key(b));
        a[2].total_cmp(&b[2])
            .then(a[1].total_cmp(&b[1]))
            .then(a[0].total_cmp(&b[0]))
    });
    offices
}

/// The regions named in the legend: those of the latest offices, latest
/// first, as many as there are colours (all of them when they fit).
pub fn named_regions(national: &NationalStats, ranked: &[Ranked]) -> Vec<usize> {
    let mut named = Vec::new();
    for r in ranked.iter().rev() {
        let region = national.region_of(r.index);
        if !named.contains(&region) {
            named.push(region);
            if named.len() == REGION_COLOURS.len() {
                break;
            }
        }
    }
    named
}

/// A region's name for a reader: "no region" for offices without one.
pub fn region_name(name: &str) -> &str {
    if name.is_empty() { "no region" } else { name }
}

impl Figure for Offices<'_> {
    fn stem(&self) -> &'static str {
        "offices"
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let (sc, national) = (self.scenario, self.national);
        let Some(config) = sc.national.as_ref() else {
            return Ok(());
        };
        let n = national.offices.len();
        let subtitle = format!(
            "{} offices ranked by the day they clear in 9 runs of 10 (p90): p10-p90 and \
             median; {}",
            style::thousands(n as f64),
            style::replications_note(self.stats.replications())
        );
        let area = style::titled(root, &sc.title, &subtitle)?;
        let ranked = ranked(national);
        if ranked.is_empty() {
            return style::no_data(&area, "No office.");
        }
        let named = named_regions(national, &ranked);
        let colour = |i: usize| {
            let region = national.region_of(i);
            named
                .iter()
                .position(|&r| r == region)
                .map_or(OTHER_REGIONS, |k| REGION_COLOURS[k])
        };
        let deadline = sc.deadline.filter(|d| d.at <= sc.horizon);
        let censored = ranked.iter().any(|r| r.q[2].is_none());
        let y = super::clear_day_axis(sc, ranked.iter().map(|r| &r.q));
        let ticks = DateTicks::new(sc.start, y.start, y.end);

        let mut entries: Vec<legend::Entry> = named
            .iter()
            .enumerate()
            .map(|(k, &r)| {
                legend::entry(
                    Sample::Fill(REGION_COLOURS[k]),
                    region_name(&national.regions[r].0),
                )
            })
            .collect();
        if named.len() < national.regions.len() {
            entries.push(legend::entry(
                Sample::Fill(OTHER_REGIONS),
                format!("{} other regions", national.regions.len() - named.len()),
            ));
        }
        entries.push(legend::entry(Sample::Line(INK, 2), "median"));
        if let Some(d) = deadline {
            entries.push(legend::entry(
                Sample::Dashed(DEADLINE, 2),
                format!("deadline {}", d.date.strftime("%-d %b %Y")),
            ));
        }
        if censored {
            entries.push(legend::entry(
                Sample::Dashed(EVENT, 1),
                "horizon: a column reaching it is not cleared in 1 run of 10 or more",
            ));
        }
        let area = legend::strip(&area, &entries)?;
        let width = area.dim_in_pixel().0;
        let (left, _) = area.split_horizontally(width.saturating_sub(LIST_PX));
        let mut chart = ChartBuilder::on(&left)
            .margin_left(10)
            .margin_right(10)
            .margin_bottom(10)
            .x_label_area_size(40)
            .y_label_area_size(90)
            .build_cartesian_2d(-0.5..n as f64 - 0.5, DateAxis::new(y.clone(), &ticks))?;
        let x_desc = format!("{n} offices, earliest p90 at the left, latest at the right");
        chart
            .configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(style::GRID)
            .disable_x_mesh()
            .x_labels(0)
            .y_label_formatter(&|y| ticks.label_of(*y))
            .x_desc(x_desc.as_str())
            .y_desc("date cleared")
            .label_style(style::text(style::TICK_PX))
            .axis_desc_style(style::text(style::LABEL_PX))
            .draw()?;
        let plot_w = chart.plotting_area().dim_in_pixel().0.max(1) as f64;
        let px = plot_w / n as f64;
        let column = ((px * 0.6).round() as u32).clamp(1, 6);
        let half = (0.4f64).max(1.5 / px);
        // Dense columns get a thin median, so the colours still show.
        let median = if px < 4.0 { 1 } else { 2 };
        if let Some(d) = deadline {
            chart.draw_series(DashedLineSeries::new(
                [(-0.5, d.at), (n as f64 - 0.5, d.at)],
                8,
                5,
                style::line(DEADLINE, 2),
            ))?;
        }
        if censored {
            chart.draw_series(DashedLineSeries::new(
                [(-0.5, sc.horizon), (n as f64 - 0.5, sc.horizon)],
                3,
                4,
                style::line(EVENT, 1),
            ))?;
        }
        for (k, r) in ranked.iter().enumerate() {
            let x = k as f64;
            let from = r.q[0].unwrap_or(sc.horizon);
            let to = r.q[2].unwrap_or(sc.horizon);
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x, from), (x, to)],
                style::line(colour(r.index), column),
            )))?;
        }
        for (k, r) in ranked.iter().enumerate() {
            if let Some(p50) = r.q[1] {
                let x = k as f64;
                chart.draw_series(std::iter::once(PathElement::new(
                    vec![(x - half, p50), (x + half, p50)],
                    style::line(INK, median),
                )))?;
            }
        }

        // The latest offices by name, latest first, beside the plot.
        let font = style::text(style::TICK_PX);
        let (_, plot_top) = chart.backend_coord(&(0.0, y.end));
        let (plot_right, plot_bottom) = chart.backend_coord(&(n as f64 - 0.5, y.start));
        let shown = NAMED.min(n);
        let step = ((plot_bottom - plot_top) / (shown + 1) as i32).min(ROW_PX + 6);
        let list_x = plot_right + 40;
        let room = (root.dim_in_pixel().0 as i32 - list_x - 12).max(40) as u32;
        let head = style::text(style::TICK_PX);
        root.draw(&Text::new(
            style::fit(
                &head,
                &format!("Latest {shown}: p90 date, office (region)"),
                room,
            ),
            (list_x, plot_top + step / 2),
            head.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        let latest: Vec<&Ranked> = ranked.iter().rev().take(shown).collect();
        let tips: Vec<(i32, i32)> = latest
            .iter()
            .enumerate()
            .map(|(j, r)| {
                let k = ranked.len() - 1 - j;
                chart.backend_coord(&(k as f64, r.q[2].unwrap_or(sc.horizon)))
            })
            .collect();
        // Each label as near its column's top as the rows allow, in order,
        // so the leader lines run nearly level and do not cross.
        let first = plot_top + step / 2 + step;
        let rows = spread(
            &tips.iter().map(|t| t.1).collect::<Vec<_>>(),
            step,
            first..plot_bottom - step / 2,
        );
        for ((r, &tip), &ly) in latest.iter().zip(&tips).zip(&rows) {
            let office = &config.offices[r.index];
            let date =
                r.q[2].map_or_else(|| "past horizon".to_owned(), |d| dates::long(sc.start, d));
            let words = format!("{date}  {} ({})", office.name, region_name(&office.region));
            root.draw(&Rectangle::new(
                [(list_x, ly - 5), (list_x + 10, ly + 5)],
                colour(r.index).filled(),
            ))?;
            root.draw(&Text::new(
                style::fit(&font, &words, room - 16),
                (list_x + 16, ly),
                font.pos(Pos::new(HPos::Left, VPos::Center)),
            ))?;
            root.draw(&PathElement::new(
                vec![(list_x - 4, ly), (plot_right + 8, ly), tip],
                style::line(EVENT, 1),
            ))?;
        }
        Ok(())
    }
}

/// Positions for labels that want to sit at `wanted` (pixels, in order):
/// each at least `step` below the one before, within `room` where it can be,
/// moved up together when the last would fall below it.
pub fn spread(wanted: &[i32], step: i32, room: std::ops::Range<i32>) -> Vec<i32> {
    let mut at: Vec<i32> = Vec::with_capacity(wanted.len());
    for &w in wanted {
        let floor = at.last().map_or(room.start, |&p| p + step);
        at.push(w.max(floor));
    }
    // Push back up from the bottom, never above the top.
    let mut ceiling = room.end;
    for p in at.iter_mut().rev() {
        *p = (*p).min(ceiling);
        ceiling = *p - step;
    }
    let mut floor = room.start;
    for p in &mut at {
        *p = (*p).max(floor);
        floor = *p + step;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::spread;

    #[test]
    fn labels_spread_in_order_a_row_apart() {
        // Near their wishes where there is room.
        assert_eq!(spread(&[100, 300, 500], 20, 50..600), [100, 300, 500]);
        // Crowded: a row apart, in order.
        assert_eq!(spread(&[400, 400, 401], 20, 50..600), [400, 420, 440]);
        // Crowded at the bottom: moved up together.
        assert_eq!(spread(&[590, 590, 590], 20, 50..600), [560, 580, 600]);
        // Above the room: down to it.
        assert_eq!(spread(&[0, 10], 20, 50..600), [50, 70]);
    }
}
