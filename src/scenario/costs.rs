//! `[costs]`: what a planner pays, in rupiah, so that variants can be weighed by
//! cost as well as by days. Checked here; the cost of a replication is worked out
//! in [`crate::stats::cost`].

/// Days in a month for costs charged by the month: the mean Gregorian month.
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// The checked `[costs]` table. Every rate is finite and non-negative, in
/// rupiah (IDR); a key left out costs nothing.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CostsConfig {
    /// `per_printer_month`: each printer, per month from the start until the
    /// initial backlog clears (to the horizon when it does not).
    pub per_printer_month: f64,
    /// `per_blank`: each blank used (printed or rejected) until the clearing.
    pub per_blank: f64,
    /// `per_stocked_blank`: each blank on hand at the start (`blanks.initial`),
    /// the price of holding a buffer, on top of `per_blank`.
    pub per_stocked_blank: f64,
    /// `per_backup_link_month`: a backup link's fee per month, over the same
    /// months as the printers.
    pub per_backup_link_month: f64,
    /// `fixed`: a one-off sum.
    pub fixed: f64,
}
