//! `ktpsim goal SCENARIO --vary KEY --from A --to B --target T`: the smallest
//! value of KEY that meets the target, and how sure that is.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use clap::Args;

use super::decide_args::DecideArgs;
use super::limits::Plan;
use crate::decide::goal::{self, Answer, Search, Tick};
use crate::decide::target::{Target, Verdict};
use crate::dist::num;
use crate::output;
use crate::scenario::document::{Document, NodeValue};
use crate::scenario::key_path::KeyPath;
use crate::scenario::words::{self, grouped};
use crate::stats::Moments;

/// Options of `ktpsim goal`.
#[derive(Debug, Args)]
pub struct GoalArgs {
    /// The scenario file.
    #[arg(value_name = "SCENARIO")]
    pub scenario: PathBuf,
    /// The key path of the number to vary, e.g. printing.printers or blanks.initial.
    #[arg(long, value_name = "KEY")]
    pub vary: String,
    /// The smallest value to try.
    #[arg(long, value_name = "A", allow_negative_numbers = true, value_parser = finite)]
    pub from: f64,
    /// The largest value to try.
    #[arg(long, value_name = "B", allow_negative_numbers = true, value_parser = finite)]
    pub to: f64,
    /// What to meet: 'deadline >= 0.9' or 'cleared by 2018-06-27 >= 0.9' (cleared by the
    /// scenario's deadline, or by the end of a date, in at least 90% of runs; '>= 90%' too),
    /// 'p90 <= 120' or 'p90 <= 2018-06-27' (90% of runs cleared within 120 days of the
    /// start, or by the end of a date).
    #[arg(long, value_name = "TARGET")]
    pub target: String,
    /// The most replications for one value.
    #[arg(long, value_name = "N", default_value_t = goal::MAX_REPLICATIONS,
          value_parser = super::at_least_one::<u64>)]
    pub max_replications: u64,
    /// How precise the answer is: values tried between A and B are multiples of X, and the
    /// search stops when the answer is known to X; at least (B - A) / 1000000, and whole for a
    /// key that holds whole numbers (--tolerance is the old name) [default: (B - A) / 100
    /// rounded down to 1, 2 or 5 times a power of ten, at least 1 for whole numbers].
    #[arg(long, alias = "tolerance", value_name = "X", allow_negative_numbers = true,
          value_parser = above_zero)]
    pub step: Option<f64>,
    /// Seed, replications (of a first look), threads, output, quiet.
    #[command(flatten)]
    pub common: DecideArgs,
}

/// `--replications` of `goal`, with its real default.
pub(crate) fn replications_help() -> String {
    format!(
        "Replications of a first look at each value, doubled until its verdict is clear \
         [default: {}]",
        goal::FIRST_LOOK
    )
}

/// Parses `--from` and `--to`: a finite number (clap names the option).
fn finite(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x + 0.0),
        _ => Err("must be a finite number".to_owned()),
    }
}

/// Parses `--step`: a finite number above 0 (clap names the option).
fn above_zero(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err("must be a finite number above 0".to_owned()),
    }
}

/// The finest `--step`, as a share of the range: about 20 halvings.
const FINEST: f64 = 1e-6;

/// Whole numbers past this (2^53) are no longer all exact in a float.
const LARGEST_WHOLE: f64 = 9_007_199_254_740_992.0;

