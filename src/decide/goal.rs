//! Goal seeking: the smallest value of a setting that meets a target, by
//! bisection on common random numbers, each value adding replications in
//! doublings until its verdict is clear at 95% or the cap is reached.
//!
//! The search assumes the target gets easier as the value grows (more
//! printers, more blanks); a value meets the target when its verdict is
//! [`Verdict::Met`], or, unclear at the cap, when the point estimate does.
//! Values tried between the ends are multiples of a step ([`grid`]), so the
//! search ends when the bracket is one step wide, after a number of values
//! known before it starts ([`most_values`]).

pub mod grid;

use anyhow::{Result, anyhow};

use super::target::{Target, Verdict};
use crate::engine::executor::Executor;
use crate::model::Model;
use crate::scenario::Scenario;
use crate::scenario::document::{Document, NodeValue};
use crate::scenario::key_path::KeyPath;
use crate::scenario::overrides::validate_with;
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
    /// Values tried between the ends are multiples of this; the answer is
    /// known to one step (see [`grid::default_step`]).
    pub step: f64,
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

/// Replications of a first look at a value when `--replications` is not given.
pub const FIRST_LOOK: u64 = 100;

/// The most replications of one value when `--max-replications` is not given.
pub const MAX_REPLICATIONS: u64 = 16_000;

/// The answer: the smallest value meeting the target, if any in the range.
#[derive(Debug, Clone)]
pub struct Answer {
    /// Every value tried, in order.
    pub steps: Vec<Step>,
    /// The smallest value that met the target (`None`: not even at `to`).
    pub value: Option<f64>,
}

/// What the values tried say with 95% confidence about where the answer lies.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Known {
    /// The smallest value tried that met the target with 95% confidence.
    pub met: Option<f64>,
    /// The largest value tried below it that did not, with 95% confidence.
    pub not_met: Option<f64>,
}

impl Answer {
    /// The verdict of `value`, if it was tried.
    pub fn verdict_at(&self, value: f64) -> Option<Verdict> {
        self.steps
            .iter()
            .rev()
            .find(|st| st.value == value)
            .map(|st| st.verdict)
    }

    /// The value tried just below the answer: the lower end of the last bracket.
    pub fn below(&self) -> Option<&Step> {
        let v = self.value?;
        self.steps
            .iter()
            .filter(|st| st.value < v)
            .max_by(|x, y| x.value.total_cmp(&y.value))
    }

    /// The values that bound the answer with 95% confidence.
    pub fn known(&self) -> Known {
        let met = self
            .steps
            .iter()
            .filter(|st| st.verdict == Verdict::Met)
            .map(|st| st.value)
            .min_by(f64::total_cmp);
        let not_met = self
            .steps
            .iter()
            .filter(|st| st.verdict == Verdict::NotMet && met.is_none_or(|m| st.value < m))
            .map(|st| st.value)
            .max_by(f64::total_cmp);
        Known { met, not_met }
    }
}

/// What a search reports as it goes, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tick {
    /// The `nth` value (from 1) is about to run.
    Value {
        /// The value.
        value: f64,
        /// How many values have been tried, this one included.
        nth: u64,
    },
    /// This many more replications of the current value are done.
    Replications(u64),
}

/// Runs the search over the scenario document `doc`, telling `tick` how it goes.
pub fn seek(
    doc: &Document,
    s: &Search,
    exec: &Executor,
    tick: &mut dyn FnMut(Tick),
) -> Result<Answer> {
    let mut steps = Vec::new();
    let mut try_value = |v: f64| -> Result<bool> {
        tick(Tick::Value {
            value: v,
            nth: steps.len() as u64 + 1,
        });
        let step = evaluate(doc, s, v, exec, tick)?;
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
    let grid = grid::Grid::new(s.step);
    let (mut lo, mut hi) = (s.from, s.to);
    while let Some(mid) = grid.inside(lo, hi) {
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
/// multiples of the step that lie between them.
pub fn most_values(s: &Search) -> u64 {
    2 + grid::Grid::new(s.step).most_inside(s.from, s.to)
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
    // The statistics count the share cleared by the deadline (the model
    // reads it only for a national scenario's deadline measures), so a
    // target's date takes its place.
    if let Some(by) = s.target.cleared_by() {
        scenario.deadline = Some(crate::scenario::Deadline {
            date: by.date,
            at: by.at,
        });
    }
    Ok(scenario)
}

/// Runs `value` with replications doubling from `start` until the verdict is
/// clear or `cap` is reached.
fn evaluate(
    doc: &Document,
    s: &Search,
    value: f64,
    exec: &Executor,
    tick: &mut dyn FnMut(Tick),
) -> Result<Step> {
    let scenario = variant(doc, s, value)?;
    let models = [Model::new(&scenario)];
    let mut clearing = Clearing::new(scenario.deadline.map(|d| d.at))
        .with_costs(crate::stats::CostBasis::of(&scenario));
    let mut done = 0;
    let mut n = s.start.min(s.cap);
    loop {
        let more = super::clearing(&models, done..n, exec, &mut |k| {
            tick(Tick::Replications(k));
        })?;
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
