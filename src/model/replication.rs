//! One replication: the event loop that ties the components together.
//!
//! External events (calendar, link, server, blanks, midnights) go through the
//! event queue. Card completions and arrivals do not: between two external
//! events nothing outside the printers changes, so the loop asks the printers
//! which card finishes next, and recording which record arrives next, and
//! handles whichever comes first directly. That is the same sequence of states
//! as putting every card and arrival on the queue, without the heap traffic.
//!
//! The accounts (hours, lost capacity) are settled lazily: only when the
//! conditions they depend on may change, since a card that is followed at once
//! by the next card changes none of them.

mod runs;

use crate::dist::Dist;
use crate::engine::EventQueue;
use crate::engine::streams::{Stream, stream};
use crate::interrupt::Interrupt;
use crate::scenario::Speed;
use crate::time::Days;

use super::Model;
use super::accounting::{Accounts, Conditions};
use super::backlog::{Backlog, Record};
use super::blanks::Blanks;
use super::calendar::weekday_index;
use super::distribution::Distribution;
use super::link::Link;
use super::outcome::{BlankArrival, DailyPoint, Moment, Outcome, Totals};
use super::printing::Printers;
use super::quality::Quality;
use super::recording::Recording;
use super::server::Server;
use super::waits::Waits;

/// Cards or events between two looks at the stop flag: about a millisecond.
/// The tight loops take at most this many cards at a time.
const STEPS_BETWEEN_STOP_CHECKS: u64 = 1 << 16;

#[derive(Debug, Clone, Copy)]
enum Event {
    Open(usize),
    Close(usize),
    Midnight(usize),
    LinkChange,
    LinkOutageStart,
    LinkOutageEnd,
    ServerOnset(usize),
    ServerRecover,
    Blanks {
        quantity: u64,
        reorder: bool,
    },
    /// The central link's factor changes (a national scenario's shared link).
    Central(f64),
    Horizon,
}

/// Why [`Sim::run_until`] returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pause {
    /// Everything up to the time asked for is done; the next thing happens
    /// after it.
    Reached,
    /// The office asked the pool for lots ([`Sim::take_requests`]) at the
    /// current time, and waits for the answer before going on.
    Request,
    /// The run is over: the office is done, the horizon came, or a stop was
    /// requested.
    Ended,
}

/// The state of one replication while it runs.
pub(super) struct Sim<'m> {
    model: &'m Model,
    /// Ends the run early once requested.
    stop: Option<&'m Interrupt>,
    /// Loop turns and cards so far, and when to look at `stop` next.
    steps: u64,
    next_stop_check: u64,
    now: Days,
    /// The accounts hold every stretch up to this time.
    accounted: Days,
    next_arrival: Days,
    queue: EventQueue<Event>,
    backlog: Backlog,
    printers: Printers,
    link: Option<Link<'m>>,
    server: Option<Server<'m>>,
    blanks: Blanks<'m>,
    recording: Option<Recording<'m>>,
    distribution: Option<Distribution<'m>>,
    speed_rngs: Vec<Stream>,
    /// `Some` when speed is given per card (`card_time`).
    card_time: Option<&'m Dist>,
    card_rng: Stream,
    quality: Quality,
    open: bool,
    /// Something happened at this moment and more happens at the same moment:
    /// the refresh after it waits for the last of them.
    refresh_due: bool,
    accounts: Accounts,
    joined: u64,
    printed: u64,
    rejects: u64,
    blanks_taken: u64,
    recorded: u64,
    initial_unprinted: u64,
    /// The count of unprinted initial records at which something is noted:
    /// 90% printed (`initial / 10` left), then clearing (0), then nothing.
    mark: u64,
    /// When 90% of the initial backlog had been printed.
    printed_90: Option<Days>,
    cleared: Option<Days>,
    /// The accounts, cards printed and rejects at the clearing moment.
    to_clearing: Option<Totals>,
    empty: Option<Days>,
    waits: Waits,
    daily: Vec<DailyPoint>,
    blank_arrivals: Vec<BlankArrival>,
    /// The central link's factor (national scenarios; 1 otherwise): the
    /// office's link runs at its own factor times this one.
    central: f64,
    /// `Some(lot cap)` when reorders go to a national pool instead of a
    /// supplier with a lead time.
    pool_lot: Option<u64>,
    /// Lots asked of the pool and not yet handed to it.
    requests: Vec<u64>,
}

