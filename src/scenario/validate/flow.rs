//! The cards' flow around the printers: blank stock in (`[blanks]`), printed cards
//! out to districts and residents (`[distribution]`).

use jiff::civil::DateTime;

use super::{Document, Node, Result, Unit};
use crate::scenario::{BlanksConfig, DistributionConfig, Reorder, Shipment};
use crate::time::days_between;

pub(super) fn blanks(doc: &Document, node: &Node, start: DateTime) -> Result<BlanksConfig> {
    let t = doc.table(
        "blanks",
        "[blanks]",
        node,
        &["initial", "shipments", "reorder"],
    )?;
    let initial = match t.get("initial") {
        Some(n) => doc.count(
            "initial",
            n,
            0,
            "blank cards on hand at the start, e.g. 13000",
        )?,
        None => 0,
    };
    let mut shipments = Vec::new();
    if let Some(n) = t.get("shipments") {
        let help =
            "an array of tables: [[blanks.shipments]] with `at`, `quantity` and optional `delay`";
        for item in doc.array("shipments", n, help)? {
            let s = doc.table(
                "shipments",
                "[[blanks.shipments]]",
                item,
                &["at", "quantity", "delay"],
            )?;
            let at = doc.datetime(
                "at",
                s.require(
                    doc,
                    "at",
                    "the planned arrival, e.g. at = 2017-12-04T07:30:00",
                )?,
                "2017-12-04T07:30:00",
            )?;
            let quantity = doc.count(
                "quantity",
                s.require(doc, "quantity", "blanks delivered, e.g. quantity = 10000")?,
                0,
                "blanks delivered, e.g. 10000",
            )?;
            let delay = s
                .get("delay")
                .map(|n| doc.dist("delay", n, Unit::Duration))
                .transpose()?;
            shipments.push(Shipment {
                at: days_between(start, at),
                quantity,
                delay,
            });
        }
    }
    let reorder = t.get("reorder").map(|n| reorder(doc, n)).transpose()?;
    Ok(BlanksConfig {
        initial,
        shipments,
        reorder,
    })
}

fn reorder(doc: &Document, node: &Node) -> Result<Reorder> {
    let t = doc.table(
        "reorder",
        "[blanks.reorder]",
        node,
        &["below", "quantity", "lead_time"],
    )?;
    let below = doc.count(
        "below",
        t.require(
            doc,
            "below",
            "the reorder point: order when on hand + on order falls below it, e.g. below = 5000",
        )?,
        0,
        "the reorder point, e.g. 5000",
    )?;
    let quantity = doc.count(
        "quantity",
        t.require(doc, "quantity", "the lot size, e.g. quantity = 10000")?,
        1,
        "the lot size, e.g. 10000",
    )?;
    let lead_time = doc.dist(
        "lead_time",
        t.require(doc, "lead_time", "time from order to arrival, e.g. lead_time = { dist = \"triangular\", min = \"7d\", mode = \"21d\", max = \"60d\" }")?,
        Unit::Duration,
    )?;
    Ok(Reorder {
        below,
        quantity,
        lead_time,
    })
}

pub(super) fn distribution(doc: &Document, node: &Node) -> Result<DistributionConfig> {
    let t = doc.table(
        "distribution",
        "[distribution]",
        node,
        &["dispatch", "to_district", "to_resident"],
    )?;
    let dispatch = doc.weekdays(
        "dispatch",
        t.require(
            doc,
            "dispatch",
            "the weekdays cards leave for the districts, e.g. dispatch = [\"fri\"]",
        )?,
    )?;
    let to_district = doc.dist(
        "to_district",
        t.require(
            doc,
            "to_district",
            "transit to the district office, e.g. to_district = \"2d\"",
        )?,
        Unit::Duration,
    )?;
    let to_resident = doc.dist(
        "to_resident",
        t.require(
            doc,
            "to_resident",
            "from the district office to the resident, e.g. to_resident = \"10d\"",
        )?,
        Unit::Duration,
    )?;
    Ok(DistributionConfig {
        dispatch,
        to_district,
        to_resident,
    })
}
