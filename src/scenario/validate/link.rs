//! The central link, `[network]`: Markov states, their transitions, scheduled outages.
//!
//! A single state needs no `next` (the link stays in it forever) and no `stay`; a
//! `[network]` without states has one state, "up", at full throughput, so that
//! scheduled outages can be given alone.

use jiff::civil::DateTime;

use super::{Document, Node, Result, Unit};
use crate::dist::Dist;
use crate::scenario::fields::list;
use crate::scenario::{LinkState, NetworkConfig, ScheduledOutage};
use crate::time::days_between;

/// How far a `next` row may be from summing to 1.
const TOLERANCE: f64 = 1e-6;

pub(super) fn read(doc: &Document, node: &Node, start: DateTime) -> Result<NetworkConfig> {
    read_named(doc, node, start, "network")
}

/// A link table named `name` in messages: `[network]`, or `[central]` (the
/// national link, the same shape), whose outages are in `start`'s clock.
pub(super) fn read_named(
    doc: &Document,
    node: &Node,
    start: DateTime,
    name: &str,
) -> Result<NetworkConfig> {
    let t = doc.table(
        name,
        &format!("[{name}]"),
        node,
        &["initial", "states", "outages"],
    )?;
    let state_help =
        format!("the link's states, e.g. [{name}.states.up] with `throughput`, `stay` and `next`");
    let entries = match t.get("states") {
        Some(n) => doc.free_table("states", n, &state_help)?,
        None => &[],
    };
    let names: Vec<&str> = entries.iter().map(|e| e.key.as_str()).collect();
    let known = format!("known states: {}", list(&names));
    let single = entries.len() <= 1;

    let mut states = Vec::with_capacity(entries.len());
    for e in entries {
        let label = format!("[{name}.states.{}]", e.key);
        let s = doc.table(&e.key, &label, &e.value, &["throughput", "stay", "next"])?;
        let throughput = doc.probability(
            "throughput",
            s.require(
                doc,
                "throughput",
                "the share of full printing speed in this state, from 0 (down) to 1 (up)",
            )?,
            "the share of full printing speed in this state, from 0 (down) to 1 (up)",
        )?;
        let stay = match s.get("stay") {
            Some(n) => doc.interval(
                "stay",
                n,
                "the link would change state again and again",
                "how long the link stays in this state, e.g. stay = { dist = \"exponential\", mean = \"4d\" }",
            )?,
            None if single => Dist::constant(f64::MAX).expect("finite"),
            None => {
                return Err(s.missing(doc, "stay", "how long the link stays in this state, e.g. stay = { dist = \"exponential\", mean = \"4d\" }"));
            }
        };
        let mut next = vec![0.0; entries.len()];
        let next_help = format!(
            "the chance of moving to each other state, adding up to 1, e.g. next = {{ up = 1.0 }}; {known}"
        );
        if let Some(n) = s.get("next") {
            for to in doc.free_table("next", n, &next_help)? {
                let j = names.iter().position(|s| *s == to.key).ok_or_else(|| {
                    doc.error(
                        to.key_file,
                        to.key_span.clone(),
                        format!(
                            "`next` of state `{}` names an unknown state `{}`",
                            e.key, to.key
                        ),
                        Some(known.clone()),
                    )
                })?;
                if to.key == e.key {
                    return Err(doc.error(
                        to.key_file,
                        to.key_span.clone(),
                        format!("state `{}` cannot move to itself", e.key),
                        Some("a longer `stay` is how the link stays in a state".into()),
                    ));
                }
                next[j] = doc.probability(&format!("next.{}", to.key), &to.value, &next_help)?;
            }
        }
        let sum: f64 = next.iter().sum();
        if !single && sum == 0.0 {
            let at = s.get("next").unwrap_or(&e.value);
            return Err(doc.error_at(
                at,
                format!(
                    "state `{}` has no way out: `next` gives no other state",
                    e.key
                ),
                Some(&next_help),
            ));
        }
        if sum != 0.0 && (sum - 1.0).abs() > TOLERANCE {
            return Err(doc.error_at(
                s.get("next").expect("a non-zero sum was written"),
                format!("`next` of state `{}` must add up to 1, got {sum}", e.key),
                Some(&next_help),
            ));
        }
        states.push(LinkState {
            name: e.key.clone(),
            throughput,
            stay,
            next,
        });
    }
    if states.is_empty() {
        states.push(LinkState {
            name: "up".into(),
            throughput: 1.0,
            stay: Dist::constant(f64::MAX).expect("finite"),
            next: vec![0.0],
        });
    }

    let initial = match t.get("initial") {
        Some(n) => {
            let name = doc.string("initial", n, &known)?;
            states.iter().position(|s| s.name == name).ok_or_else(|| {
                doc.error_at(
                    n,
                    format!("`initial` names an unknown state {}", doc.text(n)),
                    Some(&known),
                )
            })?
        }
        None if states.len() == 1 => 0,
        None => {
            return Err(t.missing(
                doc,
                "initial",
                &format!("the state at the start, e.g. initial = \"up\"; {known}"),
            ));
        }
    };

    let mut outages = Vec::new();
    if let Some(n) = t.get("outages") {
        let help = format!("an array of tables: [[{name}.outages]] with `at` and `duration`");
        for (i, item) in doc.array("outages", n, &help)?.iter().enumerate() {
            let o = doc.table(
                "outages",
                &format!("[[{name}.outages]]"),
                item,
                &["name", "at", "duration"],
            )?;
            let name = match o.get("name") {
                Some(n) => doc.string("name", n, "a name for reports")?.to_string(),
                None => format!("link outage {}", i + 1),
            };
            let at = doc.datetime(
                "at",
                o.require(
                    doc,
                    "at",
                    "when the outage starts, e.g. at = 2017-10-10T00:00:00",
                )?,
                "2017-10-10T00:00:00",
            )?;
            let duration = doc.dist(
                "duration",
                o.require(
                    doc,
                    "duration",
                    "how long the outage lasts, e.g. duration = \"12h\"",
                )?,
                Unit::Duration,
            )?;
            outages.push(ScheduledOutage {
                name,
                at: days_between(start, at),
                duration,
            });
        }
    }
    Ok(NetworkConfig {
        states,
        initial,
        outages,
    })
}
