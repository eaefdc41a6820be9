//! index.html: one self-contained page over a run's results.
//!
//! The page opens from the file system with no network: CSS is inline, there
//! is no script, and images are relative links to the charts beside it. It
//! shows the comparison first, then per scenario its summary table, charts, the
//! merged settings it ran with, and the ktpsim version, seed and replications.
//!
//! Everything that comes from a scenario file (names, titles, comments in the
//! settings) is HTML-escaped: a scenario is data, never markup. Links are made
//! only to files this run wrote: without charts (`--no-plots`) the page has no
//! images.

use std::fmt::Write as _;

use anyhow::Result;

use super::charts::{COMPARISON_CHART, SCENARIO_CHARTS};
use super::format::{SHARE_PLACES, UNKNOWN_SHARE, cell, mean_places, places};
use super::staging::Staging;
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;

/// The file name in the output folder.
pub const FILE_NAME: &str = "index.html";

/// Inline style: readable on screen and on paper, no external resources.
pub const CSS: &str = "body{font-family:sans-serif;max-width:1040px;margin:2em auto;padding:0 1em;color:#1e1e1e}\
table{border-collapse:collapse;font-size:.9em;margin:1em 0}\
th,td{border-bottom:1px solid #ddd;padding:.25em .6em;text-align:right}\
th:first-child,td:first-child{text-align:left}\
img{max-width:100%;height:auto;border:1px solid #ddd;margin:.5em 0}\
pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:.85em}\
section{margin-bottom:3em}.meta{color:#555}";

/// `text` safe inside HTML text and quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A path segment safe in a relative URL: bytes outside `[A-Za-z0-9._-]`
/// are percent-encoded, so a folder name cannot turn into a scheme or query.
fn url_segment(segment: &str) -> String {
    segment
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The page's HTML for these results; `charts` says whether charts were drawn.
pub fn render(results: &[(&Scenario, &ScenarioStats)], charts: bool) -> String {
    let mut h = String::new();
    let version = env!("CARGO_PKG_VERSION");
    // Writing to a String cannot fail.
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>ktpsim results</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <h1>ktpsim results</h1>\n<p class=\"meta\">ktpsim {version}</p>\n"
    );
    if charts && results.len() > 1 {
        let _ = write!(
            h,
            "<section>\n<h2>Comparison</h2>\n{}</section>\n",
            image(
                COMPARISON_CHART,
                "Days to clear per scenario and the chance of clearing by the deadline"
            )
        );
    }
    for (scenario, stats) in results {
        scenario_section(&mut h, scenario, stats, charts);
    }
    h.push_str("</body>\n</html>\n");
    h
}

/// An image linking to its SVG; `stem` is a relative path without extension.
fn image(stem: &str, alt: &str) -> String {
    format!(
        "<p><a href=\"{stem}.svg\"><img src=\"{stem}.png\" width=\"1000\" height=\"600\" alt=\"{}\"></a></p>\n",
        escape(alt)
    )
}

fn scenario_section(h: &mut String, sc: &Scenario, stats: &ScenarioStats, charts: bool) {
    let _ = write!(
        h,
        "<section>\n<h2>{}</h2>\n<p class=\"meta\">scenario <code>{}</code> from <code>{}</code>; \
         ktpsim {}, seed {}, {} replications</p>\n",
        escape(&sc.title),
        escape(&sc.name),
        escape(&sc.source.display().to_string()),
        env!("CARGO_PKG_VERSION"),
        sc.seed,
        stats.replications()
    );
    h.push_str("<table>\n<tr><th>metric</th><th>n</th><th>mean</th><th>95% CI</th><th>p10</th><th>p50</th><th>p90</th></tr>\n");
    let text = |x: Option<String>| x.unwrap_or_else(|| "-".to_owned());
    for (label, share) in [
        (
            "share cleared by the horizon",
            Some(stats.cleared_by_horizon()),
        ),
        ("share cleared by the deadline", stats.cleared_by_deadline()),
    ] {
        let Some(share) = share else { continue };
        let ci = share.wilson95();
        let value = if share.is_unknown() {
            UNKNOWN_SHARE.to_owned()
        } else {
            text(cell(share.value(), SHARE_PLACES))
        };
        let _ = writeln!(
            h,
            "<tr><td>{label}</td><td>{}</td><td>{value}</td><td>{} – {}</td><td></td><td></td><td></td></tr>",
            share.known(),
            text(cell(ci.map(|c| c.0), SHARE_PLACES)),
            text(cell(ci.map(|c| c.1), SHARE_PLACES)),
        );
    }
    for (metric, values) in stats.metrics() {
        let (m, q) = (mean_places(metric.unit()), places(metric.unit()));
        let ci = values.moments.ci95();
        let quantile = |p| text(cell(values.sketch.quantile(p), q));
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{} – {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(metric.name()),
            values.moments.count(),
            text(cell(values.moments.mean(), m)),
            text(cell(ci.map(|c| c.0), m)),
            text(cell(ci.map(|c| c.1), m)),
            quantile(0.1),
            quantile(0.5),
            quantile(0.9),
        );
    }
    h.push_str("</table>\n");
    if charts {
        let folder = url_segment(&sc.name);
        for stem in SCENARIO_CHARTS {
            h.push_str(&image(
                &format!("{folder}/{stem}"),
                &format!("{stem} chart of {}", sc.name),
            ));
        }
    }
    let _ = write!(
        h,
        "<details open>\n<summary>Settings it ran with (merged scenario)</summary>\n<pre>{}</pre>\n</details>\n</section>\n",
        escape(&sc.merged_toml)
    );
}

/// Stages `DIR/index.html`, with `sections` (the sweeps' sections, already
/// HTML) at the end of the page.
pub fn stage(
    staging: &mut Staging,
    results: &[(&Scenario, &ScenarioStats)],
    charts: bool,
    sections: &str,
) -> Result<()> {
    let html = render(results, charts);
    let at = html.rfind("</body>").unwrap_or(html.len());
    let html = format!("{}{sections}{}", &html[..at], &html[at..]);
    let path = staging.out().join(FILE_NAME);
    staging.text(&path, &html)
}

#[cfg(test)]
#[path = "report/tests.rs"]
mod tests;
