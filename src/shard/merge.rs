//! `ktpsim merge DIR`: every shard of `DIR/shards/` checked first (one run,
//! each shard once, none missing, every file whole and sound), then the
//! scenarios rebuilt from the texts the shards keep, and their files staged
//! exactly as a run on one machine stages them.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::check::Checked;
use super::file::{Record, ShardFile};
use super::header::{Header, Part};
use super::tape;
use crate::decide::CostReplay;
use crate::decide::sweep::Sweep;
use crate::files::staging::Staging;
use crate::model::Model;
use crate::output::{self, replications::ReplicationsFile};
use crate::runner::ScenarioResult;
use crate::scenario::Scenario;
use crate::scenario::sources::{SourceText, Sources};
use crate::stats::{Clearing, ScenarioStats};

/// What the shards add up to: the run's scenarios with their statistics
/// (their files staged), and its sweeps with theirs (not yet staged).
pub struct Merged {
    /// Per scenario, as run.
    pub results: Vec<ScenarioResult>,
    /// Per sweep: the sweep, its seed and each variant's statistics.
    pub sweeps: Vec<(Sweep, u64, Vec<Clearing>)>,
}

/// `path`, one of `checked`'s shards, is damaged in a way its checksum did
/// not show (or changed since it was checked).
fn damaged(checked: &Checked, path: &Path, why: &str) -> anyhow::Error {
    let shard = checked
        .files
        .iter()
        .find(|(_, p)| p == path)
        .map(|(s, _)| *s);
    let fix = shard.map_or_else(String::new, |s| format!("; rerun: {}", checked.rerun(s)));
    anyhow::anyhow!(
        "cannot merge the shards: {} is damaged: {why}; nothing was written{fix}",
        path.display()
    )
}

/// A scenario being merged.
struct Building {
    scenario: Scenario,
    stats: ScenarioStats,
    fresh: ScenarioStats,
    rows: ReplicationsFile,
}

/// A sweep being merged.
struct SweepBuilding<'a> {
    total: Vec<Clearing>,
    replay: CostReplay<'a>,
    variants: usize,
}

/// The first shard, read, and the scenario texts it keeps: what the command
/// loads the run's scenarios and sweeps from before [`merge`].
pub struct Opened {
    first: ShardFile,
    /// The texts of every file the run's loader read, under the paths it read
    /// them by.
    pub sources: Sources,
    /// The paths the run was given on its command line.
    pub files: Vec<PathBuf>,
}

/// Reads the first of `checked`'s shards and the scenario texts it keeps.
pub fn open(checked: &Checked) -> Result<Opened> {
    let first = read(checked, &checked.files[0].1)?;
    let sources = match first.records().next() {
        Some(Ok(Record::Sources(files))) => files,
        _ => {
            return Err(damaged(
                checked,
                &checked.files[0].1,
                "it holds no scenario texts",
            ));
        }
    };
    let sources = Sources::memory(
        sources
            .into_iter()
            .map(|(path, text)| SourceText {
                path: path.into(),
                text: text.into(),
            })
            .collect(),
    );
    let files = checked.header.files.iter().map(PathBuf::from).collect();
    Ok(Opened {
        first,
        sources,
        files,
    })
}

/// Merges the checked shards into `staging`: stages each scenario's files and
/// returns the statistics for the rest. `scenarios` and `sweeps` are the run's,
/// as the command loaded them from `opened` (with the run's `--replications`
/// and `--seed` applied); they must be the parts the shards were run on.
pub fn merge(
    checked: &Checked,
    opened: Opened,
    scenarios: Vec<Scenario>,
    sweeps: Vec<Sweep>,
    staging: &mut Staging,
) -> Result<Merged> {
    let run = &checked.header;
    let first = opened.first;
    check_parts(run, &scenarios, &sweeps)?;

    let mut building = Vec::with_capacity(scenarios.len());
    for scenario in scenarios {
        let dir = output::scenario_dir(staging.out(), &scenario);
        staging.folder(&dir)?;
        let fresh = ScenarioStats::new(&scenario);
        building.push(Building {
            rows: ReplicationsFile::create(&dir, &scenario)?,
            stats: fresh.clone(),
            fresh,
            scenario,
        });
    }
    let seeds: Vec<u64> = run.sweeps.iter().map(|p| p.seed).collect();
    let models: Vec<Vec<Model>> = sweeps
        .iter()
        .zip(&seeds)
        .map(|(s, &seed)| crate::decide::sweep::models(s, seed))
        .collect();
    let mut sweeping: Vec<SweepBuilding<'_>> = models
        .iter()
        .map(|m| SweepBuilding {
            total: crate::decide::clearings(m),
            replay: CostReplay::new(m),
            variants: m.len(),
        })
        .collect();

    for (i, (_, path)) in checked.files.iter().enumerate() {
        staging.check()?;
        let file = if i == 0 {
            None
        } else {
            Some(read(checked, path)?)
        };
        let file = file.as_ref().unwrap_or(&first);
        add_shard(
            file,
            &|why| damaged(checked, path, why),
            &mut building,
            &mut sweeping,
        )?;
    }

    let mut results = Vec::with_capacity(building.len());
    for b in building {
        let dir = output::scenario_dir(staging.out(), &b.scenario);
        staging.add([b.rows.finish()?])?;
        staging.add(output::stage_scenario_files(&dir, &b.scenario, &b.stats)?)?;
        results.push(ScenarioResult {
            scenario: b.scenario,
            stats: b.stats,
        });
    }
    let sweeps = sweeps
        .into_iter()
        .zip(seeds)
        .zip(sweeping)
        .map(|((s, seed), mut b)| {
            b.replay.finish(&mut b.total);
            (s, seed, b.total)
        })
        .collect();
    Ok(Merged { results, sweeps })
}

