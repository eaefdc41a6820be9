//! The runner with a fake model: same bytes on any thread count, nothing
//! written by a failed run.

use std::fs;
use std::path::Path;

use super::*;
use crate::engine::executor::CHUNK;
use crate::interrupt::Interrupt;
use crate::model::fake;

/// A staging of `out` that nothing interrupts.
fn staging(out: &Path) -> Staging {
    Staging::new(out, Interrupt::new(), crate::files::inputs::Inputs::none()).unwrap()
}

/// Every file under `dir`, as (relative path, bytes), sorted.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            for (name, bytes) in snapshot(&path) {
                files.push((
                    format!("{}/{name}", path.file_name().unwrap().display()),
                    bytes,
                ));
            }
        } else {
            files.push((
                path.file_name().unwrap().display().to_string(),
                fs::read(&path).unwrap(),
            ));
        }
    }
    files.sort();
    files
}

fn run_fake(exec: &Executor, out: &Path, replications: u64) -> (ScenarioResult, u64) {
    let scenario = fake::scenario("fake");
    let mut done = 0;
    let mut staging = staging(out);
    let result = run_with(
        &scenario,
        replications,
        |i| Some(fake::outcome(&scenario, i)),
        exec,
        &mut staging,
        &mut |n| done += n,
    )
    .unwrap();
    staging.commit().unwrap();
    (result, done)
}

#[test]
fn one_and_two_threads_write_identical_bytes() {
    // Not a multiple of the chunk size, so the last chunk is partial.
    let replications = 2 * CHUNK + 37;
    let serial = tempfile::tempdir().unwrap();
    let parallel = tempfile::tempdir().unwrap();
    let (a, done_a) = run_fake(&Executor::new(1).unwrap(), serial.path(), replications);
    let two = Executor::new(2).unwrap();
    assert_eq!(two.threads(), 2);
    let (b, done_b) = run_fake(&two, parallel.path(), replications);
    assert_eq!((done_a, done_b), (replications, replications));
    assert_eq!(a.stats, b.stats);
    let files = snapshot(serial.path());
    let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "fake/daily.csv",
            "fake/replications.csv",
            "fake/summary.csv"
        ]
    );
    assert_eq!(files, snapshot(parallel.path()));
    let rows = String::from_utf8(files[1].1.clone()).unwrap();
    assert_eq!(rows.lines().count() as u64, 1 + replications);
}

#[test]
fn a_failed_run_leaves_earlier_results_untouched() {
    let out = tempfile::tempdir().unwrap();
    let (_, _) = run_fake(&Executor::serial(), out.path(), 20);
    let before = snapshot(out.path());
    let scenario = fake::scenario("fake");
    for exec in [Executor::serial(), Executor::new(2).unwrap()] {
        // The engine panics in the second chunk, after the first was written.
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_with(
                &scenario,
                3 * CHUNK,
                |i| {
                    assert!(i != CHUNK + 5, "engine bug");
                    Some(fake::outcome(&scenario, i))
                },
                &exec,
                &mut staging(out.path()),
                &mut |_| {},
            )
        }));
        assert!(run.is_err());
        // Old files intact, no temporary left behind.
        assert_eq!(snapshot(out.path()), before);
    }
    // An error from the output side (a folder in the way of a file) is
    // reported, and stops the run before it starts.
    fs::create_dir(out.path().join("fake/replications.csv.d")).unwrap();
    fs::remove_file(out.path().join("fake/replications.csv")).unwrap();
    fs::rename(
        out.path().join("fake/replications.csv.d"),
        out.path().join("fake/replications.csv"),
    )
    .unwrap();
    let err = run_with(
        &scenario,
        3,
        |_| panic!("the run started"),
        &Executor::serial(),
        &mut staging(out.path()),
        &mut |_| {},
    )
    .unwrap_err();
    let path = out.path().join("fake/replications.csv");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot write {}: a folder of that name is in the way: move it away or choose \
             another --out",
            path.display()
        )
    );
}

#[test]
fn a_model_returning_the_wrong_index_is_an_error() {
    let out = tempfile::tempdir().unwrap();
    let scenario = fake::scenario("fake");
    let err = run_with(
        &scenario,
        3,
        |i| Some(fake::outcome(&scenario, i / 2)),
        &Executor::serial(),
        &mut staging(out.path()),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the model returned replication 0 when asked for 1"
    );
    assert!(!out.path().join("fake/replications.csv").exists());
}

#[test]
fn an_interrupted_run_stops_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("fake");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("summary.csv"), "earlier\n").unwrap();
    let before = snapshot(out.path());
    let stop = crate::interrupt::Interrupt::new();
    let exec = Executor::new(2).unwrap().with_interrupt(stop.clone());
    let scenario = fake::scenario("fake");
    let ran = std::sync::atomic::AtomicU64::new(0);
    let err = run_with(
        &scenario,
        100 * CHUNK,
        |i| {
            ran.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i == 100 {
                stop.request();
            }
            Some(fake::outcome(&scenario, i))
        },
        &exec,
        &mut staging(out.path()),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err.is::<crate::interrupt::Interrupted>(), "{err}");
    // At most the replications already under way on each thread finish.
    assert!(
        ran.into_inner() < 2 * CHUNK,
        "stopped within the first chunk"
    );
    assert_eq!(snapshot(out.path()), before);
}
