"""The Bojonegoro 2017 baseline (scenarios/bojonegoro-2017.toml) written in SimPy.

A peer for ktpsim's benchmarks: the same system, per docs/model.md,
written the way a SimPy user would write it (one process per component, every card
a print event, preempt-resume by waking the printer on every change of state). It
prints replications/s and the clearing day's mean with a 95% CI, so that the report
can show that both programs simulate the same system.

Not modelled (outputs only, they do not change the dynamics): the hours and
lost-capacity accounting. Leaving them out favours SimPy in the speed comparison.

Usage: simpy_baseline.py REPLICATIONS [FIRST_SEED]
"""

import math
import random
import statistics
import sys
import time
from collections import deque
from datetime import date, datetime, timedelta

import simpy

START = datetime(2017, 9, 25, 8, 0)
HORIZON = 365.0
OPEN_H, CLOSE_H = 7.5, 16.0
OPEN_LEN = (CLOSE_H - OPEN_H) / 24.0  # days of opening hours in a full day
HOLIDAYS = {
    date(2017, 12, 1), date(2017, 12, 25), date(2017, 12, 26),
    date(2018, 1, 1), date(2018, 2, 16), date(2018, 3, 17), date(2018, 3, 30),
    date(2018, 4, 14), date(2018, 5, 1), date(2018, 5, 10), date(2018, 5, 29),
    date(2018, 6, 1), date(2018, 6, 11), date(2018, 6, 12), date(2018, 6, 13),
    date(2018, 6, 14), date(2018, 6, 15), date(2018, 6, 18), date(2018, 6, 19),
    date(2018, 6, 20), date(2018, 6, 27), date(2018, 8, 17), date(2018, 8, 22),
    date(2018, 9, 11), date(2018, 11, 20), date(2018, 12, 24), date(2018, 12, 25),
}
INITIAL_BY_CLASS = [17500, 3500, 14000]  # 35,000 split 0.5/0.1/0.4 (first_time, elderly, regular)
RECORD_MIX = [0.7, 0.75, 1.0]  # cumulative 0.7/0.05/0.25
POOL = 32494
REJECT = 0.009
# Link: (throughput, stay sampler, cumulative next row over [up, degraded, down]).
UP, DEGRADED, DOWN = 0, 1, 2
MIN_SOJOURN = 1.0 / 86400.0
HOUR = 1.0 / 24.0


def days_since_start(dt):
    return (dt - START).total_seconds() / 86400.0


def calendar():
    """(open, close, is_friday) in days since start for each open day up to the horizon."""
    days = []
    first = START.date()
    last = (START + timedelta(days=HORIZON)).date()
    d = first
    while d <= last:
        if d.weekday() < 5 and d not in HOLIDAYS:
            midnight = datetime(d.year, d.month, d.day)
            o = days_since_start(midnight + timedelta(hours=OPEN_H))
            c = days_since_start(midnight + timedelta(hours=CLOSE_H))
            if c > 0.0:
                days.append((max(o, 0.0), c, d.weekday() == 4))
        d += timedelta(days=1)
    return days


CALENDAR = calendar()
MIDNIGHTS = [days_since_start(datetime.combine(START.date(), datetime.min.time()) + timedelta(days=k + 1))
             for k in range((START + timedelta(days=HORIZON)).date().toordinal() - START.date().toordinal() + 1)]


def poisson(rng, mean):
    # Knuth's product of uniforms: fine for the mean of 60 used here.
    limit, k, p = math.exp(-mean), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


