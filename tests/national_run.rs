//! National scenarios end to end through `ktpsim run` and `ktpsim compare`:
//! the same bytes whatever the thread count, and common random numbers office
//! by office.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ktpsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(args)
        .current_dir(env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("the binary runs")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/national")
        .join(name)
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    out.sort();
    out
}

fn run(threads: &str, out: &Path) {
    let example = fixture("national-format.example.toml");
    let o = ktpsim(&[
        "run",
        example.to_str().unwrap(),
        "--replications",
        "40",
        "--threads",
        threads,
        "--no-plots",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn one_and_two_threads_write_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    run("1", &one);
    run("2", &two);
    let (a, b) = (files(&one), files(&two));
    assert!(
        a.iter()
            .any(|(p, _)| p.ends_with("national-example/replications.csv")),
        "{:?}",
        a.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    assert_eq!(a.len(), b.len());
    for ((pa, ba), (pb, bb)) in a.iter().zip(&b) {
        assert_eq!(pa, pb);
        // The report records when it was made; every data file must agree.
        if pa.extension().is_some_and(|e| e == "csv") {
            assert!(ba == bb, "{} differs between 1 and 2 threads", pa.display());
        }
    }
    // 40 replications and a header; the national columns are there.
    let reps =
        String::from_utf8(std::fs::read(one.join("national-example/replications.csv")).unwrap())
            .unwrap();
    assert_eq!(reps.lines().count(), 41);
    let header = reps.lines().next().unwrap();
    for column in [
        "cleared_day",
        "cleared_date",
        "offices_cleared_by_deadline",
        "share_backlog_printed_by_deadline",
        "pool_stockout_days_to_clearing",
        "requests_waiting_days",
        "central_down_hours_to_clearing",
        "central_degraded_hours_to_clearing",
        "pool_stockout_days_whole_run",
        "central_down_hours_whole_run",
        "central_degraded_hours_whole_run",
        "lost_cards_blanks_whole_run",
    ] {
        assert!(header.split(',').any(|c| c == column), "{column}: {header}");
    }
}

#[test]
fn compare_pairs_national_scenarios_office_by_office() {
    let dir = tempfile::tempdir().unwrap();
    // The same national scenario under another name: every office draws the
    // same numbers on both sides (its streams are keyed by the seed and its
    // own name), so every paired difference is exactly zero, while the
    // losses themselves are not.
    let again = extended(dir.path(), "again", "");
    let out = dir.path().join("out");
    let o = ktpsim(&[
        "compare",
        fixture("national-format.example.toml").to_str().unwrap(),
        again.to_str().unwrap(),
        "--replications",
        "30",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let csv = std::fs::read_to_string(out.join("compare.csv")).unwrap();
    let mut header = csv.lines().next().unwrap().split(',');
    let col = |name: &str| header.clone().position(|c| c == name).unwrap();
    let (measure, pairs, mean, low, high, base) = (
        col("measure"),
        col("pairs"),
        col("mean"),
        col("ci_low"),
        col("ci_high"),
        col("base_value"),
    );
    let _ = header.next();
    let mut lost_rows = 0;
    for line in csv.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        if !cells[measure].starts_with("lost_cards_") {
            continue;
        }
        lost_rows += 1;
        assert_eq!(cells[pairs], "30", "{line}");
        for i in [mean, low, high] {
            assert_eq!(cells[i].parse::<f64>().unwrap(), 0.0, "{line}");
        }
        if cells[measure] == "lost_cards_link_whole_run" {
            assert!(cells[base].parse::<f64>().unwrap() > 0.0, "{line}");
        }
    }
    assert_eq!(lost_rows, 10, "{csv}");
}

/// A national file extending the contract example, with `body` added.
fn extended(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(format!("{name}.toml"));
    std::fs::write(
        &path,
        format!(
            "extends = {:?}\n[scenario]\nname = \"{name}\"\n{body}",
            fixture("national-format.example.toml")
                .display()
                .to_string()
        ),
    )
    .unwrap();
    path
}

#[test]
fn a_sweep_varies_the_pool_of_a_national_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let file = extended(
        dir.path(),
        "policies",
        "[sweep]\n\"pool.allocation.policy\" = [\"largest-backlog\", \"proportional\"]\n\"pool.initial\" = [0, 2700000]\n",
    );
    let out = dir.path().join("out");
    let o = ktpsim(&[
        "run",
        file.to_str().unwrap(),
        "--replications",
        "6",
        "--no-plots",
        "--quiet",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let sweep = std::fs::read_to_string(out.join("policies/sweep.csv")).unwrap();
    let variants: Vec<&str> = sweep
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        variants,
        [
            "policies.policy-largest-backlog.initial-0",
            "policies.policy-largest-backlog.initial-2700000",
            "policies.policy-proportional.initial-0",
            "policies.policy-proportional.initial-2700000",
        ],
        "{sweep}"
    );
}

#[test]
fn goal_searches_a_number_of_a_national_scenario() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = ktpsim(&[
        "goal",
        fixture("national-format.example.toml").to_str().unwrap(),
        "--vary",
        "pool.initial",
        "--from",
        "0",
        "--to",
        "4000000",
        "--step",
        "1000000",
        "--target",
        "p90 <= 400",
        "--replications",
        "8",
        "--max-replications",
        "16",
        "--out",
        out.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let goal = std::fs::read_to_string(out.join("goal.csv")).unwrap();
    assert!(goal.lines().count() > 1, "{goal}");
    assert!(goal.contains("pool.initial"), "{goal}");
}
