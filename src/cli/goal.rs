//! `ktpsim goal SCENARIO --vary KEY --from A --to B --target T`: the smallest
//! value of KEY that meets the target, and how sure that is.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use clap::Args;

use super::decide_args::DecideArgs;
use crate::decide::goal::{self, Answer, Search};
use crate::decide::target::{Target, Verdict};
use crate::output;
use crate::scenario::document::{Document, NodeValue};
use crate::scenario::overrides::KeyPath;

/// Options of `ktpsim goal`.
#[derive(Debug, Args)]
pub struct GoalArgs {
    /// The scenario file.
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// The key path to vary, e.g. printing.printers.
    #[arg(long, value_name = "KEY")]
    pub vary: String,
    /// The smallest value to try.
    #[arg(long, value_name = "A", allow_negative_numbers = true)]
    pub from: f64,
    /// The largest value to try.
    #[arg(long, value_name = "B", allow_negative_numbers = true)]
    pub to: f64,
    /// 'deadline >= 0.9' or 'p90 <= 120'.
    #[arg(long, value_name = "TARGET")]
    pub target: String,
    /// The most replications for one value.
    #[arg(long, value_name = "N", default_value_t = 16_000)]
    pub max_replications: u64,
    /// For a real key: stop when the bracket is this narrow [default: (B - A) / 100].
    #[arg(long, value_name = "X")]
    pub tolerance: Option<f64>,
    /// Seed, replications (of a first look), threads, output.
    #[command(flatten)]
    pub common: DecideArgs,
}

/// Runs the search, writes DIR/goal.csv and the page, prints the answer.
pub fn goal(args: &GoalArgs, out: &mut dyn Write) -> Result<()> {
    let target = Target::parse(&args.target).map_err(|e| anyhow!("--target: {e}"))?;
    let path = KeyPath::parse(&args.vary).map_err(|e| anyhow!("--vary: {e}"))?;
    anyhow::ensure!(args.from < args.to, "--from must be below --to");
    let doc = Document::load(&args.scenario)
        .with_context(|| format!("{} is not a valid scenario", args.scenario.display()))?;
    let base = crate::scenario::overrides::validate_with(&doc, &[])
        .with_context(|| format!("{} is not a valid scenario", args.scenario.display()))?;
    // An integer key, or an absent key with whole bounds, is searched over integers.
    let integer = match doc.get_path(&path).map(|n| &n.value) {
        Some(NodeValue::Integer(_)) => true,
        Some(NodeValue::Float(_)) => false,
        Some(other) => {
            return Err(anyhow!(
                "--vary {path}: the value is {}, not a number",
                other.kind()
            ));
        }
        None => args.from.fract() == 0.0 && args.to.fract() == 0.0,
    };
    let search = Search {
        path,
        from: args.from,
        to: args.to,
        integer,
        tolerance: args.tolerance.unwrap_or((args.to - args.from) / 100.0),
        target,
        seed: args.common.seed.unwrap_or(base.seed),
        start: args.common.replications.unwrap_or(100),
        cap: args.max_replications.max(1),
    };
    let exec = args.common.executor()?;
    let mut staging = args.common.staging(&exec)?;
    let words = (|| {
        let answer = goal::seek(&doc, &search, &exec)?;
        let words = render(&search, &args.target, &answer);
        output::decide::stage_goal(&mut staging, &search, &answer, &words)?;
        staging.commit()?;
        Ok(words)
    })()
    .map_err(|e| super::kept::or_interrupted(e, "while seeking the goal", &[], &args.common.out))?;
    out.write_all(words.as_bytes())?;
    Ok(())
}

fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Met => "met with 95% confidence",
        Verdict::NotMet => "not met with 95% confidence",
        Verdict::Unclear => "not clear at the cap",
    }
}

/// The search and its answer in words.
pub fn render(s: &Search, target: &str, a: &Answer) -> String {
    let mut t = format!(
        "goal: smallest {} in [{}, {}] with {target} (seed {})\n",
        s.path, s.from, s.to, s.seed
    );
    for step in &a.steps {
        let (x, (lo, hi)) = s
            .target
            .estimate(&step.clearing)
            .unwrap_or((f64::NAN, (f64::NAN, f64::NAN)));
        let _ = writeln!(
            t,
            "  {} = {}: {x:.3} (95% CI {lo:.3} to {hi:.3}) over {} replications: {}",
            s.path,
            step.value,
            step.clearing.replications(),
            verdict_words(step.verdict)
        );
    }
    let verdict_at = |v: f64| {
        a.steps
            .iter()
            .rev()
            .find(|st| st.value == v)
            .map(|st| st.verdict)
    };
    match a.value {
        Some(v) => {
            let _ = write!(t, "answer: {} = {v}", s.path);
            let below = if s.integer { v - 1.0 } else { v - s.tolerance };
            let sure = verdict_at(v) == Some(Verdict::Met);
            let _ = writeln!(
                t,
                " ({}{})",
                if sure {
                    "met with 95% confidence"
                } else {
                    "met on the estimate, not clear at the cap"
                },
                match a
                    .steps
                    .iter()
                    .filter(|st| st.value < v)
                    .max_by(|x, y| x.value.total_cmp(&y.value))
                {
                    Some(st) if st.value >= below =>
                        format!("; {} = {}: {}", s.path, st.value, verdict_words(st.verdict)),
                    _ => String::new(),
                }
            );
        }
        None => {
            let _ = writeln!(
                t,
                "answer: none: even {} = {} does not meet {target}",
                s.path, s.to
            );
        }
    }
    t
}
