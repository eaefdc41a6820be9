//! The national model (docs/model.md, "Many offices"): many offices, each the
//! office model of a single-office run, over one central link and one blank
//! pool, in one replication.
//!
//! Each office keeps its own event queue and its tight loops. What couples
//! them is small and known: the central link depends on no office, so its
//! history is drawn first and each office hears of its changes as events; the
//! pool is the only thing offices act on together. So the replication runs
//! every office up to the next moment the pool must act for all of them (a
//! delivery, a proportional round, a deadline), and while they run, a request
//! for a lot pauses its office; requests are handed to the pool in the order
//! of their times (ties by office order), which is the order one event queue
//! for every office would give. An office's run cut into such pieces goes
//! through exactly the states of a run in one piece (`Sim::run_until`).
//!
//! Random numbers: an office's streams are keyed by a seed derived from the
//! national seed and the office's name ([`office_seed`]), the shared parts by
//! their own names under the national seed (`central`, `central-outages`,
//! `pool-deliveries`); a lot's transit is drawn from the receiving office's
//! `pool-transit` stream. Adding or removing an office changes no other
//! office's draws.

pub mod central;
pub mod pool;

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::dist::Dist;
use crate::engine::streams::{Stream, derived_seed, stream};
use crate::interrupt::Interrupt;
use crate::scenario::Scenario;
use crate::scenario::national::NationalConfig;
use crate::time::Days;

use super::Model;
use super::calendar::Day;
use super::link::LinkModel;
use super::outcome::{
    BlankArrival, DailyPoint, Hours, LostCards, Moment, NationalDay, NationalOutcome,
    OfficeOutcome, Outcome, SharedTotals, Totals, WaitSummary, office_deadline,
};
use super::replication::{Pause, Sim};
use pool::Pool;

#[cfg(test)]
mod tests;

/// The seed of office `name`'s random streams under the national `seed`.
pub fn office_seed(seed: u64, name: &str) -> u64 {
    derived_seed(seed, &format!("office:{name}"))
}

/// A national scenario prepared for simulation.
#[derive(Debug, Clone)]
pub struct NationalModel {
    offices: Vec<OfficeModel>,
    central: Option<LinkModel>,
    pool: Option<PoolModel>,
}

#[derive(Debug, Clone)]
struct OfficeModel {
    model: Model,
    transit: Option<Dist>,
    /// How much earlier its dates end than the data centre's, in days.
    ahead: Days,
    /// The office's deadline, days since start: the national deadline less
    /// `ahead` ([`office_deadline`]).
    deadline: Option<Days>,
    /// National day index of the office's first local date.
    day_offset: i64,
}

#[derive(Debug, Clone)]
struct PoolModel {
    config: crate::scenario::national::PoolConfig,
}

/// What the pool must do at a moment for every office at once.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Sync {
    /// A delivery of this many blanks reaches the pool.
    Delivery(u64),
    /// A proportional round.
    Review,
    /// Offices whose deadline this is note what they printed by it.
    Deadline,
}

impl NationalModel {
    /// Prepares the offices (each an office model with its own streams and
    /// lot cap) and the shared parts.
    pub fn new(scenario: &Scenario, national: &NationalConfig) -> Self {
        let start_date = scenario.start.date();
        let offices = national
            .offices
            .iter()
            .map(|o| {
                let model = Model::national_office(
                    &o.scenario,
                    office_seed(scenario.seed, &o.name),
                    national.pool.as_ref().map(|pool| pool.lot_max),
                );
                let first = model.calendar.days()[0].date;
                let day_offset = (first - start_date).get_days().into();
                let ahead = o.timezone.days_ahead_of_national();
                OfficeModel {
                    transit: o.transit.clone(),
                    ahead,
                    deadline: scenario.deadline.map(|d| office_deadline(d.at, ahead)),
                    day_offset,
                    model,
                }
            })
            .collect();
        Self {
            offices,
            central: national.central.as_ref().map(LinkModel::new),
            pool: national.pool.clone().map(|config| PoolModel { config }),
        }
    }

    /// Every office's model handles runs of cards card by card.
    pub(super) fn card_by_card(&mut self) {
        for o in &mut self.offices {
            o.model.runs_of_cards = false;
        }
    }