class Office:
    def __init__(self, env, seed):
        self.env = env
        # One stream per component, as in ktpsim (not the same numbers: Python's MT).
        r = [random.Random(seed * 1000 + k) for k in range(9)]
        (self.link_rng, self.ac_rng, self.hw_rng, self.ship_rng, self.reorder_rng,
         self.rec_rng, self.speed_rng, self.reject_rng, self.dist_rng) = r
        self.open = False
        self.server_active = 0
        self.link_state = UP
        self.speed = 0.0  # cards per day at full throughput
        self.on_hand, self.on_order = 13000, 0
        self.initial = list(INITIAL_BY_CLASS)
        self.later = [deque(), deque(), deque()]
        self.waiting = sum(self.initial)
        self.pool = POOL
        self.initial_unprinted = sum(self.initial)
        self.printed = self.rejects = 0
        self.cleared = None
        self.waits = []
        self.daily = []
        self.dispatch_waiting = 0
        self.last_delivery = 0.0
        self.wake = env.event()
        self.stockout_days, self.stockout_since = 0.0, None

    # -- shared state -------------------------------------------------------------
    def poke(self):
        """Something the printer depends on changed: wake it."""
        if not self.wake.triggered:
            self.wake.succeed()
        self.wake = self.env.event()

    def factor(self):
        if not self.open or self.server_active > 0:
            return 0.0
        return (1.0, 0.5, 0.0)[self.link_state]

    def take_record(self):
        for c in range(3):
            if self.initial[c] > 0:
                self.initial[c] -= 1
                self.waiting -= 1
                return (c, 0.0, True)
            if self.later[c]:
                self.waiting -= 1
                return (c, self.later[c].popleft(), False)
        return None

    def requeue(self, rec):
        c, joined, initial = rec
        if initial:
            self.initial[c] += 1
        else:
            self.later[c].appendleft(joined)
        self.waiting += 1

    def reorder(self):
        while self.on_hand + self.on_order < 5000:
            self.on_order += 10000
            self.env.process(self.blank_arrival(self.reorder_rng.triangular(7.0, 60.0, 21.0), True))

    # -- processes ----------------------------------------------------------------
    def office_hours(self):
        env = self.env
        for o, c, friday in CALENDAR:
            yield env.timeout(o - env.now)
            self.open = True
            self.speed = self.speed_rng.uniform(400.0, 500.0) / OPEN_LEN
            self.record_day(o, c)
            self.poke()
            yield env.timeout(c - env.now)
            self.open = False
            if friday:
                self.dispatch()
            self.poke()

    def record_day(self, o, c):
        n = min(poisson(self.rec_rng, 60.0), self.pool)
        self.pool -= n
        for _ in range(n):
            t = o + (c - o) * self.rec_rng.random()
            u = self.rec_rng.random()
            cls = next(k for k, cum in enumerate(RECORD_MIX) if u < cum or k == 2)
            self.env.process(self.arrival(t, cls))

    def arrival(self, t, cls):
        yield self.env.timeout(t - self.env.now)
        self.later[cls].append(self.env.now)
        self.waiting += 1
        self.poke()

    def midnights(self):
        for m in MIDNIGHTS:
            yield self.env.timeout(m - self.env.now)
            self.daily.append((self.waiting, self.initial_unprinted, self.printed, self.on_hand))

    def link(self):
        env, rng = self.env, self.link_rng
        while True:
            if self.link_state == UP:
                stay = rng.expovariate(1.0 / 4.0)
            elif self.link_state == DEGRADED:
                stay = rng.lognormvariate(math.log(6 * HOUR), 0.8)
            else:
                stay = rng.lognormvariate(math.log(5 * HOUR), 1.0)
            yield env.timeout(max(stay, MIN_SOJOURN))
            u = rng.random()
            if self.link_state == UP:
                self.link_state = DEGRADED if u < 0.7 else DOWN
            elif self.link_state == DEGRADED:
                self.link_state = UP if u < 0.8 else DOWN
            else:
                self.link_state = UP
            self.poke()

    def outage(self, began, duration):
        end = max(began + duration, self.env.now)
        self.server_active += 1
        self.poke()
        yield self.env.timeout(end - self.env.now)
        self.server_active -= 1
        self.poke()

    def ac_leak(self):
        # Began at 00:00 on the start date, before the 08:00 start: active at the start.
        began = days_since_start(datetime(2017, 9, 25, 0, 0))
        yield self.env.process(self.outage(began, self.ac_rng.triangular(2.0, 4.0, 2.5)))

    def hardware_faults(self):
        env, rng = self.env, self.hw_rng
        yield env.timeout(max(rng.expovariate(1.0 / 120.0), MIN_SOJOURN))
        while True:
            env.process(self.outage(env.now, rng.lognormvariate(0.0, 0.7)))
            yield env.timeout(max(rng.expovariate(1.0 / 120.0), MIN_SOJOURN))

    def blank_arrival(self, delay, reorder):
        yield self.env.timeout(delay)
        if self.stockout_since is not None:
            self.stockout_days += self.env.now - self.stockout_since
            self.stockout_since = None
        self.on_hand += 10000
        if reorder:
            self.on_order -= 10000
        self.poke()

    def dispatch(self):
        if self.dispatch_waiting == 0:
            return
        at_district = self.env.now + self.dist_rng.uniform(1.0, 3.0)
        for _ in range(self.dispatch_waiting):
            self.last_delivery = max(self.last_delivery, at_district + self.dist_rng.expovariate(0.1))
        self.dispatch_waiting = 0

    def printer(self):
        env = self.env
        while True:
            # A card starts only while the office is open, server up, link not down,
            # with a blank and a record.
            while self.factor() == 0.0 or self.on_hand == 0 or self.waiting == 0:
                yield self.wake
            rec = self.take_record()
            self.on_hand -= 1
            if self.on_hand == 0:
                self.stockout_since = env.now
            self.reorder()
            remaining = 1.0  # one card of work; speed is cards per day
            while remaining > 1e-12:
                rate = self.speed * self.factor()
                if rate == 0.0:
                    yield self.wake
                    continue
                began = env.now
                done = env.timeout(remaining / rate)
                yield done | self.wake
                if done.processed:
                    remaining = 0.0
                else:
                    remaining -= (env.now - began) * rate  # preempt-resume
            if self.reject_rng.random() < REJECT:
                self.rejects += 1
                self.requeue(rec)
                continue
            self.printed += 1
            self.waits.append(env.now - rec[1])
            if rec[2]:
                self.initial_unprinted -= 1
                self.dispatch_waiting += 1
                if self.initial_unprinted == 0:
                    self.cleared = env.now


