//! The ministry's blank pool: its stock, the requests waiting in its queue,
//! and the allocation policy that decides who gets the next lot.
//!
//! The pool knows offices only by index. It is told of requests, deliveries
//! and review rounds in time order, and answers with the lots to ship
//! (`(office, blanks)`); the caller draws each lot's transit and hands it to
//! the office. It keeps the time-weighted accounts of its own state.

use crate::scenario::national::Allocation;
use crate::time::Days;

/// One request in the queue: what is still owed on one lot.
#[derive(Debug, Clone, Copy)]
struct Waiting {
    office: usize,
    left: u64,
}

/// The pool in one replication.
#[derive(Debug)]
pub struct Pool {
    allocation: Allocation,
    stock: u64,
    /// Requests not yet filled, in the order they were made.
    waiting: Vec<Waiting>,
    /// The accounts hold everything up to this time.
    clock: Days,
    /// Days with at least one request waiting.
    pub waiting_days: Days,
    /// Per office: days with at least one of its requests waiting.
    pub office_waiting_days: Vec<Days>,
    /// Per office: requests of its waiting.
    office_waiting: Vec<u32>,
    /// `(time, stock)` after every change (the last change at a moment).
    pub stock_steps: Vec<(Days, u64)>,
    /// Blanks in the pool at the start.
    pub initial: u64,
    /// Blanks delivered to the pool so far.
    pub delivered: u64,
}

impl Pool {
    /// The pool at the start: `initial` blanks, `offices` offices.
    pub fn new(allocation: Allocation, initial: u64, offices: usize) -> Self {
        Self {
            allocation,
            stock: initial,
            waiting: Vec::new(),
            clock: 0.0,
            waiting_days: 0.0,
            office_waiting_days: vec![0.0; offices],
            office_waiting: vec![0; offices],
            stock_steps: vec![(0.0, initial)],
            initial,
            delivered: 0,
        }
    }

    /// Blanks in the pool.
    pub fn stock(&self) -> u64 {
        self.stock
    }

    /// Days from the start to `until` with no stock, read from the stock's
    /// steps. A stretch that ends by `until` counts whole, so when the pool
    /// has stock from `until` on, the days to `until` are the same bits as
    /// those to the horizon.
    pub fn stockout_days(&self, until: Days) -> Days {
        let steps = &self.stock_steps;
        let mut days = 0.0;
        for (i, &(at, stock)) in steps.iter().enumerate() {
            if stock == 0 {
                let to = steps.get(i + 1).map_or(until, |s| s.0.min(until));
                days += (to - at).max(0.0);
            }
        }
        days
    }

    /// Credits the time since the last change to the accounts.
    pub fn advance(&mut self, t: Days) {
        let dt = t - self.clock;
        if dt <= 0.0 {
            return;
        }
        if !self.waiting.is_empty() {
            self.waiting_days += dt;
            for (days, &n) in self
                .office_waiting_days
                .iter_mut()
                .zip(&self.office_waiting)
            {
                if n > 0 {
                    *days += dt;
                }
            }
        }
        self.clock = t;
    }

    /// Office `office` asks for a lot of `quantity` at `t`. Under `fifo` and
    /// `largest-backlog` it is served at once from what the pool has (the
    /// queue is empty whenever there is stock); under `proportional` it waits
    /// for the next round. Lots to ship go to `ship`.
    pub fn request(&mut self, t: Days, office: usize, quantity: u64, ship: &mut Vec<(usize, u64)>) {
        self.advance(t);
        self.office_waiting[office] += 1;
        self.waiting.push(Waiting {
            office,
            left: quantity,
        });
        if !matches!(self.allocation, Allocation::Proportional { .. }) {
            self.serve_in_order(t, ship);
        }
    }

