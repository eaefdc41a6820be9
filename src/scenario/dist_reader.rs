//! Reading a random quantity: a bare constant or an inline table
//! `{ dist = "...", ... }`, into a checked [`Dist`].
//!
//! Durations are in days: their location and scale parameters are duration strings
//! ("12h"); `sigma`, `shape` and `weights` are always plain numbers. Counts and rates
//! take plain numbers everywhere.

use std::collections::HashSet;

use super::ScenarioError;
use super::document::{Document, Node, NodeValue};
use super::fields::list;
use crate::dist::Dist;

type Result<T> = std::result::Result<T, ScenarioError>;

/// What a random quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A duration, written with units, held in days.
    Duration,
    /// A count or a rate: plain numbers.
    Count,
}

/// Every distribution with its accepted parameter sets (alternatives).
pub const DISTS: [(&str, &[&[&str]]); 11] = [
    ("constant", &[&["value"]]),
    ("uniform", &[&["min", "max"]]),
    ("triangular", &[&["min", "mode", "max"]]),
    ("pert", &[&["min", "mode", "max"]]),
    ("normal", &[&["mean", "sd"]]),
    ("lognormal", &[&["median", "sigma"], &["mean", "sigma"]]),
    ("exponential", &[&["mean"]]),
    ("gamma", &[&["shape", "scale"], &["shape", "mean"]]),
    ("weibull", &[&["shape", "scale"]]),
    ("poisson", &[&["mean"]]),
    ("empirical", &[&["values", "weights"], &["values"]]),
];

/// Parameters that are plain numbers even for durations.
const PLAIN: [&str; 3] = ["sigma", "shape", "weights"];

fn takes(name: &str, alternatives: &[&[&str]]) -> String {
    let sets: Vec<String> = alternatives.iter().map(|a| list(a)).collect();
    format!("\"{name}\" takes {}", sets.join(" or "))
}

impl Document {
    /// A random quantity for `key`.
    pub fn dist(&self, key: &str, node: &Node, unit: Unit) -> Result<Dist> {
        let example = match unit {
            Unit::Duration => "\"12h\" or { dist = \"exponential\", mean = \"4d\" }",
            Unit::Count => "60 or { dist = \"poisson\", mean = 60 }",
        };
        match (&node.value, unit) {
            (NodeValue::Table(_), _) => self.dist_table(key, node, unit),
            (NodeValue::String(_), Unit::Duration) => {
                Dist::constant(self.duration(key, node)?).map_err(|r| self.error_at(node, r, None))
            }
            (NodeValue::Integer(_) | NodeValue::Float(_), Unit::Count) => {
                let x = self.number(key, node, example)?;
                Dist::constant(x).map_err(|_| {
                    self.error_at(
                        node,
                        format!("`{key}` must be at least 0, got {}", self.text(node)),
                        None,
                    )
                })
            }
            (NodeValue::Integer(_) | NodeValue::Float(_), Unit::Duration) => self
                .duration(key, node)
                .map(|_| unreachable!("a number is never a duration")),
            _ => Err(self.error_at(
                node,
                format!(
                    "`{key}` must be {}, found {}",
                    match unit {
                        Unit::Duration => "a duration or a distribution",
                        Unit::Count => "a number or a distribution",
                    },
                    node.value.kind()
                ),
                Some(&format!("e.g. {key} = {example}")),
            )),
        }
    }

    /// The time between recurrences of a process (`every` of an outage, `stay` of
    /// a link state), `what` naming what would recur: its mean must be above 0.
    /// At 0 the process would recur without end at one moment, and no run could
    /// finish; a mean above 0 but tiny is left to the estimate of the run's work.
    pub fn interval(&self, key: &str, node: &Node, what: &str, help: &str) -> Result<Dist> {
        let d = self.dist(key, node, Unit::Duration)?;
        if d.mean() > 0.0 {
            return Ok(d);
        }
        let got = match node.value {
            NodeValue::Table(_) => "a mean of 0".to_owned(),
            _ => self.text(node).to_owned(),
        };
        Err(self.error_at(
            node,
            format!(
                "`{key}` must have a mean above 0, got {got}: {what} without end at one moment"
            ),
            Some(help),
        ))
    }

