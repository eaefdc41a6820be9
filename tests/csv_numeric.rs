//! Every CSV that ktpsim writes, read as pandas or R would read it: a column
//! of numbers must hold numbers (or empty cells) in every row, or the reader
//! takes the whole column as text. Only the columns named here may hold text:
//! names, dates, settings' values, verdicts.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The columns of each file that may hold text; every other column numeric.
/// A file not listed here fails the test, so a new file must say which of its
/// columns are text.
fn text_columns(file: &str, column: &str) -> bool {
    let listed: &[&str] = match file {
        "replications.csv" => &["cleared", "cleared_date"],
        "summary.csv" => &["metric", "mean_date", "p10_date", "p50_date", "p90_date"],
        "daily.csv" => &["date"],
        "comparison.csv" => &[
            "scenario",
            "title",
            "clear_date_p50",
            "clear_date_p90",
            "deadline",
        ],
        "compare.csv" => &["base", "other", "measure"],
        "offices.csv" => &[
            "office",
            "region",
            "timezone",
            "clear_date_p50",
            "clear_date_p90",
        ],
        "regions.csv" => &["region", "clear_date_p50", "clear_date_p90"],
        // The swept keys' columns are named by their key paths (with dots).
        "sweep.csv" => return column == "variant" || column.contains('.'),
        "goal.csv" => &["key", "value", "verdict", "answer"],
        "sensitivity.csv" => &["setting", "base_value", "down_value", "up_value", "status"],
        other => panic!("{other}: a CSV file this test does not know; list its text columns"),
    };
    listed.contains(&column)
}

fn ktpsim(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "ktpsim {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn csv_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            csv_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "csv") {
            found.push(path);
        }
    }
}

/// Checks one file; returns how many cells it checked as numbers.
fn check(path: &Path) -> usize {
    let file = path.file_name().unwrap().to_str().unwrap();
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let mut numbers = 0;
    for (line, row) in reader.records().enumerate() {
        let row = row.unwrap();
        assert_eq!(row.len(), header.len(), "{}: row {line}", path.display());
        for (column, cell) in header.iter().zip(row.iter()) {
            let at = || {
                format!(
                    "{}: row {}, column {column}: {cell:?}",
                    path.display(),
                    line + 2
                )
            };
            if column.ends_with("date") || column.starts_with("clear_date") || column == "deadline"
            {
                assert!(
                    cell.is_empty() || cell.parse::<jiff::civil::Date>().is_ok(),
                    "{} is not a date",
                    at()
                );
            }
            if text_columns(file, column) || cell.is_empty() {
                continue;
            }
            let x: f64 = cell
                .parse()
                .unwrap_or_else(|_| panic!("{} is not a number", at()));
            assert!(x.is_finite(), "{}", at());
            numbers += 1;
        }
    }
    numbers
}

#[test]
fn every_statistic_column_of_every_csv_is_numeric() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let scenarios = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios");
    let base = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/scenarios/bojonegoro-2017.toml"
    );
    let other = concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/second-printer.toml");
    let sweep = dir.path().join("sw.toml");
    std::fs::write(
        &sweep,
        format!(
            "extends = {base:?}\n[scenario]\nname = \"sw\"\n[sweep]\n\"printing.printers\" = [1, 2]\n"
        ),
    )
    .unwrap();
    let quick = ["--replications", "4", "--no-plots"];
    let run = out("run");
    ktpsim(
        &[
            &[
                "run",
                scenarios,
                sweep.to_str().unwrap(),
                "-q",
                "--out",
                &run,
            ],
            &quick[..],
        ]
        .concat(),
    );
    let compare = out("compare");
    ktpsim(&[&["compare", base, other, "--out", &compare], &quick[..]].concat());
    let goal = out("goal");
    ktpsim(
        &[
            &[
                "goal",
                base,
                "--vary",
                "printing.printers",
                "--from",
                "1",
                "--to",
                "3",
                "--target",
                "p90 <= 150",
                "--max-replications",
                "8",
                "--out",
                &goal,
            ],
            &quick[..],
        ]
        .concat(),
    );
    let sensitivity = out("sensitivity");
    ktpsim(
        &[
            &["sensitivity", base, "-q", "--out", &sensitivity],
            &quick[..],
        ]
        .concat(),
    );

    let mut files = Vec::new();
    csv_files(dir.path(), &mut files);
    let mut names: Vec<&str> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_str().unwrap())
        .collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names,
        [
            "compare.csv",
            "comparison.csv",
            "daily.csv",
            "goal.csv",
            "offices.csv",
            "regions.csv",
            "replications.csv",
            "sensitivity.csv",
            "summary.csv",
            "sweep.csv"
        ],
        "every kind of file was checked"
    );
    for f in &files {
        assert!(check(f) > 0, "{}: no number checked", f.display());
    }
}

#[test]
fn a_date_in_a_statistic_column_fails_the_check() {
    // The check itself can fail: the layout summary.csv had before, with the
    // dates of `cleared_day` as a row of their own.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("summary.csv");
    std::fs::write(
        &path,
        "metric,n,mean,ci95_low,ci95_high,p10,p50,p90\n\
         cleared_day,1,84.2500,,,84.2500,84.2500,\n\
         cleared_date,1,2017-12-18,,,2017-12-18,2017-12-18,\n",
    )
    .unwrap();
    let failed = std::panic::catch_unwind(|| check(&path)).unwrap_err();
    let message = failed.downcast_ref::<String>().unwrap();
    assert!(
        message.ends_with("row 3, column mean: \"2017-12-18\" is not a number"),
        "{message}"
    );
}