impl<'m> Sim<'m> {
    pub(super) fn new(model: &'m Model, replication: u64, stop: Option<&'m Interrupt>) -> Self {
        let s = &model.scenario;
        let seed = model.streams_seed;
        let printers = usize::try_from(s.printing.printers).expect("printer count fits usize");
        let initial: u64 = model.initial_by_class.iter().sum();
        let mut sim = Self {
            model,
            stop,
            steps: 0,
            next_stop_check: STEPS_BETWEEN_STOP_CHECKS,
            now: 0.0,
            accounted: 0.0,
            next_arrival: f64::INFINITY,
            queue: EventQueue::new(),
            backlog: Backlog::default(),
            printers: Printers::default(),
            link: model.link.as_ref().map(|l| Link::new(l, seed, replication)),
            server: s.server.as_ref().map(|c| Server::new(c, seed, replication)),
            blanks: Blanks::new(s.blanks.as_ref(), seed, replication),
            recording: s
                .recording
                .as_ref()
                .map(|c| Recording::new(c, seed, replication)),
            distribution: s
                .distribution
                .as_ref()
                .map(|c| Distribution::new(c, seed, replication)),
            speed_rngs: (0..printers)
                .map(|p| stream(seed, replication, &format!("printing-speed:{p}")))
                .collect(),
            card_time: match &s.printing.speed {
                Speed::CardTime(d) => Some(d),
                Speed::CardsPerDay(_) => None,
            },
            card_rng: stream(seed, replication, "printing-card-time"),
            quality: Quality::new(
                s.printing.reject_rate,
                stream(seed, replication, "printing-reject"),
            ),
            open: false,
            refresh_due: false,
            accounts: Accounts::default(),
            joined: initial,
            printed: 0,
            rejects: 0,
            blanks_taken: 0,
            recorded: 0,
            initial_unprinted: initial,
            mark: initial / 10,
            printed_90: None,
            cleared: None,
            to_clearing: None,
            empty: None,
            waits: if model.wait_percentiles {
                Waits::with_capacity(&model.initial_by_class)
            } else {
                Waits::means_only(model.initial_by_class.len())
            },
            daily: Vec::with_capacity(model.calendar.days().len()),
            blank_arrivals: Vec::new(),
            central: 1.0,
            pool_lot: model.pool_lot,
            requests: Vec::new(),
        };
        sim.backlog.reset(&model.initial_by_class);
        let (speed, nominal) = match &s.printing.speed {
            Speed::CardsPerDay(_) => (0.0, 0.0),
            Speed::CardTime(d) => (1.0, 1.0 / d.mean()),
        };
        sim.printers.reset(printers, speed, nominal);
        sim
    }

    /// Runs to the end and reports.
    pub(super) fn run(mut self) -> Outcome {
        self.start(&[]);
        self.run_until(f64::INFINITY);
        self.finish()
    }

    /// Schedules the start, with the central link's factor changing at the
    /// times of `central` (a national scenario's shared link; empty otherwise).
    pub(super) fn start(&mut self, central: &[(Days, f64)]) {
        self.schedule_start();
        for &(t, factor) in central {
            if t <= 0.0 {
                self.central = factor;
            } else {
                self.queue.schedule(t, Event::Central(factor));
            }
        }
        self.note_progress();
    }

