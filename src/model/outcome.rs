//! What one replication measures (docs/model.md, "What a replication measures").
//!
//! The engine fills an [`Outcome`]; statistics and output read it. Nothing here
//! knows how it was simulated.

use jiff::civil::Date;

use crate::time::Days;

/// A moment in a replication, in the three ways docs/model.md reports it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Moment {
    /// Calendar days since the start (fractional).
    pub day: Days,
    /// Working days from the start to the moment, the moment's own day included.
    pub workdays: u32,
    /// The calendar date of the moment.
    pub date: Date,
}

/// Mean and 90th percentile of the waits of the records printed in a replication.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct WaitSummary {
    /// Records printed (passed quality control) within the run.
    pub count: u64,
    /// Mean wait in days; `None` when nothing was printed.
    pub mean: Option<Days>,
    /// 90th percentile of the waits in days (nearest rank); `None` when nothing was printed.
    pub p90: Option<Days>,
}

/// Hours (around the clock, within the run) that each condition held.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Hours {
    /// The server was down.
    pub server_down: f64,
    /// The server was down while the office was open: the substitute-certificate
    /// service was stopped.
    pub certificate_service_lost: f64,
    /// The link's throughput was 0.
    pub link_down: f64,
    /// The link's throughput was above 0 and below 1.
    pub link_degraded: f64,
    /// The blank stock was empty.
    pub stockout: f64,
    /// Printer-hours in opening hours with everything else in place but no record waiting.
    pub idle_no_work: f64,
}

/// Printing capacity lost, in cards, by the first cause that applied
/// (closed office is not a loss; then server, link down, no blanks, link degraded, no work).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LostCards {
    /// Server down.
    pub server: f64,
    /// Link down.
    pub link_down: f64,
    /// Blank stock empty.
    pub blanks: f64,
    /// Link degraded: the lost fraction of the rate.
    pub link_degraded: f64,
    /// No record waiting.
    pub no_work: f64,
}

/// What had built up from the start to a moment of the run.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Totals {
    /// Hours of each condition.
    pub hours: Hours,
    /// Lost capacity by cause.
    pub lost: LostCards,
    /// Cards printed that passed quality control.
    pub printed: u64,
    /// Cards printed that failed quality control.
    pub rejects: u64,
}

/// The state at the end of one calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct DailyPoint {
    /// Records waiting to be printed.
    pub awaiting: u64,
    /// Records of the initial backlog not yet printed.
    pub initial_unprinted: u64,
    /// Cards printed and passed so far.
    pub printed: u64,
    /// Blanks on hand (`u64::MAX` is never used: with unlimited blanks this is 0).
    pub blanks: u64,
}

/// Blanks that arrived during the run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BlankArrival {
    /// Days since start.
    pub day: Days,
    /// Blanks delivered.
    pub quantity: u64,
    /// A reorder lot (`true`) or a scheduled shipment (`false`).
    pub reorder: bool,
}

/// Everything one replication measures.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// Replication index, from 0.
    pub replication: u64,
    /// When every record of the initial backlog had been printed; `None` when not
    /// by the end of the run (censored).
    pub cleared: Option<Moment>,
    /// When the queue of records awaiting print was first empty.
    pub empty: Option<Moment>,
    /// When the last card of the initial backlog reached its resident (distribution on).
    pub delivered: Option<Moment>,
    /// When 90% of the initial backlog (the ceil(0.9 n)-th card to arrive)
    /// had reached residents; without distribution, when 90% was printed.
    /// `None` when not by the horizon.
    pub delivered_90: Option<Moment>,
    /// Cards printed that passed quality control.
    pub printed: u64,
    /// Cards printed that failed quality control.
    pub rejects: u64,
    /// Blanks consumed: always `printed + rejects`.
    pub blanks_used: u64,
    /// New records that joined the queue.
    pub recorded: u64,
    /// Waits over all classes.
    pub wait: WaitSummary,
    /// Waits per class, indexed like `Scenario::classes`.
    pub wait_by_class: Vec<WaitSummary>,
    /// Hours of each condition, over the whole run.
    pub hours: Hours,
    /// Lost capacity by cause, over the whole run.
    pub lost: LostCards,
    /// Hours, lost capacity, cards printed and rejects from the start to the
    /// moment the initial backlog was cleared; over the whole run when it was
    /// not cleared (then the same as `hours`, `lost`, `printed`, `rejects`).
    pub to_clearing: Totals,
    /// Blank deliveries that arrived within the run, in order of arrival.
    /// For a national scenario: the deliveries to the pool (`reorder` false),
    /// then the blanks that reached offices, summed per whole day since the
    /// start (`reorder` true, `day` the day's start).
    pub blank_arrivals: Vec<BlankArrival>,
    /// Days since start at which the run stopped.
    pub end: Days,
    /// One point per calendar date from the start date to the horizon's date;
    /// after the run stopped early, the last state is carried forward.
    pub daily: Vec<DailyPoint>,
    /// What a national scenario measures beyond the sums above; `None` for a
    /// single office.
    pub national: Option<Box<NationalOutcome>>,
}