    /// `quantity` blanks reach the pool at `t`. Waiting requests are served
    /// at once, except under `proportional`, where the stock waits for the
    /// next round. `backlog(office)` is an office's print-ready backlog now.
    pub fn deliver(
        &mut self,
        t: Days,
        quantity: u64,
        backlog: &dyn Fn(usize) -> u64,
        ship: &mut Vec<(usize, u64)>,
    ) {
        self.advance(t);
        self.delivered += quantity;
        self.set_stock(t, self.stock + quantity);
        match self.allocation {
            Allocation::Fifo => self.serve_in_order(t, ship),
            Allocation::LargestBacklog => {
                // Largest backlog first; a tie keeps the order of asking.
                let mut order: Vec<(u64, usize)> = self
                    .waiting
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (backlog(w.office), i))
                    .collect();
                order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                for (_, i) in order {
                    if self.stock == 0 {
                        break;
                    }
                    self.fill(t, i, ship);
                }
                self.drop_filled();
            }
            Allocation::Proportional { .. } => {}
        }
    }

    /// A proportional round at `t`: the stock is shared out among the offices
    /// with requests waiting, in proportion to their print-ready backlogs
    /// (equally when all are 0), none getting more than it waits for; what a
    /// capped office leaves is shared among the rest. Whole blanks go by the
    /// largest remainder, ties to the office asking first.
    pub fn review(
        &mut self,
        t: Days,
        backlog: &dyn Fn(usize) -> u64,
        ship: &mut Vec<(usize, u64)>,
    ) {
        self.advance(t);
        if self.waiting.is_empty() || self.stock == 0 {
            return;
        }
        // Offices in order of their first waiting request, with what each
        // waits for and its backlog.
        let mut slot = vec![usize::MAX; self.office_waiting.len()];
        let mut wants: Vec<(usize, u64, u64)> = Vec::new();
        for w in &self.waiting {
            if slot[w.office] == usize::MAX {
                slot[w.office] = wants.len();
                wants.push((w.office, 0, backlog(w.office)));
            }
            wants[slot[w.office]].1 += w.left;
        }
        let mut grants = share(self.stock, &wants);
        let mut shipped = 0;
        for (&(office, _, _), &grant) in wants.iter().zip(&grants) {
            if grant > 0 {
                ship.push((office, grant));
                shipped += grant;
            }
        }
        // Each office's grant fills its requests in the order it made them.
        for w in &mut self.waiting {
            let left = &mut grants[slot[w.office]];
            let take = (*left).min(w.left);
            w.left -= take;
            *left -= take;
        }
        self.set_stock(t, self.stock - shipped);
        self.drop_filled();
    }

    /// Office `office` has finished its run at `t`: its waiting requests are
    /// withdrawn.
    pub fn cancel(&mut self, t: Days, office: usize) {
        self.advance(t);
        if self.office_waiting[office] == 0 {
            return;
        }
        self.waiting.retain(|w| w.office != office);
        self.office_waiting[office] = 0;
    }

    /// Serves the queue front to back while there is stock.
    fn serve_in_order(&mut self, t: Days, ship: &mut Vec<(usize, u64)>) {
        for i in 0..self.waiting.len() {
            if self.stock == 0 {
                break;
            }
            self.fill(t, i, ship);
        }
        self.drop_filled();
    }

    /// Ships to request `i` what the pool has, up to what it is owed.
    fn fill(&mut self, t: Days, i: usize, ship: &mut Vec<(usize, u64)>) {
        let w = &mut self.waiting[i];
        let q = w.left.min(self.stock);
        if q == 0 {
            return;
        }
        w.left -= q;
        let office = w.office;
        ship.push((office, q));
        self.set_stock(t, self.stock - q);
    }

    /// Removes filled requests from the queue.
    fn drop_filled(&mut self) {
        let counts = &mut self.office_waiting;
        self.waiting.retain(|w| {
            if w.left == 0 {
                counts[w.office] -= 1;
                false
            } else {
                true
            }
        });
    }

    fn set_stock(&mut self, t: Days, stock: u64) {
        self.stock = stock;
        match self.stock_steps.last_mut() {
            Some(last) if last.0 == t => last.1 = stock,
            _ => self.stock_steps.push((t, stock)),
        }
    }
}

/// Shares `stock` among `wants` (`(office, wanted, weight)`) in proportion to
/// the weights, each capped at what it wants, in whole blanks.
pub fn share(stock: u64, wants: &[(usize, u64, u64)]) -> Vec<u64> {
    let total_wanted: u64 = wants.iter().map(|w| w.1).sum();
    if stock >= total_wanted {
        return wants.iter().map(|w| w.1).collect();
    }
    let n = wants.len();
    let mut grant = vec![0u64; n];
    let mut capped = vec![false; n];
    let mut left = stock;
    // Water-filling: cap those whose share reaches what they want, then
    // share what is left among the rest, until no one more is capped.
    loop {
        let open: Vec<usize> = (0..n).filter(|&i| !capped[i]).collect();
        if open.is_empty() {
            break;
        }
        let weights: Vec<f64> = if open.iter().all(|&i| wants[i].2 == 0) {
            open.iter().map(|_| 1.0).collect()
        } else {
            open.iter().map(|&i| wants[i].2 as f64).collect()
        };
        let total: f64 = weights.iter().sum();
        let ideal: Vec<f64> = weights.iter().map(|w| left as f64 * w / total).collect();
        let newly: Vec<usize> = open
            .iter()
            .zip(&ideal)
            .filter(|&(&i, &x)| x >= wants[i].1 as f64)
            .map(|(&i, _)| i)
            .collect();
        if newly.is_empty() {
            // Whole blanks: the floors, then one more each by largest remainder.
            let floors: Vec<u64> = ideal.iter().map(|x| x.floor() as u64).collect();
            let mut rest = left - floors.iter().sum::<u64>();
            let mut order: Vec<usize> = (0..open.len()).collect();
            order.sort_by(|&a, &b| {
                let ra = ideal[a] - floors[a] as f64;
                let rb = ideal[b] - floors[b] as f64;
                rb.total_cmp(&ra).then(a.cmp(&b))
            });
            for (k, &i) in open.iter().enumerate() {
                grant[i] = floors[k];
            }
            for k in order {
                if rest == 0 {
                    break;
                }
                let i = open[k];
                if grant[i] < wants[i].1 {
                    grant[i] += 1;
                    rest -= 1;
                }
            }
            break;
        }
        for i in newly {
            capped[i] = true;
            grant[i] = wants[i].1;
            left -= wants[i].1;
        }
    }
    grant
}
