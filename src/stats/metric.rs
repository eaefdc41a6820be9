//! The scalar metrics of one replication, as columns of replications.csv and
//! rows of summary.csv, in their fixed order.
//!
//! One table drives both files, so a metric cannot appear in one and be
//! forgotten in the other.

use super::cost::{CostBasis, CostPart};
use crate::model::Outcome;
use crate::model::outcome::{Hours, LostCards, NationalOutcome, SharedTotals};
use crate::scenario::Scenario;

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
    /// Rupiah (IDR).
    Rupiah,
    /// A share, from 0 to 1.
    Share,
}

/// Where a metric's value comes from in an [`Outcome`].
#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    ClearedDay,
    ClearedWorkdays,
    EmptyDay,
    DeliveredDay,
    Delivered90Day,
    Printed,
    Rejects,
    BlanksUsed,
    Recorded,
    WaitMean,
    WaitP90,
    Hours(Span, Condition),
    Lost(Span, Cause),
    ClassWaitMean(usize),
    ClassWaitP90(usize),
    Cost(CostPart, CostBasis),
    National(NationalField),
}

/// A measure of a national replication beyond the sums over its offices;
/// the shared parts' days and hours over a [`Span`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NationalField {
    OfficesClearedByDeadline,
    ShareBacklogPrintedByDeadline,
    PoolStockoutDays(Span),
    RequestsWaitingDays,
    PoolSent,
    CentralDownHours(Span),
    CentralDegradedHours(Span),
}

impl NationalField {
    /// The span a field is counted over, for the suffix of its name; `None`
    /// for a field named by its stem alone.
    fn span(self) -> Option<Span> {
        match self {
            Self::PoolStockoutDays(span)
            | Self::CentralDownHours(span)
            | Self::CentralDegradedHours(span) => Some(span),
            _ => None,
        }
    }
}

/// The national metrics, after the office sums, in column order: the shared
/// parts' days and hours until every office cleared (`_to_clearing`, in the
/// places they held before the split), then the same over the whole run
/// (`_whole_run`), as the offices' hours and losses are.
const NATIONAL: [(&str, Unit, NationalField); 10] = [
    (
        "offices_cleared_by_deadline",
        Unit::Count,
        NationalField::OfficesClearedByDeadline,
    ),
    (
        "share_backlog_printed_by_deadline",
        Unit::Share,
        NationalField::ShareBacklogPrintedByDeadline,
    ),
    (
        "pool_stockout_days",
        Unit::Days,
        NationalField::PoolStockoutDays(Span::ToClearing),
    ),
    (
        "requests_waiting_days",
        Unit::Days,
        NationalField::RequestsWaitingDays,
    ),
    ("pool_blanks_sent", Unit::Count, NationalField::PoolSent),
    (
        "central_down_hours",
        Unit::Hours,
        NationalField::CentralDownHours(Span::ToClearing),
    ),
    (
        "central_degraded_hours",
        Unit::Hours,
        NationalField::CentralDegradedHours(Span::ToClearing),
    ),
    (
        "pool_stockout_days",
        Unit::Days,
        NationalField::PoolStockoutDays(Span::WholeRun),
    ),
    (
        "central_down_hours",
        Unit::Hours,
        NationalField::CentralDownHours(Span::WholeRun),
    ),
    (
        "central_degraded_hours",
        Unit::Hours,
        NationalField::CentralDegradedHours(Span::WholeRun),
    ),
];

/// The stretch of the run that hours and lost capacity are counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    /// From the start to the clearing of the initial backlog (to the end of
    /// the run when it did not clear): the headline figures.
    ToClearing,
    /// From the start to the end of the run.
    WholeRun,
}

impl Span {
    /// Both spans, headline first.
    pub const ALL: [Span; 2] = [Span::ToClearing, Span::WholeRun];

    /// The suffix of the column names.
    pub fn suffix(self) -> &'static str {
        match self {
            Span::ToClearing => "to_clearing",
            Span::WholeRun => "whole_run",
        }
    }
}

/// A condition whose hours are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Condition {
    ServerDown,
    CertificateServiceLost,
    LinkDown,
    LinkDegraded,
    Stockout,
    IdleNoWork,
}

