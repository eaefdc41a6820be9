//! Sweeps: a `[sweep]` table maps key paths to lists of values; the grid of
//! every combination becomes named variants, validated like files and run on
//! common random numbers.
//!
//! ```toml
//! [sweep]
//! "printing.printers" = [1, 2, 3]
//! "blanks.reorder.below" = [2000, 5000, 8000]
//! ```
//!
//! The first key varies slowest. A variant is labelled `<scenario>.<key>-<value>`
//! per key (the last key of each path, the value with characters outside
//! letters, digits, `.`, `_` and `-` turned into `_`). Values that differ only
//! in such characters (`"a b"`, `"a_b"`) would give one label to two variants:
//! the later ones get `.2`, `.3`, ... so every row of sweep.csv and every bar
//! of the chart is told apart. Labels name rows, never files or folders.

use std::ops::Range;
use std::path::Path;

use anyhow::Result;

use crate::engine::executor::Executor;
use crate::model::Model;
use crate::scenario::document::{Document, FileId, Node, NodeValue};
use crate::scenario::key_path::KeyPath;
use crate::scenario::overrides::validate_with;
use crate::scenario::{Scenario, ScenarioError};
use crate::stats::Clearing;

/// One key of the sweep with its values.
#[derive(Debug, Clone)]
pub struct Axis {
    /// The key path.
    pub path: KeyPath,
    /// The values as written.
    pub labels: Vec<String>,
    values: Vec<Node>,
    key_at: (FileId, Range<usize>),
}

/// A sweep read from a scenario file, every variant validated.
#[derive(Debug, Clone)]
pub struct Sweep {
    /// The scenario as written (without the sweep): names the output folder.
    pub base: Scenario,
    /// The keys, first varying slowest.
    pub axes: Vec<Axis>,
    /// The grid, in order; `coords[k]` indexes `axes[k].labels`.
    pub variants: Vec<(Vec<usize>, Scenario)>,
}

/// The most variants a `[sweep]` may make. Every variant is validated and kept
/// as a model before the first replication, and all of them run side by side:
/// a grid is for comparing settings, and a table of a thousand lines is already
/// past reading.
pub const MAX_VARIANTS: u64 = 1000;

/// Refuses a `[sweep]` (the table `node`) whose grid of `axes` would make more
/// than [`MAX_VARIANTS`] variants, before any variant is built.
pub fn sweep_size(doc: &Document, node: &Node, axes: &[Axis]) -> Result<(), ScenarioError> {
    // In floating point: twenty lists of ten overflow any integer type.
    let variants: f64 = axes.iter().map(|a| a.labels.len() as f64).product();
    if variants <= MAX_VARIANTS as f64 {
        return Ok(());
    }
    let sizes: Vec<String> = axes
        .iter()
        .map(|a| format!("`{}` {}", a.path, a.labels.len()))
        .collect();
    let variants = if variants < 1e15 {
        format!("{variants:.0}")
    } else {
        format!("about {variants:.1e}")
    };
    Err(doc.error_at(
        node,
        format!("[sweep] makes {variants} variants, more than the {MAX_VARIANTS} a sweep may run"),
        Some(&format!(
            "a sweep runs every combination of its lists: {} values; give fewer values, \
             or split the sweep into several files",
            sizes.join(" × ")
        )),
    ))
}

/// The sweep of the scenario file `path`, if it has a `[sweep]` table.
pub fn read(path: &Path) -> Result<Option<Sweep>, ScenarioError> {
    read_from(path, &crate::scenario::Sources::disk())
}

/// [`read`], reading every file from `sources`.
pub fn read_from(
    path: &Path,
    sources: &crate::scenario::Sources,
) -> Result<Option<Sweep>, ScenarioError> {
    let doc = Document::load_from(path, sources)?;
    let Some(node) = doc.get_path(&KeyPath(vec![crate::scenario::key_path::Step::Key(
        "sweep".into(),
    )])) else {
        return Ok(None);
    };
    let mut axes = Vec::new();
    collect(&doc, node, "", &mut axes)?;
    if axes.is_empty() {
        return Err(doc.error_at(
            node,
            "[sweep] names no key",
            Some("map key paths to lists of values: \"printing.printers\" = [1, 2, 3]"),
        ));
    }
    sweep_size(&doc, node, &axes)?;
    let base = validate_with(&doc, &[])?;
    let mut variants = Vec::new();
    let mut labels = std::collections::HashSet::new();
    for coords in grid(&axes) {
        let changes: Vec<_> = axes
            .iter()
            .zip(&coords)
            .map(|(a, &i)| (a.path.clone(), a.values[i].clone(), a.key_at.clone()))
            .collect();
        let mut scenario = validate_with(&doc, &changes)?;
        scenario.name = distinct(variant_name(&base.name, &axes, &coords), &mut labels);
        variants.push((coords, scenario));
    }
    Ok(Some(Sweep {
        base,
        axes,
        variants,
    }))
}

