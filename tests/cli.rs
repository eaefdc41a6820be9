//! The `ktpsim` binary end to end: exit codes and the exact text of errors.

use std::process::{Command, Output};

fn ktpsim(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(args)
        .current_dir(env!("CARGO_TARGET_TMPDIR"))
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

fn usage_error(option: &str, value: &str, reason: &str) -> String {
    format!(
        "error: invalid value '{value}' for '{option}': {reason}\n\nFor more information, try '--help'.\n"
    )
}

#[test]
fn zero_replications_is_a_usage_error_naming_the_option() {
    let out = ktpsim(&["run", "--replications", "0", "x.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        usage_error("--replications <N>", "0", "must be at least 1")
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn zero_threads_is_a_usage_error_naming_the_option() {
    let out = ktpsim(&["run", "--threads", "0", "x.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        usage_error("--threads <T>", "0", "must be at least 1")
    );
}

#[test]
fn a_non_number_says_what_is_expected() {
    let out = ktpsim(&["run", "--replications", "many", "x.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        usage_error(
            "--replications <N>",
            "many",
            "expected a whole number of at least 1"
        )
    );
}

#[test]
fn a_missing_path_is_named_and_nothing_is_written() {
    let out_dir = tempfile::tempdir().unwrap();
    let out_arg = out_dir.path().join("results");
    for command in ["run", "check"] {
        let mut args = vec![command, "nothere.toml"];
        if command == "run" {
            args.extend(["--out", out_arg.to_str().unwrap()]);
        }
        let out = ktpsim(&args);
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert_eq!(
            stderr(&out),
            "error: cannot find nothere.toml: give a scenario file (.toml) or a folder of them\n"
        );
        assert!(out.stdout.is_empty());
    }
    assert!(!out_arg.exists());
}

#[test]
fn run_needs_at_least_one_path() {
    let out = ktpsim(&["run"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(
            "error: the following required arguments were not provided:\n  <PATH>...\n"
        )
    );
}

#[test]
fn an_invalid_scenario_prints_the_cause_chain() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.toml");
    std::fs::write(&file, "[scenario]\nname = 3\n").unwrap();
    let out = ktpsim(&["check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(format!("error: {} is not a valid scenario", file.display()).as_str())
    );
    assert!(lines.next().unwrap().starts_with("caused by: "), "{text}");
}

#[test]
fn run_writes_every_file_and_prints_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let out = ktpsim(&[
        "run",
        concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios"),
        "--replications",
        "4",
        "--quiet",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("scenario"));
    assert_eq!(
        table.lines().count(),
        7,
        "a header and six scenarios:\n{table}"
    );
    assert!(dir.path().join("comparison.csv").exists());
    for name in [
        "bojonegoro-2017",
        "second-printer",
        "backup-link",
        "blank-shortage",
        "dry-server-room",
        "everyone-records",
    ] {
        for file in ["replications.csv", "summary.csv", "daily.csv"] {
            assert!(dir.path().join(name).join(file).exists(), "{name}/{file}");
        }
        let reps = std::fs::read_to_string(dir.path().join(name).join("replications.csv")).unwrap();
        assert_eq!(reps.lines().count(), 5, "a header and 4 replications");
    }
}

/// The same scenarios and seed give byte-identical files on 1 and on 2 threads.
#[test]
fn one_thread_and_two_threads_write_identical_files() {
    let run = |threads: &str| {
        let dir = tempfile::tempdir().unwrap();
        let out = ktpsim(&[
            "run",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/scenarios/bojonegoro-2017.toml"
            ),
            concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/second-printer.toml"),
            // Many batches of 16: the merge order is crossed many times (the
            // runner tests cover chunk boundaries with a fake model).
            "--replications",
            "260",
            "--threads",
            threads,
            "--quiet",
            "--out",
            dir.path().to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let mut files = Vec::new();
        for name in ["bojonegoro-2017", "second-printer"] {
            for file in ["replications.csv", "summary.csv", "daily.csv"] {
                files.push(std::fs::read(dir.path().join(name).join(file)).unwrap());
            }
        }
        files.push(std::fs::read(dir.path().join("comparison.csv")).unwrap());
        (files, out.stdout)
    };
    let (one, table_one) = run("1");
    let (two, table_two) = run("2");
    assert!(one == two, "files differ between 1 and 2 threads");
    assert_eq!(table_one, table_two);
}

#[test]
fn a_sensitivity_fraction_outside_zero_to_one_is_a_usage_error_naming_the_option() {
    for value in ["0", "1", "1.5", "x"] {
        let out = ktpsim(&["sensitivity", "x.toml", "--fraction", value]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            usage_error(
                "--fraction <F>",
                value,
                "must be a number strictly between 0 and 1, e.g. 0.2 for ±20%"
            )
        );
    }
}
