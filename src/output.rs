//! Output files: one module per kind of file, all under `--out DIR`.
//!
//! Per scenario, `DIR/<name>/` holds replications.csv, summary.csv and
//! daily.csv, and for a national scenario offices.csv and regions.csv; a run of several scenarios adds `DIR/comparison.csv`. Every file
//! of a command is written under a temporary name, and all of them are renamed
//! into place together only when the whole command succeeded ([`staging`],
//! [`atomic`]), so a failed or interrupted command never leaves a half-written
//! file, never a mix of new and old files, and never destroys earlier results.
//! Numbers are printed with a fixed number of decimals per unit ([`format`]) so
//! the same results give the same bytes.
//!
//! Charts ([`charts`], PNG and SVG) and `DIR/index.html` ([`report`]) are part
//! of the same set. Output reads statistics; it never computes them (see
//! [`crate::stats`]).

pub mod charts;
pub mod compare;
pub mod comparison;
pub mod daily;
pub mod decide;
pub mod format;
pub mod national;
#[cfg(test)]
pub mod national_fixture;
pub mod replications;
pub mod report;
pub mod sensitivity;
pub mod summary;
pub mod sweep;
pub mod table;

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::files::atomic::Staged;
use crate::files::staging::{Staging, stage};
use crate::scenario::Scenario;
use crate::stats::ScenarioStats;

/// The folder of one scenario's files.
pub fn scenario_dir(out: &Path, scenario: &Scenario) -> PathBuf {
    crate::names::folder(out, &scenario.name)
}

/// Stages summary.csv and daily.csv of a finished scenario in `dir`, and
/// for a national scenario offices.csv and regions.csv.
pub fn stage_scenario_files(
    dir: &Path,
    scenario: &Scenario,
    stats: &ScenarioStats,
) -> Result<Vec<Staged>> {
    let mut files = vec![
        stage(&dir.join(summary::FILE_NAME), |f| {
            summary::write_to(f, scenario, stats)
        })?,
        stage(&dir.join(daily::FILE_NAME), |f| {
            daily::write_to(f, scenario, stats)
        })?,
    ];
    if scenario.national.is_some() && stats.national().is_some() {
        files.push(stage(&dir.join(national::OFFICES_FILE), |f| {
            national::write_offices(f, scenario, stats)
        })?);
        files.push(stage(&dir.join(national::REGIONS_FILE), |f| {
            national::write_regions(f, scenario, stats)
        })?);
    }
    Ok(files)
}

/// Stages every chart of a finished run: each scenario's in `DIR/<name>/`, and
/// with several scenarios the comparison in `DIR`. Stops between two charts
/// when the run is interrupted.
pub fn stage_charts(staging: &mut Staging, results: &[(&Scenario, &ScenarioStats)]) -> Result<()> {
    for (scenario, stats) in results {
        staging.check()?;
        let dir = scenario_dir(staging.out(), scenario);
        staging.folder(&dir)?;
        staging.add(charts::stage_scenario(&dir, scenario, stats)?)?;
        staging.add(charts::stage_national(&dir, scenario, stats)?)?;
    }
    if results.len() > 1 {
        let files = charts::stage_comparison(staging.out(), results)?;
        staging.add(files)?;
    }
    Ok(())
}

/// Stages `DIR/comparison.csv` for a run of several scenarios.
pub fn stage_comparison(
    staging: &mut Staging,
    results: &[(&Scenario, &ScenarioStats)],
) -> Result<()> {
    let path = staging.out().join(comparison::FILE_NAME);
    staging.file(&path, |f| comparison::write_to(f, results))
}

#[cfg(test)]
#[path = "output/tests.rs"]
mod tests;
