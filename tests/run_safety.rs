//! Results are never lost: a run stopped by Ctrl-C writes nothing partial and
//! leaves the earlier results; two runs writing into one folder at once leave
//! every file whole, from one run or the other.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ktpsim");

/// A scenario of `reps` replications of a small backlog.
fn write_scenario(dir: &Path, name: &str, reps: u64) -> String {
    let path = dir.join(format!("{name}.toml"));
    fs::write(
        &path,
        format!(
            "[scenario]\nname = \"{name}\"\nstart = 2017-09-25T08:00:00\nhorizon = \"60d\"\n\
             replications = {reps}\nseed = 7\n[backlog]\ninitial = 2000\n\
             [printing]\nprinters = 1\ncards_per_day = {{ dist = \"uniform\", min = 40, max = 60 }}\n\
             reject_rate = 0.01\n"
        ),
    )
    .unwrap();
    path.display().to_string()
}

/// Every file under `dir` (recursively), as (relative path, bytes), sorted.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().display().to_string();
                files.push((rel, fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn ctrl_c_stops_within_a_second_and_keeps_the_earlier_results() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("long")).unwrap();
    fs::write(out.join("long/summary.csv"), "earlier results\n").unwrap();
    let before = snapshot(&out);
    // Long enough to be still running when the signal comes.
    let scenario = write_scenario(dir.path(), "long", 20_000_000);
    let mut child = Command::new(BIN)
        .args(["run", "--quiet", "--no-plots", "--threads", "2", "--out"])
        .arg(&out)
        .arg(&scenario)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Let it get into the replications (a run that has not started yet would
    // stop too, but would prove less).
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "still running");
    let sent = Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let result = child.wait_with_output().unwrap();
    let took = sent.elapsed();
    assert!(took < Duration::from_secs(1), "stopped after {took:?}");
    assert_eq!(result.status.code(), Some(130));
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(
        stderr.ends_with(&format!(
            "interrupted: nothing written for long; its earlier results in {} are left as \
             they were\n",
            out.join("long").display()
        )),
        "{stderr}"
    );
    assert_eq!(snapshot(&out), before, "nothing partial, nothing removed");
}

#[test]
fn two_runs_into_one_folder_leave_every_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = write_scenario(dir.path(), "shared", 300);
    let run = |out: &Path, seed: &str| {
        Command::new(BIN)
            .args(["run", "--quiet", "--no-plots", "--seed", seed, "--out"])
            .arg(out)
            .arg(&scenario)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    // What each run writes on its own.
    let (solo1, solo2) = (dir.path().join("solo1"), dir.path().join("solo2"));
    for (out, seed) in [(&solo1, "1"), (&solo2, "2")] {
        assert!(run(out, seed).wait().unwrap().success());
    }
    let (one, two) = (snapshot(&solo1), snapshot(&solo2));
    assert_ne!(one, two, "the seeds give different results");
    // Both at once, several times, into one folder.
    let shared = dir.path().join("shared-out");
    for _ in 0..3 {
        let (a, b) = (run(&shared, "1"), run(&shared, "2"));
        assert!(a.wait_with_output().unwrap().status.success());
        assert!(b.wait_with_output().unwrap().status.success());
        let files = snapshot(&shared);
        let names: Vec<_> = files.iter().map(|(n, _)| n.clone()).collect();
        let expected: Vec<_> = one.iter().map(|(n, _)| n.clone()).collect();
        assert_eq!(names, expected, "no temporary file left behind");
        for (file, bytes) in &files {
            let from_one = one.iter().any(|(n, b)| n == file && b == bytes);
            let from_two = two.iter().any(|(n, b)| n == file && b == bytes);
            assert!(from_one || from_two, "{file} is whole, from one run");
        }
    }
}
