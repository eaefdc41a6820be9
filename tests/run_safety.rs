//! Results are never lost: a command stopped by Ctrl-C, SIGTERM or SIGHUP (run,
//! compare, goal, sensitivity) writes nothing and leaves the earlier results; a
//! run killed outright leaves temporary files that the next run removes; two
//! runs writing into one folder at once leave every file whole, from one run or
//! the other.
//!
//! Signals go to real child processes. Nothing here depends on how fast the
//! machine is: a test waits for a sign that the child got where it should (a
//! folder or temporary file appearing) and allows a generous minute for it to
//! stop.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_ktpsim");

/// Far more than any of these steps takes, even on a busy machine.
const PATIENCE: Duration = Duration::from_secs(60);

/// Waits until `ready` holds, polling; panics after [`PATIENCE`].
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < PATIENCE, "waited a minute for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `ktpsim args`, with stdout and stderr piped.
fn spawn(args: &[&str]) -> Child {
    Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Sends `signal` (e.g. "INT") to `child`.
fn signal(child: &Child, signal: &str) {
    let kill = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(kill.success());
}

/// Waits for `child` to end (within [`PATIENCE`]) and returns what it said.
fn ended(mut child: Child) -> Output {
    wait_for("the child to stop", || child.try_wait().unwrap().is_some());
    child.wait_with_output().unwrap()
}

/// The hidden temporary files of ktpsim in `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = entries
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with('.') && name.contains(".ktpsim-") && name.ends_with(".tmp")
        })
        .collect();
    v.sort();
    v
}

/// The message of an interrupted command, as it ends stderr.
fn interrupted(during: &str, finished: Option<&str>, out: &Path) -> String {
    let nothing = match finished {
        None => "nothing was written".to_owned(),
        Some(names) => format!(
            "nothing was written, not even for {names}, which had finished (a run puts its \
             files in place only once all of it is done)"
        ),
    };
    format!(
        "interrupted {during}: {nothing}; the earlier results in {} are left as they were\n",
        out.display()
    )
}

/// The line a command prints when `signal` (e.g. "TERM") asks it to stop,
/// with the blank line before it that ends a progress bar.
fn stopping(signal: &str) -> &'static str {
    match signal {
        "INT" => "\nstopping: interrupted by Ctrl-C (SIGINT); Ctrl-C again to quit at once\n",
        "TERM" => {
            "\nstopping: terminated by SIGTERM (from kill, Slurm's scancel or time limit, or a \
             service manager); a second signal quits at once\n"
        }
        "HUP" => {
            "\nstopping: hung up by SIGHUP (the terminal was closed); a second signal quits at \
             once\n"
        }
        _ => unreachable!("{signal}"),
    }
}

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
fn ctrl_c_stops_and_keeps_the_earlier_results() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("long")).unwrap();
    fs::write(out.join("long/summary.csv"), "earlier results\n").unwrap();
    let before = snapshot(&out);
    // Long enough to be still running when the signal comes.
    let scenario = write_scenario(dir.path(), "long", 20_000_000);
    let o = out.display().to_string();
    let child = spawn(&[
        "run",
        "--quiet",
        "--no-plots",
        "--threads",
        "2",
        "--out",
        &o,
        &scenario,
    ]);
    // Its replications.csv is being written: the replications are running.
    wait_for("the run to start", || {
        !temporaries(&out.join("long")).is_empty()
    });
    signal(&child, "INT");
    let result = ended(child);
    assert_eq!(result.status.code(), Some(130));
    let stderr = String::from_utf8(result.stderr).unwrap();
    let expected =
        stopping("INT").to_owned() + &interrupted("while running scenario long", None, &out);
    assert!(stderr.ends_with(&expected), "{stderr}");
    assert_eq!(snapshot(&out), before, "nothing partial, nothing removed");
}

#[test]
fn sigterm_stops_like_ctrl_c_and_writes_not_even_the_finished_scenarios() {
    let dir = tempfile::tempdir().unwrap();
    // A new folder: an interrupted run removes it again.
    let out = dir.path().join("new/out");
    let quick = write_scenario(dir.path(), "quick", 10);
    let long = write_scenario(dir.path(), "long", 20_000_000);
    let o = out.display().to_string();
    let child = spawn(&[
        "run",
        "--quiet",
        "--threads",
        "2",
        "--out",
        &o,
        &quick,
        &long,
    ]);
    wait_for("the second scenario", || {
        !temporaries(&out.join("long")).is_empty()
    });
    signal(&child, "TERM");
    let result = ended(child);
    assert_eq!(result.status.code(), Some(130));
    let stderr = String::from_utf8(result.stderr).unwrap();
    let expected = stopping("TERM").to_owned()
        + &interrupted("while running scenario long", Some("quick"), &out);
    assert!(stderr.ends_with(&expected), "{stderr}");
    assert!(
        !dir.path().join("new").exists(),
        "the folders it made are gone"
    );
}

/// What `scancel` does to a running shard of a Slurm array: SIGTERM to the
/// job's process (the batch script execs ktpsim). Its log says so.
#[test]
fn a_shard_stopped_by_sigterm_says_it_was_terminated() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let scenario = write_scenario(dir.path(), "long", 20_000_000);
    let o = out.display().to_string();
    let child = spawn(&[
        "run",
        "--quiet",
        "--threads",
        "2",
        "--out",
        &o,
        "--shard",
        "1/4",
        &scenario,
    ]);
    wait_for("the shard to start", || {
        !temporaries(&out.join("shards")).is_empty()
    });
    signal(&child, "TERM");
    let result = ended(child);
    assert_eq!(result.status.code(), Some(130));
    let stderr = String::from_utf8(result.stderr).unwrap();
    let expected =
        stopping("TERM").to_owned() + &interrupted("while running shard 1/4", None, &out);
    assert!(stderr.ends_with(&expected), "{stderr}");
    assert!(!out.exists(), "no shard file, the folders it made removed");
}

