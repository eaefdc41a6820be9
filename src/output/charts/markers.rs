//! What happens on a scenario's calendar, marked on its time charts: the
//! deadline, scheduled server and link outages, and scheduled blank shipments;
//! and how the labels of vertical lines are laid out so that none covers
//! another or the data.
//!
//! Only scheduled events are marked: random outages and reorders differ from one
//! replication to the next, and the bands already show their effect.
//!
//! Labels sit in rows at the top of the plot. Each reads away from the nearer
//! edge of the plot, and goes to the first row where it overlaps no label
//! already placed ([`stack`]); the chart then lifts its y range so that the
//! data stay under the rows ([`Placed::top`]). Labels are drawn last, over
//! every band, on a white backing so a line crossing a row does not cross
//! its words.

use std::ops::Range;

use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

use super::DrawResult;
use super::dates::DateAxis;
use super::style::{self, DEADLINE, EVENT, EVENT_ALPHA, ROW_PX};
use crate::scenario::{OutageTiming, Scenario};
use crate::time::Days;

/// A chart whose x axis is days since the start with date ticks.
pub type DateChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<DateAxis, RangedCoordf64>>;

/// Space between a line and its label, and between two labels in a row.
const GAP_PX: i32 = 8;
/// The most rows of labels; labels that find no room are left out and counted.
const MAX_ROWS: usize = 5;

/// A scheduled event: a span of time (a point when `to == from`) and its label.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Onset, days since start.
    pub from: Days,
    /// End (the mean duration after the onset), days since start.
    pub to: Days,
    /// What it is, for the chart.
    pub label: String,
}

/// Scheduled server and link outages, spanning their mean duration.
pub fn outages(scenario: &Scenario) -> Vec<Event> {
    let server = scenario.server.iter().flat_map(|s| &s.outages);
    let server = server.filter_map(|o| match o.when {
        OutageTiming::At(at) => Some(Event {
            from: at,
            to: at + o.duration.mean(),
            label: format!("{} (server)", o.name),
        }),
        OutageTiming::Every(_) => None,
    });
    let link = scenario.network.iter().flat_map(|n| &n.outages);
    let link = link.map(|o| Event {
        from: o.at,
        to: o.at + o.duration.mean(),
        // Unnamed outages are already called "link outage N".
        label: match o.name.as_str() {
            "" => "link outage".to_owned(),
            name if name.starts_with("link outage") => name.to_owned(),
            name => format!("{name} (link)"),
        },
    });
    server.chain(link).collect()
}

/// Scheduled blank shipments at their planned arrival.
pub fn shipments(scenario: &Scenario) -> Vec<Event> {
    let shipments = scenario.blanks.iter().flat_map(|b| &b.shipments);
    shipments
        .map(|s| Event {
            from: s.at.max(0.0),
            to: s.at.max(0.0) + s.delay.as_ref().map_or(0.0, |d| d.mean()),
            label: format!("{} blanks due", style::thousands(s.quantity as f64)),
        })
        .collect()
}

/// The events that reach into `x`, cut to it: a shape outside the plot
/// would be drawn along its edge.
pub fn within(events: Vec<Event>, x: &Range<Days>) -> Vec<Event> {
    events
        .into_iter()
        .filter(|e| e.from <= x.end && e.to >= x.start)
        .map(|e| Event {
            from: e.from.max(x.start),
            to: e.to.min(x.end),
            ..e
        })
        .collect()
}

/// A label for a vertical line at `x`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// Where the line is, days since start.
    pub x: Days,
    /// The words.
    pub text: String,
    /// Their colour.
    pub color: RGBColor,
}

/// The labels of `events` (cut to the chart by [`within`]), in grey.
pub fn event_marks(events: &[Event]) -> Vec<Mark> {
    events
        .iter()
        .map(|e| Mark {
            x: e.from,
            text: e.label.clone(),
            color: EVENT,
        })
        .collect()
}

/// The deadline's label, when it lies on the x range.
pub fn deadline_mark(scenario: &Scenario, x: &Range<Days>) -> Option<Mark> {
    let d = scenario
        .deadline
        .filter(|d| d.at >= x.start && d.at <= x.end)?;
    Some(Mark {
        x: d.at,
        text: format!("deadline {}", d.date.strftime("%-d %b %Y")),
        color: DEADLINE,
    })
}

