//! Output files: one module per kind of file, all under `--out DIR`.
//!
//! Per scenario, `DIR/<name>/` holds replications.csv, summary.csv and
//! daily.csv; a run of several scenarios adds `DIR/comparison.csv`. Every file
//! is written under a temporary name and renamed into place only after the
//! scenario's run succeeded ([`atomic`]), so a failed run never leaves a
//! half-written file nor destroys earlier results. Numbers are printed with a
//! fixed number of decimals per unit ([`format`]) so the same results give the
//! same bytes.
//!
//! Charts ([`charts`], PNG and SVG) and `DIR/index.html` ([`report`]) follow
//! the same rule. Output reads statistics; it never computes them (see
//! [`crate::stats`]).

pub mod atomic;
pub mod charts;
pub mod compare;
pub mod comparison;
pub mod daily;
pub mod decide;
pub mod fault;
pub mod format;
pub mod replications;
pub mod report;
pub mod sensitivity;
pub mod summary;
pub mod sweep;
pub mod table;

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::scenario::Scenario;
use crate::stats::ScenarioStats;
use atomic::{AtomicFile, Staged};
use fault::{fault, io_fault};

/// The folder of one scenario's files.
pub fn scenario_dir(out: &Path, scenario: &Scenario) -> PathBuf {
    crate::names::folder(out, &scenario.name)
}

/// Creates `dir` and any missing parents.
pub fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        io_fault(
            format!("cannot create the output folder {}", dir.display()),
            e,
        )
    })
}

/// Writes `path` under its temporary name with `write` and returns it staged.
pub fn stage(path: &Path, write: impl FnOnce(AtomicFile) -> Result<AtomicFile>) -> Result<Staged> {
    let action = || format!("cannot write {}", path.display());
    let file = AtomicFile::create(path).map_err(|e| io_fault(action(), e))?;
    let mut file = write(file).map_err(|e| fault(action(), &e))?;
    file.flush().map_err(|e| io_fault(action(), e))?;
    file.finish().map_err(|e| io_fault(action(), e))
}

/// Stages summary.csv and daily.csv of a finished scenario in `dir`.
pub fn stage_scenario_files(
    dir: &Path,
    scenario: &Scenario,
    stats: &ScenarioStats,
) -> Result<Vec<Staged>> {
    Ok(vec![
        stage(&dir.join(summary::FILE_NAME), |f| {
            summary::write_to(f, scenario, stats)
        })?,
        stage(&dir.join(daily::FILE_NAME), |f| {
            daily::write_to(f, scenario, stats)
        })?,
    ])
}

/// Renames staged files into place, in order.
pub fn commit(files: Vec<Staged>) -> Result<()> {
    for file in files {
        let target = file.target().to_owned();
        file.commit()
            .map_err(|e| io_fault(format!("cannot move {} into place", target.display()), e))?;
    }
    Ok(())
}

/// Draws every chart of a finished run: each scenario's in `DIR/<name>/`, and
/// with several scenarios the comparison in `DIR`. All are staged first and
/// renamed into place together, so a drawing error leaves the old charts.
pub fn write_charts(out: &Path, results: &[(&Scenario, &ScenarioStats)]) -> Result<()> {
    let mut files = Vec::new();
    for (scenario, stats) in results {
        files.extend(charts::stage_scenario(
            &scenario_dir(out, scenario),
            scenario,
            stats,
        )?);
    }
    if results.len() > 1 {
        files.extend(charts::stage_comparison(out, results)?);
    }
    commit(files)
}

/// Writes `DIR/comparison.csv` for a run of several scenarios.
pub fn write_comparison(out: &Path, results: &[(&Scenario, &ScenarioStats)]) -> Result<()> {
    let file = stage(&out.join(comparison::FILE_NAME), |f| {
        comparison::write_to(f, results)
    })?;
    commit(vec![file])
}

#[cfg(test)]
#[path = "output/tests.rs"]
mod tests;