def replicate(seed):
    env = simpy.Environment()
    office = Office(env, seed)
    office.reorder()  # the position is checked at the start
    ship_at = days_since_start(datetime(2017, 12, 4, 7, 30)) + office.ship_rng.uniform(0.0, 30.0)
    env.process(office.blank_arrival(max(ship_at, 0.0), False))
    for proc in (office.office_hours, office.midnights, office.link, office.ac_leak,
                 office.hardware_faults, office.printer):
        env.process(proc())
    env.run(until=HORIZON)  # recording is on: every run goes to the horizon
    if office.stockout_since is not None:
        office.stockout_days += HORIZON - office.stockout_since
    return office


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    cleared, printed, stockout = [], [], []
    t0 = time.perf_counter()
    for seed in range(first, first + n):
        office = replicate(seed)
        if office.cleared is not None:
            cleared.append(office.cleared)
        printed.append(office.printed)
        stockout.append(office.stockout_days * 24.0)
    secs = time.perf_counter() - t0
    print(f"simpy replications={n} seconds={secs:.3f} reps_per_s={n / secs:.4f}")
    if len(cleared) >= 2:
        mean = statistics.fmean(cleared)
        half = 1.96 * statistics.stdev(cleared) / math.sqrt(len(cleared))
        print(f"simpy cleared={len(cleared)}/{n} clearing_day_mean={mean:.3f} ci95_half={half:.3f}"
              f" printed_mean={statistics.fmean(printed):.1f}"
              f" stockout_hours_mean={statistics.fmean(stockout):.1f}"
              f" stockout_ci95_half={1.96 * statistics.stdev(stockout) / math.sqrt(n):.1f}")


if __name__ == "__main__":
    main()
