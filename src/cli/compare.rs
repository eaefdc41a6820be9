//! `ktpsim compare BASE OTHER...`: paired differences on common random numbers.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::decide_args::DecideArgs;
use crate::decide::compare;
use crate::output;

/// Options of `ktpsim compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The base scenario file.
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Scenario files to compare with the base.
    #[arg(required = true, value_name = "OTHER")]
    pub others: Vec<PathBuf>,
    /// Seed, replications, threads, output.
    #[command(flatten)]
    pub common: DecideArgs,
}

/// Runs the comparison, writes DIR/compare.csv, the chart and the report, and
/// prints the differences in words.
pub fn compare(args: &CompareArgs, out: &mut dyn Write) -> Result<()> {
    let mut files = vec![args.base.clone()];
    files.extend(args.others.iter().cloned());
    let scenarios = super::load_all(&files)?;
    let base = &scenarios[0];
    let seed = args.common.seed.unwrap_or(base.seed);
    let replications = args.common.replications.unwrap_or(base.replications);
    args.common.check(&super::limits::Plan {
        who: format!("compare of {} scenarios", scenarios.len()),
        scenarios: scenarios.iter().collect(),
        replications,
        rounds: 1,
        option: "--replications",
    })?;
    let exec = args.common.executor()?;
    let mut staging = args.common.staging(&exec, super::inputs_of(&scenarios))?;
    let progress = args.common.progress(replications);
    progress.scenario(&format!("compare: {} scenarios", scenarios.len()));
    let result = (|| {
        let result = compare::run_with_progress(scenarios, seed, replications, &exec, &mut |n| {
            progress.advance(n);
        });
        progress.finish();
        let result = result?;
        output::decide::stage_compare(&mut staging, &result, !args.common.no_plots)?;
        staging.commit()?;
        Ok(result)
    })()
    .map_err(|e| super::kept::or_interrupted(e, "while comparing", &[], &args.common.out))?;
    out.write_all(output::compare::render(&result).as_bytes())?;
    Ok(())
}
