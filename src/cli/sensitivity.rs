//! `ktpsim sensitivity SCENARIO`: each numeric setting moved down and up by
//! `--fraction`, one at a time on common random numbers; the effect on p50
//! days to clear, largest first.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::decide_args::DecideArgs;
use crate::decide::sensitivity::{self, DEFAULT_REPLICATIONS, Effect, Sensitivity};
use crate::output;
use crate::scenario::document::Document;
use crate::stats::Moments;

/// Options of `ktpsim sensitivity`.
#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// The scenario file.
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// How far each setting moves down and up, as a fraction of its value.
    #[arg(long, value_name = "F", default_value_t = sensitivity::DEFAULT_FRACTION,
          value_parser = fraction)]
    pub fraction: f64,
    /// Seed, replications, threads, output, quiet.
    #[command(flatten)]
    pub common: DecideArgs,
}

/// `--replications` of `sensitivity`, with its real default.
pub(crate) fn replications_help() -> String {
    format!(
        "Replications per variant [default: the scenario's own, at most {DEFAULT_REPLICATIONS}]"
    )
}

/// Parses `--fraction`: a number strictly between 0 and 1 (clap names the option).
fn fraction(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(f) if f > 0.0 && f < 1.0 => Ok(f),
        _ => Err("must be a number strictly between 0 and 1, e.g. 0.2 for ±20%".to_owned()),
    }
}

/// Runs the variants, writes the CSV, chart and report section, prints the table.
pub fn sensitivity(args: &SensitivityArgs, out: &mut dyn Write) -> Result<()> {
    let invalid = || format!("{} is not a valid scenario", args.scenario.display());
    // Every file read is noted: the results must not land on any of them.
    let doc = Document::load_from(&args.scenario, &crate::scenario::Sources::disk().tracking())
        .with_context(invalid)?;
    let plan = sensitivity::plan(&doc, args.fraction).with_context(invalid)?;
    super::paths::check_out_folders(&args.common.out, [plan.base.name.as_str()])?;
    let seed = args.common.seed.unwrap_or(plan.base.seed);
    let replications = args
        .common
        .replications
        .unwrap_or(plan.base.replications.min(DEFAULT_REPLICATIONS));
    let mut variants = vec![&plan.base];
    variants.extend(
        plan.settings
            .iter()
            .flat_map(|s| s.sides.iter().flatten())
            .filter_map(|side| match side {
                sensitivity::Side::Variant(_, s) => Some(s.as_ref()),
                _ => None,
            }),
    );
    args.common.check(&super::limits::Plan {
        who: format!(
            "sensitivity of {} ({}, {} variants and the base)",
            plan.base.name,
            plan.base.source.display(),
            variants.len() - 1
        ),
        scenarios: variants,
        replications,
        rounds: 1,
        option: "--replications",
    })?;
    let exec = args.common.executor()?;
    let mut staging = args.common.staging(
        &exec,
        crate::files::inputs::Inputs::new(doc.sources.paths_read()),
    )?;
    staging.folder(&output::scenario_dir(&args.common.out, &plan.base))?;
    if !args.common.quiet {
        let variants = plan
            .settings
            .iter()
            .flat_map(|s| s.sides.iter().flatten())
            .filter(|s| matches!(s, sensitivity::Side::Variant(..)))
            .count();
        eprintln!(
            "sensitivity: {} settings, {variants} variants and the base, {replications} replications each",
            plan.settings.len()
        );
    }
    let progress = args.common.progress(replications);
    progress.scenario("sensitivity");
    let words = (|| {
        let result = sensitivity::run_with_progress(plan, seed, replications, &exec, &mut |n| {
            progress.advance(n);
        });
        progress.finish();
        let result = result?;
        let words = render(&result);
        output::sensitivity::stage(&mut staging, &result, !args.common.no_plots)?;
        staging.commit()?;
        Ok(words)
    })()
    .map_err(|e| {
        let during = "while running the sensitivity variants";
        super::kept::or_interrupted(e, during, &[], &args.common.out)
    })?;
    out.write_all(words.as_bytes())?;
    Ok(())
}

