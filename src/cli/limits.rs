//! Before anything runs: refuse a run that could not finish, warn about a long one.
//!
//! Every scenario is valid by now, but valid is not the same as feasible: a
//! backlog of a billion on fast printers keeps gigabytes of waits per
//! replication, and a million replications of a year-long scenario take hours.
//! From [`Workload`] estimates this module says so before the first replication,
//! with the option or key that shortens the run. It owns the thresholds (memory,
//! time, threads; the size of a sweep is the sweep's own rule,
//! [`crate::decide::sweep::MAX_VARIANTS`]); the estimate itself belongs to the model.
//!
//! One check serves every command: `run` checks each scenario alone, and a
//! sweep, `compare`, `goal` and `sensitivity` check the models they run side by
//! side on common random numbers ([`Plan`]).

use std::io::Write;

use anyhow::{Result, bail};

use crate::decide::sweep::Sweep;
use crate::engine::executor::{BATCH, CHUNK, MAX_THREADS};
use crate::model::Model;
use crate::model::workload::{Source, Workload};
use crate::scenario::Scenario;

/// Memory a run may hold at once: a replication per thread, plus a chunk of
/// daily series waiting to be merged.
pub const MAX_BYTES: f64 = 4.0 * (1u64 << 30) as f64;

/// Events one thread handles per second, roughly (a release build; the figure is
/// only used to turn events into an order of magnitude of time).
pub const EVENTS_PER_SECOND: f64 = 5e7;

/// A run estimated past this many seconds is refused: it would look like a hang.
pub const MAX_SECONDS: f64 = 24.0 * 3600.0;

/// A run estimated past this many seconds gets a note before it starts.
pub const NOTE_SECONDS: f64 = 60.0;

/// Parses `--threads`: 1 to [`MAX_THREADS`] (clap names the option).
pub fn thread_count(text: &str) -> Result<usize, String> {
    match text.parse::<usize>() {
        Ok(0) => Err("must be at least 1".to_owned()),
        Ok(n) if n <= MAX_THREADS => Ok(n),
        Ok(_) => Err(format!(
            "must be at most {MAX_THREADS}: a run has at most {MAX_THREADS} batches of \
             replications in flight, so more threads would only wait"
        )),
        Err(_) => Err("expected a whole number of at least 1".to_owned()),
    }
}

/// Models about to run side by side on common random numbers.
#[derive(Debug)]
pub struct Plan<'a> {
    /// Who runs, for messages: "the sweep of a (a.toml, 12 variants)".
    pub who: String,
    /// The variants, each with its own model.
    pub scenarios: Vec<&'a Scenario>,
    /// Replications of each variant, at most.
    pub replications: u64,
    /// How many times the plan runs, one after another (the values a goal
    /// search tries); 1 for everything else.
    pub rounds: u64,
    /// The option that lowers `replications`: "--replications".
    pub option: &'static str,
}

/// Checks every scenario of a `run` (with overrides applied) before any runs;
/// writes notes about long runs to `notes`.
pub fn check(scenarios: &[Scenario], threads: usize, notes: &mut dyn Write) -> Result<()> {
    for s in scenarios {
        let w = Workload::of(&Model::new(s));
        // All outcomes of a chunk wait on the calling thread to be merged.
        let bytes = w.bytes * threads as f64 + CHUNK as f64 * w.kept;
        let who = format!("scenario {} ({})", s.name, s.source.display());
        let plan = (s.replications, 1, "--replications");
        estimate(&who, &[w], bytes, plan, threads, notes)?;
    }
    Ok(())
}

/// Checks the sweeps of a `run`, each as its variants side by side, with
/// `--replications` if given.
pub fn check_sweeps(
    sweeps: &[Sweep],
    replications: Option<u64>,
    threads: usize,
    notes: &mut dyn Write,
) -> Result<()> {
    check_sweeps_with(
        sweeps,
        &|s: &Sweep| replications.unwrap_or(s.base.replications),
        threads,
        notes,
    )
}

