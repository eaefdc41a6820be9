//! Priority classes and the tables that use them: `[backlog]` and `[recording]`.
//!
//! The class list comes from `backlog.priority` when given (it must name every
//! class of both mixes, once); otherwise from the mixes in the order written,
//! backlog first. With no class anywhere there is one class, "all". A table
//! without `mix` is allowed only while there is at most one class.

use std::collections::{HashMap, HashSet};

use super::{Document, Node, Result, Unit};
use crate::scenario::document::Entry;
use crate::scenario::fields::list;
use crate::scenario::{BacklogConfig, RecordingConfig};

/// How far a mix may be from summing to 1.
const TOLERANCE: f64 = 1e-6;

/// The classes and the tables indexed by them.
pub(super) struct Classes {
    pub names: Vec<String>,
    pub backlog: Option<BacklogConfig>,
    pub recording: Option<RecordingConfig>,
}

/// A mix as written: (class, share) in order.
struct Mix<'a> {
    shares: Vec<(&'a Entry, f64)>,
}

pub(super) fn read(
    doc: &Document,
    backlog: Option<&Node>,
    recording: Option<&Node>,
) -> Result<Classes> {
    let backlog = backlog
        .map(|n| doc.table("backlog", "[backlog]", n, &["initial", "mix", "priority"]))
        .transpose()?;
    let recording = recording
        .map(|n| {
            doc.table(
                "recording",
                "[recording]",
                n,
                &["per_workday", "mix", "pool"],
            )
        })
        .transpose()?;
    let backlog_mix = backlog
        .as_ref()
        .and_then(|t| t.get("mix"))
        .map(|n| mix(doc, n))
        .transpose()?;
    let recording_mix = recording
        .as_ref()
        .and_then(|t| t.get("mix"))
        .map(|n| mix(doc, n))
        .transpose()?;
    let mixes: Vec<&Mix> = backlog_mix.iter().chain(recording_mix.iter()).collect();

    let names = match backlog.as_ref().and_then(|t| t.get("priority")) {
        Some(p) => priority(doc, p, &mixes)?,
        None => {
            let mut names: Vec<String> = Vec::new();
            let mut seen = HashSet::new();
            for (e, _) in mixes.iter().flat_map(|m| m.shares.iter()) {
                if seen.insert(e.key.as_str()) {
                    names.push(e.key.clone());
                }
            }
            names
        }
    };
    let names = if names.is_empty() {
        vec!["all".to_string()]
    } else {
        names
    };
    let shares = |m: Option<&Mix>, table: &super::Table| -> Result<Vec<f64>> {
        match m {
            Some(m) => {
                let share: HashMap<&str, f64> =
                    m.shares.iter().map(|(e, p)| (e.key.as_str(), *p)).collect();
                Ok(names
                    .iter()
                    .map(|c| share.get(c.as_str()).copied().unwrap_or(0.0))
                    .collect())
            }
            None if names.len() == 1 => Ok(vec![1.0]),
            None => Err(doc.error_at(
                table.node,
                "give `mix`: there are several classes",
                Some(&format!(
                    "the share of each class, e.g. mix = {{ {} }}",
                    even_mix(&names)
                )),
            )),
        }
    };

    let backlog = match &backlog {
        Some(t) => Some(BacklogConfig {
            initial: doc.count(
                "initial",
                t.require(
                    doc,
                    "initial",
                    "records ready to print at the start, e.g. initial = 35000",
                )?,
                0,
                "records ready to print at the start, e.g. 35000",
            )?,
            mix: shares(backlog_mix.as_ref(), t)?,
        }),
        None => None,
    };
    let recording = match &recording {
        Some(t) => Some(RecordingConfig {
            per_workday: doc.dist(
                "per_workday",
                t.require(doc, "per_workday", "new records per working day, e.g. per_workday = { dist = \"poisson\", mean = 60 }")?,
                Unit::Count,
            )?,
            mix: shares(recording_mix.as_ref(), t)?,
            pool: t
                .get("pool")
                .map(|n| doc.count("pool", n, 0, "residents still to record, e.g. 32494"))
                .transpose()?,
        }),
        None => None,
    };
    Ok(Classes {
        names,
        backlog,
        recording,
    })
}

