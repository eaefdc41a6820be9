//! The whole `run` path with a fake engine: overrides, files, table.

use super::*;
use crate::model::fake;

fn args(out: &std::path::Path, threads: usize) -> RunArgs {
    RunArgs {
        paths: Vec::new(),
        replications: Some(300),
        seed: Some(7),
        threads: Some(threads),
        out: out.to_owned(),
        quiet: true,
        no_plots: true,
        shard: None,
        shards: None,
    }
}

fn run_fake(args: &RunArgs) -> (String, Vec<(String, u64, u64)>) {
    let scenarios = vec![fake::scenario("a"), fake::scenario("b")];
    let seen = std::sync::Mutex::new(Vec::new());
    let mut table = Vec::new();
    run_loaded(
        scenarios,
        &[],
        args,
        &mut table,
        |scenario, exec, staging, progress| {
            seen.lock().unwrap().push((
                scenario.name.clone(),
                scenario.replications,
                scenario.seed,
            ));
            runner::run_with(
                scenario,
                scenario.replications,
                |i| Some(fake::outcome(scenario, i)),
                exec,
                staging,
                progress,
            )
        },
    )
    .unwrap();
    (
        String::from_utf8(table).unwrap(),
        seen.into_inner().unwrap(),
    )
}

#[test]
fn run_applies_overrides_and_writes_every_file() {
    let dir = tempfile::tempdir().unwrap();
    let (table, seen) = run_fake(&args(dir.path(), 2));
    assert_eq!(seen, [("a".into(), 300, 7), ("b".into(), 300, 7)]);
    for file in [
        "a/replications.csv",
        "a/summary.csv",
        "a/daily.csv",
        "b/daily.csv",
    ] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    let comparison = std::fs::read_to_string(dir.path().join("comparison.csv")).unwrap();
    assert_eq!(comparison.lines().count(), 3);
    assert!(
        comparison
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("a,a (test),300,")
    );
    let lines: Vec<_> = table.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("scenario  clear p10"), "{table}");
    assert!(lines[2].starts_with("b  "), "{table}");
}

#[test]
fn thread_count_does_not_change_a_byte() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let (table_one, _) = run_fake(&args(one.path(), 1));
    let (table_two, _) = run_fake(&args(two.path(), 2));
    assert_eq!(table_one, table_two);
    for file in [
        "a/replications.csv",
        "b/summary.csv",
        "b/daily.csv",
        "comparison.csv",
    ] {
        let a = std::fs::read(one.path().join(file)).unwrap();
        let b = std::fs::read(two.path().join(file)).unwrap();
        assert!(a == b, "{file} differs");
    }
}

#[test]
fn charts_and_report_link_only_files_that_exist() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = args(dir.path(), 2);
    a.no_plots = false;
    a.replications = Some(40);
    run_fake(&a);
    let html = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    let mut links = 0;
    for attr in ["src=\"", "href=\""] {
        for part in html.split(attr).skip(1) {
            let target = &part[..part.find('"').unwrap()];
            assert!(
                dir.path().join(target).is_file(),
                "{target} is linked but missing"
            );
            links += 1;
        }
    }
    // The comparison and four charts per scenario, each as PNG and SVG.
    assert_eq!(links, 2 * (1 + 2 * 4));
    for file in ["a/backlog.png", "b/blanks.svg", "comparison.svg"] {
        assert!(dir.path().join(file).is_file(), "{file}");
    }
}
