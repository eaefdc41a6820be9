//! How much work and memory one replication of a scenario will take, estimated
//! before anything runs from the scenario's means.
//!
//! The estimate is an order of magnitude, not a forecast: it lets the command line
//! refuse a run that could not finish (a backlog of a billion on fast printers, a
//! million replications of a ten-year horizon) and warn about one that will take
//! long, before the first replication starts. It reads the model; it never runs it.

use super::Model;
use crate::scenario::national::{Allocation, NationalConfig};
use crate::scenario::{NetworkConfig, OutageTiming, Speed};
use crate::time::Days;

/// Bytes a replication keeps per card printed (its wait) and per record queued:
/// 8 bytes each, in vectors that grow by doubling and so may hold twice that.
const BYTES_PER_RECORD: f64 = 16.0;

/// Bytes a replication keeps per blank lot received (its line in the outcome).
const BYTES_PER_LOT: f64 = 24.0;

/// Bytes an event waiting in a queue takes (its time, order and kind, in a
/// heap that may hold twice that).
const BYTES_PER_EVENT: f64 = 64.0;

/// Bytes a replication keeps per calendar day (its daily point, with room).
const BYTES_PER_DAY: f64 = 64.0;

/// Fixed cost of a replication (random streams, accounts, its CSV row), in
/// events: what a replication of a tiny scenario costs all the same.
const EVENTS_PER_REPLICATION: f64 = 200.0;

/// The expected work of one replication.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Workload {
    /// Cards the printers will attempt (rejects included): the demand, or what the
    /// printers can print by the horizon at their mean speed, whichever is less.
    pub cards: f64,
    /// New records that will join the queue (recording).
    pub arrivals: f64,
    /// Lots of blanks reordered (from the pool, in a national scenario).
    pub lots: f64,
    /// Calendar days from the start date to the horizon.
    pub days: f64,
    /// Events of every kind: cards, arrivals, opening, closing, midnights, link
    /// and server changes, plus a fixed cost per replication.
    pub events: f64,
    /// Bytes held while it runs: waits, queued records, the daily series.
    pub bytes: f64,
    /// Bytes its outcome keeps once it has run: the daily series and the lots.
    pub kept: f64,
    /// Where most of the events come from, and the setting that makes fewer.
    pub busiest: Source,
    /// What takes most of `bytes`, and how many of it a replication holds.
    pub heaviest: (Source, f64),
}

/// A source of events in a replication, for saying which one makes a run long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Printed cards.
    Cards,
    /// New records.
    Records,
    /// Reorder lots of blanks.
    Lots,
    /// Calendar days (opening, closing, midnights) and the fixed cost.
    Days,
    /// Changes of the link's state.
    Link,
    /// Changes of the central link's state, heard by every office.
    Central,
    /// Server outages.
    Server,
}

impl Source {
    /// What the events are, in words.
    pub fn what(self) -> &'static str {
        match self {
            Self::Cards => "printed cards",
            Self::Records => "new records",
            Self::Lots => "reorders of blanks",
            Self::Days => "calendar days",
            Self::Link => "changes of the link's state",
            Self::Central => "changes of the central link's state, heard by every office",
            Self::Server => "server outages",
        }
    }

    /// The change that makes fewer of them.
    pub fn fewer(self) -> &'static str {
        match self {
            Self::Cards => "lower `initial` in [backlog] or the recording rate",
            Self::Records => "lower `per_workday` in [recording]",
            Self::Lots => {
                "raise `quantity` in [blanks.reorder] (and, for lots from the pool, `lot_max` in [pool.allocation])"
            }
            Self::Days => "lower `horizon`",
            Self::Link => "give the link's states a longer `stay`",
            Self::Central => "give [central]'s states a longer `stay`",
            Self::Server => "give the server outages a longer `every`",
        }
    }
}

/// Bytes a national replication keeps per office (its line of results) and,
/// per national day, for the shared parts' daily point.
const BYTES_PER_OFFICE: f64 = 160.0;

