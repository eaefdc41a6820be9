//! `[costs]`: rates in rupiah, each optional and non-negative.

use super::Result;
use crate::scenario::CostsConfig;
use crate::scenario::document::{Document, Node};

/// The rate keys, in the order of the table's docs.
const RATES: [&str; 5] = [
    "per_printer_month",
    "per_blank",
    "per_stocked_blank",
    "per_backup_link_month",
    "fixed",
];

/// Reads the `[costs]` table.
pub fn read(doc: &Document, node: &Node) -> Result<CostsConfig> {
    let mut keys = RATES.to_vec();
    keys.push("currency");
    let t = doc.table("costs", "[costs]", node, &keys)?;
    if let Some(n) = t.get("currency") {
        let help = "costs are in Indonesian rupiah: currency = \"IDR\", or leave the key out";
        if doc.string("currency", n, help)? != "IDR" {
            return Err(doc.error_at(
                n,
                format!("`currency` must be \"IDR\", got {}", doc.text(n)),
                Some(help),
            ));
        }
    }
    let rate = |key: &str| -> Result<f64> {
        let Some(n) = t.get(key) else {
            return Ok(0.0);
        };
        let help = "an amount in rupiah of at least 0, e.g. 4500000";
        let x = doc.number(key, n, help)?;
        if x < 0.0 {
            return Err(doc.error_at(
                n,
                format!("`{key}` must be at least 0, got {}", doc.text(n)),
                Some(help),
            ));
        }
        Ok(x)
    };
    Ok(CostsConfig {
        per_printer_month: rate("per_printer_month")?,
        per_blank: rate("per_blank")?,
        per_stocked_blank: rate("per_stocked_blank")?,
        per_backup_link_month: rate("per_backup_link_month")?,
        fixed: rate("fixed")?,
    })
}