/// Runs the search, writes DIR/goal.csv and the page, prints the answer.
pub fn goal(args: &GoalArgs, out: &mut dyn Write) -> Result<()> {
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
    // Every file read is noted: the results must not land on any of them.
    let doc = Document::load_from(&args.scenario, &crate::scenario::Sources::disk().tracking())
        .with_context(invalid)?;
    let base = crate::scenario::overrides::validate_with(&doc, &[]).with_context(invalid)?;
    let target = Target::parse(&args.target, base.start).map_err(|e| anyhow!("--target: {e}"))?;
    if target.needs_deadline() && base.deadline.is_none() {
        return Err(anyhow!(
            "--target {}: {} has no `deadline` to count runs cleared by; give one in \
             [scenario], or name a date: 'cleared by 2018-06-27 >= 0.9'",
            args.target,
            base.name
        ));
    }
    if let Some(why) = crate::scenario::key_path::changes_nothing(&path) {
        return Err(anyhow!(
            "--vary {path} changes nothing: {why}; vary a number of the office instead: {}",
            super::vary::numbers(&doc)
        ));
    }
    super::vary::check(&doc, &path, &args.vary, args.from)?;
    let integer = whole_numbers_only(&doc, &path, args)?;
    let search = Search {
        path,
        from: args.from,
        to: args.to,
        integer,
        step: step(args, integer)?,
        target,
        seed: args.common.seed.unwrap_or(base.seed),
        start: args.common.replications.unwrap_or(goal::FIRST_LOOK),
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
    let most = goal::most_values(&search);
    let seconds = args.common.check(&Plan {
        who: format!("goal on {} ({})", base.name, base.source.display()),
        scenarios: vec![heaviest],
        replications: search.cap,
        rounds: most,
        option: "--max-replications",
    })?;
    if !args.common.quiet {
        eprintln!("{}", plan_words(most, search.cap, seconds));
    }
    let exec = args.common.executor()?;
    let mut staging = args.common.staging(
        &exec,
        crate::files::inputs::Inputs::new(doc.sources.paths_read()),
    )?;
    let progress = args.common.progress(search.cap);
    let words = (|| {
        let mut tick = |t: Tick| match t {
            Tick::Value { value, nth } => progress.restart(
                &format!(
                    "goal: value {nth} of at most {most}, {} = {value}",
                    search.path
                ),
                search.cap,
            ),
            Tick::Replications(n) => progress.advance(n),
        };
        let answer = goal::seek(&doc, &search, &exec, &mut tick);
        progress.finish();
        let answer = answer?;
        let words = render(&search, &args.target, &answer);
        output::decide::stage_goal(&mut staging, &base, &search, &answer)?;
        staging.commit()?;
        Ok(words)
    })()
    .map_err(|e| super::kept::or_interrupted(e, "while seeking the goal", &[], &args.common.out))?;
    out.write_all(words.as_bytes())?;
    Ok(())
}

/// The note before a search: "goal: up to 9 values × up to 16,000
/// replications each, roughly 4 min at most".
pub fn plan_words(values: u64, cap: u64, seconds: f64) -> String {
    let time = if seconds < 1.0 {
        "under a second".to_owned()
    } else {
        format!("roughly {} at most", super::limits::duration(seconds))
    };
    format!(
        "goal: up to {values} values × up to {} replications each, {time}",
        grouped(cap as f64)
    )
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

/// `--step`, or the default step for the range (see
/// [`goal::grid::default_step`]); at least a millionth of the range, so that
/// the search ends after about 20 halvings, and whole for a whole-number key.
fn step(args: &GoalArgs, integer: bool) -> Result<f64> {
    let range = args.to - args.from;
    let finest = range * FINEST;
    match args.step {
        None => Ok(goal::grid::default_step(range, integer)),
        Some(t) if t < finest => {
            let (t, finest) = (num(t), num(finest));
            Err(anyhow!(
                "--step {t} is finer than a millionth of the range ({finest}): a search \
                 would halve the range more than 20 times; give at least {finest}"
            ))
        }
        Some(t) if integer && t.fract() != 0.0 => Err(anyhow!(
            "--step {}: --vary {} holds a whole number, so the step must be whole too, \
             e.g. {}",
            num(t),
            args.vary,
            num(t.ceil())
        )),
        Some(t) => Ok(t),
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

/// The search and its answer in words: what is searched, each value tried,
/// and the answer in a planner's words with what is known about it.
pub fn render(s: &Search, target: &str, a: &Answer) -> String {
    let named = words::known_name(&s.path).map_or_else(String::new, |name| format!(" ({name})"));
    let mut t = format!(
        "goal: smallest {}{named} from {} to {} in steps of {} that meets {target} (seed {})\n",
        s.path,
        grouped(s.from),
        grouped(s.to),
        grouped(s.step),
        s.seed
    );
    for step in &a.steps {
        let estimate = s
            .target
            .estimate(&step.clearing)
            .map_or_else(|| "-".to_owned(), |e| s.target.estimate_words(e));
        let _ = writeln!(
            t,
            "  {} = {}: {estimate}; {} ({} replications)",
            s.path,
            step.value,
            verdict_words(step.verdict),
            grouped(step.clearing.replications() as f64),
        );
    }
    let _ = writeln!(t, "{}{}", answer_words(s, target, a), answer_cost(s, a));
    t
}

/// With `[costs]`, the mean cost at the answer: "; mean cost Rp 124,139,630
/// per replication at 2".
fn answer_cost(s: &Search, a: &Answer) -> String {
    let Some(v) = a.value else {
        return String::new();
    };
    let step = a.steps.iter().rev().find(|st| st.value == v);
    match step
        .and_then(|st| st.clearing.cost())
        .and_then(Moments::mean)
    {
        Some(m) => format!(
            "; mean cost {} per replication at {} = {v}",
            output::format::rupiah(m),
            s.path
        ),
        None => String::new(),
    }
}

/// "blanks.initial = 15000 (about 15,000 blanks on hand at the start)":
/// "about" when `v` is known only to a bracket of `below` to `v` wider than
/// one whole number.
fn value_words(s: &Search, v: f64, below: Option<f64>) -> String {
    let about = below.is_some_and(|b| !(s.integer && v - b <= 1.0));
    match words::value(&s.path, v, about) {
        Some(words) => format!("{} = {v} ({words})", s.path),
        None if about => format!("{} = {v} (about {})", s.path, grouped(v)),
        None => format!("{} = {v}", s.path),
    }
}

/// The answer line: the value, and what the 95% verdicts say about it.
fn answer_words(s: &Search, target: &str, a: &Answer) -> String {
    let cap = format!("at the cap of {} replications", grouped(s.cap as f64));
    let Some(v) = a.value else {
        let how = match a.verdict_at(s.to) {
            Some(Verdict::Unclear) => format!("on the estimate (not clear {cap})"),
            _ => "with 95% confidence".to_owned(),
        };
        return format!(
            "answer: none: even {} does not meet {target} {how}",
            value_words(s, s.to, None)
        );
    };
    let answer = format!(
        "answer: {}",
        value_words(s, v, a.below().map(|st| st.value))
    );
    let g = grouped;
    if v == s.from {
        return match a.verdict_at(v) {
            Some(Verdict::Met) => format!(
                "{answer}: the target is met at {}, the lower end of the range, with 95% \
                 confidence; a lower --from may do too",
                g(v)
            ),
            _ => format!(
                "{answer} on the estimate: not clear at {}, the lower end of the range, {cap}",
                g(v)
            ),
        };
    }
    let known = a.known();
    if a.verdict_at(v) == Some(Verdict::Met) {
        return match a.below().map(|st| (st.value, st.verdict)) {
            Some((lo, Verdict::NotMet)) => format!(
                "{answer}: the target is met at {} and not at {} with 95% confidence",
                g(v),
                g(lo)
            ),
            Some((lo, _)) => {
                let further = match known.not_met {
                    Some(n) => format!("; not met at {} with 95% confidence", g(n)),
                    None => String::new(),
                };
                format!(
                    "{answer}: the target is met at {} with 95% confidence, and not clear at \
                     {} {cap} (not met on the estimate){further}",
                    g(v),
                    g(lo)
                )
            }
            None => format!(
                "{answer}: the target is met at {} with 95% confidence",
                g(v)
            ),
        };
    }
    let (lo, hi) = (known.not_met.unwrap_or(s.from), known.met.unwrap_or(s.to));
    let sure = match (known.met, known.not_met) {
        (Some(m), Some(n)) => format!(
            " (the target is met at {} and not at {} with 95% confidence)",
            g(m),
            g(n)
        ),
        (Some(m), None) => format!(" (the target is met at {} with 95% confidence)", g(m)),
        (None, Some(n)) => format!(" (the target is not met at {} with 95% confidence)", g(n)),
        (None, None) => String::new(),
    };
    format!(
        "{answer} on the estimate: not clear between {} and {} {cap}{sure}",
        g(lo),
        g(hi)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::goal::{Answer, Search};

    fn search(key: &str) -> Search {
        let start = "2017-09-25T08:00:00".parse().unwrap();
        Search {
            path: KeyPath::parse(key).unwrap(),
            from: 0.0,
            to: 10.0,
            integer: true,
            step: 1.0,
            target: Target::parse("p90 <= 120", start).unwrap(),
            seed: 1,
            start: 10,
            cap: 100,
        }
    }

    /// Goal names a setting with the same words as the charts
    /// ([`words::name`]), and a value of it in the table's phrasing.
    #[test]
    fn goal_names_settings_as_the_charts_do() {
        let none = Answer {
            steps: Vec::new(),
            value: None,
        };
        for key in [
            "backlog.initial",
            "recording.pool",
            "printing.cards_per_day.mean",
            "blanks.shipments[1].quantity",
            "blanks.reorder.quantity",
            "server.outages[0].every.mean",
        ] {
            let s = search(key);
            let text = render(&s, "p90 <= 120", &none);
            let header = format!("goal: smallest {key} ({}) from", words::name(&s.path));
            assert!(text.starts_with(&header), "{text}");
        }
        let text = render(&search("backlog.initial"), "p90 <= 120", &none);
        assert!(
            text.contains("backlog.initial = 10 (10 records waiting at the start)"),
            "{text}"
        );
        let text = render(&search("printing.printers.x"), "p90 <= 120", &none);
        assert!(
            text.starts_with("goal: smallest printing.printers.x from"),
            "{text}"
        );
    }
}