impl Workload {
    /// The estimate for one replication of `model`: for a national scenario,
    /// its offices' together (they all run in one replication, their waits
    /// held at once), the busiest source the one with the most events in all.
    pub fn of(model: &Model) -> Self {
        match &model.national {
            None => Self::office(model),
            Some(n) => {
                let offices: Vec<Workload> = n.office_models().map(Self::office).collect();
                let sum = |f: fn(&Workload) -> f64| offices.iter().map(f).sum::<f64>();
                let day_count = model.calendar().days().len() as f64;
                let count = offices.len() as f64;
                let s = model.scenario();
                let shared = Shared::of(
                    s.national.as_deref().expect("a national model's scenario"),
                    s.horizon,
                );
                // Every office hears every change of the central link, its
                // queue holding them all from the start; each moment the
                // pool acts for all stops and resumes every office.
                let central = count * shared.central;
                let syncs = count * shared.syncs;
                let kept = BYTES_PER_OFFICE * count + BYTES_PER_DAY * day_count;
                let held = BYTES_PER_EVENT * (central + shared.central + shared.syncs);
                let busiest = [
                    (Source::Cards, sum(|w| w.cards)),
                    (Source::Records, sum(|w| w.arrivals)),
                    (Source::Lots, sum(|w| w.lots)),
                    (Source::Central, central),
                    (
                        Source::Days,
                        sum(|w| w.events - w.cards - w.arrivals - w.lots) + syncs,
                    ),
                ]
                .into_iter()
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map_or(Source::Days, |s| s.0);
                let records = sum(|w| w.cards + w.arrivals);
                let lots = sum(|w| w.lots);
                let heaviest = [
                    (Source::Cards, sum(|w| w.cards), BYTES_PER_RECORD * records),
                    (Source::Lots, lots, BYTES_PER_LOT * lots),
                    (Source::Central, central, held),
                ]
                .into_iter()
                .max_by(|a, b| a.2.total_cmp(&b.2))
                .map_or((Source::Cards, 0.0), |h| (h.0, h.1));
                Self {
                    cards: sum(|w| w.cards),
                    arrivals: sum(|w| w.arrivals),
                    lots: sum(|w| w.lots),
                    days: day_count,
                    events: sum(|w| w.events) + central + syncs,
                    // Each office's daily series is summed away when it ends.
                    bytes: sum(|w| w.bytes) + kept + held,
                    kept,
                    busiest,
                    heaviest,
                }
            }
        }
    }

    /// The estimate for one office.
    fn office(model: &Model) -> Self {
        let s = model.scenario();
        let days = model.calendar().days();
        let open_time: f64 = days
            .iter()
            .filter_map(|d| d.open.map(|(o, c)| (c.min(s.horizon) - o).max(0.0)))
            .sum();
        let working = days.iter().filter(|d| d.working).count() as f64;

        // Cards per day of opening hours, per printer, at the mean speed.
        let rate = match &s.printing.speed {
            Speed::CardsPerDay(d) => d.mean() / model.calendar().open_length(),
            Speed::CardTime(d) => 1.0 / d.mean(),
        };
        // No printers print nothing, even at an infinite speed (0 × ∞ is NaN).
        let capacity = match s.printing.printers {
            0 => 0.0,
            n => f64::from(n) * rate * open_time,
        };
        let arrivals = s.recording.as_ref().map_or(0.0, |r| {
            let expected = r.per_workday.mean() * working;
            r.pool.map_or(expected, |p| expected.min(p as f64))
        });
        let initial = s.backlog.as_ref().map_or(0.0, |b| b.initial as f64);
        let attempts = (initial + arrivals) / (1.0 - s.printing.reject_rate);
        let cards = attempts.min(capacity);

        let link = s
            .network
            .as_ref()
            .map_or(0.0, |n| link_changes(n, s.horizon));
        let server = s.server.as_ref().map_or(0.0, |c| {
            c.outages
                .iter()
                .map(|o| match &o.when {
                    OutageTiming::Every(every) => 2.0 * s.horizon / every.mean(),
                    OutageTiming::At(_) => 2.0,
                })
                .sum()
        });
        // Each reorder lot is an event and a line of the outcome's blank arrivals:
        // a lot of 1 is one of each per card. The pool's `lot_max` cuts an
        // office's reorder into lots of at most that many.
        let lots = s
            .blanks
            .as_ref()
            .and_then(|b| b.reorder.as_ref())
            .map_or(0.0, |r| {
                let lot = r.quantity.min(model.pool_lot.unwrap_or(u64::MAX)).max(1);
                cards / lot as f64
            });
        let day_count = days.len() as f64;
        let sources = [
            (Source::Days, EVENTS_PER_REPLICATION + 4.0 * day_count),
            (Source::Cards, cards),
            (Source::Records, arrivals),
            (Source::Lots, lots),
            (Source::Link, link),
            (Source::Server, server),
        ];
        let busiest = sources
            .iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(Source::Days, |s| s.0);
        let kept = BYTES_PER_LOT * lots + BYTES_PER_DAY * day_count;
        let heaviest = if BYTES_PER_LOT * lots > BYTES_PER_RECORD * (cards + arrivals) {
            (Source::Lots, lots)
        } else {
            (Source::Cards, cards)
        };
        Self {
            cards,
            arrivals,
            lots,
            days: day_count,
            events: EVENTS_PER_REPLICATION
                + cards
                + arrivals
                + lots
                + 4.0 * day_count
                + link
                + server,
            bytes: BYTES_PER_RECORD * (cards + arrivals) + kept,
            kept,
            busiest,
            heaviest,
        }
    }
}