/// Whether a run that cleared its initial backlog at `cleared` (`None`: not
/// by `end`, the end of its run) cleared by `deadline`, all in days since the
/// start: `None`, unknown, when it had not cleared and the deadline lies
/// after the end of its run (a deadline after the horizon).
pub fn cleared_by(cleared: Option<Days>, deadline: Days, end: Days) -> Option<bool> {
    match cleared {
        Some(c) => Some(c <= deadline),
        None => (deadline <= end).then_some(false),
    }
}

impl Outcome {
    /// Whether this replication cleared by the deadline `at` (days since the
    /// start), `None` when that is unknown ([`cleared_by`]). The one rule of
    /// every share "cleared by the deadline" (summary.csv, the report,
    /// `compare`, `goal`, sweeps): a national replication clears by it when
    /// every office clears by the deadline in its own time zone
    /// ([`OfficeOutcome::cleared_by`], the rule of
    /// `offices_cleared_by_deadline`), not when the last office clears by
    /// the deadline on the data centre's clock.
    pub fn cleared_by(&self, at: Days) -> Option<bool> {
        let Some(national) = &self.national else {
            return cleared_by(self.cleared.map(|m| m.day), at, self.end);
        };
        let mut answer = Some(true);
        for office in &national.offices {
            match office.cleared_by(at, self.end) {
                Some(true) => {}
                Some(false) => return Some(false),
                None => answer = None,
            }
        }
        answer
    }
}

/// One replication of a national scenario, beyond the national sums and the
/// national clearing moment (the last office's) of its [`Outcome`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NationalOutcome {
    /// Per office, in the scenario's order.
    pub offices: Vec<OfficeOutcome>,
    /// Offices that cleared their initial backlog by their deadline (the
    /// deadline's date ending in local time); `None` without a deadline.
    pub offices_cleared_by_deadline: Option<u32>,
    /// Share of the national initial backlog printed by the deadline; `None`
    /// without a deadline or without an initial backlog.
    pub share_printed_by_deadline: Option<f64>,
    /// The shared parts from the start until every office cleared its
    /// initial backlog (the national clearing moment); over the whole run
    /// when some office did not clear (then the same as `whole_run`).
    pub to_clearing: SharedTotals,
    /// The shared parts over the whole run, to the horizon.
    pub whole_run: SharedTotals,
    /// Days with at least one office's request waiting in the pool's queue.
    pub requests_waiting_days: Days,
    /// Blanks in the pool at the start, delivered to it, and sent from it.
    pub pool_initial: u64,
    /// Blanks delivered to the pool within the run.
    pub pool_delivered: u64,
    /// Blanks sent from the pool to offices within the run.
    pub pool_sent: u64,
    /// Per national calendar date: the end-of-day state of the shared parts.
    pub daily: Vec<NationalDay>,
}

/// What the shared parts of a national scenario (the central link and the
/// pool) went through over a stretch of a replication.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SharedTotals {
    /// Days the pool's stock was empty (0 without a pool).
    pub pool_stockout_days: Days,
    /// Hours the central link was down (factor 0).
    pub central_down_hours: f64,
    /// Hours the central link was degraded (factor above 0, below 1).
    pub central_degraded_hours: f64,
}

/// What one office measured in one replication of a national scenario.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OfficeOutcome {
    /// When the office printed the last record of its initial backlog, days
    /// since start; `None` when not within the run.
    pub cleared: Option<Days>,
    /// How much earlier, in days, each of its dates ends than the same date
    /// on the data centre's clock (0 in WIB, 1/24 in WITA, 2/24 in WIT).
    pub ahead: Days,
    /// Its initial backlog.
    pub initial: u64,
    /// Records of its initial backlog printed by its deadline (all of them
    /// when there is no deadline).
    pub printed_by_deadline: u64,
    /// Whether it cleared by its deadline (`false` without a deadline).
    pub cleared_by_deadline: bool,
    /// Cards printed that passed, over the run.
    pub printed: u64,
    /// Blanks received from the pool (lots arrived).
    pub received: u64,
    /// Days with one of its requests waiting in the pool's queue.
    pub waiting_days: Days,
    /// Lost capacity by cause over the whole run.
    pub lost: LostCards,
}

impl OfficeOutcome {
    /// The office's deadline for the national deadline `at`: the same
    /// moment of its own clock (the end of the deadline's date in its own
    /// time zone), days since the start.
    pub fn deadline(&self, at: Days) -> Days {
        office_deadline(at, self.ahead)
    }

    /// Whether the office cleared by its deadline for the national deadline
    /// `at` ([`cleared_by`]; `end`: the end of its run).
    pub fn cleared_by(&self, at: Days, end: Days) -> Option<bool> {
        cleared_by(self.cleared, self.deadline(at), end)
    }
}

/// The deadline of an office whose dates end `ahead` days before the data
/// centre's, for the national deadline `at`.
pub fn office_deadline(at: Days, ahead: Days) -> Days {
    at - ahead
}

/// The end of one national calendar date (data-centre time).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NationalDay {
    /// Offices whose initial backlog is not yet printed (at the end of the
    /// date in their own time).
    pub offices_not_cleared: u32,
    /// Blanks in the pool.
    pub pool: u64,
    /// Blanks on their way from the pool to offices.
    pub in_transit: u64,
}
