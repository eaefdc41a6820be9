//! `[pool]`: the ministry's blank stock, its deliveries (the shape of
//! `[[blanks.shipments]]`) and `[pool.allocation]`, how it serves the offices.

use jiff::civil::DateTime;

use super::super::{Document, Node, Result, Unit, flow};
use crate::dist::Dist;
use crate::scenario::document::{Entry, NodeValue};
use crate::scenario::fields::list;
use crate::scenario::national::{Allocation, LotMax, PoolConfig};
use crate::time::Days;

/// The policies, as written.
const POLICIES: [&str; 3] = ["fifo", "largest-backlog", "proportional"];

const TRANSIT_HELP: &str = "the time a lot travels from the pool to an office, e.g. transit = { dist = \"triangular\", min = \"3d\", mode = \"10d\", max = \"30d\" }";

/// The pool as read, with what resolves each office's transit.
pub(super) struct Pool<'a> {
    /// The checked pool.
    pub config: PoolConfig,
    /// `pool.allocation.transit`.
    pub transit: Option<Dist>,
    /// `pool.allocation.transit_by_region`: each region's transit, with the
    /// entry it was written in.
    pub by_region: Vec<(&'a Entry, Dist)>,
    /// `[pool.allocation]`, where a missing transit is reported.
    pub allocation: &'a Node,
}

impl Pool<'_> {
    /// The transit of an office of `region` without its own.
    pub fn transit_for(&self, region: &str) -> Option<&Dist> {
        self.by_region
            .iter()
            .find(|(e, _)| e.key == region)
            .map(|(_, d)| d)
            .or(self.transit.as_ref())
    }

    /// Every region of `transit_by_region` is the region of some office.
    pub fn check_regions(&self, doc: &Document, regions: &[&str]) -> Result<()> {
        for (e, _) in &self.by_region {
            if regions.contains(&e.key.as_str()) {
                continue;
            }
            let mut known: Vec<&str> = regions.iter().copied().filter(|r| !r.is_empty()).collect();
            known.sort_unstable();
            known.dedup();
            let help = if known.is_empty() {
                "no office has a region: give offices a `region` (a column of the offices table, or a key of [[offices.office]])".to_owned()
            } else {
                format!("the offices' regions: {}", list(&known))
            };
            return Err(doc.error(
                e.key_file,
                e.key_span.clone(),
                format!(
                    "`transit_by_region` names the region `{}`, which no office is in",
                    e.key
                ),
                Some(help),
            ));
        }
        Ok(())
    }
}

/// The most proportional rounds a run may hold: each stops every office to
/// share the stock out. A round an hour for ten years is 87,660.
pub const MAX_ROUNDS: f64 = 100_000.0;

