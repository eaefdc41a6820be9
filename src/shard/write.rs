//! Running one shard: its range of every scenario's and every sweep's
//! replications, streamed into its file as they finish (memory does not grow
//! with the replications, as for a whole run).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::file::{Record, Writer};
use super::header::{Command, Header, Part};
use super::{Shard, tape};
use crate::decide::sweep::Sweep;
use crate::engine::executor::Executor;
use crate::files::atomic::{AtomicFile, Staged};
use crate::files::fault::{OutputFault, fault, io_fault};
use crate::hash::Fnv64;
use crate::model::Model;
use crate::runner;
use crate::scenario::Scenario;
use crate::scenario::sources::SourceText;
use crate::stats::ScenarioStats;

/// A sweep as this run runs it: its seed and replications after the
/// command line's overrides.
pub struct SweepRun<'a> {
    /// The sweep.
    pub sweep: &'a Sweep,
    /// Its seed.
    pub seed: u64,
    /// Its replications.
    pub replications: u64,
}

/// Everything a shard of one run is made of.
pub struct Plan<'a> {
    /// Which shard.
    pub shard: Shard,
    /// The command line.
    pub command: Command,
    /// The scenario files, in order.
    pub files: &'a [PathBuf],
    /// Every file the loader read.
    pub sources: Vec<SourceText>,
    /// The scenarios, overrides applied.
    pub scenarios: &'a [Scenario],
    /// The sweeps.
    pub sweeps: Vec<SweepRun<'a>>,
}

impl Plan<'_> {
    /// The replications this shard runs, all scenarios and sweeps together.
    pub fn replications(&self) -> u64 {
        let scenarios = self.scenarios.iter().map(|s| s.replications);
        let sweeps = self.sweeps.iter().map(|s| s.replications);
        scenarios
            .chain(sweeps)
            .map(|r| {
                let range = self.shard.range(r);
                range.end - range.start
            })
            .sum()
    }

    /// The header of this shard's file.
    pub fn header(&self) -> Header {
        let text = |p: &Path| p.display().to_string();
        let mut inputs = Fnv64::default();
        for f in &self.sources {
            for piece in [text(&f.path).as_bytes(), b"\0", f.text.as_bytes(), b"\0"] {
                inputs.update(piece);
            }
        }
        let part = |s: &Scenario, variants: usize, seed: u64, replications: u64| {
            let range = self.shard.range(replications);
            Part {
                name: s.name.clone(),
                source: text(&s.source),
                merged_text: Fnv64::hex(s.merged_toml.as_bytes()),
                variants,
                seed,
                replications,
                first: range.start,
                end: range.end,
            }
        };
        Header {
            format: super::file::FORMAT,
            ktpsim: env!("CARGO_PKG_VERSION").to_owned(),
            shard: self.shard.k,
            shards: self.shard.n,
            command: self.command.clone(),
            files: self.files.iter().map(|f| text(f)).collect(),
            inputs: format!("{:016x}", inputs.value()),
            scenarios: self
                .scenarios
                .iter()
                .map(|s| part(s, 1, s.seed, s.replications))
                .collect(),
            sweeps: self
                .sweeps
                .iter()
                .map(|s| {
                    part(
                        &s.sweep.base,
                        s.sweep.variants.len(),
                        s.seed,
                        s.replications,
                    )
                })
                .collect(),
        }
    }
}

/// Runs `plan` on `exec` into `path` (under a temporary name until the
/// caller commits); `progress` hears how many replications each batch held.
pub fn write(
    plan: &Plan<'_>,
    path: &Path,
    exec: &Executor,
    progress: &mut dyn FnMut(u64),
) -> Result<Staged> {
    let action = || format!("cannot write {}", path.display());
    // Not "choose another --out": every shard of a run shares one.
    let meta = std::fs::symlink_metadata(path).ok();
    if let Some(what) = meta.as_ref().and_then(super::in_the_way) {
        return Err(OutputFault(format!(
            "{}: {what} stands where this shard's file belongs: move {} out of the way \
             first, then run this shard again",
            action(),
            path.display()
        ))
        .into());
    }
    let file = AtomicFile::create(path).map_err(|e| io_fault(action(), path, e))?;
    let fail = |e: anyhow::Error| {
        if e.is::<crate::interrupt::Interrupted>() {
            e
        } else {
            fault(action(), path, &e)
        }
    };
    let mut w = Writer::new(BufWriter::new(file), &plan.header()).map_err(fail)?;
    let sources = plan
        .sources
        .iter()
        .map(|f| {
            let p = f.path.to_str().ok_or_else(|| {
                anyhow::anyhow!(
                    "the path {} is not UTF-8, which a shard cannot keep: rename it",
                    f.path.display()
                )
            })?;
            Ok((p.to_owned(), f.text.to_string()))
        })
        .collect::<Result<_>>()?;
    w.record(&Record::Sources(sources)).map_err(fail)?;
    for scenario in plan.scenarios {
        scenario_part(&mut w, scenario, plan.shard, exec, progress).map_err(fail)?;
    }
    for s in &plan.sweeps {
        sweep_part(&mut w, s, plan.shard, exec, progress).map_err(fail)?;
    }
    w.finish()
        .and_then(|b| b.into_inner().map_err(std::io::IntoInnerError::into_error))
        .and_then(AtomicFile::finish)
        .map_err(|e| io_fault(action(), path, e))
}

/// One scenario's range: [`Record::Rows`] per batch, then [`Record::Stats`].
fn scenario_part<W: Write>(
    w: &mut Writer<W>,
    scenario: &Scenario,
    shard: Shard,
    exec: &Executor,
    progress: &mut dyn FnMut(u64),
) -> Result<()> {
    let model = Model::new(scenario);
    let range = shard.range(scenario.replications);
    let mut stats = ScenarioStats::new(scenario);
    let replicate = |i| model.replicate_until(i, exec.interrupt());
    let mut inputs = Vec::with_capacity(stats.moment_slots());
    runner::for_each_row_batch(
        scenario,
        exec,
        range,
        &replicate,
        progress,
        |outcomes, rows| {
            let mut tape = Vec::new();
            for o in outcomes {
                inputs.clear();
                stats.add_exact(o, &mut inputs);
                tape::encode(&inputs, &mut tape);
            }
            w.record(&Record::Rows { rows, tape })
        },
    )?;
    w.record(&Record::Stats(Box::new(stats)))
}

/// One sweep's range: a [`Record::Sweep`].
fn sweep_part<W: Write>(
    w: &mut Writer<W>,
    s: &SweepRun<'_>,
    shard: Shard,
    exec: &Executor,
    progress: &mut dyn FnMut(u64),
) -> Result<()> {
    let models = crate::decide::sweep::models(s.sweep, s.seed);
    let mut costs = Vec::new();
    let clearings = crate::decide::clearing_exact(
        &models,
        shard.range(s.replications),
        exec,
        &mut |one| tape::encode(one, &mut costs),
        progress,
    )?;
    w.record(&Record::Sweep { clearings, costs })
}
