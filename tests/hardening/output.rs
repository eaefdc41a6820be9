//! Hostile input, round two: output as one unit, signals and OS errors (classes 4, 7 and 9).
//!
//! The rows of docs/hardening.md come from [`cases`]; the tests below check
//! what a message cannot show: that a failed run left every earlier file as it
//! was and no temporary file behind. Signals are tested in tests/run_safety.rs.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::{Case, case, scenario};

/// A folder name longer than any file system allows (255 bytes).
fn too_long() -> &'static str {
    "x".repeat(300).leak()
}

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    let ok = |name| scenario(name, "").into_bytes();
    let earlier = || b"earlier\n".to_vec();
    vec![
        case(
            "folder-in-place-of-a-file",
            vec![("a.toml", ok("a")), ("out/a/summary.csv/keep", vec![])],
            &["run", "--no-plots", "--out", "out", "a.toml"],
            1,
        ),
        case(
            "folder-in-place-of-the-report",
            vec![
                ("a.toml", ok("a")),
                ("b.toml", ok("b")),
                ("out/a/summary.csv", earlier()),
                ("out/index.html/keep", vec![]),
            ],
            &["run", "--out", "out", "a.toml", "b.toml"],
            1,
        ),
        case(
            "file-in-place-of-a-folder",
            vec![("a.toml", ok("a")), ("out/a", earlier())],
            &["run", "--no-plots", "--out", "out", "a.toml"],
            1,
        ),
        case(
            "out-is-a-file",
            vec![("a.toml", ok("a")), ("b.toml", ok("b")), ("out", earlier())],
            &["compare", "--out", "out", "a.toml", "b.toml"],
            1,
        ),
        case(
            "report-is-a-folder",
            vec![
                ("a.toml", ok("a")),
                ("b.toml", ok("b")),
                ("out/index.html/keep", vec![]),
            ],
            &["compare", "--no-plots", "--out", "out", "a.toml", "b.toml"],
            1,
        ),
        case(
            "folder-in-place-of-a-shard",
            vec![
                ("a.toml", ok("a")),
                ("out/shards/shard-1-of-4.ktpshard/keep", vec![]),
            ],
            &["run", "--out", "out", "--shard", "1/4", "a.toml"],
            1,
        ),
        case(
            "out-name-too-long",
            vec![("a.toml", ok("a"))],
            &["run", "--no-plots", "--out", too_long(), "a.toml"],
            1,
        ),
        case(
            "out-under-a-file-sensitivity",
            vec![("a.toml", ok("a")), ("file", earlier())],
            &["sensitivity", "--out", "file/out", "a.toml"],
            1,
        ),
    ]
}

/// Every file under `dir`, as (relative path, bytes), sorted.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            files.push((format!("{name}/"), Vec::new()));
            files.extend(
                snapshot(&path)
                    .into_iter()
                    .map(|(n, b)| (format!("{name}/{n}"), b)),
            );
        } else {
            files.push((name, fs::read(&path).unwrap()));
        }
    }
    files.sort();
    files
}

/// Runs `ktpsim args` in `dir`; returns the exit status.
fn ktpsim(dir: &Path, args: &[&str]) -> i32 {
    let out = Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    out.status.code().unwrap()
}

#[test]
fn a_run_that_fails_at_its_last_file_leaves_every_earlier_file() {
    // The case: summary.csv replaced while the charts and the report
    // still showed the earlier run. Now the report's failure, after every CSV
    // file and chart was written, keeps all of them from being put in place.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), scenario("a", "")).unwrap();
    fs::write(dir.path().join("b.toml"), scenario("b", "")).unwrap();
    assert_eq!(
        ktpsim(dir.path(), &["run", "--out", "out", "a.toml", "b.toml"]),
        0
    );
    let out = dir.path().join("out");
    let before = snapshot(&out);
    assert!(before.iter().any(|(n, _)| n == "a/backlog.png"));
    fs::rename(out.join("index.html"), dir.path().join("page")).unwrap();
    fs::create_dir(out.join("index.html")).unwrap();
    let moved = snapshot(&out);
    // Another seed: every file would differ.
    let args = ["run", "--seed", "2", "--out", "out", "a.toml", "b.toml"];
    assert_eq!(ktpsim(dir.path(), &args), 1);
    assert_eq!(
        snapshot(&out),
        moved,
        "nothing replaced, nothing left behind"
    );
    // A run that fails at a scenario folder keeps the others' files too.
    fs::remove_dir(out.join("index.html")).unwrap();
    fs::rename(dir.path().join("page"), out.join("index.html")).unwrap();
    fs::remove_dir_all(out.join("b")).unwrap();
    fs::write(out.join("b"), "in the way\n").unwrap();
    let blocked = snapshot(&out);
    assert_eq!(ktpsim(dir.path(), &args), 1);
    assert_eq!(snapshot(&out), blocked);
}
