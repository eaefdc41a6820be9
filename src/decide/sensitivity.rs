//! Sensitivity: each numeric setting moved down and up by a fraction, one at a
//! time, on common random numbers, and the effect on p50 days to clear.
//!
//! Every variant is the merged scenario with one setting moved through
//! [`crate::scenario::overrides::validate_with`], so it is checked exactly like
//! a file; a variant that fails (a probability moved above 1) is skipped with
//! the validation message. A distribution is one setting, all its parameters
//! in its unit moved together ([`settings`]). All variants and the
//! base run in one [`super::clearing`] batch: replication i of each sees the
//! same random history, so an effect is the setting's, not the noise's.

pub mod settings;

use anyhow::Result;

use crate::engine::executor::Executor;
use crate::model::Model;
use crate::scenario::document::{Document, NodeValue};
use crate::scenario::key_path::KeyPath;
use crate::scenario::overrides::{Change, validate_with};
use crate::scenario::{Scenario, ScenarioError};
use crate::stats::{Clearing, Paired};
use settings::{Leaf, Moved};

/// The fraction a setting moves by when none is given.
pub const DEFAULT_FRACTION: f64 = 0.2;

/// Replications per variant when none is given (at most the scenario's own):
/// a run has two variants per setting, dozens in all.
pub const DEFAULT_REPLICATIONS: u64 = 200;

/// One side (down or up) of a setting.
#[derive(Debug, Clone)]
pub enum Side {
    /// The moved value equals the base value (why in words): nothing to run.
    Same(&'static str),
    /// A valid variant: the value as written and the scenario.
    Variant(String, Box<Scenario>),
    /// A variant that fails validation: the value and the message.
    Invalid(String, String),
}

/// One setting and its two variants.
#[derive(Debug, Clone)]
pub struct Setting {
    /// Where it is in the merged scenario.
    pub path: KeyPath,
    /// The value as written.
    pub base_value: String,
    /// Moved down and up; `None` when the setting is skipped as a whole.
    pub sides: Option<[Side; 2]>,
    /// Why the setting is skipped as a whole (a class mix).
    pub skipped: Option<String>,
}

/// The base scenario and every setting with its variants, all validated.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The scenario as written.
    pub base: Scenario,
    /// The fraction moved by, in (0, 1).
    pub fraction: f64,
    /// The settings, in the order written.
    pub settings: Vec<Setting>,
}

/// Validates the base and every variant of `doc` moved by `fraction`.
pub fn plan(doc: &Document, fraction: f64) -> Result<Plan, ScenarioError> {
    let base = validate_with(doc, &[])?;
    // Moved values live in one-line pseudo files of a copy, so a validation
    // message quotes the moved value ("got 1.2"), not the one in the file.
    let mut edited = doc.clone();
    let mut settings = Vec::new();
    for (path, leaf, node) in settings::walk(doc) {
        let base_value = settings::label(&leaf, doc, &node);
        let skipped = match &leaf {
            Leaf::Skip(reason) => Some(reason.clone()),
            _ => None,
        };
        let mut side = |factor: f64| match settings::scale(&path, &leaf, &node, factor) {
            Some(Moved::Same(why)) => Side::Same(why),
            Some(Moved::To(values, text)) => {
                let changes: Vec<Change> = values
                    .into_iter()
                    .map(|(at_path, value)| {
                        let source = match &value.value {
                            NodeValue::String(s) => format!("\"{s}\""),
                            NodeValue::Integer(i) => i.to_string(),
                            NodeValue::Float(x) => x.to_string(),
                            other => other.kind().to_owned(),
                        };
                        let label = format!("sensitivity: {at_path}");
                        let value = edited.command_line_node(&label, &source, value.value);
                        let at = (value.file, value.span.clone());
                        (at_path, value, at)
                    })
                    .collect();
                match validate_with(&edited, &changes) {
                    Ok(mut s) => {
                        s.name = format!("{}.{path}={text}", base.name);
                        Side::Variant(text, Box::new(s))
                    }
                    Err(e) => Side::Invalid(text, e.message()),
                }
            }
            None => Side::Same("skipped"),
        };
        let sides = match skipped {
            None => Some([side(1.0 - fraction), side(1.0 + fraction)]),
            Some(_) => None,
        };
        settings.push(Setting {
            path,
            base_value,
            sides,
            skipped,
        });
    }
    Ok(Plan {
        base,
        fraction,
        settings,
    })
}

/// What a setting did to p50 days to clear. A p50 of `+∞` lies beyond the
/// horizon (most replications did not clear); `None` was not run.
#[derive(Debug, Clone)]
pub struct Effect {
    /// The setting.
    pub path: KeyPath,
    /// The value as written, and moved down and up (`None`: not moved).
    pub values: [Option<String>; 3],
    /// p50 days to clear down, base, up.
    pub p50: [Option<f64>; 3],
    /// p50 of the variant minus the base's, down and up; `None` unless both finite.
    pub effect: [Option<f64>; 2],
    /// Paired differences, variant minus base, replication by replication
    /// (common random numbers), down and up: the mean and 95% interval of
    /// `days` (over replications where both cleared) tell an effect from
    /// noise. `None` for a side not run.
    pub paired: [Option<Paired>; 2],
    /// The range of the p50s run: `+∞` when some cleared and some did not.
    pub swing: f64,
    /// `ok`, `moves nothing (why)` or `skipped: reason`, in words.
    pub status: String,
}

