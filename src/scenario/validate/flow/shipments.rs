//! `[[blanks.shipments]]`: one delivery at `at`, or a delivery repeated `every`
//! period from `at`, `count` times or `until` a date.
//!
//! A repeating shipment is expanded here into the deliveries it makes, each a
//! [`Shipment`] of its own with its own `delay` draw, so that the model knows
//! only single deliveries. A shipment without `every` reads as it always has.

use jiff::civil::DateTime;

use super::super::{Document, Node, Result, Unit};
use crate::scenario::Shipment;
use crate::time::{Period, days_between};

/// The most deliveries the repeating shipments of one scenario make together:
/// each is a shipment to keep and an event to schedule in every replication,
/// and a delivery a day for ten years is 3,653.
pub const MAX_DELIVERIES: u64 = 10_000;

/// The most values of empirical `delay`s copied to the deliveries of repeating
/// shipments, all together: each delivery holds its own copy of its delay.
const MAX_COPIED_VALUES: u64 = 1_000_000;

const EVERY_HELP: &str = "the time from one delivery to the next: whole months land on `at`'s day of the month (the last day of a shorter month), e.g. every = \"1mo\"; or a duration, e.g. every = \"2w\"";

const END_HELP: &str =
    "give exactly one of `until` (the date of the last delivery) and `count` (how many deliveries)";

const DELIVERIES_HELP: &str = "repeating shipments make at most 10000 deliveries in a scenario (a delivery a day for ten years is 3653): repeat less often or stop earlier";

/// The shipments of `[blanks]`, in the order written, a repeating one as its
/// deliveries in order; each quantity (all deliveries of a repeating shipment
/// together) goes to `counts` with where it is written.
pub(super) fn read<'a>(
    doc: &Document,
    node: &'a Node,
    start: DateTime,
    counts: &mut Vec<(u64, &'a Node)>,
) -> Result<Vec<Shipment>> {
    read_named(doc, node, start, counts, ("blanks", "shipments"))
}

/// [`read`] for the array `key` of table `table` (`[[pool.deliveries]]`, the
/// same shape), named so in messages.
pub(super) fn read_named<'a>(
    doc: &Document,
    node: &'a Node,
    start: DateTime,
    counts: &mut Vec<(u64, &'a Node)>,
    (table, key): (&str, &str),
) -> Result<Vec<Shipment>> {
    let help = format!(
        "an array of tables: [[{table}.{key}]] with `at`, `quantity`, an optional `delay`, and `every` with `until` or `count` to repeat it"
    );
    let label = format!("[[{table}.{key}]]");
    let mut out = Vec::new();
    let mut repeated = Repeated::default();
    for item in doc.array(key, node, &help)? {
        entry(
            doc,
            item,
            (key, &label),
            start,
            counts,
            &mut repeated,
            &mut out,
        )?;
    }
    Ok(out)
}

/// What the repeating shipments read so far add up to.
#[derive(Default)]
struct Repeated {
    deliveries: u64,
    copied_values: u64,
}

fn entry<'a>(
    doc: &Document,
    node: &'a Node,
    (key, label): (&str, &str),
    start: DateTime,
    counts: &mut Vec<(u64, &'a Node)>,
    repeated: &mut Repeated,
    out: &mut Vec<Shipment>,
) -> Result<()> {
    let s = doc.table(
        key,
        label,
        node,
        &["at", "quantity", "delay", "every", "until", "count"],
    )?;
    let at = doc.datetime(
        "at",
        s.require(
            doc,
            "at",
            "the planned arrival (the first, when repeated), e.g. at = 2017-12-04T07:30:00",
        )?,
        "2017-12-04T07:30:00",
    )?;
    let quantity_node = s.require(doc, "quantity", "blanks delivered, e.g. quantity = 10000")?;
    let quantity = doc.count("quantity", quantity_node, 0, "blanks delivered, e.g. 10000")?;
    let delay = s
        .get("delay")
        .map(|n| doc.dist("delay", n, Unit::Duration))
        .transpose()?;
    let Some(every) = s.get("every") else {
        if let Some((key, n)) = [("until", s.get("until")), ("count", s.get("count"))]
            .into_iter()
            .find_map(|(k, n)| n.map(|n| (k, n)))
        {
            return Err(doc.error_at(
                n,
                format!("`{key}` repeats a shipment, but it has no `every`"),
                Some(&format!(
                    "add `every`, the time from one delivery to the next, e.g. every = \"1mo\"; or remove `{key}`"
                )),
            ));
        }
        counts.push((quantity, quantity_node));
        out.push(Shipment {
            at: days_between(start, at),
            quantity,
            delay,
        });
        return Ok(());
    };
    let period = doc.period("every", every)?;
    if period.is_zero() {
        return Err(doc.error_at(
            every,
            format!(
                "`every` must be longer than 0, got {}: every delivery would arrive at once",
                doc.text(every)
            ),
            Some(EVERY_HELP),
        ));
    }
    let room = MAX_DELIVERIES - repeated.deliveries;
    let moments = match (s.get("until"), s.get("count")) {
        (Some(_), Some(n)) => {
            return Err(doc.error_at(n, "`until` and `count` are both given", Some(END_HELP)));
        }
        (None, None) => {
            return Err(doc.error_at(
                every,
                "a shipment repeated `every` needs an end: `until` or `count`",
                Some(END_HELP),
            ));
        }
        (None, Some(n)) => counted(doc, n, every, at, period, room)?,
        (Some(n), None) => until(doc, n, every, at, period, room)?,
    };
    let n = moments.len() as u64;
    repeated.deliveries += n;
    if let Some(d) = s.get("delay") {
        copied(doc, d, n, repeated)?;
    }
    counts.push((quantity.saturating_mul(n), quantity_node));
    out.extend(moments.into_iter().map(|m| Shipment {
        at: days_between(start, m),
        quantity,
        delay: delay.clone(),
    }));
    Ok(())
}

