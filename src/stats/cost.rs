//! The cost of one replication, in rupiah, from the scenario's `[costs]` rates
//! and what the replication measured.
//!
//! Costs run to the clearing of the initial backlog: a printer is rented (or a
//! backup link paid for) until the job is done, and the blanks counted are those
//! used until then. A replication that did not clear is charged to the horizon,
//! so its cost is a floor, as its clearing day is.

use super::Moments;
use crate::model::Outcome;
use crate::scenario::Scenario;
use crate::scenario::costs::{CostsConfig, DAYS_PER_MONTH};
use crate::time::Days;

/// One part of the cost, or their sum: a column of replications.csv.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostPart {
    /// The sum of the parts.
    Total,
    /// Printers, by the month.
    Printers,
    /// Blanks used.
    Blanks,
    /// Blanks on hand at the start.
    StockedBlanks,
    /// The backup link, by the month.
    BackupLink,
    /// The one-off sum.
    Fixed,
}

impl CostPart {
    /// Every part in column order, the total first.
    pub const ALL: [CostPart; 6] = [
        CostPart::Total,
        CostPart::Printers,
        CostPart::Blanks,
        CostPart::StockedBlanks,
        CostPart::BackupLink,
        CostPart::Fixed,
    ];

    /// The column name.
    pub fn column(self) -> &'static str {
        match self {
            CostPart::Total => "cost_total",
            CostPart::Printers => "cost_printers",
            CostPart::Blanks => "cost_blanks",
            CostPart::StockedBlanks => "cost_stocked_blanks",
            CostPart::BackupLink => "cost_backup_link",
            CostPart::Fixed => "cost_fixed",
        }
    }
}

/// The rates with the scenario's figures they multiply: all a replication's cost
/// needs beyond its [`Outcome`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostBasis {
    rates: CostsConfig,
    printers: f64,
    stocked_blanks: f64,
    horizon: Days,
}

impl CostBasis {
    /// The basis of a scenario; `None` when it has no `[costs]` table.
    pub fn of(scenario: &Scenario) -> Option<Self> {
        let rates = scenario.costs?;
        Some(Self {
            rates,
            printers: f64::from(scenario.printing.printers),
            stocked_blanks: scenario.blanks.as_ref().map_or(0.0, |b| b.initial as f64),
            horizon: scenario.horizon,
        })
    }

    /// One part of the cost of replication `o`, in rupiah.
    pub fn part(&self, part: CostPart, o: &Outcome) -> f64 {
        let r = &self.rates;
        let months = o.cleared.map_or(self.horizon, |m| m.day) / DAYS_PER_MONTH;
        let blanks = (o.to_clearing.printed + o.to_clearing.rejects) as f64;
        match part {
            CostPart::Total => CostPart::ALL[1..].iter().map(|&p| self.part(p, o)).sum(),
            CostPart::Printers => r.per_printer_month * self.printers * months,
            CostPart::Blanks => r.per_blank * blanks,
            CostPart::StockedBlanks => r.per_stocked_blank * self.stocked_blanks,
            CostPart::BackupLink => r.per_backup_link_month * months,
            CostPart::Fixed => r.fixed,
        }
    }
}

/// The total cost of two scenarios run on common random numbers, replication
/// by replication: the paired difference other − base and each side's own.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostPair {
    bases: [CostBasis; 2],
    /// The paired difference in total cost, other − base, over every pair
    /// (a side that did not clear is charged to the horizon).
    pub difference: Moments,
    /// The base's total cost.
    pub base: Moments,
    /// The other's total cost.
    pub other: Moments,
}

impl CostPair {
    /// Empty, for a base and another scenario with these costs.
    pub fn new(base: CostBasis, other: CostBasis) -> Self {
        Self {
            bases: [base, other],
            difference: Moments::new(),
            base: Moments::new(),
            other: Moments::new(),
        }
    }

    /// Adds replication i of both scenarios.
    pub fn add(&mut self, base: &Outcome, other: &Outcome) {
        let b = self.bases[0].part(CostPart::Total, base);
        let o = self.bases[1].part(CostPart::Total, other);
        self.difference.add(o - b);
        self.base.add(b);
        self.other.add(o);
    }

    /// Adds the pairs of `other` (same scenarios).
    pub fn merge(&mut self, other: &Self) {
        self.difference.merge(&other.difference);
        self.base.merge(&other.base);
        self.other.merge(&other.other);
    }

    /// What each day sooner costs: the mean difference in cost over the mean
    /// number of days sooner (`days_difference`, other − base, negative when
    /// sooner). `None` when the other is not sooner.
    pub fn per_day_sooner(&self, days_difference: Option<f64>) -> Option<f64> {
        let sooner = -days_difference?;
        (sooner > 0.0).then(|| self.difference.mean().map(|d| d / sooner))?
    }
}