    /// The offices' models, in order.
    pub fn office_models(&self) -> impl Iterator<Item = &Model> {
        self.offices.iter().map(|o| &o.model)
    }

    /// One replication of every office together.
    pub(super) fn replicate(
        &self,
        national: &Model,
        replication: u64,
        stop: Option<&Interrupt>,
    ) -> Outcome {
        self.replicate_with(national, replication, stop, None)
    }

    /// [`NationalModel::replicate`], with the blanks counted at every action
    /// of the pool: `(time, blanks held, blanks owed)`, which must agree.
    #[cfg(test)]
    fn replicate_audited(
        &self,
        national: &Model,
        replication: u64,
    ) -> (Outcome, Vec<(Days, i128, i128)>) {
        let mut audits = Vec::new();
        let outcome = self.replicate_with(national, replication, None, Some(&mut audits));
        (outcome, audits)
    }

    fn replicate_with(
        &self,
        national: &Model,
        replication: u64,
        stop: Option<&Interrupt>,
        audits: Option<&mut Vec<(Days, i128, i128)>>,
    ) -> Outcome {
        let seed = national.scenario.seed;
        let horizon = national.scenario.horizon;
        let central = self
            .central
            .as_ref()
            .map(|c| central::trajectory(c, seed, replication, horizon))
            .unwrap_or_default();
        let mut sims: Vec<Sim<'_>> = self
            .offices
            .iter()
            .map(|o| {
                let mut sim = Sim::new(&o.model, replication, stop);
                sim.start(&central.changes);
                sim
            })
            .collect();
        let mut run = Run {
            ended: vec![false; sims.len()],
            pool: self
                .pool
                .as_ref()
                .map(|p| Pool::new(p.config.allocation, p.config.initial, self.offices.len())),
            transit_rngs: self
                .offices
                .iter()
                .map(|o| stream(o.model.streams_seed, replication, "pool-transit"))
                .collect(),
            transit: self.offices.iter().map(|o| o.transit.as_ref()).collect(),
            lots: Vec::new(),
            printed_by_deadline: vec![None; sims.len()],
            ship: Vec::new(),
            #[cfg(test)]
            audits,
        };
        #[cfg(not(test))]
        let _ = audits;
        let mut deliveries = Vec::new();
        for (t, sync) in self.syncs(seed, replication, horizon, &mut deliveries) {
            // Between the pool's moments, as the offices between their events.
            if stop.is_some_and(Interrupt::requested) {
                break;
            }
            run.advance_all(&mut sims, t);
            match sync {
                Sync::Delivery(quantity) => {
                    let pool = run.pool.as_mut().expect("deliveries only with a pool");
                    pool.deliver(t, quantity, &|i| sims[i].print_ready(), &mut run.ship);
                    run.send(&mut sims, t);
                }
                Sync::Review => {
                    let pool = run.pool.as_mut().expect("rounds only with a pool");
                    pool.review(t, &|i| sims[i].print_ready(), &mut run.ship);
                    run.send(&mut sims, t);
                }
                Sync::Deadline => {
                    for (i, o) in self.offices.iter().enumerate() {
                        if o.deadline == Some(t) {
                            let initial = o.model.initial_by_class.iter().sum::<u64>();
                            run.printed_by_deadline[i] =
                                Some(initial - sims[i].initial_unprinted());
                        }
                    }
                }
            }
        }
        run.advance_all(&mut sims, f64::INFINITY);
        if let Some(pool) = &mut run.pool {
            pool.advance(horizon);
        }
        self.summarize(national, sims, run, &central, deliveries)
    }