/// Flattens `[sweep]`: quoted dotted keys and nested tables both name paths.
fn collect(
    doc: &Document,
    node: &Node,
    prefix: &str,
    axes: &mut Vec<Axis>,
) -> Result<(), ScenarioError> {
    let NodeValue::Table(entries) = &node.value else {
        return Err(doc.error_at(node, "[sweep] must be a table", None));
    };
    for e in entries {
        let name = format!("{prefix}{}", e.key);
        let key_at = (e.key_file, e.key_span.clone());
        match &e.value.value {
            NodeValue::Array(items) if !items.is_empty() => {
                let path = KeyPath::parse(&name)
                    .map_err(|m| doc.error(key_at.0, key_at.1.clone(), m, None))?;
                if let Some(why) = crate::scenario::key_path::changes_nothing(&path) {
                    return Err(doc.error(
                        key_at.0,
                        key_at.1,
                        format!("[sweep] key `{name}` changes nothing: {why}"),
                        Some(
                            "sweep a setting of the office, e.g. \"printing.printers\" = [1, 2, 3]"
                                .into(),
                        ),
                    ));
                }
                axes.push(Axis {
                    path,
                    labels: items.iter().map(|n| doc.text(n).to_owned()).collect(),
                    values: items.clone(),
                    key_at,
                });
            }
            NodeValue::Table(_) if !doc.text(&e.value).starts_with('{') => {
                collect(doc, &e.value, &format!("{name}."), axes)?;
            }
            _ => {
                return Err(doc.error_at(
                    &e.value,
                    format!("[sweep] key `{name}` must be a non-empty list of values"),
                    Some("e.g. \"printing.printers\" = [1, 2, 3]"),
                ));
            }
        }
    }
    Ok(())
}

/// Every combination of value indices, the first axis varying slowest.
fn grid(axes: &[Axis]) -> Vec<Vec<usize>> {
    axes.iter().fold(vec![Vec::new()], |acc, axis| {
        acc.iter()
            .flat_map(|prefix| {
                (0..axis.labels.len()).map(move |i| {
                    let mut c = prefix.clone();
                    c.push(i);
                    c
                })
            })
            .collect()
    })
}

/// The label of the variant at `coords` of the grid (not yet made distinct).
fn variant_name(base: &str, axes: &[Axis], coords: &[usize]) -> String {
    let mut name = base.to_owned();
    for (a, &i) in axes.iter().zip(coords) {
        let value: String = a.labels[i]
            .chars()
            .filter(|&c| c != '"')
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        name.push_str(&format!(".{}-{value}", a.path.leaf()));
    }
    name
}

/// `label`, or with the first of `.2`, `.3`, ... that makes it new to `taken`;
/// the label returned is added to `taken`.
fn distinct(label: String, taken: &mut std::collections::HashSet<String>) -> String {
    let label = (1..)
        .map(|k| match k {
            1 => label.clone(),
            k => format!("{label}.{k}"),
        })
        .find(|l| !taken.contains(l))
        .expect("a free label");
    taken.insert(label.clone());
    label
}

/// The models of a sweep's variants, each with `seed`: what [`run`] runs, and
/// what a shard of the sweep runs and a merge replays.
pub fn models(sweep: &Sweep, seed: u64) -> Vec<Model> {
    sweep
        .variants
        .iter()
        .map(|(_, s)| {
            let mut s = s.clone();
            s.seed = seed;
            Model::new(&s)
        })
        .collect()
}

/// Runs every variant with `seed` and `replications` on common random numbers.
pub fn run(sweep: &Sweep, seed: u64, replications: u64, exec: &Executor) -> Result<Vec<Clearing>> {
    super::clearing(&models(sweep, seed), 0..replications, exec, &mut |_| {})
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_made_distinct_in_grid_order() {
        let mut taken = std::collections::HashSet::new();
        let labels: Vec<String> = ["s.k-a_b", "s.k-a_b", "s.k-a_b.2", "s.k-a_b", "s.k-c"]
            .iter()
            .map(|l| distinct((*l).to_owned(), &mut taken))
            .collect();
        assert_eq!(
            labels,
            ["s.k-a_b", "s.k-a_b.2", "s.k-a_b.2.2", "s.k-a_b.3", "s.k-c"]
        );
    }
}
