//! `ktpsim goal SCENARIO --vary KEY --from A --to B --target T`: the smallest
//! value of KEY that meets the target, and how sure that is.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use clap::Args;

use super::decide_args::DecideArgs;
use super::limits::Plan;
use crate::decide::goal::{self, Answer, Search};
use crate::decide::sensitivity::settings::Leaf;
use crate::decide::target::{Target, Verdict};
use crate::dist::num;
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
    #[arg(long, value_name = "A", allow_negative_numbers = true, value_parser = finite)]
    pub from: f64,
    /// The largest value to try.
    #[arg(long, value_name = "B", allow_negative_numbers = true, value_parser = finite)]
    pub to: f64,
    /// 'deadline >= 0.9' or 'p90 <= 120'.
    #[arg(long, value_name = "TARGET")]
    pub target: String,
    /// The most replications for one value.
    #[arg(long, value_name = "N", default_value_t = 16_000, value_parser = super::at_least_one::<u64>)]
    pub max_replications: u64,
    /// For a real key: stop when the bracket is this narrow, at least (B - A) / 1000000 [default: (B - A) / 100].
    #[arg(long, value_name = "X", allow_negative_numbers = true, value_parser = above_zero)]
    pub tolerance: Option<f64>,
    /// Seed, replications (of a first look), threads, output.
    #[command(flatten)]
    pub common: DecideArgs,
}

/// Parses `--from` and `--to`: a finite number (clap names the option).
fn finite(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x + 0.0),
        _ => Err("must be a finite number".to_owned()),
    }
}

/// Parses `--tolerance`: a finite number above 0 (clap names the option).
fn above_zero(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err("must be a finite number above 0".to_owned()),
    }
}

/// The finest `--tolerance`, as a share of the range: about 20 halvings.
const FINEST: f64 = 1e-6;

/// Whole numbers past this (2^53) are no longer all exact in a float.
const LARGEST_WHOLE: f64 = 9_007_199_254_740_992.0;

/// Runs the search, writes DIR/goal.csv and the page, prints the answer.
pub fn goal(args: &GoalArgs, out: &mut dyn Write) -> Result<()> {
    let target = Target::parse(&args.target).map_err(|e| anyhow!("--target: {e}"))?;
    let path = KeyPath::parse(&args.vary).map_err(|e| anyhow!("--vary: {e}"))?;
    anyhow::ensure!(
        args.from < args.to,
        "--from {} must be below --to {}",
        num(args.from),
        num(args.to)
    );
    anyhow::ensure!(
        (args.to - args.from).is_finite(),
        "the range from --from {} to --to {} is wider than the largest number: narrow it",
        num(args.from),
        num(args.to)
    );
    let invalid = || format!("{} is not a valid scenario", args.scenario.display());
    let doc = Document::load(&args.scenario).with_context(invalid)?;
    let base = crate::scenario::overrides::validate_with(&doc, &[]).with_context(invalid)?;
    if let Some(why) = crate::decide::varied::changes_nothing(&path) {
        return Err(anyhow!(
            "--vary {path} changes nothing: {why}; vary a number of the office instead: {}",
            numbers(&doc)
        ));
    }
    let integer = whole_numbers_only(&doc, &path, args)?;
    let search = Search {
        path,
        from: args.from,
        to: args.to,
        integer,
        tolerance: tolerance(args, integer)?,
        target,
        seed: args.common.seed.unwrap_or(base.seed),
        start: args.common.replications.unwrap_or(100),
        cap: args.max_replications,
    };
    if let Some(n) = args.common.replications {
        anyhow::ensure!(
            n <= args.max_replications,
            "--replications {n} is more than --max-replications {}: the first look at a \
             value cannot run more than the most it may run",
            args.max_replications
        );
    }
    // The heavier end of the range, run at the cap for as many values as the
    // search may try: the most the search can take.
    let ends = [
        goal::variant(&doc, &search, search.to)?,
        goal::variant(&doc, &search, search.from)?,
    ];
    let heaviest = ends
        .iter()
        .max_by(|a, b| work(a).total_cmp(&work(b)))
        .expect("two ends");
    args.common.check(&Plan {
        who: format!("goal on {} ({})", base.name, base.source.display()),
        scenarios: vec![heaviest],
        replications: search.cap,
        rounds: goal::most_values(&search),
        option: "--max-replications",
    })?;
    let exec = args.common.executor()?;
    let mut staging = args.common.staging(&exec)?;
    let words = (|| {
        let answer = goal::seek(&doc, &search, &exec)?;
        let words = render(&search, &args.target, &answer);
        output::decide::stage_goal(&mut staging, &base, &search, &answer)?;
        staging.commit()?;
        Ok(words)
    })()
    .map_err(|e| super::kept::or_interrupted(e, "while seeking the goal", &[], &args.common.out))?;
    out.write_all(words.as_bytes())?;
    Ok(())
}