    /// The moments the pool acts for everyone, in time order, before the
    /// horizon; `deliveries` gets each delivery's arrival.
    fn syncs(
        &self,
        seed: u64,
        replication: u64,
        horizon: Days,
        deliveries: &mut Vec<BlankArrival>,
    ) -> Vec<(Days, Sync)> {
        let mut syncs = Vec::new();
        if let Some(p) = &self.pool {
            let mut rng = stream(seed, replication, "pool-deliveries");
            for d in &p.config.deliveries {
                let delay = d.delay.as_ref().map_or(0.0, |x| x.sample(&mut rng));
                let at = (d.at + delay).max(0.0);
                syncs.push((at, Sync::Delivery(d.quantity)));
            }
            if let crate::scenario::national::Allocation::Proportional { review } =
                p.config.allocation
            {
                let mut k = 0.0;
                while k * review < horizon {
                    syncs.push((k * review, Sync::Review));
                    k += 1.0;
                }
            }
        }
        let mut deadlines: Vec<Days> = self.offices.iter().filter_map(|o| o.deadline).collect();
        deadlines.sort_by(f64::total_cmp);
        deadlines.dedup();
        syncs.extend(deadlines.into_iter().map(|t| (t, Sync::Deadline)));
        // Deliveries before rounds at one moment: a round shares what arrived.
        let rank = |s: &Sync| match s {
            Sync::Delivery(_) => 0,
            Sync::Review => 1,
            Sync::Deadline => 2,
        };
        syncs.sort_by(|a, b| a.0.total_cmp(&b.0).then(rank(&a.1).cmp(&rank(&b.1))));
        syncs.retain(|s| s.0 < horizon);
        deliveries.extend(syncs.iter().filter_map(|&(day, s)| match s {
            Sync::Delivery(quantity) => Some(BlankArrival {
                day,
                quantity,
                reorder: false,
            }),
            _ => None,
        }));
        syncs
    }

