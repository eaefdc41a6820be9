//! Goal seeking: the smallest value of a setting that meets a target, by
//! bisection on common random numbers, each step adding replications in
//! doublings until its verdict is clear at 95% or the cap is reached.
//!
//! The search assumes the target gets easier as the value grows (more
//! printers, more blanks); a value meets the target when its verdict is
//! [`Verdict::Met`], or, unclear at the cap, when the point estimate does.

use anyhow::{Result, anyhow};

use super::target::{Target, Verdict};
use crate::model::Model;
use crate::runner::Executor;
use crate::scenario::Scenario;
use crate::scenario::document::{Document, NodeValue};
use crate::scenario::overrides::{KeyPath, validate_with};
use crate::stats::Clearing;

/// What to search.
#[derive(Debug, Clone)]
pub struct Search {
    /// The key to vary.
    pub path: KeyPath,
    /// Smallest and largest value tried.
    pub from: f64,
    /// See `from`.
    pub to: f64,
    /// Whole numbers only (the key holds an integer).
    pub integer: bool,
    /// For a real key: stop when the bracket is this narrow.
    pub tolerance: f64,
    /// The target.
    pub target: Target,
    /// The seed every value runs with.
    pub seed: u64,
    /// Replications of a first look at a value.
    pub start: u64,
    /// The most replications of a value.
    pub cap: u64,
}

/// One value tried.
#[derive(Debug, Clone)]
pub struct Step {
    /// The value.
    pub value: f64,
    /// Its statistics over the replications run.
    pub clearing: Clearing,
    /// The verdict at those replications.
    pub verdict: Verdict,
}

/// The answer: the smallest value meeting the target, if any in the range.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Every value tried, in order.
    pub steps: Vec<Step>,
    /// The smallest value that met the target (`None`: not even at `to`).
    pub value: Option<f64>,
}

/// Runs the search over the scenario document `doc`.
pub fn seek(doc: &Document, s: &Search, exec: &Executor) -> Result<Answer> {
    let mut steps = Vec::new();
    let mut try_value = |v: f64| -> Result<bool> {
        let step = evaluate(doc, s, v, exec)?;
        let met = step.verdict == Verdict::Met
            || (step.verdict == Verdict::Unclear && s.target.point_met(&step.clearing));
        steps.push(step);
        Ok(met)
    };
    if !try_value(s.to)? {
        return Ok(Answer { steps, value: None });
    }
    if try_value(s.from)? {
        return Ok(Answer {
            steps,
            value: Some(s.from),
        });
    }
    let (mut lo, mut hi) = (s.from, s.to);
    let step = if s.integer { 1.0 } else { s.tolerance };
    while hi - lo > step {
        let mid = if s.integer {
            ((lo + hi) / 2.0).floor()
        } else {
            lo / 2.0 + hi / 2.0
        };
        // Neighbouring floating-point numbers: no value lies between them.
        if mid <= lo || mid >= hi {
            break;
        }
        if try_value(mid)? {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Ok(Answer {
        steps,
        value: Some(hi),
    })
}

/// The most values a search can try: both ends, then one per halving of the
/// range down to a whole number or the tolerance.
pub fn most_values(s: &Search) -> u64 {
    let step = if s.integer { 1.0 } else { s.tolerance };
    let halvings = ((s.to - s.from) / step).log2().ceil().max(0.0);
    // The tolerance is at least a millionth of the range, and whole numbers
    // are at most 2^53 apart: a few dozen halvings at most.
    2 + halvings.min(64.0) as u64
}

/// The scenario `doc` with the searched key set to `value`, validated.
pub fn variant(doc: &Document, s: &Search, value: f64) -> Result<Scenario> {
    let mut doc = doc.clone();
    let text = if s.integer {
        format!("{value:.0}")
    } else {
        format!("{value}")
    };
    let node_value = if s.integer {
        NodeValue::Integer(value as i64)
    } else {
        NodeValue::Float(value)
    };
    let label = format!("--vary {}", s.path);
    let node = doc.command_line_node(&label, &text, node_value);
    let at = (node.file, node.span.clone());
    let mut scenario = validate_with(&doc, &[(s.path.clone(), node, at)])
        .map_err(|e| anyhow!("{} = {text} is not a valid scenario: {e}", s.path))?;
    scenario.seed = s.seed;
    Ok(scenario)
}

/// Runs `value` with replications doubling from `start` until the verdict is
/// clear or `cap` is reached.
fn evaluate(doc: &Document, s: &Search, value: f64, exec: &Executor) -> Result<Step> {
    let scenario = variant(doc, s, value)?;
    let models = [Model::new(&scenario)];
    let mut clearing = Clearing::new(scenario.deadline.map(|d| d.at));
    let mut done = 0;
    let mut n = s.start.min(s.cap);
    loop {
        let more = super::clearing(&models, done..n, exec)?;
        clearing.merge(&more[0]);
        done = n;
        let verdict = s
            .target
            .judge(&clearing)
            .ok_or_else(|| match clearing.by_deadline {
                Some(share) => anyhow!(
                    "the target is on the deadline, but the share cleared by it is unknown: \
                 the deadline is after the horizon and {} of {} replications had not \
                 cleared by the horizon; set `horizon` past the deadline",
                    share.unknown,
                    share.trials
                ),
                None => {
                    anyhow!("the target is on the deadline, but the scenario has no `deadline`")
                }
            })?;
        if verdict != Verdict::Unclear || n >= s.cap {
            return Ok(Step {
                value,
                clearing,
                verdict,
            });
        }
        n = n.saturating_mul(2).min(s.cap);
    }
}