    /// Runs until everything up to `until` is done (what happens at `until`
    /// itself included, as the tight loops take a card finishing exactly at
    /// their bound), the office asks the pool for lots, or the run is over.
    /// With `until` infinite it runs to the end. The bound only ever stops a
    /// tight loop where an event would, so a run cut into pieces goes through
    /// exactly the states of a run in one piece.
    pub(super) fn run_until(&mut self, until: Days) -> Pause {
        while !self.done() {
            if !self.requests.is_empty() {
                return Pause::Request;
            }
            self.steps += 1;
            if self.steps >= self.next_stop_check {
                self.next_stop_check = self.steps + STEPS_BETWEEN_STOP_CHECKS;
                if self.stop.is_some_and(Interrupt::requested) {
                    return Pause::Ended;
                }
            }
            let (p, finish) = self.printers.next_finish();
            let queued = self.queue.next_time();
            if finish.min(queued).min(self.next_arrival) > until {
                self.steps -= 1;
                return Pause::Reached;
            }
            // The tight loops stop before the next event, or before `until`.
            let event_at = queued.min(until);
            let limit = event_at.min(self.next_arrival);
            if finish <= limit {
                if self.run_of_cards(finish, event_at)
                    || self.busy_run(p, finish, event_at)
                    || self.light_traffic(event_at)
                {
                    continue;
                }
                self.advance(finish);
                // Conditions stay as they are unless this card empties the queue
                // or the shelf, or leaves its printer idle.
                let waiting = self.backlog.waiting();
                if waiting <= 1 || (self.blanks.limited() && self.blanks.on_hand() <= 1) {
                    self.settle();
                }
                self.card_done(p);
                continue;
            }
            if self.next_arrival < queued {
                if self.light_traffic(event_at) {
                    continue;
                }
                self.advance(self.next_arrival);
                // A record joining a non-empty queue changes no condition and
                // frees no printer (unless a refresh is still due).
                if self.backlog.waiting() > 0 && !self.refresh_due {
                    let _ = self.arrive();
                    continue;
                }
                self.settle();
                let _ = self.arrive();
            } else {
                let (t, event) = self.queue.pop().expect("the horizon is always pending");
                self.advance(t);
                self.settle();
                if let Event::Horizon = event {
                    return Pause::Ended;
                }
                self.handle(event);
            }
            // Events at the same moment act together: a server outage at the
            // start must stop the printers before they take a card.
            self.refresh_due = self.queue.next_time().min(self.next_arrival) <= self.now;
            if !self.refresh_due {
                self.refresh();
            }
        }
        Pause::Ended
    }

