//! The look shared by every chart: size, fonts, colours and line styles, as
//! named constants, so a chart file says what it draws, not how it looks.
//!
//! Colours are chosen to survive greyscale printing: each pair that must be told
//! apart differs in lightness (dark navy against light grey-blue, mid brown
//! against pale sand) and, for lines, also in dash pattern, never in hue alone.

use std::sync::Once;

use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};

use super::DrawResult;

/// Pixel size of every chart, PNG and SVG alike.
pub const SIZE: (u32, u32) = (1000, 600);

/// Text sizes in pixels.
pub const TITLE_PX: f64 = 22.0;
/// Subtitle, axis descriptions and annotations.
pub const LABEL_PX: f64 = 16.0;
/// Tick labels and small notes.
pub const TICK_PX: f64 = 14.0;

/// Main series (medians): dark navy, near black in greyscale.
pub const MAIN: RGBColor = RGBColor(27, 45, 92);
/// The band around the main series: light grey-blue.
pub const MAIN_BAND: RGBColor = RGBColor(163, 184, 214);
/// Second series: mid brown, drawn dashed.
pub const SECOND: RGBColor = RGBColor(160, 82, 30);
/// The band around the second series: pale sand.
pub const SECOND_BAND: RGBColor = RGBColor(232, 196, 160);
/// Deadlines: dark red, drawn dashed and labelled.
pub const DEADLINE: RGBColor = RGBColor(150, 20, 20);
/// Events (outages, shipments): mid grey spans and markers.
pub const EVENT: RGBColor = RGBColor(110, 110, 110);
/// Grid lines: very light grey.
pub const GRID: RGBColor = RGBColor(225, 225, 225);
/// Text and axes.
pub const INK: RGBColor = RGBColor(30, 30, 30);

/// Opacity of a band drawn over another band.
pub const BAND_ALPHA: f64 = 0.55;
/// Opacity of an event span.
pub const EVENT_ALPHA: f64 = 0.18;

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Every family name plotters may ask for: its own labels use "sans-serif".
const FAMILIES: [&str; 5] = ["sans-serif", "serif", "monospace", "DejaVu Sans", "default"];

/// Registers the bundled DejaVu Sans under every family name, once per process:
/// the default build has no system font library to find fonts with.
pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for family in FAMILIES {
            // The bytes are a font we ship; failing to parse them is a build bug.
            register_font(family, FontStyle::Normal, REGULAR)
                .unwrap_or_else(|_| panic!("the bundled regular font is valid"));
            register_font(family, FontStyle::Bold, BOLD)
                .unwrap_or_else(|_| panic!("the bundled bold font is valid"));
        }
    });
}

/// Text of `px` pixels in the ink colour.
pub fn text(px: f64) -> TextStyle<'static> {
    ("sans-serif", px).into_font().color(&INK)
}

/// A solid line of `width` pixels.
pub fn line(color: RGBColor, width: u32) -> ShapeStyle {
    color.stroke_width(width)
}

/// Clears `root`, writes the title and a subtitle on top, and returns the area
/// left for the plot.
pub fn titled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
    subtitle: &str,
) -> Result<DrawingArea<DB, Shift>, plotters::drawing::DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let bold = ("sans-serif", TITLE_PX, FontStyle::Bold)
        .into_font()
        .color(&INK);
    root.draw_text(title, &bold, (16, 10))?;
    root.draw_text(subtitle, &text(LABEL_PX), (16, 40))?;
    Ok(root.clone().split_vertically(66).1)
}

/// The subtitle's common tail: how many replications the chart summarises.
pub fn replications_note(n: u64) -> String {
    format!("{} replications", thousands(n as f64))
}

/// `x` rounded to a whole number with thousands separators: 35,000.
pub fn thousands(x: f64) -> String {
    let n = x.round() as i64;
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A share in [0, 1] as a percentage with one decimal: 61.9%.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// Draws the series legend at `at` (where the chart has room), on an opaque box so that
/// marker lines behind it do not cross its text.
pub fn legend<'a, DB, CT>(
    chart: &mut ChartContext<'a, DB, CT>,
    at: SeriesLabelPosition,
) -> DrawResult<DB>
where
    DB: DrawingBackend + 'a,
    CT: CoordTranslate,
{
    chart
        .configure_series_labels()
        .position(at)
        .margin(12)
        .background_style(WHITE)
        .border_style(GRID)
        .label_font(text(TICK_PX))
        .draw()
}

/// Draws nothing; lets a chart with no data still say so in words.
pub fn no_data<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, message: &str) -> DrawResult<DB> {
    let (w, h) = area.dim_in_pixel();
    area.draw(&Text::new(
        message.to_owned(),
        (w as i32 / 2 - 200, h as i32 / 2),
        text(LABEL_PX),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(0.0), "0");
        assert_eq!(thousands(999.4), "999");
        assert_eq!(thousands(35_000.0), "35,000");
        assert_eq!(thousands(-1_234_567.0), "-1,234,567");
        assert_eq!(percent(0.619), "61.9%");
    }
}