    /// The national outcome: sums over offices, the last office's clearing,
    /// and the shared parts' measures.
    fn summarize(
        &self,
        national: &Model,
        sims: Vec<Sim<'_>>,
        run: Run<'_>,
        central: &central::Trajectory,
        deliveries: Vec<BlankArrival>,
    ) -> Outcome {
        let days = national.calendar.days();
        let n_days = days.len();
        let mut daily = vec![DailyPoint::default(); n_days];
        let mut national_days = vec![NationalDay::default(); n_days];
        let mut offices = Vec::with_capacity(sims.len());
        let mut sum = Sums::new(national.scenario.classes.len());
        let pool_waiting = run.pool.as_ref().map(|p| &p.office_waiting_days);
        let mut cleared_by_deadline = 0;
        let mut office_arrivals: Vec<u64> = Vec::new();
        let (mut initial_total, mut printed_by_deadline_total) = (0u64, 0u64);
        let horizon = national.scenario.horizon;
        let deadline = national.scenario.deadline.map(|d| d.at);
        // A deadline after the horizon is unknown, as for one office.
        let has_deadline = deadline.is_some_and(|at| at <= horizon);
        for (i, (sim, o)) in sims.into_iter().zip(&self.offices).enumerate() {
            let out = sim.finish();
            let initial: u64 = o.model.initial_by_class.iter().sum();
            // An office that ended before its deadline printed then all it ever did.
            let printed_by_deadline = run.printed_by_deadline[i].unwrap_or_else(|| {
                initial - out.daily.last().map_or(initial, |d| d.initial_unprinted)
            });
            let mut office = OfficeOutcome {
                cleared: out.cleared.map(|m| m.day),
                ahead: o.ahead,
                initial,
                printed_by_deadline,
                cleared_by_deadline: false,
                printed: out.printed,
                received: out
                    .blank_arrivals
                    .iter()
                    .filter(|a| a.reorder)
                    .map(|a| a.quantity)
                    .sum(),
                waiting_days: pool_waiting.map_or(0.0, |w| w[i]),
                lost: out.lost,
            };
            // The rule of the national share cleared by the deadline
            // (`Outcome::cleared_by`), office by office.
            office.cleared_by_deadline =
                deadline.is_some_and(|at| office.cleared_by(at, out.end) == Some(true));
            cleared_by_deadline += u32::from(office.cleared_by_deadline);
            initial_total += initial;
            printed_by_deadline_total += printed_by_deadline;
            for (k, point) in daily.iter_mut().enumerate() {
                let j = (k as i64 - o.day_offset).clamp(0, out.daily.len() as i64 - 1) as usize;
                let p = out.daily[j];
                point.awaiting += p.awaiting;
                point.initial_unprinted += p.initial_unprinted;
                point.printed += p.printed;
                point.blanks += p.blanks;
                if p.initial_unprinted > 0 {
                    national_days[k].offices_not_cleared += 1;
                }
            }
            offices.push(office);
            for a in &out.blank_arrivals {
                let day = a.day.max(0.0).floor() as usize;
                if office_arrivals.len() <= day {
                    office_arrivals.resize(day + 1, 0);
                }
                office_arrivals[day] += a.quantity;
            }
            sum.add(&out, &o.model.scenario.classes, &national.scenario.classes);
        }
        // The blanks reaching offices (lots from the pool and their own
        // shipments), a day at a time, follow the pool's deliveries.
        let mut deliveries = deliveries;
        deliveries.extend(
            office_arrivals
                .iter()
                .enumerate()
                .filter(|(_, q)| **q > 0)
                .map(|(day, &quantity)| BlankArrival {
                    day: day as f64,
                    quantity,
                    reorder: true,
                }),
        );
        // The pool's stock and the lots in transit at the end of each date.
        if let Some(pool) = &run.pool {
            let mut steps = pool.stock_steps.iter().peekable();
            let mut stock = 0;
            for (k, day) in days.iter().enumerate() {
                while let Some(&&(t, s)) = steps.peek() {
                    if t > day.end {
                        break;
                    }
                    stock = s;
                    steps.next();
                }
                national_days[k].pool = stock;
            }
            let mut change = vec![0i64; n_days + 1];
            let index = |t: Days| days.partition_point(|d| d.end < t);
            for &(sent, arrives, q) in &run.lots {
                change[index(sent)] += q as i64;
                change[index(arrives).min(n_days)] -= q as i64;
            }
            let mut in_transit = 0i64;
            for (k, day) in national_days.iter_mut().enumerate() {
                in_transit += change[k];
                day.in_transit = in_transit as u64;
            }
        }
        let all_cleared = offices
            .iter()
            .map(|o| o.cleared)
            .collect::<Option<Vec<_>>>();
        let cleared = all_cleared.map(|c| c.into_iter().fold(0.0, f64::max));
        let moment = |t: Days| {
            let day = &days[national.calendar.day_index(t)];
            Moment {
                day: t,
                workdays: day.workdays_through,
                date: day.date,
            }
        };
        let initial_national: u64 = national_initial(&offices);
        let printed_90 = if initial_national == 0 {
            cleared
        } else if self
            .offices
            .iter()
            .any(|o| o.model.scenario.distribution.is_some())
        {
            None
        } else {
            daily
                .iter()
                .position(|p| p.initial_unprinted <= initial_national / 10)
                .map(|k| middle_of_date(days, k, horizon))
        };
        let pool = run.pool.as_ref();
        // The shared parts up to `until`: to the horizon over the whole run,
        // to the national clearing (the last office's) when every office cleared.
        let shared = |until: Days| {
            let (down, degraded) = central.hours(until);
            SharedTotals {
                pool_stockout_days: pool.map_or(0.0, |p| p.stockout_days(until)),
                central_down_hours: down,
                central_degraded_hours: degraded,
            }
        };
        let national_outcome = NationalOutcome {
            offices_cleared_by_deadline: has_deadline.then_some(cleared_by_deadline),
            share_printed_by_deadline: (has_deadline && initial_total > 0)
                .then(|| printed_by_deadline_total as f64 / initial_total as f64),
            offices,
            to_clearing: shared(cleared.map_or(horizon, |c| c.min(horizon))),
            whole_run: shared(horizon),
            requests_waiting_days: pool.map_or(0.0, |p| p.waiting_days),
            pool_initial: self.pool.as_ref().map_or(0, |p| p.config.initial),
            pool_delivered: pool.map_or(0, |p| p.delivered),
            pool_sent: run.lots.iter().map(|l| l.2).sum(),
            daily: national_days,
        };
        Outcome {
            replication: 0,
            cleared: cleared.map(moment),
            empty: sum.empty.map(moment),
            delivered: sum.delivered.map(moment),
            delivered_90: printed_90.map(moment),
            printed: sum.printed,
            rejects: sum.rejects,
            blanks_used: sum.blanks_used,
            recorded: sum.recorded,
            wait: sum.wait.summary(),
            wait_by_class: sum.by_class.iter().map(WaitSum::summary).collect(),
            hours: sum.hours,
            lost: sum.lost,
            to_clearing: sum.to_clearing,
            blank_arrivals: deliveries,
            end: sum.end,
            daily,
            national: Some(Box::new(national_outcome)),
        }
    }
}