/// [`check_sweeps`], each sweep with the replications `replications` gives
/// (a shard's part of them).
pub fn check_sweeps_with(
    sweeps: &[Sweep],
    replications: &dyn Fn(&Sweep) -> u64,
    threads: usize,
    notes: &mut dyn Write,
) -> Result<()> {
    for s in sweeps {
        let plan = Plan {
            who: format!(
                "the sweep of {} ({}, {} variants)",
                s.base.name,
                s.base.source.display(),
                s.variants.len()
            ),
            scenarios: s.variants.iter().map(|(_, v)| v).collect(),
            replications: replications(s),
            rounds: 1,
            option: "--replications",
        };
        check_plan(&plan, threads, notes)?;
    }
    Ok(())
}

/// Checks models that run side by side: a sweep, or a deciding command;
/// returns the estimated seconds the whole plan takes, at most.
pub fn check_plan(plan: &Plan, threads: usize, notes: &mut dyn Write) -> Result<f64> {
    let loads: Vec<Workload> = plan
        .scenarios
        .iter()
        .map(|s| Workload::of(&Model::new(s)))
        .collect();
    // Each thread runs one replication at a time and reduces its batch of
    // outcomes (of every variant) before taking the next.
    let running = loads.iter().map(|w| w.bytes).fold(0.0, f64::max);
    let kept: f64 = loads.iter().map(|w| w.kept).sum();
    let bytes = threads as f64 * (running + BATCH as f64 * kept);
    // Many variants: their daily series, not any one replication, fill memory.
    if bytes > MAX_BYTES && BATCH as f64 * kept > running {
        let days = loads.iter().map(|w| w.days).fold(0.0, f64::max);
        bail!(
            "{} would hold {} in memory: each thread keeps the daily series of {} \
             variants of up to {} days for {BATCH} replications at a time; nothing was run. \
             Run fewer variants, a shorter `horizon`, or fewer --threads",
            plan.who,
            gigabytes(bytes),
            loads.len(),
            count(days),
        );
    }
    let runs = (plan.replications, plan.rounds, plan.option);
    estimate(&plan.who, &loads, bytes, runs, threads, notes)
}

/// Refuses `loads` (one replication index of each) run `replications` times
/// in each of `rounds`, on `threads`, when past the memory or time limit; a
/// note when long. `option` lowers the replications. Returns the estimated
/// seconds.
fn estimate(
    who: &str,
    loads: &[Workload],
    bytes: f64,
    (replications, rounds, option): (u64, u64, &str),
    threads: usize,
    notes: &mut dyn Write,
) -> Result<f64> {
    let heaviest = loads
        .iter()
        .max_by(|a, b| a.bytes.total_cmp(&b.bytes))
        .expect("at least one model");
    if (bytes.is_nan() || bytes > MAX_BYTES)
        && let (source @ (Source::Lots | Source::Central), many) = heaviest.heaviest
    {
        bail!(
            "{who} would hold {} in memory: each replication keeps about {} {}; nothing \
             was run. {}, or run with fewer --threads",
            gigabytes(bytes),
            count(many),
            source.what(),
            capital(source.fewer()),
        );
    }
    if bytes.is_nan() || bytes > MAX_BYTES {
        bail!(
            "{who} would hold {} in memory: each replication keeps about {} \
             printed cards and {} new records; nothing was run. Lower `initial` in \
             [backlog], the recording rate or `horizon`, or run with fewer --threads",
            gigabytes(bytes),
            count(heaviest.cards),
            count(heaviest.arrivals),
        );
    }
    let events: f64 = loads.iter().map(|w| w.events).sum();
    let on = Cores::for_run(threads, replications);
    let one = events / EVENTS_PER_SECOND;
    let seconds = one * replications as f64 * rounds as f64 / on.parallel();
    // Replications that would take about a minute: the shortening to offer.
    let suggest = (replications as f64 * NOTE_SECONDS / seconds).floor();
    let runs = match rounds {
        1 => format!("{replications} replications"),
        n => format!("{n} values of up to {replications} replications"),
    };
    if one.is_nan() || one > MAX_SECONDS {
        let busiest = loads
            .iter()
            .max_by(|a, b| a.events.total_cmp(&b.events))
            .expect("at least one model")
            .busiest;
        bail!(
            "{who} would run {}: one replication alone has {} events, most of them {}; \
             nothing was run. {}, or lower `horizon`",
            for_about(seconds),
            about(events),
            busiest.what(),
            capital(busiest.fewer()),
        );
    }
    let shorter = if suggest >= 1.0 {
        format!("about {suggest} take a minute")
    } else {
        format!("one alone takes about {}", duration(one))
    };
    if seconds.is_nan() || seconds > MAX_SECONDS {
        bail!(
            "{who} would run {} ({runs} of {} events each, on {on}); nothing was run. \
             Lower {option} ({shorter}) or `horizon`",
            for_about(seconds),
            about(events),
        );
    }
    if seconds > NOTE_SECONDS {
        let shorter = if suggest >= 1.0 {
            format!("{option} {suggest} would take about a minute")
        } else {
            format!("one replication alone takes about {}", duration(one))
        };
        writeln!(
            notes,
            "note: {who} will take roughly {} ({runs} on {on}); {shorter}, and Ctrl-C \
             stops it keeping earlier results",
            duration(seconds),
        )?;
    }
    Ok(seconds)
}

