//! Charts: each figure drawn with plotters to PNG and SVG from one function.
//!
//! Per scenario, `DIR/<name>/` gets backlog, clear-days, losses and blanks
//! charts; a run of several scenarios adds `DIR/comparison`. A figure is a type
//! implementing [`Figure`], whose `draw` is generic over the plotters backend, so
//! the PNG and the SVG cannot drift apart. Files are staged like every other
//! output ([`crate::files::atomic`]) and renamed into place by the caller.
//!
//! Charts read statistics and the scenario; they compute nothing a CSV file does
//! not already hold, beyond picking quantiles out of the sketches.
//!
//! Shared by the figures: the look ([`style`]), date ticks ([`dates`]), the
//! legend strip above a plot (`legend`), labels of vertical lines stacked so
//! none covers another (`markers`) and row charts (`rows`). Settings are
//! named in words by [`crate::scenario::words`].

mod blanks;
mod clear_days;
mod comparison;
pub mod dates;
mod fan;
mod legend;
mod losses;
mod markers;
pub mod national;
pub mod paired;
mod rows;
pub mod style;
pub mod sweep;
pub mod tornado;

use std::io::Write;
use std::path::Path;

use anyhow::{Result, anyhow};
use plotters::coord::Shift;
use plotters::drawing::DrawingAreaErrorKind;
use plotters::prelude::*;

use crate::files::atomic::Staged;
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;

/// What drawing on a backend `DB` returns.
pub type DrawResult<DB> = Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// One chart: its file stem and how to draw it on any backend.
pub trait Figure {
    /// The file name without extension: `backlog` gives backlog.png and backlog.svg.
    fn stem(&self) -> &'static str;
    /// Draws the whole chart on `root`, which has [`style::SIZE`].
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB>;
}

/// The file stems of a scenario's charts, in the order the report shows them.
pub const SCENARIO_CHARTS: [&str; 4] = ["backlog", "clear-days", "losses", "blanks"];

/// The file stem of the comparison chart in the output folder.
pub const COMPARISON_CHART: &str = "comparison";

/// A figure drawn both ways.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// PNG bytes of [`style::SIZE`].
    pub png: Vec<u8>,
    /// SVG text of the same size.
    pub svg: String,
}

/// Draws `figure` as PNG and SVG.
pub fn render(figure: &impl Figure) -> Result<Rendered> {
    style::register_fonts();
    let (w, h) = style::SIZE;
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, (w, h)).into_drawing_area();
        figure.draw(&root).map_err(|e| draw_error(figure, &e))?;
        root.present().map_err(|e| draw_error(figure, &e))?;
    }
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w, h)).into_drawing_area();
        figure.draw(&root).map_err(|e| draw_error(figure, &e))?;
        root.present().map_err(|e| draw_error(figure, &e))?;
    }
    Ok(Rendered {
        png: encode_png(&rgb, w, h)?,
        svg,
    })
}

fn draw_error(figure: &impl Figure, e: &dyn std::fmt::Display) -> anyhow::Error {
    anyhow!("cannot draw the {} chart: {e}", figure.stem())
}

/// PNG of an RGB buffer. Default compression: a third of the size of the fast
/// setting for about 15 ms more per chart, still a small share of a run.
fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Default);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(out)
}

/// Stages `<stem>.png` and `<stem>.svg` of `figure` in `dir`.
pub fn stage(dir: &Path, figure: &impl Figure) -> Result<Vec<Staged>> {
    let r = render(figure)?;
    let stem = figure.stem();
    Ok(vec![
        crate::files::staging::stage(&dir.join(format!("{stem}.png")), |mut f| {
            f.write_all(&r.png)?;
            Ok(f)
        })?,
        crate::files::staging::stage(&dir.join(format!("{stem}.svg")), |mut f| {
            f.write_all(r.svg.as_bytes())?;
            Ok(f)
        })?,
    ])
}

/// Stages every chart of one scenario in `dir`.
pub fn stage_scenario(
    dir: &Path,
    scenario: &Scenario,
    stats: &ScenarioStats,
) -> Result<Vec<Staged>> {
    let mut files = stage(dir, &fan::Backlog { scenario, stats })?;
    files.extend(stage(dir, &clear_days::ClearDays { scenario, stats })?);
    files.extend(stage(dir, &losses::Losses { scenario, stats })?);
    files.extend(stage(dir, &blanks::Blanks { scenario, stats })?);
    Ok(files)
}

/// Stages the charts of a national scenario of its own in `dir` (pool.*
/// only with a pool); nothing for a single office.
pub fn stage_national(
    dir: &Path,
    scenario: &Scenario,
    stats: &ScenarioStats,
) -> Result<Vec<Staged>> {
    let (Some(config), Some(national)) = (&scenario.national, stats.national()) else {
        return Ok(Vec::new());
    };
    let mut files = stage(
        dir,
        &national::offices::Offices {
            scenario,
            stats,
            national,
        },
    )?;
    files.extend(stage(
        dir,
        &national::regions::Regions {
            scenario,
            stats,
            national,
        },
    )?);
    files.extend(stage(
        dir,
        &national::cleared::OfficesCleared {
            scenario,
            stats,
            national,
        },
    )?);
    if config.pool.is_some() {
        files.extend(stage(
            dir,
            &national::pool::Pool {
                scenario,
                stats,
                national,
            },
        )?);
    }
    Ok(files)
}

/// Stages the comparison chart of several scenarios in `out`.
pub fn stage_comparison(
    out: &Path,
    results: &[(&Scenario, &ScenarioStats)],
) -> Result<Vec<Staged>> {
    stage(out, &comparison::Comparison { results })
}

#[cfg(test)]
#[path = "charts/tests.rs"]
mod tests;