/// The middle of national date `k` of `days` within the run (from the start
/// when `k` is the first date, to the horizon when it is the last): the
/// moment of something a daily series sees first at the end of date `k`.
/// It is within about half a day of the moment itself and well away from
/// either midnight, so its date is date `k` even after a quantile sketch's
/// rounding; the end of the date is up to a day late, and as midnight its
/// date is the next one.
fn middle_of_date(days: &[Day], k: usize, horizon: Days) -> Days {
    let from = if k == 0 { 0.0 } else { days[k - 1].end };
    let to = days[k].end.min(horizon);
    from + (to - from).max(0.0) / 2.0
}

fn national_initial(offices: &[OfficeOutcome]) -> u64 {
    offices.iter().map(|o| o.initial).sum()
}

/// The state of a replication's coupling while its offices run.
struct Run<'m> {
    ended: Vec<bool>,
    pool: Option<Pool>,
    transit_rngs: Vec<Stream>,
    transit: Vec<Option<&'m Dist>>,
    /// `(sent, arrives, blanks)` of every lot sent.
    lots: Vec<(Days, Days, u64)>,
    printed_by_deadline: Vec<Option<u64>>,
    /// Lots the pool has decided to send, not yet sent.
    ship: Vec<(usize, u64)>,
    #[cfg(test)]
    audits: Option<&'m mut Vec<(Days, i128, i128)>>,
}

/// A time as a key of the heap of paused offices.
#[derive(Debug, Clone, Copy, PartialEq)]
struct At(Days);

impl Eq for At {}