/// The threads a run can keep busy: no more than asked, than the machine's
/// cores, or than the run has batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cores {
    busy: usize,
    /// Fewer than asked because the machine has only this many cores.
    machine: bool,
}

impl Cores {
    fn for_run(threads: usize, replications: u64) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self::of(threads, cores, replications)
    }

    fn of(threads: usize, cores: usize, replications: u64) -> Self {
        let batches = usize::try_from(replications.div_ceil(BATCH)).unwrap_or(usize::MAX);
        let busy = threads.min(cores).min(batches).max(1);
        Self {
            busy,
            machine: busy < threads && busy == cores,
        }
    }

    fn parallel(self) -> f64 {
        self.busy as f64
    }
}

impl std::fmt::Display for Cores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.busy, self.machine) {
            (n, true) => write!(f, "the machine's {n} cores"),
            (1, false) => write!(f, "1 thread"),
            (n, false) => write!(f, "{n} threads"),
        }
    }
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// A count to two significant digits: "35,000" reads better than 3.5e4.
fn count(x: f64) -> String {
    if !x.is_finite() {
        return "unboundedly many".into();
    }
    match x {
        x if x < 1e6 => format!("{x:.0}"),
        x if x < 1e9 => format!("{:.1} million", x / 1e6),
        x if x < 1e12 => format!("{:.1} billion", x / 1e9),
        x => format!("{x:.1e}"),
    }
}

/// "about 424", or "unboundedly many".
fn about(x: f64) -> String {
    if x.is_finite() {
        format!("about {}", count(x))
    } else {
        count(x)
    }
}

/// "about 32.0 GB", or "more than any machine has".
fn gigabytes(bytes: f64) -> String {
    if !bytes.is_finite() {
        return "more than any machine has".into();
    }
    if bytes < 1e12 {
        format!("about {:.1} GB", bytes / 1e9)
    } else {
        format!("about {:.1e} GB", bytes / 1e9)
    }
}

/// "for about 5 days", or "for ever" when there is no end.
fn for_about(seconds: f64) -> String {
    if seconds.is_finite() {
        format!("for about {}", duration(seconds))
    } else {
        "for ever".into()
    }
}

/// A length of time to the unit a reader thinks in: "45 s", "12 min", "3 h".
pub(crate) fn duration(seconds: f64) -> String {
    const YEAR: f64 = 365.25 * 86_400.0;
    match seconds {
        s if !s.is_finite() => "for ever".into(),
        s if s < 120.0 => format!("{s:.0} s"),
        s if s < 7200.0 => format!("{:.0} min", s / 60.0),
        s if s < 172_800.0 => format!("{:.0} h", s / 3600.0),
        s if s < 1000.0 * 86_400.0 => format!("{:.0} days", s / 86_400.0),
        s if s < 1e6 * YEAR => format!("{:.0} years", s / YEAR),
        s => format!("{:.1e} years", s / YEAR),
    }
}

#[cfg(test)]
#[path = "limits/tests.rs"]
mod tests;