/// The row of each box `left..right` (pixels), in order: the first row where
/// it is at least `gap` from every box already there. Pure, so a test can
/// check that no two boxes in a row overlap.
pub fn stack(boxes: &[(i32, i32)], gap: i32) -> Vec<usize> {
    let mut rows: Vec<Vec<(i32, i32)>> = Vec::new();
    boxes
        .iter()
        .map(|&(l, r)| {
            let free =
                |row: &Vec<(i32, i32)>| row.iter().all(|&(a, b)| r + gap <= a || b + gap <= l);
            let k = rows.iter().position(free).unwrap_or(rows.len());
            if k == rows.len() {
                rows.push(Vec::new());
            }
            rows[k].push((l, r));
            k
        })
        .collect()
}

/// Where each label's box goes on a plot `width` pixels wide showing `x`:
/// right of its line in the left half, left of it in the right half, unless
/// only the other side keeps it off the other marks' lines; moved inside the
/// plot if it would stick out. (left, right) in pixels.
pub fn boxes(marks: &[Mark], x: &Range<Days>, width: i32) -> Vec<(i32, i32)> {
    let font = style::text(style::TICK_PX);
    let span = (x.end - x.start).max(f64::MIN_POSITIVE);
    let lines: Vec<i32> = marks
        .iter()
        .map(|m| ((m.x - x.start) / span * f64::from(width)).round() as i32)
        .collect();
    marks
        .iter()
        .zip(&lines)
        .map(|(m, &at)| {
            let w = style::width(&font, &m.text) as i32;
            let right = (at + GAP_PX / 2, at + GAP_PX / 2 + w);
            let left = (at - GAP_PX / 2 - w, at - GAP_PX / 2);
            let inside = |b: (i32, i32)| b.0 >= 0 && b.1 <= width;
            let clear = |b: (i32, i32)| !lines.iter().any(|&l| l != at && b.0 <= l && l <= b.1);
            let (preferred, other) = if at < width / 2 {
                (right, left)
            } else {
                (left, right)
            };
            let chosen = if !clear(preferred) && clear(other) && inside(other) {
                other
            } else {
                preferred
            };
            let l = chosen.0.clamp(0, (width - w).max(0));
            (l, l + w)
        })
        .collect()
}

/// Labels laid out in rows at the top of a plot.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Each label drawn, with its box's left edge in pixels and its row.
    pub marks: Vec<(Mark, i32, usize)>,
    /// How many rows they take.
    pub rows: usize,
    /// Labels left out for want of rows.
    pub left_out: usize,
}

impl Placed {
    /// Lays out `marks` on a plot `width` pixels wide showing `x`, earlier
    /// marks first.
    pub fn new(marks: Vec<Mark>, x: &Range<Days>, width: i32) -> Self {
        let boxes = boxes(&marks, x, width);
        let rows = stack(&boxes, GAP_PX);
        let left_out = rows.iter().filter(|&&r| r >= MAX_ROWS).count();
        let marks: Vec<_> = marks
            .into_iter()
            .zip(boxes.iter().zip(&rows))
            .filter(|(_, (_, r))| **r < MAX_ROWS)
            .map(|(m, (b, &r))| (m, b.0, r))
            .collect();
        Self {
            rows: marks.iter().map(|m| m.2 + 1).max().unwrap_or(0),
            marks,
            left_out,
        }
    }

    /// The top of a y range on a plot `height` pixels high that puts `peak`
    /// a little under the label rows.
    pub fn top(&self, peak: f64, height: i32) -> f64 {
        let reserved = if self.rows == 0 {
            0
        } else {
            self.rows as i32 * ROW_PX + 6
        };
        let free = f64::from((height - reserved).max(height / 3).max(1));
        peak.max(f64::MIN_POSITIVE) * 1.05 * f64::from(height.max(1)) / free
    }
}