#[test]
fn a_second_signal_quits_at_once_and_still_removes_the_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(out.join("long")).unwrap();
    fs::write(out.join("long/summary.csv"), "earlier results\n").unwrap();
    let before = snapshot(&out);
    let scenario = write_scenario(dir.path(), "long", 20_000_000);
    let o = out.display().to_string();
    let child = spawn(&["run", "--quiet", "--no-plots", "--out", &o, &scenario]);
    wait_for("the run to start", || {
        !temporaries(&out.join("long")).is_empty()
    });
    // The second may come while the first is being handled or after: either
    // way the command ends with 130 and leaves the folder as it was.
    signal(&child, "HUP");
    signal(&child, "INT");
    let result = ended(child);
    assert_eq!(result.status.code(), Some(130));
    assert_eq!(snapshot(&out), before);
}

#[test]
fn compare_goal_and_sensitivity_stop_like_run() {
    let dir = tempfile::tempdir().unwrap();
    let base = write_scenario(dir.path(), "base", 10);
    let other = write_scenario(dir.path(), "other", 10);
    let many = "20000000";
    // Each with another signal.
    let commands: [(&str, Vec<&str>, &str, &str); 3] = [
        (
            "compare",
            vec!["compare", "--replications", many, &base, &other],
            "while comparing",
            "INT",
        ),
        (
            "goal",
            vec![
                "goal",
                "--vary",
                "printing.printers",
                "--from",
                "1",
                "--to",
                "4",
                "--target",
                "p90 <= 40",
                "--replications",
                many,
                "--max-replications",
                many,
                &base,
            ],
            "while seeking the goal",
            "TERM",
        ),
        (
            "sensitivity",
            vec!["sensitivity", "--quiet", "--replications", many, &base],
            "while running the sensitivity variants",
            "HUP",
        ),
    ];
    for (name, args, during, sig) in commands {
        let out = dir.path().join(name);
        let o = out.display().to_string();
        let mut args = args;
        args.extend(["--threads", "2", "--out", &o]);
        let child = spawn(&args);
        // The output folder is made once the handler is in place, just before
        // the replications start.
        wait_for(name, || out.is_dir());
        signal(&child, sig);
        let result = ended(child);
        assert_eq!(result.status.code(), Some(130), "{name}");
        let stderr = String::from_utf8(result.stderr).unwrap();
        let expected = stopping(sig).to_owned() + &interrupted(during, None, &out);
        assert!(stderr.ends_with(&expected), "{name}: {stderr}");
        assert!(!out.exists(), "{name}: nothing written, the folder removed");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn temporary_files_of_a_killed_run_are_removed_by_the_next_and_a_live_runs_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let folder = out.join("long");
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("summary.csv"), "earlier results\n").unwrap();
    // Not ktpsim's: never touched.
    fs::write(folder.join(".notes.txt.123.tmp"), "mine\n").unwrap();
    let scenario = write_scenario(dir.path(), "long", 20_000_000);
    let o = out.display().to_string();
    let long = [
        "run",
        "--quiet",
        "--no-plots",
        "--threads",
        "1",
        "--out",
        &o,
        &scenario,
    ];
    // SIGKILL cannot be caught: its temporary file stays behind.
    let killed = spawn(&long);
    wait_for("the first run", || !temporaries(&folder).is_empty());
    signal(&killed, "KILL");
    assert_eq!(ended(killed).status.code(), None, "killed by the signal");
    let left = temporaries(&folder);
    assert_eq!(left.len(), 1, "{left:?}");
    // The next run into the folder removes it before writing its own.
    let live = spawn(&long);
    wait_for("the second run", || {
        let now = temporaries(&folder);
        now.len() == 1 && now != left
    });
    let theirs = temporaries(&folder);
    // A third run finishes while the second is still running: it keeps the
    // second's temporary file and puts its own files in place.
    let short = Command::new(BIN)
        .args([
            "run",
            "--quiet",
            "--no-plots",
            "--replications",
            "10",
            "--out",
            &o,
        ])
        .arg(&scenario)
        .output()
        .unwrap();
    assert!(short.status.success());
    assert_eq!(temporaries(&folder), theirs);
    assert_ne!(
        fs::read(folder.join("summary.csv")).unwrap(),
        b"earlier results\n"
    );
    signal(&live, "INT");
    assert_eq!(ended(live).status.code(), Some(130));
    assert_eq!(temporaries(&folder), Vec::<PathBuf>::new());
    assert!(folder.join(".notes.txt.123.tmp").exists());
}

#[cfg(target_os = "linux")]
#[test]
fn printing_fails_in_words_and_a_reader_that_left_is_no_error() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = write_scenario(dir.path(), "a", 10);
    let out = dir.path().join("out");
    let run = || {
        let mut c = Command::new(BIN);
        c.args(["run", "--quiet", "--no-plots", "--out"])
            .arg(&out)
            .arg(&scenario)
            .stderr(Stdio::piped());
        c
    };
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let result = run().stdout(full).output().unwrap();
    assert_eq!(result.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(result.stderr).unwrap(),
        "error: cannot print to standard output: no space left on device\n"
    );
    assert!(
        out.join("a/summary.csv").is_file(),
        "written before printing"
    );
    // `ktpsim run ... | head -0`: the reader is gone before anything is printed.
    let mut child = run().stdout(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let result = ended(child);
    assert_eq!(result.status.code(), Some(0));
    assert_eq!(String::from_utf8(result.stderr).unwrap(), "");
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
