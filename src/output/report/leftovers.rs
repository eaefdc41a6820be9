//! Files in the output folder that this `run` does not write.
//!
//! Two kinds, two rules:
//!
//! - Files only `run` writes, under fixed names, that this run did not
//!   write: `comparison.csv|png|svg` after a run of one scenario, a
//!   scenario's charts after `--no-plots`, `sweep.csv|png|svg` of a scenario
//!   that has no `[sweep]` now, the national files (`offices.*`, `regions.*`,
//!   `offices-cleared.*`, `pool.*`) of a scenario not national now or without
//!   a pool now. They would contradict the report, and no
//!   other command reads them: they are removed when the run's files are put
//!   in place ([`Staging::remove_on_commit`]).
//! - Files of other commands whose section the report no longer holds
//!   (`compare.*`, `goal.csv`, `<name>/sensitivity.*`), and folders of
//!   scenarios that did not run now. They may be someone's only copy of a
//!   long computation, so they stay, and the report lists them as not
//!   belonging to it.

use std::fs;
use std::path::Path;

use super::html::escape;
use super::inputs::LEFTOVERS;
use super::sections::KeptSection;
use crate::files::staging::Staging;
use crate::output::charts::{COMPARISON_CHART, SCENARIO_CHARTS};
use crate::scenario::Scenario;

/// At most this many entries are listed; the rest are counted.
const MAX_LISTED: usize = 50;

/// What the run does with files it does not write.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Leftovers {
    /// Removed once the run's files are in place (relative paths).
    pub removed: Vec<String>,
    /// Left in place and listed, with why (relative path, words).
    pub listed: Vec<(String, String)>,
}

fn is_file(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok_and(|m| !m.is_dir())
}

/// Names for removal the files only `run` writes that this run did not
/// stage, and lists what other commands left whose section is not `kept`.
/// Call it after everything but the report is staged.
pub fn tidy(staging: &mut Staging, run: &[&Scenario], kept: &[KeptSection]) -> Leftovers {
    let out = staging.out().to_owned();
    let mut left = Leftovers::default();
    let has_section = |id: &str| kept.iter().any(|k| k.id == id);
    let mut remove = |staging: &mut Staging, relative: String| {
        let path = out.join(&relative);
        if is_file(&path) && !staging.is_staged(&path) {
            staging.remove_on_commit(&path);
            left.removed.push(relative);
        }
    };
    for ext in ["csv", "png", "svg"] {
        remove(staging, format!("{COMPARISON_CHART}.{ext}"));
    }
    for sc in run {
        let national = crate::output::charts::national::CHARTS;
        for stem in SCENARIO_CHARTS.iter().chain(&national).chain(&["sweep"]) {
            for ext in ["png", "svg"] {
                remove(staging, format!("{}/{stem}.{ext}", sc.name));
            }
        }
        remove(
            staging,
            format!("{}/{}", sc.name, crate::output::sweep::FILE_NAME),
        );
        // A scenario that was national and is no longer.
        for file in [
            crate::output::national::OFFICES_FILE,
            crate::output::national::REGIONS_FILE,
        ] {
            remove(staging, format!("{}/{file}", sc.name));
        }
    }
    let mut listed = |relative: String, why: &str| {
        if is_file(&out.join(&relative)) {
            left.listed.push((relative, why.to_owned()));
        }
    };
    if !has_section("compare") {
        for ext in ["csv", "png", "svg"] {
            listed(format!("compare.{ext}"), "from an earlier `ktpsim compare`");
        }
    }
    if !has_section("goal") {
        listed("goal.csv".to_owned(), "from an earlier `ktpsim goal`");
    }
    for sc in run {
        if !has_section(&format!("sensitivity-{}", sc.name)) {
            for ext in ["csv", "png", "svg"] {
                listed(
                    format!("{}/sensitivity.{ext}", sc.name),
                    "from an earlier `ktpsim sensitivity`",
                );
            }
        }
    }
    let mut folders: Vec<String> = fs::read_dir(&out)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| run.iter().all(|s| s.name != *name))
        .filter(|name| is_file(&out.join(name).join(crate::output::summary::FILE_NAME)))
        .collect();
    folders.sort();
    for name in folders {
        left.listed.push((
            format!("{name}/"),
            "results of a scenario that did not run now".to_owned(),
        ));
    }
    left
}

impl Leftovers {
    /// The section listing them, or nothing when there is nothing to say.
    pub fn html(&self) -> String {
        if self.removed.is_empty() && self.listed.is_empty() {
            return String::new();
        }
        let mut h = format!(
            "<section id=\"{LEFTOVERS}\" class=\"leftovers\">\n<h2>Other files in this folder</h2>\n"
        );
        if !self.listed.is_empty() {
            h.push_str(
                "<p>Not written by this run and not described above, so they may not match \
                 these results:</p>\n<ul>\n",
            );
            for (path, why) in self.listed.iter().take(MAX_LISTED) {
                h += &format!(
                    "<li><code>{}</code>: {}</li>\n",
                    escape(path),
                    code_spans(why)
                );
            }
            if self.listed.len() > MAX_LISTED {
                h += &format!("<li>and {} more</li>\n", self.listed.len() - MAX_LISTED);
            }
            h.push_str("</ul>\n");
        }
        if !self.removed.is_empty() {
            let names: Vec<String> = self
                .removed
                .iter()
                .map(|p| format!("<code>{}</code>", escape(p)))
                .collect();
            h += &format!(
                "<p class=\"meta\">Removed, since this run writes them no more: {}.</p>\n",
                names.join(", ")
            );
        }
        h.push_str("</section>\n");
        h
    }
}

/// `text` escaped, with `backquoted` parts as code spans.
fn code_spans(text: &str) -> String {
    escape(text)
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{part}</code>")
            } else {
                part.to_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interrupt::Interrupt;
    use crate::model::fake;

    #[test]
    fn run_files_not_written_are_removed_and_others_listed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        for file in [
            "comparison.csv",
            "comparison.png",
            "compare.csv",
            "goal.csv",
            "a/backlog.png",
            "a/sweep.csv",
            "a/sensitivity.csv",
            "old/summary.csv",
            "notes/readme.txt",
        ] {
            let path = out.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let a = fake::scenario("a");
        let mut staging =
            Staging::new(out, Interrupt::new(), crate::files::inputs::Inputs::none()).unwrap();
        staging.text(&out.join("a/backlog.png"), "new").unwrap();
        let kept = [KeptSection {
            id: "goal".into(),
            html: String::new(),
            note: None,
        }];
        let left = tidy(&mut staging, &[&a], &kept);
        assert_eq!(
            left.removed,
            ["comparison.csv", "comparison.png", "a/sweep.csv"]
        );
        let listed: Vec<&str> = left.listed.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(listed, ["compare.csv", "a/sensitivity.csv", "old/"]);
        staging.commit().unwrap();
        for (file, exists) in [
            ("comparison.csv", false),
            ("a/sweep.csv", false),
            ("a/backlog.png", true),
            ("compare.csv", true),
            ("goal.csv", true),
            ("old/summary.csv", true),
        ] {
            assert_eq!(out.join(file).exists(), exists, "{file}");
        }
        let html = left.html();
        assert!(
            html.contains("<li><code>old/</code>: results of a scenario"),
            "{html}"
        );
        assert!(
            html.contains("from an earlier <code>ktpsim compare</code>"),
            "{html}"
        );
    }
}