    fn dist_table(&self, key: &str, node: &Node, unit: Unit) -> Result<Dist> {
        let NodeValue::Table(entries) = &node.value else {
            unreachable!("checked by the caller")
        };
        // Poisson draws whole numbers: a count, never a duration.
        let names: Vec<&str> = DISTS
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| unit == Unit::Count || *n != "poisson")
            .collect();
        let dist_help = format!("accepted distributions: {}", list(&names));
        let Some(dist_node) = entries.iter().find(|e| e.key == "dist").map(|e| &e.value) else {
            return Err(self.error_at(
                node,
                format!("`{key}` is a table without `dist`: say which distribution"),
                Some(&dist_help),
            ));
        };
        let name = self.string("dist", dist_node, &dist_help)?;
        let Some((name, alternatives)) = DISTS.iter().find(|(n, _)| n.eq_ignore_ascii_case(name))
        else {
            return Err(self.error_at(
                dist_node,
                format!("unknown distribution {}", self.text(dist_node)),
                Some(&dist_help),
            ));
        };
        if *name == "poisson" && unit == Unit::Duration {
            return Err(self.error_at(
                dist_node,
                format!("`{key}` is a duration, but \"poisson\" is for counts"),
                Some(&format!("use a distribution of durations, e.g. {{ dist = \"exponential\", mean = \"4d\" }}; {}", dist_help)),
            ));
        }
        let params: Vec<_> = entries.iter().filter(|e| e.key != "dist").collect();
        let known: HashSet<&str> = alternatives
            .iter()
            .flat_map(|a| a.iter().copied())
            .collect();
        if let Some(e) = params.iter().find(|e| !known.contains(e.key.as_str())) {
            return Err(self.error(
                e.key_file,
                e.key_span.clone(),
                format!("unknown parameter `{}` for distribution \"{name}\"", e.key),
                Some(takes(name, alternatives)),
            ));
        }
        let given: HashSet<&str> = params.iter().map(|e| e.key.as_str()).collect();
        let Some(chosen) = alternatives
            .iter()
            .find(|a| a.len() == given.len() && a.iter().all(|p| given.contains(p)))
        else {
            // The nearest set that holds everything given says what is missing.
            let message = match alternatives
                .iter()
                .find(|a| given.iter().all(|g| a.contains(g)))
            {
                Some(a) => {
                    let missing: Vec<&str> =
                        a.iter().copied().filter(|p| !given.contains(p)).collect();
                    format!(
                        "distribution \"{name}\" of `{key}` needs {}",
                        list(&missing)
                    )
                }
                None => format!("distribution \"{name}\" of `{key}` has conflicting parameters"),
            };
            return Err(self.error_at(node, message, Some(&takes(name, alternatives))));
        };
        let value = |p: &str| -> Result<f64> {
            let n = params
                .iter()
                .find(|e| e.key == p)
                .map(|e| &e.value)
                .expect("chosen set is given");
            self.param(name, p, n, unit)
        };
        let values = |p: &str| -> Result<Vec<f64>> {
            let n = &params.iter().find(|e| e.key == p).expect("given").value;
            let help = format!("`{p}` is an array, e.g. {p} = [1, 2, 5]");
            self.array(p, n, &help)?
                .iter()
                .map(|item| self.param(name, p, item, unit))
                .collect()
        };
        let built = match (*name, *chosen) {
            ("constant", _) => Dist::constant(value("value")?),
            ("uniform", _) => Dist::uniform(value("min")?, value("max")?),
            ("triangular", _) => Dist::triangular(value("min")?, value("mode")?, value("max")?),
            ("pert", _) => Dist::pert(value("min")?, value("mode")?, value("max")?),
            ("normal", _) => Dist::normal(value("mean")?, value("sd")?),
            ("lognormal", ["median", ..]) => {
                Dist::lognormal_median(value("median")?, value("sigma")?)
            }
            ("lognormal", _) => Dist::lognormal_mean(value("mean")?, value("sigma")?),
            ("exponential", _) => Dist::exponential(value("mean")?),
            ("gamma", [_, "scale"]) => Dist::gamma(value("shape")?, value("scale")?),
            ("gamma", _) => Dist::gamma_mean(value("shape")?, value("mean")?),
            ("weibull", _) => Dist::weibull(value("shape")?, value("scale")?),
            ("poisson", _) => Dist::poisson(value("mean")?),
            ("empirical", ["values", "weights"]) => self
                .tables
                .empirical(&values("values")?, &values("weights")?),
            ("empirical", _) => {
                let v = values("values")?;
                self.tables.empirical(&v, &vec![1.0; v.len()])
            }
            _ => unreachable!("every distribution is handled"),
        };
        built.map_err(|reason| {
            let help = match unit {
                Unit::Duration => Some("durations are compared in days"),
                Unit::Count => None,
            };
            self.error_at(
                node,
                format!("invalid distribution \"{name}\" for `{key}`: {reason}"),
                help,
            )
        })
    }

    fn param(&self, dist: &str, p: &str, node: &Node, unit: Unit) -> Result<f64> {
        if unit == Unit::Duration && !PLAIN.contains(&p) {
            return self.duration(p, node);
        }
        self.number(p, node, &format!("`{p}` of \"{dist}\" is a plain number"))
    }
}
