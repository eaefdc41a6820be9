//! Before anything runs: refuse a run that could not finish, warn about a long one.
//!
//! Every scenario is valid by now, but valid is not the same as feasible: a
//! backlog of a billion on fast printers keeps gigabytes of waits per
//! replication, and a million replications of a year-long scenario take hours.
//! From [`Workload`] estimates this module says so before the first replication,
//! with the option or key that shortens the run. It owns the thresholds; the
//! estimate itself belongs to the model.

use std::io::Write;

use anyhow::{Result, bail};

use crate::model::Model;
use crate::model::workload::Workload;
use crate::runner::CHUNK;
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

/// Checks every scenario (with overrides applied) before any runs; writes notes
/// about long runs to `notes`.
pub fn check(scenarios: &[Scenario], threads: usize, notes: &mut dyn Write) -> Result<()> {
    for s in scenarios {
        let w = Workload::of(&Model::new(s));
        let threads_f = threads as f64;
        let bytes = w.bytes * threads_f + CHUNK as f64 * 64.0 * w.days;
        let who = format!("scenario {} ({})", s.name, s.source.display());
        if bytes.is_nan() || bytes > MAX_BYTES {
            bail!(
                "{who} would hold about {} in memory: each replication keeps about {} \
                 printed cards and {} new records; nothing was run. Lower `initial` in \
                 [backlog], the recording rate or `horizon`, or run with fewer --threads",
                gigabytes(bytes),
                count(w.cards),
                count(w.arrivals),
            );
        }
        let seconds = w.events * s.replications as f64 / (EVENTS_PER_SECOND * threads_f);
        // Replications that would take about a minute: the shortening to offer.
        let suggest = (s.replications as f64 * NOTE_SECONDS / seconds)
            .floor()
            .max(1.0);
        if seconds.is_nan() || seconds > MAX_SECONDS {
            bail!(
                "{who} would run for about {} ({} replications of about {} events each, \
                 on {threads} threads); nothing was run. Lower --replications (about \
                 {suggest} take a minute) or `horizon`",
                duration(seconds),
                s.replications,
                count(w.events),
            );
        }
        if seconds > NOTE_SECONDS {
            writeln!(
                notes,
                "note: {who} will take roughly {} ({} replications on {threads} threads); \
                 --replications {suggest} would take about a minute, and Ctrl-C stops it \
                 keeping earlier results",
                duration(seconds),
                s.replications,
            )?;
        }
    }
    Ok(())
}

/// A count to two significant digits: "35,000" reads better than 3.5e4.
fn count(x: f64) -> String {
    if !x.is_finite() {
        return "unboundedly many".into();
    }
    match x {
        x if x < 1e6 => format!("{x:.0}"),
        x if x < 1e9 => format!("{:.1} million", x / 1e6),
        x => format!("{:.1} billion", x / 1e9),
    }
}

fn gigabytes(bytes: f64) -> String {
    if !bytes.is_finite() {
        return "unbounded memory".into();
    }
    format!("{:.1} GB", bytes / 1e9)
}

fn duration(seconds: f64) -> String {
    match seconds {
        s if !s.is_finite() => "for ever".into(),
        s if s < 120.0 => format!("{s:.0} s"),
        s if s < 7200.0 => format!("{:.0} min", s / 60.0),
        s if s < 172_800.0 => format!("{:.0} h", s / 3600.0),
        s => format!("{:.0} days", s / 86_400.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_str;

    fn scenario(reps: u64, body: &str) -> Scenario {
        let text = format!(
            "[scenario]\nname = \"w\"\nstart = 2017-09-25T00:00:00\nhorizon = \"365d\"\n\
             replications = {reps}\n{body}"
        );
        load_str(&text, "w.toml".as_ref()).expect("valid")
    }

    #[test]
    fn ordinary_runs_pass_silently() {
        let s = scenario(
            1000,
            "[backlog]\ninitial = 35000\n[printing]\ncards_per_day = 450",
        );
        let mut notes = Vec::new();
        check(&[s], 2, &mut notes).unwrap();
        assert!(notes.is_empty());
    }

    #[test]
    fn a_long_run_gets_a_note_with_the_fix() {
        let s = scenario(
            1000000,
            "[backlog]\ninitial = 35000\n[printing]\ncards_per_day = 450",
        );
        let mut notes = Vec::new();
        check(&[s], 2, &mut notes).unwrap();
        let text = String::from_utf8(notes).unwrap();
        assert!(
            text.starts_with("note: scenario w (w.toml) will take roughly "),
            "{text}"
        );
        assert!(text.contains("--replications "), "{text}");
    }

    #[test]
    fn durations_read_in_the_unit_that_fits() {
        assert_eq!(duration(59.4), "59 s");
        assert_eq!(duration(600.0), "10 min");
        assert_eq!(duration(36_000.0), "10 h");
        assert_eq!(duration(864_000.0), "10 days");
        assert_eq!(count(35_000.0), "35000");
        assert_eq!(count(1.25e9), "1.2 billion");
        assert_eq!(count(2.5e6), "2.5 million");
    }
}
