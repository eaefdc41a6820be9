//! The files of the deciding commands: compare.csv, sweep.csv and goal.csv
//! with their charts, and their sections of DIR/index.html (the sensitivity
//! files are in [`super::sensitivity`], which uses the section helpers here). Staged and committed together like every other output.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

use anyhow::Result;

use super::atomic::Staged;
use super::report::{CSS, escape};
use super::{charts, commit, create_dir, stage};
use crate::decide::compare::Comparison;

/// Stages a text file.
pub fn stage_text(path: &Path, text: &str) -> Result<Staged> {
    stage(path, |mut f| {
        f.write_all(text.as_bytes())?;
        Ok(f)
    })
}

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
pub fn stage_section(out: &Path, id: &str, body: &str, title: &str) -> Result<Staged> {
    let marker = format!("<section id=\"{}\">", escape(id));
    let body = body.replacen("<section>", &marker, 1);
    let path = out.join(super::report::FILE_NAME);
    let html = match std::fs::read_to_string(&path) {
        Ok(html) => with_section(&html, &marker, &body),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => page(title, &body),
        Err(e) => anyhow::bail!("cannot read {}: {e}", path.display()),
    };
    stage_text(&path, &html)
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

/// Writes DIR/compare.csv, the compare chart and its section of DIR/index.html.
pub fn write_compare(out: &Path, c: &Comparison, plots: bool) -> Result<()> {
    create_dir(out)?;
    let mut files = vec![stage(&out.join(super::compare::FILE_NAME), |f| {
        super::compare::write_to(f, c)
    })?];
    let figure = charts::paired::PairedChart { comparison: c };
    if plots {
        files.extend(charts::stage(out, &figure)?);
    }
    let words = super::compare::render(c);
    let body = section(
        &format!("Compared with {}", c.base().title),
        &words,
        plots.then_some("compare"),
        "Paired differences in days to clear",
    );
    files.push(stage_section(out, "compare", &body, "ktpsim comparison")?);
    commit(files)
}

/// Writes DIR/<name>/sweep.csv and the sweep chart; returns the report section.
pub fn write_sweep(
    out: &Path,
    sweep: &crate::decide::sweep::Sweep,
    stats: &[crate::stats::Clearing],
    words: &str,
    plots: bool,
) -> Result<String> {
    let dir = super::scenario_dir(out, &sweep.base);
    create_dir(&dir)?;
    let mut files = vec![stage(&dir.join(super::sweep::FILE_NAME), |f| {
        super::sweep::write_to(f, sweep, stats)
    })?];
    if plots {
        files.extend(charts::stage(
            &dir,
            &charts::sweep::SweepChart { sweep, stats },
        )?);
    }
    commit(files)?;
    let stem = format!("{}/sweep", sweep.base.name);
    Ok(section(
        &format!("Sweep of {}", sweep.base.title),
        words,
        plots.then_some(stem.as_str()),
        "Sweep: days to clear and the chance of clearing by the deadline",
    ))
}

/// Adds `sections` to the end of DIR/index.html written by the run (the
/// sweeps run after it), atomically.
pub fn append_to_report(out: &Path, sections: &str) -> Result<()> {
    let path = out.join(super::report::FILE_NAME);
    let html = std::fs::read_to_string(&path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let at = html.rfind("</body>").unwrap_or(html.len());
    let text = format!("{}{sections}{}", &html[..at], &html[at..]);
    commit(vec![stage_text(&path, &text)?])
}

/// Writes DIR/goal.csv (one row per value tried) and its section of
/// DIR/index.html.
pub fn write_goal(
    out: &Path,
    s: &crate::decide::goal::Search,
    a: &crate::decide::goal::Answer,
    words: &str,
) -> Result<()> {
    create_dir(out)?;
    let mut text = String::from("key,value,replications,estimate,ci_low,ci_high,verdict,answer\n");
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
    }
    let body = section("Goal seeking", words, None, "");
    commit(vec![
        stage_text(&out.join("goal.csv"), &text)?,
        stage_section(out, "goal", &body, "ktpsim goal")?,
    ])
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
