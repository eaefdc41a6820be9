//! The legend of a chart: a strip of samples and their words between the
//! subtitle and the plot, wrapped onto as many rows as it needs.
//!
//! A legend inside the plot covers data sooner or later (a delivery bar, the
//! cumulative curve at 100%, a deadline label); in its own strip it never
//! does, at the cost of a row or two of height.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{self, LEFT_PX, ROW_PX};

/// Length of a sample, in pixels.
const SAMPLE_PX: i32 = 24;
/// Space between a sample and its words.
const SAMPLE_GAP_PX: i32 = 6;
/// Space between one entry and the next.
const ENTRY_GAP_PX: i32 = 26;

/// How a series looks, drawn as the sample of its entry.
#[derive(Debug, Clone, Copy)]
pub enum Sample {
    /// A filled box (a band or a bar).
    Fill(RGBColor),
    /// A filled box with an outline.
    Outlined(RGBColor, RGBColor),
    /// A solid line of the given width.
    Line(RGBColor, u32),
    /// A dashed line of the given width.
    Dashed(RGBColor, u32),
    /// A short vertical line (a deadline tick, a base value).
    Tick(RGBColor, u32),
}

/// One entry: its sample and its words.
#[derive(Debug, Clone)]
pub struct Entry {
    /// How the series looks.
    pub sample: Sample,
    /// What it is.
    pub label: String,
}

/// An entry.
pub fn entry(sample: Sample, label: impl Into<String>) -> Entry {
    Entry {
        sample,
        label: label.into(),
    }
}

/// Where each entry of the given widths (sample included) goes on a strip
/// `room` pixels wide: (x, row), filling a row before starting the next.
pub fn layout(widths: &[i32], room: i32) -> Vec<(i32, usize)> {
    let (mut x, mut row) = (0, 0);
    widths
        .iter()
        .map(|&w| {
            if x > 0 && x + w > room {
                (x, row) = (0, row + 1);
            }
            let at = (x, row);
            x += w + ENTRY_GAP_PX;
            at
        })
        .collect()
}

/// Draws `entries` at the top of `area` and returns the area below them.
pub fn strip<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    if entries.is_empty() {
        return Ok(area.clone());
    }
    let font = style::text(style::TICK_PX);
    let widths: Vec<i32> = entries
        .iter()
        .map(|e| SAMPLE_PX + SAMPLE_GAP_PX + style::width(&font, &e.label) as i32)
        .collect();
    let room = area.dim_in_pixel().0 as i32 - 2 * LEFT_PX;
    let places = layout(&widths, room);
    let rows = places.last().map_or(0, |p| p.1) + 1;
    for (e, &(x, row)) in entries.iter().zip(&places) {
        let (x, y) = (LEFT_PX + x, ROW_PX / 2 + row as i32 * ROW_PX);
        draw_sample(area, e.sample, (x, y))?;
        area.draw(&Text::new(
            e.label.clone(),
            (x + SAMPLE_PX + SAMPLE_GAP_PX, y),
            font.pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(area.clone().split_vertically(rows as i32 * ROW_PX + 4).1)
}

/// Draws a sample with its left end at `(x, y)`, centred on `y`.
fn draw_sample<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    sample: Sample,
    (x, y): (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let boxed = [(x, y - 6), (x + SAMPLE_PX, y + 6)];
    match sample {
        Sample::Fill(c) => area.draw(&Rectangle::new(boxed, c.filled())),
        Sample::Outlined(fill, line) => {
            area.draw(&Rectangle::new(boxed, fill.filled()))?;
            area.draw(&Rectangle::new(boxed, line.stroke_width(1)))
        }
        Sample::Line(c, w) => area.draw(&PathElement::new(
            vec![(x, y), (x + SAMPLE_PX, y)],
            style::line(c, w),
        )),
        Sample::Dashed(c, w) => {
            for (a, b) in [(0, 6), (9, 15), (18, 24)] {
                area.draw(&PathElement::new(
                    vec![(x + a, y), (x + b, y)],
                    style::line(c, w),
                ))?;
            }
            Ok(())
        }
        Sample::Tick(c, w) => area.draw(&PathElement::new(
            vec![(x + SAMPLE_PX / 2, y - 7), (x + SAMPLE_PX / 2, y + 7)],
            style::line(c, w),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_wrap_onto_rows_without_overlapping() {
        let widths = [300, 300, 300, 120, 500];
        let places = layout(&widths, 900);
        assert_eq!(places, [(0, 0), (326, 0), (0, 1), (326, 1), (0, 2)]);
        for (i, a) in places.iter().enumerate() {
            assert!(a.0 == 0 || a.0 + widths[i] <= 900);
            for (j, b) in places.iter().enumerate().skip(i + 1) {
                let apart = a.1 != b.1 || a.0 + widths[i] <= b.0 || b.0 + widths[j] <= a.0;
                assert!(apart, "{i} and {j} overlap");
            }
        }
        // An entry wider than the strip gets a row of its own.
        assert_eq!(layout(&[1200, 10], 900), [(0, 0), (0, 1)]);
    }
}