pub(super) fn read<'a>(
    doc: &Document,
    node: &'a Node,
    start: DateTime,
    horizon: Days,
) -> Result<Pool<'a>> {
    let t = doc.table(
        "pool",
        "[pool]",
        node,
        &["initial", "deliveries", "allocation"],
    )?;
    let initial = match t.get("initial") {
        Some(n) => doc.count(
            "initial",
            n,
            0,
            "blanks in the pool at the start, e.g. initial = 2700000",
        )?,
        None => 0,
    };
    let (deliveries, counts) = match t.get("deliveries") {
        Some(n) => flow::deliveries(doc, n, start)?,
        None => (Vec::new(), Vec::new()),
    };
    // Stock, in transit, on shelves and used add up to these: they must fit.
    let mut total = initial;
    for (n, at) in counts {
        total = total
            .checked_add(n)
            .filter(|&t| t <= i64::MAX as u64)
            .ok_or_else(|| {
                doc.error_at(
                    at,
                    format!(
                        "the pool's blanks add up to too many here: `initial` and every delivery's `quantity` make more than {} together",
                        i64::MAX
                    ),
                    Some("the ministry bought millions, not quintillions"),
                )
            })?;
    }
    let allocation = t.require(
        doc,
        "allocation",
        "how the pool serves the offices: [pool.allocation] with `policy` (\"fifo\", \"largest-backlog\" or \"proportional\")",
    )?;
    let a = doc.table(
        "allocation",
        "[pool.allocation]",
        allocation,
        &[
            "policy",
            "lot_max",
            "review",
            "transit",
            "transit_by_region",
        ],
    )?;
    let policy_help = format!(
        "{}: first come first served, the largest print-ready backlog first, or shared out in proportion to the backlogs every `review`",
        list(&POLICIES)
    );
    let policy_node = a.require(doc, "policy", &format!("policy = one of {policy_help}"))?;
    let policy = doc.string("policy", policy_node, &policy_help)?;
    let review = a.get("review");
    let allocation_policy = match (policy, review) {
        ("fifo", Some(n)) => {
            return Err(doc.error_at(
                n,
                "`review` does not apply to policy = \"fifo\", which serves requests in the order they were made as stock comes in",
                Some("remove `review`, or choose policy = \"proportional\" (stock shared out every `review`)"),
            ));
        }
        ("fifo", None) => Allocation::Fifo,
        // The contract's example writes `review` with "largest-backlog": it
        // is accepted (checked as a duration) and has no effect there.
        ("largest-backlog", review) => {
            if let Some(n) = review {
                doc.duration("review", n)?;
            }
            Allocation::LargestBacklog
        }
        ("proportional", Some(n)) => {
            let days = doc.duration("review", n)?;
            if days <= 0.0 {
                return Err(doc.error_at(
                    n,
                    format!("`review` must be longer than 0, got {}", doc.text(n)),
                    Some("how often the stock is shared out, e.g. review = \"14d\""),
                ));
            }
            let rounds = (horizon / days).ceil();
            if rounds > MAX_ROUNDS {
                return Err(doc.error_at(
                    n,
                    format!(
                        "`review` = {} makes {} proportional rounds in the horizon of {} days, more than the {MAX_ROUNDS} a run may hold",
                        doc.text(n),
                        crate::dist::num(rounds),
                        crate::dist::num(horizon),
                    ),
                    Some("each round stops every office to share the stock out: review = \"1h\" for ten years is 87660 rounds; a ministry reviews every week or two, e.g. review = \"14d\""),
                ));
            }
            Allocation::Proportional { review: days }
        }
        ("proportional", None) => {
            return Err(a.missing(
                doc,
                "review",
                "policy = \"proportional\" shares the stock out every `review`: e.g. review = \"14d\"",
            ));
        }
        _ => {
            return Err(doc.error_at(
                policy_node,
                format!("unknown allocation policy {}", doc.text(policy_node)),
                Some(&policy_help),
            ));
        }
    };
    let lot_max = match a.get("lot_max") {
        None => LotMax::None,
        Some(n) => lot_max(doc, n)?,
    };
    let transit = a
        .get("transit")
        .map(|n| doc.dist("transit", n, Unit::Duration))
        .transpose()?;
    let mut by_region = Vec::new();
    if let Some(n) = a.get("transit_by_region") {
        let help = format!(
            "each region's transit, e.g. transit_by_region = {{ \"Papua\" = {{ dist = \"uniform\", min = \"10d\", max = \"40d\" }} }}; {TRANSIT_HELP}"
        );
        for e in doc.free_table("transit_by_region", n, &help)? {
            by_region.push((e, doc.dist(&e.key, &e.value, Unit::Duration)?));
        }
    }
    Ok(Pool {
        config: PoolConfig {
            initial,
            deliveries,
            allocation: allocation_policy,
            lot_max,
        },
        transit,
        by_region,
        allocation,
    })
}

fn lot_max(doc: &Document, n: &Node) -> Result<LotMax> {
    let help = "the most one lot holds: a count, e.g. lot_max = 5000, or days of the office's printing capacity, e.g. lot_max = \"30d\"";
    match &n.value {
        NodeValue::String(_) => {
            let days = doc.duration("lot_max", n)?;
            if days <= 0.0 {
                return Err(doc.error_at(
                    n,
                    format!("`lot_max` must be longer than 0, got {}", doc.text(n)),
                    Some(help),
                ));
            }
            Ok(LotMax::Days(days))
        }
        _ => Ok(LotMax::Count(doc.count("lot_max", n, 1, help)?)),
    }
}

/// The help line for a missing transit.
pub(super) const MISSING_TRANSIT_HELP: &str = TRANSIT_HELP;