/// The conditions with the stem of their column names.
const CONDITIONS: [(&str, Condition); 6] = [
    ("server_down_hours", Condition::ServerDown),
    (
        "certificate_service_lost_hours",
        Condition::CertificateServiceLost,
    ),
    ("link_down_hours", Condition::LinkDown),
    ("link_degraded_hours", Condition::LinkDegraded),
    ("stockout_hours", Condition::Stockout),
    ("idle_no_work_hours", Condition::IdleNoWork),
];

/// A cause of lost capacity, in docs/model.md's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// Server down.
    Server,
    /// Link down.
    LinkDown,
    /// Blank stock empty.
    Blanks,
    /// Link degraded (the lost fraction).
    Degraded,
    /// No record waiting.
    NoWork,
}

impl Cause {
    /// Every cause in docs/model.md's order of attribution.
    pub const ALL: [Cause; 5] = [
        Cause::Server,
        Cause::LinkDown,
        Cause::Blanks,
        Cause::Degraded,
        Cause::NoWork,
    ];

    /// The stem of its column names: `lost_cards_<cause>`.
    pub fn stem(self) -> &'static str {
        match self {
            Cause::Server => "lost_cards_server",
            Cause::LinkDown => "lost_cards_link",
            Cause::Blanks => "lost_cards_blanks",
            Cause::Degraded => "lost_cards_degraded",
            Cause::NoWork => "lost_cards_no_work",
        }
    }

    /// The cause in words, for tables and charts.
    pub fn label(self) -> &'static str {
        match self {
            Cause::Server => "server down",
            Cause::LinkDown => "link down",
            Cause::Blanks => "no blanks",
            Cause::Degraded => "link degraded",
            Cause::NoWork => "no work waiting",
        }
    }

    /// The column name of this cause over `span`.
    pub fn column(self, span: Span) -> String {
        format!("{}_{}", self.stem(), span.suffix())
    }

    /// Cards lost to this cause in `lost`.
    pub fn of(self, lost: &LostCards) -> f64 {
        match self {
            Cause::Server => lost.server,
            Cause::LinkDown => lost.link_down,
            Cause::Blanks => lost.blanks,
            Cause::Degraded => lost.link_degraded,
            Cause::NoWork => lost.no_work,
        }
    }
}

/// Lost capacity in the order the columns list it (the order before the spans
/// were split, kept so the columns read as before).
const LOST_COLUMNS: [Cause; 5] = [
    Cause::Server,
    Cause::LinkDown,
    Cause::Degraded,
    Cause::Blanks,
    Cause::NoWork,
];

/// One scalar metric: its column name, unit, and how to read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    name: String,
    unit: Unit,
    field: Field,
}

/// The fixed metrics in column order before the hours and lost capacity.
const LEADING: [(&str, Unit, Field); 11] = [
    ("cleared_day", Unit::Days, Field::ClearedDay),
    ("cleared_workdays", Unit::Count, Field::ClearedWorkdays),
    ("empty_day", Unit::Days, Field::EmptyDay),
    ("delivered_day", Unit::Days, Field::DeliveredDay),
    ("delivered_90_day", Unit::Days, Field::Delivered90Day),
    ("printed", Unit::Count, Field::Printed),
    ("rejects", Unit::Count, Field::Rejects),
    ("blanks_used", Unit::Count, Field::BlanksUsed),
    ("recorded", Unit::Count, Field::Recorded),
    ("wait_mean_days", Unit::Days, Field::WaitMean),
    ("wait_p90_days", Unit::Days, Field::WaitP90),
];