/// Adds one shard's records, which must follow its header.
fn add_shard(
    file: &ShardFile,
    damaged: &dyn Fn(&str) -> anyhow::Error,
    building: &mut [Building],
    sweeping: &mut [SweepBuilding<'_>],
) -> Result<()> {
    let header = &file.header;
    let mut records = file.records().skip(1);
    let mut next = || -> Result<Record> {
        match records.next() {
            Some(Ok(r)) => Ok(r),
            Some(Err(_)) => Err(damaged("a record does not read")),
            None => Err(damaged("it ends before its last record")),
        }
    };
    let mut inputs = Vec::new();
    for (b, part) in building.iter_mut().zip(&header.scenarios) {
        let slots = b.fresh.moment_slots();
        let mut seen = 0u64;
        loop {
            match next()? {
                Record::Rows { rows, tape } => {
                    b.rows.append(&rows)?;
                    let mut reader = tape::Reader::new(&tape);
                    while !reader.is_empty() {
                        reader
                            .read(slots, &mut inputs)
                            .map_err(|_| damaged("a tape does not read"))?;
                        b.stats.add_moments(&inputs);
                        seen += 1;
                    }
                }
                Record::Stats(stats) => {
                    let stats = stats
                        .with_metrics_of(&b.fresh)
                        .filter(|s| s.replications() == seen && seen == part.end - part.first)
                        .ok_or_else(|| damaged("its statistics do not fit its scenario"))?;
                    b.stats.merge(&stats);
                    break;
                }
                _ => return Err(damaged("its records do not follow its header")),
            }
        }
    }
    for (b, part) in sweeping.iter_mut().zip(&header.sweeps) {
        let Record::Sweep { clearings, costs } = next()? else {
            return Err(damaged("its records do not follow its header"));
        };
        let n = part.end - part.first;
        if clearings.len() != b.variants || clearings.iter().any(|c| c.replications() != n) {
            return Err(damaged("its sweep does not fit its scenario"));
        }
        for (t, c) in b.total.iter_mut().zip(&clearings) {
            t.merge(c);
        }
        let mut reader = tape::Reader::new(&costs);
        for _ in 0..n {
            reader
                .read(b.variants, &mut inputs)
                .map_err(|_| damaged("a tape does not read"))?;
            b.replay.add(&mut b.total, &inputs);
        }
    }
    if next().is_ok() {
        return Err(damaged("it holds more records than its header says"));
    }
    Ok(())
}

/// The rebuilt scenarios and sweeps are those the header says ran.
fn check_parts(run: &Header, scenarios: &[Scenario], sweeps: &[Sweep]) -> Result<()> {
    let same = |p: &Part, s: &Scenario, variants: usize, seed: u64, replications: u64| {
        p.name == s.name
            && p.merged_text == crate::hash::Fnv64::hex(s.merged_toml.as_bytes())
            && p.variants == variants
            && p.seed == seed
            && p.replications == replications
    };
    let scenarios_agree = run.scenarios.len() == scenarios.len()
        && run
            .scenarios
            .iter()
            .zip(scenarios)
            .all(|(p, s)| same(p, s, 1, s.seed, s.replications));
    let sweeps_agree = run.sweeps.len() == sweeps.len()
        && run.sweeps.iter().zip(sweeps).all(|(p, s)| {
            let seed = run.command.seed.unwrap_or(s.base.seed);
            let replications = run.command.replications.unwrap_or(s.base.replications);
            same(p, &s.base, s.variants.len(), seed, replications)
        });
    if !(scenarios_agree && sweeps_agree) {
        bail!(
            "the scenario texts kept in the shards load as other scenarios than the shards ran \
             (ktpsim {} wrote them, this is {}): merge with the ktpsim that ran them",
            run.ktpsim,
            env!("CARGO_PKG_VERSION")
        );
    }
    Ok(())
}

/// Reads a shard checked before (it may have changed since).
fn read(checked: &Checked, path: &Path) -> Result<ShardFile> {
    let bytes = crate::files::read::read(path, u64::MAX, crate::files::read::Links::Refuse)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {}", path.display(), e.words()))?;
    ShardFile::read(bytes).map_err(|_| damaged(checked, path, "it changed while merging"))
}
