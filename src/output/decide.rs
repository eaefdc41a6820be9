//! The files of the deciding commands: compare.csv, sweep.csv and goal.csv
//! with their charts, and their sections of DIR/index.html as HTML tables
//! (the sensitivity files are in [`super::sensitivity`]). Each is staged in
//! the command's [`Staging`] and put in place with the rest.
//!
//! A section records what it was computed from, so that a later `run` can
//! keep it or mark it stale ([`super::report::sections`]).

mod compare_html;
mod goal_html;

use std::fmt::Write as _;

use anyhow::Result;
use jiff::Timestamp;

use super::charts;
use super::report::html::figure;
use super::report::sections::{self, DECISION, Inputs, SWEEP};
use super::report::words;
use crate::decide::compare::Comparison;
use crate::decide::goal::{Answer, Search};
use crate::files::staging::Staging;
use crate::scenario::Scenario;

/// The file `ktpsim goal` writes at the top of the output folder.
pub const GOAL_FILE: &str = "goal.csv";

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
    let mut body = compare_html::body(c);
    if plots {
        body.push_str(&figure(
            "compare",
            &format!(
                "Paired differences in days to clear, each scenario minus “{}”",
                c.base().title
            ),
        ));
    }
    let replications = c
        .clearing
        .first()
        .map_or(0, crate::stats::Clearing::replications);
    let detail = format!(
        "seed {}, {} replications of each, paired on common random numbers",
        c.base().seed,
        words::count(replications as i64)
    );
    let section = sections::section(
        "compare",
        DECISION,
        &format!("Compared with {}", c.base().title),
        &Inputs::of(&c.scenarios, detail),
        Some(Timestamp::now()),
        &body,
    );
    super::report::stage_section(staging, &section, "ktpsim comparison")
}

/// Stages DIR/<name>/sweep.csv and the sweep chart; returns the report
/// section, run with `seed`.
pub fn stage_sweep(
    staging: &mut Staging,
    sweep: &crate::decide::sweep::Sweep,
    stats: &[crate::stats::Clearing],
    seed: u64,
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
    let mut body = super::sweep::section_body(sweep, stats);
    if plots {
        let stem = format!(
            "{}/sweep",
            super::report::html::url_segment(&sweep.base.name)
        );
        body.push_str(&figure(
            &stem,
            &format!(
                "Sweep of “{}”: days to clear and the chance of clearing by the deadline",
                sweep.base.title
            ),
        ));
    }
    let replications = stats
        .first()
        .map_or(0, crate::stats::Clearing::replications);
    let detail = format!(
        "seed {seed}, {} replications of each of {} variants, on common random numbers",
        words::count(replications as i64),
        sweep.variants.len()
    );
    Ok(sections::section(
        &format!("sweep-{}", sweep.base.name),
        SWEEP,
        &format!("Sweep of {}", sweep.base.title),
        &Inputs::of([&sweep.base], detail),
        None,
        &body,
    ))
}

/// Stages DIR/goal.csv (one row per value tried) and its section of
/// DIR/index.html; `base` is the scenario as written.
pub fn stage_goal(staging: &mut Staging, base: &Scenario, s: &Search, a: &Answer) -> Result<()> {
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
    let path = staging.out().join(GOAL_FILE);
    staging.text(&path, &text)?;
    let detail = format!(
        "seed {}, {} to {} replications per value tried",
        s.seed,
        words::count(s.start as i64),
        words::count(s.cap as i64)
    );
    let section = sections::section(
        "goal",
        DECISION,
        &format!("Goal seeking on {}", base.title),
        &Inputs::of([base], detail),
        Some(Timestamp::now()),
        &goal_html::body(s, a),
    );
    super::report::stage_section(staging, &section, "ktpsim goal")
}