/// Days with one decimal and a sign, or why there is no number.
fn signed(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_owned(), |d| format!("{d:+.1}"))
}

/// The results in words: the settings that moved (largest swing first), then
/// those that moved nothing and those skipped, by name.
pub fn render(s: &Sensitivity) -> String {
    let pct = (s.plan.fraction * 100.0).round();
    let mut t = format!(
        "sensitivity of {} (each setting -{pct}% and +{pct}% alone; seed {}, {} replications, \
         common random numbers):\n",
        s.plan.base.name,
        s.seed,
        s.base.replications()
    );
    match s.base.quantile(0.5).filter(|b| b.is_finite()) {
        Some(b) => {
            let _ = writeln!(t, "base p50: {b:.1} days to clear");
        }
        None => {
            let _ = writeln!(
                t,
                "base p50: never cleared within the horizon (half the replications or more do \
                 not clear): effects in days are not defined"
            );
        }
    }
    let moved: Vec<_> = s.effects.iter().filter(|e| e.moved()).collect();
    let width = moved
        .iter()
        .map(|e| e.path.to_string().len())
        .chain(["setting".len()])
        .max()
        .unwrap_or(0);
    let v = |e: &Effect, k: usize| e.values[k].clone().unwrap_or_else(|| "-".into());
    let values = |e: &Effect| format!("{} / {} / {}", v(e, 0), v(e, 1), v(e, 2));
    // The values come last: a distribution's are long, and would push the
    // numbers out of line.
    let _ = writeln!(
        t,
        "{:<width$}  {:>8}  {:>8}  {:>7}  {:>12}  {:>12}  down / base / up",
        "setting", "p50 -", "p50 +", "swing", "paired -", "paired +"
    );
    let mut never = false;
    for e in &moved {
        let effect = |k: usize| match e.p50[2 * k] {
            Some(p) if p.is_infinite() => "never".to_owned(),
            _ => signed(e.effect[k]),
        };
        let swing = if e.swing.is_finite() {
            format!("{:.1}", e.swing)
        } else {
            "never".into()
        };
        never |= !e.swing.is_finite();
        let paired = |k: usize| {
            let m = e.paired[k].as_ref().map(|p| &p.days);
            match (m.and_then(Moments::mean), m.and_then(Moments::ci95)) {
                (Some(mean), Some((lo, hi))) => format!("{mean:+.1} ±{:.1}", (hi - lo) / 2.0),
                (Some(mean), None) => signed(Some(mean)),
                _ => "-".to_owned(),
            }
        };
        let _ = writeln!(
            t,
            "{:<width$}  {:>8}  {:>8}  {swing:>7}  {:>12}  {:>12}  {}",
            e.path.to_string(),
            effect(0),
            effect(1),
            paired(0),
            paired(1),
            values(e),
        );
        if let Some(i) = e.status.find("; skipped") {
            let _ = writeln!(t, "{:<width$}    ({})", "", &e.status[i + 2..]);
        }
    }
    if never {
        let _ = writeln!(
            t,
            "never: that p50 is never cleared within the horizon (half the replications or \
             more do not clear), so the swing has no number"
        );
    }
    let nothing: Vec<String> = s
        .effects
        .iter()
        .filter(|e| e.status.starts_with("moves nothing"))
        .map(|e| e.path.to_string())
        .collect();
    let _ = writeln!(
        t,
        "moved nothing ({}): {}",
        nothing.len(),
        nothing.join(", ")
    );
    let skipped: Vec<_> = s
        .effects
        .iter()
        .filter(|e| e.status.starts_with("skipped"))
        .collect();
    let _ = writeln!(t, "skipped ({}):", skipped.len());
    for e in skipped {
        let _ = writeln!(t, "  {}: {}", e.path, &e.status["skipped: ".len()..]);
    }
    t
}