/// The moments of `count` deliveries from `at`.
fn counted(
    doc: &Document,
    node: &Node,
    every: &Node,
    at: DateTime,
    period: Period,
    room: u64,
) -> Result<Vec<DateTime>> {
    let n = doc.count(
        "count",
        node,
        1,
        "how many deliveries, the first at `at`, e.g. count = 6",
    )?;
    if n > room {
        let message = if room == MAX_DELIVERIES {
            format!("`count` must be at most {MAX_DELIVERIES}, got {n}")
        } else {
            format!(
                "`count` {n} is more than the {room} deliveries left: the repeating shipments above make {} of the {MAX_DELIVERIES} accepted",
                MAX_DELIVERIES - room
            )
        };
        return Err(doc.error_at(node, message, Some(DELIVERIES_HELP)));
    }
    let n = u32::try_from(n).expect("at most MAX_DELIVERIES");
    (0..n)
        .map(|i| period.after(at, i))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| {
            doc.error_at(
                node,
                format!(
                    "`count` {n} deliveries `every` {} from `at` {at} go past {}, the last date ktpsim can represent",
                    doc.text(every),
                    DateTime::MAX.date()
                ),
                Some("give fewer deliveries or a shorter `every`"),
            )
        })
}

/// The moments of the deliveries from `at` to `until`: a date includes every
/// delivery on that date, a date-time every delivery up to that moment.
fn until(
    doc: &Document,
    node: &Node,
    every: &Node,
    at: DateTime,
    period: Period,
    room: u64,
) -> Result<Vec<DateTime>> {
    let (date, time) = doc.toml_date("until", node, "2018-06-01")?;
    let fits = |m: DateTime| match time {
        Some(t) => m <= date.to_datetime(t),
        None => m.date() <= date,
    };
    if !fits(at) {
        return Err(doc.error_at(
            node,
            format!(
                "`until` {} is before `at` {at}: the last delivery would come before the first",
                doc.text(node)
            ),
            Some("`until` is the date of the last delivery, on or after `at`"),
        ));
    }
    let mut moments = vec![at];
    for i in 1.. {
        match period.after(at, i) {
            Some(m) if fits(m) => moments.push(m),
            _ => break,
        }
        if moments.len() as u64 > room {
            let others = MAX_DELIVERIES - room;
            let message = if others == 0 {
                format!(
                    "`until` {} with `every` {} makes more than {MAX_DELIVERIES} deliveries",
                    doc.text(node),
                    doc.text(every)
                )
            } else {
                format!(
                    "`until` {} with `every` {} makes more than the {room} deliveries left: the repeating shipments above make {others} of the {MAX_DELIVERIES} accepted",
                    doc.text(node),
                    doc.text(every)
                )
            };
            return Err(doc.error_at(node, message, Some(DELIVERIES_HELP)));
        }
    }
    Ok(moments)
}

/// Counts the values of an empirical `delay` copied to `n` deliveries.
fn copied(doc: &Document, delay: &Node, n: u64, repeated: &mut Repeated) -> Result<()> {
    let crate::scenario::document::NodeValue::Table(entries) = &delay.value else {
        return Ok(());
    };
    let values = entries
        .iter()
        .filter(|e| e.key == "values" || e.key == "weights")
        .map(|e| match &e.value.value {
            crate::scenario::document::NodeValue::Array(items) => items.len() as u64,
            _ => 0,
        })
        .sum::<u64>();
    repeated.copied_values += values.saturating_mul(n);
    if repeated.copied_values <= MAX_COPIED_VALUES {
        return Ok(());
    }
    Err(doc.error_at(
        delay,
        format!(
            "`delay` is copied to each of {n} deliveries with its {values} values and weights: more than {MAX_COPIED_VALUES} values in all"
        ),
        Some("each delivery draws its own delay; give the empirical delay fewer values, or repeat the shipment fewer times"),
    ))
}