fn mix<'a>(doc: &Document, node: &'a Node) -> Result<Mix<'a>> {
    let help =
        "the share of each class, e.g. mix = { first_time = 0.5, elderly = 0.1, regular = 0.4 }";
    let entries = doc.free_table("mix", node, help)?;
    let mut shares = Vec::with_capacity(entries.len());
    for e in entries {
        let p = doc.probability(&format!("mix.{}", e.key), &e.value, help)?;
        shares.push((e, p));
    }
    let sum: f64 = shares.iter().map(|s| s.1).sum();
    if (sum - 1.0).abs() > TOLERANCE {
        return Err(doc.error_at(
            node,
            format!("`mix` must add up to 1, got {sum}"),
            Some("the shares of all classes together make 1"),
        ));
    }
    Ok(Mix { shares })
}

/// An even split over `names` as TOML keys and shares that add up to exactly 1
/// as written (`a = 0.34, b = 0.33, c = 0.33`), so that the example a hint gives
/// is itself a valid mix.
fn even_mix(names: &[String]) -> String {
    let n = names.len().max(1);
    // Hundredths, or finer when there are more classes than that.
    let mut decimals = 2;
    while 10usize.pow(decimals) < n {
        decimals += 1;
    }
    let whole = 10usize.pow(decimals);
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let units = whole / n + usize::from(i < whole % n);
            let share = if units == whole {
                "1".to_string()
            } else {
                let digits = format!("{units:0width$}", width = decimals as usize);
                format!("0.{}", digits.trim_end_matches('0'))
            };
            format!("{} = {share}", toml_key(name))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `name` as a TOML key: bare when it can be, quoted otherwise.
fn toml_key(name: &str) -> String {
    let bare = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        name.to_string()
    } else {
        toml::Value::String(name.to_string()).to_string()
    }
}

fn priority(doc: &Document, node: &Node, mixes: &[&Mix]) -> Result<Vec<String>> {
    let help = "the classes, highest priority first, e.g. priority = [\"first_time\", \"elderly\", \"regular\"]";
    let mut names: Vec<String> = Vec::new();
    let mut listed = HashSet::new();
    for item in doc.array("priority", node, help)? {
        let name = doc.string("priority", item, help)?;
        if !listed.insert(name) {
            return Err(doc.error_at(
                item,
                format!("class {} appears twice in `priority`", doc.text(item)),
                Some("list each class once"),
            ));
        }
        names.push(name.to_string());
    }
    for m in mixes {
        if let Some((e, _)) = m
            .shares
            .iter()
            .find(|(e, _)| !listed.contains(e.key.as_str()))
        {
            let known: Vec<&str> = names.iter().map(String::as_str).collect();
            return Err(doc.error(
                e.key_file,
                e.key_span.clone(),
                format!("class `{}` is in a `mix` but not in `priority`", e.key),
                Some(format!(
                    "`priority` must list every class; it lists {}",
                    list(&known)
                )),
            ));
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("c{i}")).collect()
    }

    #[test]
    fn an_even_mix_adds_up_to_one_as_written() {
        assert_eq!(even_mix(&names(2)), "c0 = 0.5, c1 = 0.5");
        assert_eq!(even_mix(&names(3)), "c0 = 0.34, c1 = 0.33, c2 = 0.33");
        assert_eq!(
            even_mix(&names(4)),
            "c0 = 0.25, c1 = 0.25, c2 = 0.25, c3 = 0.25"
        );
        for n in 1..=1200 {
            let text = even_mix(&names(n));
            let sum: f64 = text
                .split(", ")
                .map(|kv| kv.split(" = ").nth(1).unwrap().parse::<f64>().unwrap())
                .sum();
            assert!((sum - 1.0).abs() <= TOLERANCE, "{n} classes: {sum}");
        }
    }

    #[test]
    fn class_names_that_are_not_bare_keys_are_quoted() {
        let names = ["first time".to_string(), "a.b".into(), "ok_1-x".into()];
        assert_eq!(
            even_mix(&names),
            "\"first time\" = 0.34, \"a.b\" = 0.33, ok_1-x = 0.33"
        );
    }
}