/// Whether the search tries whole numbers only: when the key is written as a
/// whole number, or is absent and both ends are whole. Then both ends must be
/// whole, so that every value tried and answered is one the file accepts.
fn whole_numbers_only(doc: &Document, path: &KeyPath, args: &GoalArgs) -> Result<bool> {
    let whole = |x: f64| x.fract() == 0.0;
    let integer = match doc.get_path(path).map(|n| &n.value) {
        Some(NodeValue::Integer(_)) => true,
        Some(NodeValue::Float(_)) => false,
        Some(other) => {
            return Err(anyhow!(
                "--vary {path}: the value is {}, not a number",
                other.kind()
            ));
        }
        None => whole(args.from) && whole(args.to),
    };
    if integer {
        if let Some(x) = [args.from, args.to].into_iter().find(|x| !whole(*x)) {
            let x = num(x);
            return Err(anyhow!(
                "--vary {path} holds a whole number, so only whole numbers are tried, but the \
                 range has {x}: give a whole --from and --to (or write the key with a decimal \
                 point, e.g. 450.0, to search real values)"
            ));
        }
        if let Some(x) = [args.from, args.to]
            .into_iter()
            .find(|x| x.abs() > LARGEST_WHOLE)
        {
            let x = num(x);
            return Err(anyhow!(
                "--vary {path}: {x} is past {LARGEST_WHOLE}, where whole numbers are no \
                 longer exact: give a smaller --from and --to"
            ));
        }
    }
    Ok(integer)
}

/// `--tolerance`, or a hundredth of the range; at least a millionth of it, so
/// that the search ends after about 20 halvings (whole numbers end at 1).
fn tolerance(args: &GoalArgs, integer: bool) -> Result<f64> {
    let range = args.to - args.from;
    let finest = range * FINEST;
    match args.tolerance {
        None => Ok(range / 100.0),
        Some(t) if integer => Ok(t),
        Some(t) if t >= finest => Ok(t),
        Some(t) => {
            let (t, finest) = (num(t), num(finest));
            Err(anyhow!(
                "--tolerance {t} is finer than a millionth of the range ({finest}): a search \
             would halve the range more than 20 times; give at least {finest}"
            ))
        }
    }
}

/// The numbers of `doc` that a goal may vary, for a message.
fn numbers(doc: &Document) -> String {
    let keys: Vec<String> = crate::decide::sensitivity::settings::walk(doc)
        .into_iter()
        .filter(|(_, leaf, _)| matches!(leaf, Leaf::Integer(_) | Leaf::Float(_)))
        .map(|(path, _, _)| format!("`{path}`"))
        .collect();
    if keys.is_empty() {
        "this scenario writes none, but any number of MODEL.md's settings can be given, \
         e.g. printing.printers"
            .to_owned()
    } else {
        keys.join(", ")
    }
}

/// Events of one replication of `s`, to find the heavier end of a range.
fn work(s: &crate::scenario::Scenario) -> f64 {
    crate::model::workload::Workload::of(&crate::model::Model::new(s)).events
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
