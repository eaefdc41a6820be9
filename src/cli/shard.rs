//! `ktpsim run --shard K/N`: one shard of a run, written under `DIR/shards/`
//! and nowhere else ([`crate::shard`]).

use std::io::{IsTerminal, Write};

use anyhow::{Result, anyhow};

use super::{RunArgs, apply_overrides, kept, limits, paths, sweep, threads_or_all_cores};
use crate::engine::executor::Executor;
use crate::files::staging::Staging;
use crate::interrupt::{Interrupt, Interrupted};
use crate::progress::Progress;
use crate::scenario::Sources;
use crate::shard::header::Command;
use crate::shard::spec::{self, ShardSpec};
use crate::shard::write::{Plan, SweepRun};

/// Runs the shard that `--shard` (and `--shards`) name; prints which one,
/// from what, and where it went.
pub fn run_shard(args: &RunArgs, out: &mut dyn Write) -> Result<()> {
    let spec = args.shard.unwrap_or(ShardSpec::Auto);
    let (shard, from) = match args.shard {
        Some(_) => spec::resolve(spec, args.shards, &|v| {
            // Not UTF-8: its lossy text, which `resolve` names as such.
            std::env::var_os(v).map(|os| os.to_string_lossy().into_owned())
        }),
        None => Err("--shards N goes with --shard auto (with --shard K/N, N is the count)".into()),
    }
    .map_err(|e| anyhow!(e))?;
    let files = paths::scenario_files(&args.paths)?;
    // A copy of every file read, so that the merge needs none of them.
    let sources = Sources::recording();
    let mut scenarios = paths::load_all_from(&files, &sources)?;
    let sweeps = sweep::read_all_from(&files, &sources)?;
    apply_overrides(&mut scenarios, args.replications, args.seed);
    let threads = threads_or_all_cores(args.threads);
    // The limits count this shard's replications, not the whole run's.
    let part = |r: u64| {
        let range = shard.range(r);
        (range.end - range.start).max(1)
    };
    let mut notes = crate::terminal::stderr();
    let mut parts = scenarios.clone();
    for s in &mut parts {
        s.replications = part(s.replications);
    }
    limits::check(&parts, threads, &mut notes)?;
    limits::check_sweeps_with(
        &sweeps,
        &|s| part(args.replications.unwrap_or(s.base.replications)),
        threads,
        &mut notes,
    )?;
    let plan = Plan {
        shard,
        command: Command {
            paths: args.paths.iter().map(|p| p.display().to_string()).collect(),
            replications: args.replications,
            seed: args.seed,
        },
        files: &files,
        sources: sources.recorded(),
        scenarios: &scenarios,
        sweeps: sweeps
            .iter()
            .map(|s| SweepRun {
                sweep: s,
                seed: args.seed.unwrap_or(s.base.seed),
                replications: args.replications.unwrap_or(s.base.replications),
            })
            .collect(),
    };
    let interrupt = Interrupt::ctrl_c(crate::files::atomic::abandon_all);
    let exec = Executor::new(threads)?.with_interrupt(interrupt.clone());
    // Only DIR/shards/ is touched: the results of other runs in DIR stay.
    let mut staging = Staging::new(&args.out, interrupt, super::inputs_of(&scenarios))?;
    let folder = args.out.join(crate::shard::FOLDER);
    staging.folder(&folder)?;
    let path = folder.join(shard.file_name());
    let total = plan.replications();
    let progress = Progress::new(total, !args.quiet && std::io::stderr().is_terminal());
    progress.scenario(&format!("shard {shard}"));
    let during = format!("while running shard {shard}");
    let interrupted = |e: anyhow::Error| {
        if e.is::<Interrupted>() {
            kept::interrupted(&during, &[], &args.out).into()
        } else {
            e
        }
    };
    let staged = crate::shard::write::write(&plan, &path, &exec, &mut |n| progress.advance(n))
        .map_err(interrupted)?;
    progress.finish();
    staging.add([staged]).map_err(interrupted)?;
    staging.commit().map_err(interrupted)?;
    writeln!(
        out,
        "shard {shard} ({from}): {total} replications of {} scenario{} and {} sweep{}, written to {}",
        scenarios.len(),
        if scenarios.len() == 1 { "" } else { "s" },
        sweeps.len(),
        if sweeps.len() == 1 { "" } else { "s" },
        path.display()
    )?;
    Ok(())
}