/// Shades each event's span and draws a line at its onset, over the full
/// height: draw these first, under the data.
pub fn draw_spans<DB: DrawingBackend>(
    chart: &mut DateChart<'_, DB>,
    events: &[Event],
    top: f64,
) -> DrawResult<DB> {
    for e in events {
        let span = Rectangle::new(
            [(e.from, 0.0), (e.to, top)],
            EVENT.mix(EVENT_ALPHA).filled(),
        );
        chart.draw_series(std::iter::once(span))?;
        let onset = PathElement::new(vec![(e.from, 0.0), (e.from, top)], style::line(EVENT, 1));
        chart.draw_series(std::iter::once(onset))?;
    }
    Ok(())
}

/// Draws the deadline as a dashed vertical line, when it lies on the chart.
pub fn draw_deadline<DB: DrawingBackend>(
    chart: &mut DateChart<'_, DB>,
    scenario: &Scenario,
    top: f64,
) -> DrawResult<DB> {
    let x = chart.x_range();
    if let Some(d) = scenario
        .deadline
        .filter(|d| d.at >= x.start && d.at <= x.end)
    {
        chart.draw_series(DashedLineSeries::new(
            [(d.at, 0.0), (d.at, top)],
            8,
            5,
            style::line(DEADLINE, 2),
        ))?;
    }
    Ok(())
}

/// Draws the labels in their rows from the top of the plot (`top` in data
/// units), on white backings: draw these last.
pub fn draw_marks<DB: DrawingBackend>(
    chart: &mut DateChart<'_, DB>,
    placed: &Placed,
    top: f64,
) -> DrawResult<DB> {
    let width = chart.plotting_area().dim_in_pixel().0 as i32;
    let x = chart.x_range();
    let span = (x.end - x.start).max(f64::MIN_POSITIVE);
    let font = style::text(style::TICK_PX);
    for (m, left, row) in &placed.marks {
        let at = ((m.x - x.start) / span * f64::from(width)).round() as i32;
        let (dx, dy) = (left - at, 4 + *row as i32 * ROW_PX);
        let w = style::width(&font, &m.text) as i32;
        let backing = Rectangle::new(
            [(dx - 2, dy - 2), (dx + w + 2, dy + ROW_PX - 4)],
            WHITE.filled(),
        );
        let words = Text::new(m.text.clone(), (dx, dy), font.color(&m.color));
        chart.draw_series(std::iter::once(
            EmptyElement::at((m.x, top)) + backing + words,
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: (i32, i32), b: (i32, i32)) -> bool {
        a.0 < b.1 && b.0 < a.1
    }

    #[test]
    fn stacked_boxes_in_one_row_never_overlap() {
        // Median, deadline and p90 of a clear-days chart a few pixels apart,
        // then one far away that fits back in the first row.
        let boxes = [(300, 420), (310, 520), (330, 400), (600, 700), (100, 290)];
        let rows = stack(&boxes, 8);
        assert_eq!(rows, [0, 1, 2, 0, 0]);
        for i in 0..boxes.len() {
            for j in i + 1..boxes.len() {
                if rows[i] == rows[j] {
                    assert!(!overlap(boxes[i], boxes[j]), "{i} and {j}");
                }
            }
        }
        assert!(stack(&[], 8).is_empty());
    }

    #[test]
    fn labels_read_away_from_the_nearer_edge_and_stay_inside() {
        let mark = |x: f64| Mark {
            x,
            text: "deadline 27 Jun 2018".into(),
            color: DEADLINE,
        };
        let b = boxes(&[mark(10.0), mark(90.0), mark(100.0)], &(0.0..100.0), 800);
        assert!(b[0].0 > 80 && b[0].1 > b[0].0);
        assert!(b[1].1 < 720);
        assert!(b[2].1 <= 800 && b[2].0 >= 0);
        let placed = Placed::new(vec![mark(90.0), mark(91.0), mark(10.0)], &(0.0..100.0), 800);
        assert_eq!(placed.rows, 2);
        // A label that would cross another mark's line reads the other way.
        let b = boxes(&[mark(40.0), mark(50.0)], &(0.0..100.0), 800);
        assert!(b[0].1 < 320 && b[1].0 > 400, "{b:?}");
        assert_eq!(placed.left_out, 0);
        // Two rows take 46 of 400 pixels: the peak sits under them.
        let top = placed.top(100.0, 400);
        assert!(top > 100.0 * 400.0 / 354.0 && top < 130.0, "{top}");
    }
}
