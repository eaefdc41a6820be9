//! The scalar metrics of one replication, as columns of replications.csv and
//! rows of summary.csv, in their fixed order.
//!
//! One table drives both files, so a metric cannot appear in one and be
//! forgotten in the other.

use crate::model::Outcome;

/// What a metric counts, which decides how it is rounded for output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Calendar days (fractional).
    Days,
    /// A whole number: working days, cards, records.
    Count,
    /// Hours.
    Hours,
    /// Cards of lost capacity (fractional).
    Cards,
}

/// Where a metric's value comes from in an [`Outcome`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    ClearedDay,
    ClearedWorkdays,
    EmptyDay,
    DeliveredDay,
    Printed,
    Rejects,
    BlanksUsed,
    Recorded,
    WaitMean,
    WaitP90,
    ServerDown,
    CertificateServiceLost,
    LinkDown,
    LinkDegraded,
    Stockout,
    IdleNoWork,
    LostServer,
    LostLink,
    LostDegraded,
    LostBlanks,
    LostNoWork,
    ClassWaitMean(usize),
    ClassWaitP90(usize),
}

/// One scalar metric: its column name, unit, and how to read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metric {
    name: String,
    unit: Unit,
    field: Field,
}

/// The fixed metrics in column order, before the per-class waits.
const FIXED: [(&str, Unit, Field); 21] = [
    ("cleared_day", Unit::Days, Field::ClearedDay),
    ("cleared_workdays", Unit::Count, Field::ClearedWorkdays),
    ("empty_day", Unit::Days, Field::EmptyDay),
    ("delivered_day", Unit::Days, Field::DeliveredDay),
    ("printed", Unit::Count, Field::Printed),
    ("rejects", Unit::Count, Field::Rejects),
    ("blanks_used", Unit::Count, Field::BlanksUsed),
    ("recorded", Unit::Count, Field::Recorded),
    ("wait_mean_days", Unit::Days, Field::WaitMean),
    ("wait_p90_days", Unit::Days, Field::WaitP90),
    ("server_down_hours", Unit::Hours, Field::ServerDown),
    (
        "certificate_service_lost_hours",
        Unit::Hours,
        Field::CertificateServiceLost,
    ),
    ("link_down_hours", Unit::Hours, Field::LinkDown),
    ("link_degraded_hours", Unit::Hours, Field::LinkDegraded),
    ("stockout_hours", Unit::Hours, Field::Stockout),
    ("idle_no_work_hours", Unit::Hours, Field::IdleNoWork),
    ("lost_cards_server", Unit::Cards, Field::LostServer),
    ("lost_cards_link", Unit::Cards, Field::LostLink),
    ("lost_cards_degraded", Unit::Cards, Field::LostDegraded),
    ("lost_cards_blanks", Unit::Cards, Field::LostBlanks),
    ("lost_cards_no_work", Unit::Cards, Field::LostNoWork),
];

impl Metric {
    /// Every metric of a scenario with these priority classes, in column order:
    /// the fixed ones, then `wait_mean_days_<class>` and `wait_p90_days_<class>`
    /// for each class.
    pub fn all(classes: &[String]) -> Vec<Metric> {
        let fixed = FIXED.iter().map(|&(name, unit, field)| Metric {
            name: name.to_owned(),
            unit,
            field,
        });
        let per_class = classes.iter().enumerate().flat_map(|(i, class)| {
            [
                Metric {
                    name: format!("wait_mean_days_{class}"),
                    unit: Unit::Days,
                    field: Field::ClassWaitMean(i),
                },
                Metric {
                    name: format!("wait_p90_days_{class}"),
                    unit: Unit::Days,
                    field: Field::ClassWaitP90(i),
                },
            ]
        });
        fixed.chain(per_class).collect()
    }

    /// The column (and summary row) name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The unit, which decides rounding.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// Whether a missing value means "not by the end of the run" (a censored
    /// time, which sorts after every value) rather than "does not apply" (a wait
    /// when nothing was printed, which is left out).
    pub fn censored_when_absent(&self) -> bool {
        matches!(
            self.field,
            Field::ClearedDay | Field::ClearedWorkdays | Field::EmptyDay | Field::DeliveredDay
        )
    }

    /// The metric's value in one replication; `None` when it does not exist.
    pub fn value(&self, o: &Outcome) -> Option<f64> {
        let class = |i: usize| o.wait_by_class.get(i).copied().unwrap_or_default();
        match self.field {
            Field::ClearedDay => o.cleared.map(|m| m.day),
            Field::ClearedWorkdays => o.cleared.map(|m| f64::from(m.workdays)),
            Field::EmptyDay => o.empty.map(|m| m.day),
            Field::DeliveredDay => o.delivered.map(|m| m.day),
            Field::Printed => Some(o.printed as f64),
            Field::Rejects => Some(o.rejects as f64),
            Field::BlanksUsed => Some(o.blanks_used as f64),
            Field::Recorded => Some(o.recorded as f64),
            Field::WaitMean => o.wait.mean,
            Field::WaitP90 => o.wait.p90,
            Field::ServerDown => Some(o.hours.server_down),
            Field::CertificateServiceLost => Some(o.hours.certificate_service_lost),
            Field::LinkDown => Some(o.hours.link_down),
            Field::LinkDegraded => Some(o.hours.link_degraded),
            Field::Stockout => Some(o.hours.stockout),
            Field::IdleNoWork => Some(o.hours.idle_no_work),
            Field::LostServer => Some(o.lost.server),
            Field::LostLink => Some(o.lost.link_down),
            Field::LostDegraded => Some(o.lost.link_degraded),
            Field::LostBlanks => Some(o.lost.blanks),
            Field::LostNoWork => Some(o.lost.no_work),
            Field::ClassWaitMean(i) => class(i).mean,
            Field::ClassWaitP90(i) => class(i).p90,
        }
    }
}