impl PartialOrd for At {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for At {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl Run<'_> {
    /// Runs every office until everything up to `until` is done, handing
    /// their requests to the pool in time order (ties: office order).
    fn advance_all(&mut self, sims: &mut [Sim<'_>], until: Days) {
        // (time, office, ended): an office asking for lots, or ending its run
        // (its waiting requests are then withdrawn).
        let mut paused: BinaryHeap<Reverse<(At, usize, bool)>> = BinaryHeap::new();
        for i in 0..sims.len() {
            self.step(sims, i, until, &mut paused);
        }
        while let Some(Reverse((At(t), i, ended))) = paused.pop() {
            if ended {
                if let Some(pool) = &mut self.pool {
                    pool.cancel(t, i);
                }
                continue;
            }
            let requests: Vec<u64> = sims[i].take_requests().collect();
            let pool = self
                .pool
                .as_mut()
                .expect("validated: only offices of a scenario with a pool reorder");
            for quantity in requests {
                pool.request(t, i, quantity, &mut self.ship);
            }
            self.send(sims, t);
            self.step(sims, i, until, &mut paused);
        }
    }

    fn step(
        &mut self,
        sims: &mut [Sim<'_>],
        i: usize,
        until: Days,
        paused: &mut BinaryHeap<Reverse<(At, usize, bool)>>,
    ) {
        if self.ended[i] {
            return;
        }
        match sims[i].run_until(until) {
            Pause::Reached => {}
            Pause::Request => paused.push(Reverse((At(sims[i].now()), i, false))),
            Pause::Ended => {
                self.ended[i] = true;
                paused.push(Reverse((At(sims[i].now()), i, true)));
            }
        }
    }

    /// Sends the lots the pool decided on at `t`, each after its transit.
    fn send(&mut self, sims: &mut [Sim<'_>], t: Days) {
        for (office, quantity) in self.ship.drain(..) {
            let transit = self.transit[office]
                .expect("validated: a transit for every office of a scenario with a pool")
                .sample(&mut self.transit_rngs[office]);
            let arrives = t + transit.max(0.0);
            sims[office].send_lot(arrives, quantity);
            self.lots.push((t, arrives, quantity));
        }
        #[cfg(test)]
        self.audit(sims, t);
    }

    /// Counts the pool's blanks: in the pool, on their way, and held by the
    /// offices (shelf, printers, used), against the pool's start and deliveries.
    #[cfg(test)]
    fn audit(&mut self, sims: &[Sim<'_>], t: Days) {
        let Some(pool) = &self.pool else { return };
        let sent: u64 = self.lots.iter().map(|l| l.2).sum();
        let (mut held, mut received) = (0i128, 0u64);
        for sim in sims {
            let (h, r) = sim.blanks_from_pool();
            held += h;
            received += r;
        }
        let in_transit = i128::from(sent) - i128::from(received);
        let total = i128::from(pool.stock()) + in_transit + held;
        let owed = i128::from(pool.initial) + i128::from(pool.delivered);
        if let Some(a) = &mut self.audits {
            a.push((t, total, owed));
        }
    }
}

/// Running sums of the office outcomes.
struct Sums {
    printed: u64,
    rejects: u64,
    blanks_used: u64,
    recorded: u64,
    wait: WaitSum,
    by_class: Vec<WaitSum>,
    hours: Hours,
    lost: LostCards,
    to_clearing: Totals,
    /// The latest of the offices' moments; `None` once any office lacks one.
    empty: Option<Days>,
    delivered: Option<Days>,
    end: Days,
}

#[derive(Debug, Clone, Copy, Default)]
struct WaitSum {
    count: u64,
    total: f64,
}

impl WaitSum {
    fn add(&mut self, w: &WaitSummary) {
        if let Some(mean) = w.mean {
            self.count += w.count;
            self.total += mean * w.count as f64;
        }
    }

    /// The count and mean; the 90th percentile of all waits nationally would
    /// need every record's wait, so it is not given.
    fn summary(&self) -> WaitSummary {
        WaitSummary {
            count: self.count,
            mean: (self.count > 0).then(|| self.total / self.count as f64),
            p90: None,
        }
    }
}

impl Sums {
    fn new(classes: usize) -> Self {
        Self {
            printed: 0,
            rejects: 0,
            blanks_used: 0,
            recorded: 0,
            wait: WaitSum::default(),
            by_class: vec![WaitSum::default(); classes],
            hours: Hours::default(),
            lost: LostCards::default(),
            to_clearing: Totals::default(),
            empty: Some(0.0),
            delivered: Some(0.0),
            end: 0.0,
        }
    }

    fn add(&mut self, out: &Outcome, classes: &[String], national: &[String]) {
        self.printed += out.printed;
        self.rejects += out.rejects;
        self.blanks_used += out.blanks_used;
        self.recorded += out.recorded;
        self.wait.add(&out.wait);
        for (name, w) in classes.iter().zip(&out.wait_by_class) {
            if let Some(k) = national.iter().position(|n| n == name) {
                self.by_class[k].add(w);
            }
        }
        add_hours(&mut self.hours, &out.hours);
        add_lost(&mut self.lost, &out.lost);
        add_hours(&mut self.to_clearing.hours, &out.to_clearing.hours);
        add_lost(&mut self.to_clearing.lost, &out.to_clearing.lost);
        self.to_clearing.printed += out.to_clearing.printed;
        self.to_clearing.rejects += out.to_clearing.rejects;
        self.empty = latest(self.empty, out.empty.map(|m| m.day));
        self.delivered = latest(self.delivered, out.delivered.map(|m| m.day));
        self.end = self.end.max(out.end);
    }
}

fn latest(a: Option<Days>, b: Option<Days>) -> Option<Days> {
    Some(a?.max(b?))
}

fn add_hours(a: &mut Hours, b: &Hours) {
    a.server_down += b.server_down;
    a.certificate_service_lost += b.certificate_service_lost;
    a.link_down += b.link_down;
    a.link_degraded += b.link_degraded;
    a.stockout += b.stockout;
    a.idle_no_work += b.idle_no_work;
}

fn add_lost(a: &mut LostCards, b: &LostCards) {
    a.server += b.server;
    a.link_down += b.link_down;
    a.blanks += b.blanks;
    a.link_degraded += b.link_degraded;
    a.no_work += b.no_work;
}