/// Changes of a link's state expected before `horizon`: a change at least
/// every `stay` of its quickest state, and each scheduled outage's start and end.
fn link_changes(n: &NetworkConfig, horizon: Days) -> f64 {
    n.states
        .iter()
        .map(|st| horizon / st.stay.mean())
        .fold(0.0, f64::max)
        + 2.0 * n.outages.len() as f64
}

/// The parts a national scenario's offices share, in one replication.
struct Shared {
    /// Changes of the central link.
    central: f64,
    /// Moments the pool acts for every office: deliveries, proportional
    /// rounds, deadlines (at most one an office, counted as one).
    syncs: f64,
}

impl Shared {
    fn of(n: &NationalConfig, horizon: Days) -> Self {
        let central = n.central.as_ref().map_or(0.0, |c| link_changes(c, horizon));
        let syncs = n.pool.as_ref().map_or(0.0, |p| {
            let rounds = match p.allocation {
                Allocation::Proportional { review } => (horizon / review).ceil(),
                Allocation::Fifo | Allocation::LargestBacklog => 0.0,
            };
            rounds + p.deliveries.len() as f64
        }) + 1.0;
        Self { central, syncs }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_str;

    fn workload(body: &str) -> Workload {
        let text = format!(
            "[scenario]\nname = \"w\"\nstart = 2017-09-25T00:00:00\nhorizon = \"10d\"\n{body}"
        );
        let s = load_str(&text, "w.toml".as_ref()).expect("valid");
        Workload::of(&Model::new(&s))
    }

    #[test]
    fn cards_are_the_demand_or_the_capacity_whichever_is_less() {
        // Open around the clock: 11 dates, 10 days of opening hours.
        let w = workload("[backlog]\ninitial = 100\n[printing]\ncards_per_day = 50");
        assert_eq!(w.cards, 100.0);
        assert_eq!(w.days, 11.0);
        let w = workload("[backlog]\ninitial = 1000000000\n[printing]\ncards_per_day = 50");
        assert!((w.cards - 500.0).abs() < 1e-6, "{}", w.cards);
    }

    #[test]
    fn no_printers_print_nothing_even_at_infinite_speed() {
        let w = workload("[backlog]\ninitial = 10\n[printing]\nprinters = 0\ncard_time = \"0s\"");
        assert_eq!(w.cards, 0.0);
    }

    #[test]
    fn a_lot_of_one_blank_costs_an_event_per_card() {
        let plain = workload("[backlog]\ninitial = 100\n[printing]\ncards_per_day = 50");
        let lots = workload(
            "[backlog]\ninitial = 100\n[printing]\ncards_per_day = 50\n[blanks]\n\
             initial = 0\n[blanks.reorder]\nbelow = 1\nquantity = 1\nlead_time = \"0d\"",
        );
        assert_eq!(lots.events - plain.events, 100.0);
        assert_eq!(lots.bytes - plain.bytes, 2400.0);
    }

    #[test]
    fn recording_counts_arrivals_up_to_the_pool() {
        let w =
            workload("[recording]\nper_workday = 1000\npool = 300\n[printing]\ncards_per_day = 1");
        assert_eq!(w.arrivals, 300.0);
        assert!(w.bytes > 8.0 * 300.0);
    }
}