impl Metric {
    /// Every metric of a scenario with these priority classes, in column order:
    /// the leading ones; the hours of each condition and the cards lost to each
    /// cause up to the clearing (`_to_clearing`), then the same over the whole
    /// run (`_whole_run`); then `wait_mean_days_<class>` and
    /// `wait_p90_days_<class>` for each class.
    pub fn all(classes: &[String]) -> Vec<Metric> {
        let leading = LEADING.iter().map(|&(name, unit, field)| Metric {
            name: name.to_owned(),
            unit,
            field,
        });
        let spans = Span::ALL.into_iter().flat_map(|span| {
            let hours = CONDITIONS.iter().map(move |&(stem, c)| Metric {
                name: format!("{stem}_{}", span.suffix()),
                unit: Unit::Hours,
                field: Field::Hours(span, c),
            });
            let lost = LOST_COLUMNS.iter().map(move |&cause| Metric {
                name: cause.column(span),
                unit: Unit::Cards,
                field: Field::Lost(span, cause),
            });
            hours.chain(lost)
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
        leading.chain(spans).chain(per_class).collect()
    }

    /// Every metric of `scenario`: [`Metric::all`] of its classes, then, only
    /// when it has a `[costs]` table, `cost_total` and its parts, so a scenario
    /// without costs has the columns it always had.
    pub fn of(scenario: &Scenario) -> Vec<Metric> {
        let mut metrics = Metric::all(&scenario.classes);
        if scenario.national.is_some() {
            // Costs are an office's; a national scenario has none (docs/national.md).
            metrics.extend(NATIONAL.iter().map(|&(stem, unit, field)| Metric {
                name: match field.span() {
                    Some(span) => format!("{stem}_{}", span.suffix()),
                    None => stem.to_owned(),
                },
                unit,
                field: Field::National(field),
            }));
            return metrics;
        }
        if let Some(basis) = CostBasis::of(scenario) {
            metrics.extend(CostPart::ALL.into_iter().map(|part| Metric {
                name: part.column().to_owned(),
                unit: Unit::Rupiah,
                field: Field::Cost(part, basis),
            }));
        }
        metrics
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
            Field::ClearedDay
                | Field::ClearedWorkdays
                | Field::EmptyDay
                | Field::DeliveredDay
                | Field::Delivered90Day
        )
    }

    /// Whether the metric is a moment of the run, in calendar days since the
    /// start, which has a calendar date (not a duration such as a wait).
    pub fn is_moment(&self) -> bool {
        matches!(
            self.field,
            Field::ClearedDay | Field::EmptyDay | Field::DeliveredDay | Field::Delivered90Day
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
            Field::Delivered90Day => o.delivered_90.map(|m| m.day),
            Field::Printed => Some(o.printed as f64),
            Field::Rejects => Some(o.rejects as f64),
            Field::BlanksUsed => Some(o.blanks_used as f64),
            Field::Recorded => Some(o.recorded as f64),
            Field::WaitMean => o.wait.mean,
            Field::WaitP90 => o.wait.p90,
            Field::Hours(span, c) => Some(condition_hours(span_hours(o, span), c)),
            Field::Lost(span, cause) => Some(cause.of(span_lost(o, span))),
            Field::ClassWaitMean(i) => class(i).mean,
            Field::ClassWaitP90(i) => class(i).p90,
            Field::Cost(part, basis) => Some(basis.part(part, o)),
            Field::National(field) => {
                let n = o.national.as_ref()?;
                match field {
                    NationalField::OfficesClearedByDeadline => {
                        n.offices_cleared_by_deadline.map(f64::from)
                    }
                    NationalField::ShareBacklogPrintedByDeadline => n.share_printed_by_deadline,
                    NationalField::PoolStockoutDays(span) => {
                        Some(span_shared(n, span).pool_stockout_days)
                    }
                    NationalField::RequestsWaitingDays => Some(n.requests_waiting_days),
                    NationalField::PoolSent => Some(n.pool_sent as f64),
                    NationalField::CentralDownHours(span) => {
                        Some(span_shared(n, span).central_down_hours)
                    }
                    NationalField::CentralDegradedHours(span) => {
                        Some(span_shared(n, span).central_degraded_hours)
                    }
                }
            }
        }
    }
}

/// The hours of `o` over `span`.
fn span_hours(o: &Outcome, span: Span) -> &Hours {
    match span {
        Span::ToClearing => &o.to_clearing.hours,
        Span::WholeRun => &o.hours,
    }
}

/// The shared parts of national replication `n` over `span`.
fn span_shared(n: &NationalOutcome, span: Span) -> &SharedTotals {
    match span {
        Span::ToClearing => &n.to_clearing,
        Span::WholeRun => &n.whole_run,
    }
}

/// The lost capacity of `o` over `span`.
pub fn span_lost(o: &Outcome, span: Span) -> &LostCards {
    match span {
        Span::ToClearing => &o.to_clearing.lost,
        Span::WholeRun => &o.lost,
    }
}

fn condition_hours(h: &Hours, c: Condition) -> f64 {
    match c {
        Condition::ServerDown => h.server_down,
        Condition::CertificateServiceLost => h.certificate_service_lost,
        Condition::LinkDown => h.link_down,
        Condition::LinkDegraded => h.link_degraded,
        Condition::Stockout => h.stockout,
        Condition::IdleNoWork => h.idle_no_work,
    }
}