impl Effect {
    /// Whether the setting moved p50 days to clear.
    pub fn moved(&self) -> bool {
        self.status.starts_with("ok")
    }
}

/// The results of a run: the base's clearing and one effect per setting,
/// those that moved first (largest swing first), then those that moved
/// nothing, then the skipped, each in the order written.
#[derive(Debug, Clone)]
pub struct Sensitivity {
    /// The plan run.
    pub plan: Plan,
    /// The seed every variant ran with.
    pub seed: u64,
    /// The base's days to clear.
    pub base: Clearing,
    /// The effects, ordered.
    pub effects: Vec<Effect>,
}

/// Runs the base and every valid variant with `seed` on common random numbers.
pub fn run(plan: Plan, seed: u64, replications: u64, exec: &Executor) -> Result<Sensitivity> {
    run_with_progress(plan, seed, replications, exec, &mut |_| {})
}

/// [`run`], telling `progress` how many replications of every variant are done.
pub fn run_with_progress(
    plan: Plan,
    seed: u64,
    replications: u64,
    exec: &Executor,
    progress: &mut dyn FnMut(u64),
) -> Result<Sensitivity> {
    let with_seed = |s: &Scenario| {
        let mut s = s.clone();
        s.seed = seed;
        Model::new(&s)
    };
    let mut models = vec![with_seed(&plan.base)];
    for setting in &plan.settings {
        for side in setting.sides.iter().flatten() {
            if let Side::Variant(_, s) = side {
                models.push(with_seed(s));
            }
        }
    }
    let (stats, paired) = super::clearing_and_pairs(&models, 0..replications, exec, progress)?;
    let base = stats[0].clone();
    let p50_base = base.quantile(0.5);
    let mut next = stats[1..].iter().zip(paired);
    let mut effects: Vec<Effect> = plan
        .settings
        .iter()
        .map(|s| effect(s, p50_base, &mut next))
        .collect();
    let group = |e: &Effect| match e.status.as_bytes()[0] {
        b'o' => 0,
        b'm' => 1,
        _ => 2,
    };
    // Stable: equal swings keep the order written.
    effects.sort_by(|a, b| group(a).cmp(&group(b)).then(b.swing.total_cmp(&a.swing)));
    Ok(Sensitivity {
        plan,
        seed,
        base,
        effects,
    })
}

/// The effect of one setting; takes its variants' statistics from `next`.
fn effect<'a>(
    s: &Setting,
    p50_base: Option<f64>,
    next: &mut impl Iterator<Item = (&'a Clearing, Paired)>,
) -> Effect {
    let mut e = Effect {
        path: s.path.clone(),
        values: [None, Some(s.base_value.clone()), None],
        p50: [None, p50_base, None],
        effect: [None, None],
        paired: [None, None],
        swing: 0.0,
        status: String::new(),
    };
    let Some(sides) = &s.sides else {
        e.status = format!(
            "skipped: {}",
            s.skipped.as_deref().unwrap_or("not a number")
        );
        return e;
    };
    let mut invalid = Vec::new();
    let mut same = None;
    for (k, (side, name)) in sides.iter().zip(["down", "up"]).enumerate() {
        let slot = [0, 2][k];
        match side {
            Side::Same(why) => {
                e.values[slot] = Some(s.base_value.clone());
                e.p50[slot] = p50_base;
                same = Some(*why);
            }
            Side::Variant(text, _) => {
                e.values[slot] = Some(text.clone());
                if let Some((clearing, paired)) = next.next() {
                    e.p50[slot] = clearing.quantile(0.5);
                    e.paired[k] = Some(paired);
                }
            }
            Side::Invalid(text, message) => {
                e.values[slot] = Some(text.clone());
                invalid.push(format!("{name} ({text}): {message}"));
            }
        }
        if let (Some(v), Some(b)) = (e.p50[slot], p50_base) {
            e.effect[k] = (v.is_finite() && b.is_finite()).then_some(v - b);
        }
    }
    let ran: Vec<f64> = e.p50.iter().flatten().copied().collect();
    let (lo, hi) = ran
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| {
            (l.min(x), h.max(x))
        });
    e.swing = if ran.len() < 2 || lo == hi {
        0.0
    } else {
        hi - lo
    };
    let also = if invalid.is_empty() {
        String::new()
    } else {
        format!("; skipped {}", invalid.join("; "))
    };
    e.status = if invalid.len() == 2 {
        format!("skipped: {}", invalid.join("; "))
    } else if e.swing > 0.0 {
        format!("ok{also}")
    } else if let (Some(why), true) = (same, sides.iter().all(|x| matches!(x, Side::Same(_)))) {
        format!("moves nothing ({why}){also}")
    } else {
        format!("moves nothing (no change in p50){also}")
    };
    e
}