    /// The lots asked of the pool since the last call, in order.
    pub(super) fn take_requests(&mut self) -> std::vec::Drain<'_, u64> {
        self.requests.drain(..)
    }

    /// A lot from the pool arrives at `at` (not before now).
    pub(super) fn send_lot(&mut self, at: Days, quantity: u64) {
        self.queue.schedule(
            at.max(self.now),
            Event::Blanks {
                quantity,
                reorder: true,
            },
        );
    }

    /// The office's clock.
    pub(super) fn now(&self) -> Days {
        self.now
    }

    /// Records recorded and not yet printed: the print-ready backlog.
    pub(super) fn print_ready(&self) -> u64 {
        self.joined - self.printed
    }

    /// Records of the initial backlog not yet printed.
    pub(super) fn initial_unprinted(&self) -> u64 {
        self.initial_unprinted
    }

    /// Blanks on the shelf, in the printers and used, less those the office
    /// started with and received directly (not from the pool): what it holds
    /// of the pool's blanks if none is lost. Then the blanks it received
    /// from the pool.
    #[cfg(test)]
    pub(super) fn blanks_from_pool(&self) -> (i128, u64) {
        let held = self.blanks.on_hand() + self.blanks_taken;
        let initial = self.model.scenario.blanks.as_ref().map_or(0, |b| b.initial);
        let (mut direct, mut pool) = (0, 0);
        for a in &self.blank_arrivals {
            if a.reorder {
                pool += a.quantity;
            } else {
                direct += a.quantity;
            }
        }
        (
            i128::from(held) - i128::from(initial) - i128::from(direct),
            pool,
        )
    }

    fn schedule_start(&mut self) {
        let m = self.model;
        let days = m.calendar.days();
        if let Some(d) = days.iter().position(|d| d.open.is_some()) {
            self.queue
                .schedule(days[d].open.expect("found").0, Event::Open(d));
        }
        self.queue.schedule(days[0].end, Event::Midnight(0));
        if let Some(link) = &mut self.link {
            for (on, off) in link.scheduled_outages() {
                self.queue.schedule(on, Event::LinkOutageStart);
                self.queue.schedule(off, Event::LinkOutageEnd);
            }
            if let Some(stay) = link.draw_stay() {
                self.queue.schedule(stay, Event::LinkChange);
            }
        }
        if let Some(server) = &mut self.server {
            for k in 0..server.sources() {
                if let Some(t) = server.first_onset(k) {
                    self.queue.schedule(t, Event::ServerOnset(k));
                }
            }
        }
        for (t, quantity) in self.blanks.shipments() {
            self.queue.schedule(
                t,
                Event::Blanks {
                    quantity,
                    reorder: false,
                },
            );
        }
        self.place_reorders();
        self.queue.schedule(m.scenario.horizon, Event::Horizon);
    }

    fn done(&self) -> bool {
        self.recording.is_none()
            && self.cleared.is_some()
            && self
                .distribution
                .as_ref()
                .is_none_or(|d| d.waiting_initial() == 0)
    }

    fn conditions(&self) -> Conditions {
        Conditions {
            open: self.open,
            server_down: self.server.as_ref().is_some_and(Server::down),
            link: self.link.as_ref().map_or(1.0, Link::factor) * self.central,
            stocked_out: self.blanks.stocked_out(),
            no_work: self.backlog.waiting() == 0,
        }
    }

    /// Moves the clock to `t`.
    fn advance(&mut self, t: Days) {
        debug_assert!(
            t >= self.now,
            "the clock went back from {} to {t}",
            self.now
        );
        self.now = t;
    }

    /// Credits the time since the last settlement to the accounts, under the
    /// conditions in force. Call before anything they depend on changes.
    fn settle(&mut self) {
        self.settle_under(self.conditions());
    }

    /// [`Sim::settle`] when the conditions in force are known to be `c`.
    #[inline]
    fn settle_under(&mut self, c: Conditions) {
        self.accounts
            .accrue(self.now - self.accounted, c, &self.printers);
        self.accounted = self.now;
    }

    /// The next record of the day joins the queue; returns its class.
    fn arrive(&mut self) -> u16 {
        let rec = self
            .recording
            .as_mut()
            .expect("arrivals only with recording");
        let (class, next) = rec.arrive();
        self.next_arrival = next.unwrap_or(f64::INFINITY);
        self.backlog.push(class, self.now);
        self.joined += 1;
        self.recorded += 1;
        class
    }

    fn handle(&mut self, event: Event) {
        let days = self.model.calendar.days();
        match event {
            Event::Open(d) => {
                let (open, close) = days[d].open.expect("Open only on open days");
                self.open = true;
                if let Speed::CardsPerDay(dist) = &self.model.scenario.printing.speed {
                    let per_open_day = 1.0 / self.model.calendar.open_length();
                    for (i, rng) in self.speed_rngs.iter_mut().enumerate() {
                        let speed = dist.sample(rng) * per_open_day;
                        self.printers.set_speed(self.now, i, speed, speed);
                    }
                }
                if let Some(first) = self
                    .recording
                    .as_mut()
                    .and_then(|r| r.open_day(open, close))
                {
                    self.next_arrival = first;
                }
                self.queue.schedule(close, Event::Close(d));
            }
            Event::Close(d) => {
                self.open = false;
                let weekday = weekday_index(days[d].date.weekday());
                if let Some(dist) = self
                    .distribution
                    .as_mut()
                    .filter(|x| x.dispatches_on(weekday))
                {
                    dist.dispatch(self.now);
                }
                if let Some(n) = (d + 1..days.len()).find(|&n| days[n].open.is_some()) {
                    self.queue
                        .schedule(days[n].open.expect("found").0, Event::Open(n));
                }
            }
            Event::Midnight(d) => {
                self.daily.push(self.snapshot());
                if d + 1 < days.len() {
                    self.queue.schedule(days[d + 1].end, Event::Midnight(d + 1));
                }
            }
            Event::LinkChange => {
                let link = self.link.as_mut().expect("link events only with a link");
                link.transition();
                if let Some(stay) = link.draw_stay() {
                    self.queue.schedule(self.now + stay, Event::LinkChange);
                }
            }
            Event::LinkOutageStart => self.link.as_mut().expect("link").force_down(),
            Event::LinkOutageEnd => self.link.as_mut().expect("link").release(),
            Event::ServerOnset(k) => {
                let (end, next) = self.server.as_mut().expect("server").onset(k, self.now);
                self.queue.schedule(end, Event::ServerRecover);
                if let Some(t) = next {
                    self.queue.schedule(t, Event::ServerOnset(k));
                }
            }
            Event::ServerRecover => self.server.as_mut().expect("server").recover(),
            Event::Central(factor) => self.central = factor,
            Event::Blanks { quantity, reorder } => {
                self.blanks.receive(quantity, reorder);
                self.blank_arrivals.push(BlankArrival {
                    day: self.now,
                    quantity,
                    reorder,
                });
            }
            Event::Horizon => unreachable!("the loop stops at the horizon"),
        }
    }

    /// After an event: the running factor may have changed, and idle printers
    /// may now find work and blanks.
    fn refresh(&mut self) {
        let c = self.conditions();
        let factor = if c.open && !c.server_down {
            c.link
        } else {
            0.0
        };
        self.printers.set_factor(self.now, factor);
        self.fill_idle_printers();
    }

    fn fill_idle_printers(&mut self) {
        if self.printers.factor() == 0.0 {
            return;
        }
        while let Some(i) = self.printers.idle() {
            if !self.try_start(i) {
                break;
            }
        }
    }

    /// Starts the next record on idle printer `i` if there is one and a blank
    /// for it; the printers must be running.
    fn try_start(&mut self, i: usize) -> bool {
        let Some((record, work)) = self.next_card() else {
            return false;
        };
        self.printers.start(self.now, i, record, work);
        true
    }

    /// Takes the next record and a blank for it, if both are there, and draws
    /// the work its card needs.
    #[inline]
    fn next_card(&mut self) -> Option<(Record, f64)> {
        if !self.blanks.available() {
            return None;
        }
        let record = self.backlog.take()?;
        self.blanks.take();
        self.blanks_taken += 1;
        if self.blanks.below_reorder_point() {
            self.place_reorders();
        }
        let work = self.card_work();
        Some((record, work))
    }

    /// The work a card that starts now needs: one unit, or a drawn card time.
    #[inline]
    fn card_work(&mut self) -> f64 {
        match self.card_time {
            None => 1.0,
            Some(d) => d.sample(&mut self.card_rng),
        }
    }

    fn place_reorders(&mut self) {
        if let Some(cap) = self.pool_lot {
            let requests = &mut self.requests;
            self.blanks
                .ask_pool(cap, |quantity| requests.push(quantity));
            return;
        }
        let queue = &mut self.queue;
        self.blanks.reorder(self.now, |t, quantity| {
            queue.schedule(
                t,
                Event::Blanks {
                    quantity,
                    reorder: true,
                },
            );
        });
    }

    /// Printer `p`'s card is done: quality control passes or rejects it, and
    /// the printer goes on with the next record if there is one and a blank.
    /// Only this printer can have become free: any other idle printer lacked
    /// work or blanks, and a reject's record goes back to the queue for this one.
    #[inline]
    fn card_done(&mut self, p: usize) {
        let record = self.printers.job(p);
        if self.quality.passes() {
            self.passed(record);
        } else {
            self.rejects += 1;
            self.backlog.requeue(record);
        }
        match self.next_card() {
            Some((next, work)) => self.printers.restart(self.now, p, next, work),
            None => {
                self.printers.finish(p);
            }
        }
    }

    /// `record`'s card passed quality control now: it is printed.
    #[inline(always)]
    fn passed(&mut self, record: Record) {
        self.printed += 1;
        self.waits.push(record.class, self.now - record.joined);
        if record.initial {
            self.initial_unprinted -= 1;
            if let Some(d) = &mut self.distribution {
                d.add_initial(1);
            }
        }
        self.note_progress();
    }

    fn note_progress(&mut self) {
        if self.initial_unprinted == self.mark {
            self.reach_mark();
        }
        if self.empty.is_none() && self.joined == self.printed {
            self.empty = Some(self.now);
        }
    }

    /// The unprinted initial records are down to the mark: 90% of the initial
    /// backlog is printed (ceil(0.9 n) records: n - n / 10 of them), or all of it.
    #[cold]
    fn reach_mark(&mut self) {
        if self.printed_90.is_none() {
            self.printed_90 = Some(self.now);
        }
        if self.initial_unprinted == 0 {
            self.clear();
            self.mark = u64::MAX;
        } else {
            self.mark = 0;
        }
    }

    /// The last record of the initial backlog passed now: notes the moment and
    /// what the accounts, printed and rejects stand at. The accounts are taken
    /// as they would be settled now, without settling them, so the whole-run
    /// sums are added up exactly as without this snapshot. Conditions have not
    /// changed since the last settlement (they are settled before any change),
    /// so the stretch since then counts under the conditions in force.
    fn clear(&mut self) {
        self.cleared = Some(self.now);
        let (hours, lost) = self.accounts.finish_after(
            self.now - self.accounted,
            self.conditions(),
            &self.printers,
        );
        self.to_clearing = Some(Totals {
            hours,
            lost,
            printed: self.printed,
            rejects: self.rejects,
        });
    }

    fn snapshot(&self) -> DailyPoint {
        DailyPoint {
            awaiting: self.joined - self.printed,
            initial_unprinted: self.initial_unprinted,
            printed: self.printed,
            blanks: self.blanks.on_hand(),
        }
    }

    fn moment(&self, t: Days) -> Moment {
        let day = &self.model.calendar.days()[self.model.calendar.day_index(t)];
        Moment {
            day: t,
            workdays: day.workdays_through,
            date: day.date,
        }
    }

    pub(super) fn finish(mut self) -> Outcome {
        self.settle();
        let last = self.snapshot();
        self.daily.resize(self.model.calendar.days().len(), last);
        let horizon = self.model.scenario.horizon;
        let delivered = match &self.distribution {
            None => self.cleared,
            Some(d) => self
                .cleared
                .filter(|_| d.waiting_initial() == 0)
                .map(|c| c.max(d.last_delivery()))
                .filter(|&t| t <= horizon),
        };
        let initial: u64 = self.model.initial_by_class.iter().sum();
        let delivered_90 = match &mut self.distribution {
            _ if initial == 0 => self.cleared,
            None => self.printed_90,
            // Cards still undispatched at the end reach residents after it.
            Some(d) => d
                .kth_delivery(initial - initial / 10)
                .filter(|&t| t <= horizon),
        };
        let waits = std::mem::take(&mut self.waits);
        let (wait_by_class, wait) = waits.summarize();
        waits.recycle();
        let (hours, lost) = self.accounts.finish();
        let to_clearing = self.to_clearing.unwrap_or(Totals {
            hours,
            lost,
            printed: self.printed,
            rejects: self.rejects,
        });
        let in_printers = self.printers.iter().filter(|p| p.job.is_some()).count() as u64;
        Outcome {
            replication: 0,
            cleared: self.cleared.map(|t| self.moment(t)),
            empty: self.empty.map(|t| self.moment(t)),
            delivered: delivered.map(|t| self.moment(t)),
            delivered_90: delivered_90.map(|t| self.moment(t)),
            printed: self.printed,
            rejects: self.rejects,
            // Counted from the stock side, so that tests can check it against
            // printed + rejects.
            blanks_used: self.blanks_taken - in_printers,
            recorded: self.recorded,
            wait,
            wait_by_class,
            hours,
            lost,
            to_clearing,
            blank_arrivals: self.blank_arrivals,
            end: self.now,
            daily: self.daily,
            national: None,
        }
    }
}

#[cfg(test)]
mod tests;
