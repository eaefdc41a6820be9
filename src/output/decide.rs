//! The files of the deciding commands: compare.csv, sweep.csv and goal.csv
//! with their charts, and their sections of DIR/index.html (the sensitivity
//! files are in [`super::sensitivity`], which uses the section helpers here).
//! Each is staged in the command's [`Staging`] and put in place with the rest.

use std::fmt::Write as _;

use anyhow::Result;

use super::charts;
use super::fault::io_fault;
use super::report::{CSS, escape};
use super::staging::Staging;
use crate::decide::compare::Comparison;

/// A self-contained page: `title`, then `body` (already HTML).
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{t}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<h1>{t}</h1>\n\
         <p class=\"meta\">ktpsim {}</p>\n{body}</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        t = escape(title)
    )
}

/// A section: heading, the command's words as preformatted text, and the
/// chart `stem` (a relative path without extension) when charts were drawn.
pub fn section(heading: &str, words: &str, stem: Option<&str>, alt: &str) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<section>\n<h2>{}</h2>\n<pre>{}</pre>\n",
        escape(heading),
        escape(words)
    );
    if let Some(stem) = stem {
        let _ = writeln!(
            h,
            "<p><a href=\"{stem}.svg\"><img src=\"{stem}.png\" width=\"1000\" height=\"600\" alt=\"{}\"></a></p>",
            escape(alt)
        );
    }
    h.push_str("</section>\n");
    h
}

/// Stages DIR/index.html with `body` (a section from [`section`]) under the id
/// `id`: put into the report already in DIR (from `ktpsim run` or another
/// deciding command) when there is one, replacing an earlier section with the
/// same id so that running a command twice does not show two answers; without
/// a report, a page of its own titled `title`.
pub fn stage_section(staging: &mut Staging, id: &str, body: &str, title: &str) -> Result<()> {
    let marker = format!("<section id=\"{}\">", escape(id));
    let body = body.replacen("<section>", &marker, 1);
    let path = staging.out().join(super::report::FILE_NAME);
    let html = match std::fs::read_to_string(&path) {
        Ok(html) => with_section(&html, &marker, &body),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => page(title, &body),
        Err(e) => {
            return Err(io_fault(
                format!("cannot read {}", path.display()),
                &path,
                e,
            ));
        }
    };
    staging.text(&path, &html)
}

/// `html` with the section starting `marker` replaced by `body`, or `body`
/// added before `</body>` when there is none.
fn with_section(html: &str, marker: &str, body: &str) -> String {
    if let Some(at) = html.find(marker) {
        let end = html[at..]
            .find("</section>\n")
            .map_or(html.len(), |e| at + e + "</section>\n".len());
        return format!("{}{body}{}", &html[..at], &html[end..]);
    }
    let at = html.rfind("</body>").unwrap_or(html.len());
    format!("{}{body}{}", &html[..at], &html[at..])
}

/// Stages DIR/compare.csv, the compare chart and its section of DIR/index.html.
pub fn stage_compare(staging: &mut Staging, c: &Comparison, plots: bool) -> Result<()> {
    let out = staging.out().to_owned();
    staging.file(&out.join(super::compare::FILE_NAME), |f| {
        super::compare::write_to(f, c)
    })?;
    if plots {
        let figure = charts::paired::PairedChart { comparison: c };
        staging.add(charts::stage(&out, &figure)?)?;
    }
    let words = super::compare::render(c);
    let body = section(
        &format!("Compared with {}", c.base().title),
        &words,
        plots.then_some("compare"),
        "Paired differences in days to clear",
    );
    stage_section(staging, "compare", &body, "ktpsim comparison")
}

/// Stages DIR/<name>/sweep.csv and the sweep chart; returns the report section.
pub fn stage_sweep(
    staging: &mut Staging,
    sweep: &crate::decide::sweep::Sweep,
    stats: &[crate::stats::Clearing],
    words: &str,
    plots: bool,
) -> Result<String> {
    let dir = super::scenario_dir(staging.out(), &sweep.base);
    staging.file(&dir.join(super::sweep::FILE_NAME), |f| {
        super::sweep::write_to(f, sweep, stats)
    })?;
    if plots {
        let files = charts::stage(&dir, &charts::sweep::SweepChart { sweep, stats })?;
        staging.add(files)?;
    }
    let stem = format!("{}/sweep", sweep.base.name);
    Ok(section(
        &format!("Sweep of {}", sweep.base.title),
        words,
        plots.then_some(stem.as_str()),
        "Sweep: days to clear and the chance of clearing by the deadline",
    ))
}

/// Stages DIR/goal.csv (one row per value tried) and its section of
/// DIR/index.html.
pub fn stage_goal(
    staging: &mut Staging,
    s: &crate::decide::goal::Search,
    a: &crate::decide::goal::Answer,
    words: &str,
) -> Result<()> {
    // With `[costs]`, a last column: the mean cost per replication at the value.
    let costs = a.steps.iter().any(|st| st.clearing.cost().is_some());
    let mut text = String::from("key,value,replications,estimate,ci_low,ci_high,verdict,answer");
    text.push_str(if costs { ",cost_mean\n" } else { "\n" });
    for st in &a.steps {
        let (x, (lo, hi)) = s
            .target
            .estimate(&st.clearing)
            .unwrap_or((f64::NAN, (f64::NAN, f64::NAN)));
        let f = |v: f64| {
            if v.is_finite() {
                super::format::fixed(v, 4)
            } else {
                String::new()
            }
        };
        let verdict = match st.verdict {
            crate::decide::target::Verdict::Met => "met",
            crate::decide::target::Verdict::NotMet => "not_met",
            crate::decide::target::Verdict::Unclear => "unclear",
        };
        let _ = writeln!(
            text,
            "{},{},{},{},{},{},{verdict},{}",
            s.path,
            st.value,
            st.clearing.replications(),
            f(x),
            f(lo),
            f(hi),
            a.value == Some(st.value)
        );
        if costs {
            text.pop();
            let mean = st.clearing.cost().and_then(crate::stats::Moments::mean);
            let _ = writeln!(
                text,
                ",{}",
                mean.map_or_else(String::new, |m| super::format::fixed(m, 0))
            );
        }
    }
    let path = staging.out().join("goal.csv");
    staging.text(&path, &text)?;
    let body = section("Goal seeking", words, None, "");
    stage_section(staging, "goal", &body, "ktpsim goal")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_run_replaces_its_section() {
        let m = "<section id=\"sensitivity-a\">";
        let page = "<body>\n<section>run</section>\n</body>";
        let once = with_section(page, m, &format!("{m}one</section>\n"));
        let twice = with_section(&once, m, &format!("{m}two</section>\n"));
        assert_eq!(
            twice,
            "<body>\n<section>run</section>\n<section id=\"sensitivity-a\">two</section>\n</body>"
        );
    }
}
