//! The cards' flow around the printers: blank stock in (`[blanks]`, its
//! shipments in [`shipments`]), printed cards out to districts and residents
//! (`[distribution]`).

use jiff::civil::DateTime;

mod shipments;

use super::{Document, Node, Result, Unit};
use crate::scenario::{BlanksConfig, DistributionConfig, Reorder};

/// Deliveries with the quantity of each and where it is written.
pub(super) type Deliveries<'a> = (Vec<crate::scenario::Shipment>, Vec<(u64, &'a Node)>);

/// `[[pool.deliveries]]`: shipments to the national pool, with the quantity
/// of each (all deliveries of a repeating one together) and where it is written.
pub(super) fn deliveries<'a>(
    doc: &Document,
    node: &'a Node,
    start: DateTime,
) -> Result<Deliveries<'a>> {
    let mut counts = Vec::new();
    let out = shipments::read_named(doc, node, start, &mut counts, ("pool", "deliveries"))?;
    Ok((out, counts))
}

/// `[blanks]`; `national`: the office of a national scenario, whose reorder
/// policy asks the pool (no `lead_time`).
pub(super) fn blanks(
    doc: &Document,
    node: &Node,
    start: DateTime,
    national: bool,
) -> Result<BlanksConfig> {
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
    // Each count with where it is written, for the check on their sum.
    let mut counts: Vec<(u64, &Node)> =
        t.get("initial").map(|n| (initial, n)).into_iter().collect();
    let shipments = match t.get("shipments") {
        Some(n) => shipments::read(doc, n, start, &mut counts)?,
        None => Vec::new(),
    };
    let reorder = t
        .get("reorder")
        .map(|n| reorder(doc, n, national))
        .transpose()?;
    // Blanks on hand and on order never exceed `initial`, every shipment and one
    // reorder lot above its reorder point; while that fits a count, the stock
    // cannot overflow during a run.
    let reorder_counts = reorder
        .iter()
        .flat_map(|(r, below, quantity)| [(r.below, *below), (r.quantity, *quantity)]);
    let mut total: u64 = 0;
    for (n, at) in counts.into_iter().chain(reorder_counts) {
        total = total
            .checked_add(n)
            .filter(|&t| t <= MAX_BLANKS)
            .ok_or_else(|| {
                doc.error_at(
                    at,
                    format!(
                        "blanks add up to too many here: `initial`, every shipment's `quantity`, and the reorder's `below` and `quantity` make more than {MAX_BLANKS} together"
                    ),
                    Some(&format!(
                        "blanks on hand and on order must fit in a count, at most {MAX_BLANKS} together; an office holds thousands"
                    )),
                )
            })?;
    }
    let reorder = reorder.map(|(r, _, _)| r);
    Ok(BlanksConfig {
        initial,
        shipments,
        reorder,
    })
}

/// The largest number of blanks on hand and on order together: the largest TOML
/// integer.
const MAX_BLANKS: u64 = i64::MAX as u64;

/// The most reorder lots the policy may place at one moment: how many lots of
/// `quantity` fill an empty shelf up to `below`. Offices order one or two.
pub const MAX_REORDER_LOTS: u64 = 10_000;

/// The reorder policy, with the nodes of `below` and `quantity`.
fn reorder<'a>(
    doc: &Document,
    node: &'a Node,
    national: bool,
) -> Result<(Reorder, &'a Node, &'a Node)> {
    let t = doc.table(
        "reorder",
        "[blanks.reorder]",
        node,
        &["below", "quantity", "lead_time"],
    )?;
    let below_node = t.require(
        doc,
        "below",
        "the reorder point: order when on hand + on order falls below it, e.g. below = 5000",
    )?;
    let below = doc.count("below", below_node, 0, "the reorder point, e.g. 5000")?;
    let quantity_node = t.require(doc, "quantity", "the lot size, e.g. quantity = 10000")?;
    let quantity = doc.count("quantity", quantity_node, 1, "the lot size, e.g. 10000")?;
    // The policy orders lot after lot while the position is below the point: from
    // an empty shelf, `below / quantity` lots at one moment (a lot of 1 below
    // 9·10¹⁸ would order for ever).
    let lots = below.div_ceil(quantity);
    if lots > MAX_REORDER_LOTS {
        return Err(doc.error_at(
            below_node,
            format!(
                "`below` {below} takes {lots} lots of `quantity` {quantity} to reach from an empty shelf: more than the {MAX_REORDER_LOTS} lots ktpsim orders at once"
            ),
            Some(
                "the reorder point is a few lots: raise `quantity` to a lot the ministry sends (e.g. 10000) or lower `below`",
            ),
        ));
    }
    let lead_time = match (national, t.get("lead_time")) {
        (true, Some(n)) => return Err(doc.error_at(
            n,
            "`lead_time` does not apply to an office of a national scenario: its lots come from the pool",
            Some("the pool's transit replaces it (pool.allocation.transit, transit_by_region, or the office's `transit`): remove `lead_time` from [blanks.reorder]"),
        )),
        (true, None) => None,
        (false, _) => Some(doc.dist(
            "lead_time",
            t.require(doc, "lead_time", "time from order to arrival, e.g. lead_time = { dist = \"triangular\", min = \"7d\", mode = \"21d\", max = \"60d\" }")?,
            Unit::Duration,
        )?),
    };
    Ok((
        Reorder {
            below,
            quantity,
            lead_time,
        },
        below_node,
        quantity_node,
    ))
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
