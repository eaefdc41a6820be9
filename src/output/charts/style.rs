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
/// Height of one row of [`TICK_PX`] text: legend rows and stacked labels.
pub const ROW_PX: i32 = 20;
/// Left edge of the title, the subtitle and the legend.
pub const LEFT_PX: i32 = 16;

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

/// The light end of every heat map's colour ramp: near white.
pub const HEAT_LIGHT: RGBColor = RGBColor(247, 247, 247);
/// The dark end of a heat map of days: deep blue.
pub const HEAT_DAYS: RGBColor = RGBColor(38, 64, 122);
/// The dark end of a heat map of shares: deep brown.
pub const HEAT_SHARE: RGBColor = RGBColor(122, 58, 20);

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

/// The width in pixels of `text` set in `style`, as the bundled font sets it.
pub fn width(style: &TextStyle<'_>, text: &str) -> u32 {
    register_fonts();
    style.font.box_size(text).map_or(0, |(w, _)| w)
}

/// `text`, cut at a character boundary with an ellipsis when it is wider than
/// `max` pixels in `style`: long scenario titles and setting names.
pub fn fit(style: &TextStyle<'_>, text: &str, max: u32) -> String {
    if width(style, text) <= max {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits with the ellipsis, found by bisection.
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if width(style, &candidate) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    chars[..lo].iter().collect::<String>().trim_end().to_owned() + "…"
}

/// `text` broken between words into at most `lines` lines of at most `max`
/// pixels each in `style`; what does not fit is cut with an ellipsis.
pub fn wrap(style: &TextStyle<'_>, text: &str, max: u32, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(first) = words.next() {
        if out.len() + 1 == lines {
            // The last line takes the rest, cut to fit.
            let rest: Vec<&str> = std::iter::once(first).chain(words).collect();
            out.push(fit(style, &rest.join(" "), max));
            break;
        }
        let mut line = first.to_owned();
        while let Some(next) = words.peek() {
            let longer = format!("{line} {next}");
            if width(style, &longer) > max {
                break;
            }
            line = longer;
            words.next();
        }
        out.push(fit(style, &line, max));
    }
    out
}

/// `color` at opacity `alpha` over white, as one opaque colour: the legend
/// sample of a see-through area.
pub fn on_white(color: RGBColor, alpha: f64) -> RGBColor {
    let mix = |c: u8| (255.0 - (255.0 - f64::from(c)) * alpha).round() as u8;
    RGBColor(mix(color.0), mix(color.1), mix(color.2))
}

/// The colour a share `t` in [0, 1] of the way from `from` to `to`.
pub fn ramp(from: RGBColor, to: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

/// Text colour that reads on `background`: white on dark, ink on light.
pub fn ink_on(background: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = background;
    let luma = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
    if luma < 128.0 { WHITE } else { INK }
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
    let room = root.dim_in_pixel().0.saturating_sub(2 * LEFT_PX as u32);
    root.draw_text(&fit(&bold, title, room), &bold, (LEFT_PX, 10))?;
    let small = text(LABEL_PX);
    root.draw_text(&fit(&small, subtitle, room), &small, (LEFT_PX, 40))?;
    Ok(root.clone().split_vertically(66).1)
}

/// The subtitle's common tail: how many replications the chart summarises.
pub fn replications_note(n: u64) -> String {
    format!("{} replications", thousands(n as f64))
}

/// `x` rounded to a whole number with thousands separators: 35,000.
pub fn thousands(x: f64) -> String {
    crate::output::report::words::whole(x)
}

/// A share in [0, 1] as a percentage with one decimal: 61.9%.
pub fn percent(share: f64) -> String {
    crate::output::report::words::percent(share)
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

    #[test]
    fn long_text_is_cut_with_an_ellipsis_to_fit() {
        let style = text(TICK_PX);
        assert_eq!(fit(&style, "short", 200), "short");
        let long = "Bojonegoro, September 2017: AC leak, 36,000 blanks on the way";
        let cut = fit(&style, long, 150);
        assert!(cut.ends_with('…') && cut.len() < long.len(), "{cut}");
        assert!(width(&style, &cut) <= 150);
        assert!(long.starts_with(cut.trim_end_matches('…')));
        let lines = wrap(&style, long, 250, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines.iter().all(|l| width(&style, l) <= 250), "{lines:?}");
        assert_eq!(lines[0], "Bojonegoro, September 2017: AC leak,");
        assert_eq!(wrap(&style, "short", 250, 2), ["short"]);
        assert!(wrap(&style, "", 250, 2).is_empty());
    }
}
