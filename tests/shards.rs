//! Shards end to end (docs/shards.md): `ktpsim merge` of `ktpsim run --shard
//! K/N` writes the very bytes of one run on one machine, for any N and any
//! threads per shard; and every way a set of shards can be wrong is an error
//! that names the files and the fix, with nothing written.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use proptest::prelude::*;

/// The variables `--shard auto` reads: removed, so that the machine running
/// the tests (a CI job inside a batch engine) cannot change their outcome.
const ENGINE_VARIABLES: [&str; 8] = [
    "SLURM_ARRAY_TASK_ID",
    "SLURM_ARRAY_TASK_COUNT",
    "SLURM_ARRAY_TASK_MIN",
    "SLURM_ARRAY_TASK_MAX",
    "SLURM_ARRAY_TASK_STEP",
    "JOB_COMPLETION_INDEX",
    "AWS_BATCH_JOB_ARRAY_INDEX",
    "KTPSIM_SHARDS",
];

fn ktpsim_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ktpsim"));
    c.args(args).current_dir(dir);
    for v in ENGINE_VARIABLES {
        c.env_remove(v);
    }
    c.envs(env.iter().copied());
    c.output().expect("the binary runs")
}

fn ktpsim(dir: &Path, args: &[&str]) -> Output {
    ktpsim_env(dir, args, &[])
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// Every file under `dir` but the shards, by relative path.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, into: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_path_buf();
            if rel == Path::new("shards") {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, into);
            } else {
                into.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(dir, dir, &mut files);
    files
}

fn assert_same_files(one: &Path, merged: &Path) {
    let (a, b) = (tree(one), tree(merged));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{} differs", path.display());
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
}

/// A folder with a single office, a costed `[sweep]` (extending a parent)
/// and a national scenario (a template and a CSV table of offices).
fn inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(
        &root.join("tests/fixtures/costs"),
        &dir.path().join("in/costs"),
    );
    copy_dir(
        &root.join("tests/fixtures/national"),
        &dir.path().join("in/national"),
    );
    fs::copy(
        root.join("scenarios/bojonegoro-2017.toml"),
        dir.path().join("in/bojonegoro-2017.toml"),
    )
    .unwrap();
    dir
}

const SCENARIOS: [&str; 3] = [
    "in/bojonegoro-2017.toml",
    "in/costs/sweep.toml",
    "in/national/national-format.example.toml",
];

#[test]
fn merged_shards_are_byte_identical_to_one_run() {
    let dir = inputs();
    let d = dir.path();
    let run = |extra: &[&str]| {
        let mut args = vec!["run"];
        args.extend(SCENARIOS);
        args.extend(["--replications", "10", "-q"]);
        args.extend(extra);
        ok(&ktpsim(d, &args))
    };
    let printed = run(&["--out", "one", "--threads", "2"]);
    for n in [1u64, 3, 8] {
        let out = format!("n{n}");
        for k in 0..n {
            // Each shard on its own number of threads.
            let threads = (k % 3 + 1).to_string();
            let shard = format!("{k}/{n}");
            run(&["--out", &out, "--shard", &shard, "--threads", &threads]);
        }
        // The scenario files are gone by the time the shards merge.
        if n == 8 {
            fs::rename(d.join("in"), d.join("gone")).unwrap();
        }
        let merged = ok(&ktpsim(d, &["merge", &out, "--threads", "1"]));
        assert_eq!(merged, printed, "N = {n}: the same tables");
        assert_same_files(&d.join("one"), &d.join(&out));
        assert_eq!(
            fs::read_dir(d.join(&out).join("shards")).unwrap().count(),
            n as usize,
            "the shards are kept"
        );
    }
}

/// A scenario that runs in a blink.
fn tiny(name: &str, extra: &str) -> String {
    format!(
        "[scenario]\nname = \"{name}\"\nstart = 2017-09-25T08:00:00\nhorizon = \"40d\"\n\
         replications = 10\nseed = 5\n[backlog]\ninitial = 300\n[printing]\n\
         cards_per_day = {{ dist = \"normal\", mean = 40, sd = 10 }}\n{extra}"
    )
}

fn run_in_process(args: &[&str]) -> String {
    use clap::Parser;
    let cli =
        ktpsim::cli::Cli::try_parse_from(std::iter::once("ktpsim").chain(args.iter().copied()))
            .unwrap();
    let mut out = Vec::new();
    match cli.command {
        ktpsim::cli::Command::Run(a) => ktpsim::cli::run_scenarios(&a, &mut out).unwrap(),
        ktpsim::cli::Command::Merge(a) => ktpsim::cli::merge::merge(&a, &mut out).unwrap(),
        _ => unreachable!(),
    }
    String::from_utf8(out).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Any number of shards (more than the replications too), each on any
    /// number of threads and run in any order, merges into one run.
    #[test]
    fn a_merge_of_any_split_equals_one_run(
        replications in 1u64..40,
        n in 1u64..12,
        threads in prop::collection::vec(1usize..4, 12),
        reverse in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.toml"), tiny("a", "[[server.outages]]\nevery = { dist = \"exponential\", mean = \"6d\" }\nduration = { dist = \"exponential\", mean = \"1d\" }\n")).unwrap();
        fs::write(d.join("b.toml"), tiny("b", "[sweep]\n\"printing.printers\" = [1, 2]\n")).unwrap();
        let (a, b) = (d.join("a.toml"), d.join("b.toml"));
        let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
        let r = replications.to_string();
        let one = d.join("one");
        let printed = run_in_process(&["run", a, b, "--replications", &r, "--no-plots", "--out", one.to_str().unwrap()]);
        let out = d.join("split");
        let mut order: Vec<u64> = (0..n).collect();
        if reverse {
            order.reverse();
        }
        for k in order {
            let shard = format!("{k}/{n}");
            let t = threads[k as usize].to_string();
            run_in_process(&["run", a, b, "--replications", &r, "--out", out.to_str().unwrap(), "--shard", &shard, "--threads", &t]);
        }
        let merged = run_in_process(&["merge", out.to_str().unwrap(), "--no-plots"]);
        prop_assert_eq!(merged, printed);
        assert_same_files(&one, &out);
    }
}

/// Three sound shards of a tiny scenario in `DIR/out/shards`.
fn three_shards() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), tiny("a", "")).unwrap();
    for k in 0..3 {
        let shard = format!("{k}/3");
        ok(&ktpsim(
            dir.path(),
            &["run", "a.toml", "--out", "out", "--shard", &shard, "-q"],
        ));
    }
    dir
}

/// A merge that fails with `message`, leaving `out` with its shards only.
fn merge_fails(dir: &Path, message: &str) {
    let out = ktpsim(dir, &["merge", "out"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), format!("error: {message}\n"));
    assert!(out.stdout.is_empty());
    let left: Vec<_> = fs::read_dir(dir.join("out"))
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(
        left.iter().all(|n| n == "shards"),
        "nothing written: {left:?}"
    );
}

const SHARDS: &str = "out/shards";

#[test]
fn no_shards_says_how_to_write_them() {
    let dir = tempfile::tempdir().unwrap();
    merge_fails(
        dir.path(),
        "no shards to merge: out/shards does not exist; write them first with ktpsim run \
         PATH... --out out --shard K/N, for K = 0 to N-1",
    );
    fs::create_dir_all(dir.path().join(SHARDS)).unwrap();
    fs::write(dir.path().join(SHARDS).join("notes.txt"), "").unwrap();
    merge_fails(
        dir.path(),
        "no shards to merge: out/shards holds no shard files (*.ktpshard); write them first \
         with ktpsim run PATH... --out out --shard K/N, for K = 0 to N-1",
    );
}

#[test]
fn a_missing_shard_names_the_command_that_writes_it() {
    let dir = three_shards();
    fs::remove_file(dir.path().join(SHARDS).join("shard-1-of-3.ktpshard")).unwrap();
    merge_fails(
        dir.path(),
        "cannot merge the shards in out/shards: nothing was written\n  \
         shard 1/3 is missing (no out/shards/shard-1-of-3.ktpshard)\n\
         to fix it:\n  rerun: ktpsim run a.toml --out out --shard 1/3",
    );
}

#[test]
fn a_duplicated_shard_is_named_with_its_twin() {
    let dir = three_shards();
    let s = dir.path().join(SHARDS);
    fs::copy(s.join("shard-2-of-3.ktpshard"), s.join("again.ktpshard")).unwrap();
    merge_fails(
        dir.path(),
        "cannot merge the shards in out/shards: nothing was written\n  \
         out/shards/again.ktpshard and out/shards/shard-2-of-3.ktpshard are both shard 2/3\n\
         to fix it:\n  remove all but one of out/shards/again.ktpshard, out/shards/shard-2-of-3.ktpshard",
    );
}

#[test]
fn a_shard_of_another_run_is_refused() {
    let dir = three_shards();
    let d = dir.path();
    // Shard 1 again with another seed, written beside the others.
    ok(&ktpsim(
        d,
        &[
            "run", "a.toml", "--out", "other", "--shard", "1/3", "--seed", "9", "-q",
        ],
    ));
    fs::rename(
        d.join("other/shards/shard-1-of-3.ktpshard"),
        d.join(SHARDS).join("shard-1-of-3.ktpshard"),
    )
    .unwrap();
    merge_fails(
        d,
        "cannot merge the shards in out/shards: nothing was written\n  \
         out/shards/shard-1-of-3.ktpshard is from another run than the other 2 shards: \
         --seed 9 (the others: no --seed)\n  \
         shard 1/3 is missing (no out/shards/shard-1-of-3.ktpshard)\n\
         to fix it:\n  remove out/shards/shard-1-of-3.ktpshard\n  \
         rerun: ktpsim run a.toml --out out --shard 1/3",
    );
    // An edited scenario makes another run too.
    let dir = three_shards();
    let d = dir.path();
    fs::write(d.join("a.toml"), tiny("a", "# edited\n")).unwrap();
    ok(&ktpsim(
        d,
        &["run", "a.toml", "--out", "out", "--shard", "0/3", "-q"],
    ));
    let out = ktpsim(d, &["merge", "out"]);
    assert!(
        stderr(&out).contains(
            "out/shards/shard-0-of-3.ktpshard is from another run than the other 2 shards: \
             other scenario texts (a file changed between the runs)"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn cut_short_damaged_or_old_shards_are_refused() {
    let version = env!("CARGO_PKG_VERSION");
    type Spoil = fn(&mut Vec<u8>);
    let cases: [(&str, Spoil, String); 3] = [
        (
            "cut short",
            |b| b.truncate(b.len() - 100),
            "is incomplete: it ends before a shard file's last bytes (cut short while written \
             or copied)"
                .to_owned(),
        ),
        (
            "a byte changed",
            |b| {
                let mid = b.len() / 2;
                b[mid] ^= 1;
            },
            "is damaged: its checksum does not match its contents".to_owned(),
        ),
        (
            "an older format",
            |b| {
                let at = b.iter().position(|&c| c == b'\n').unwrap();
                b.splice(at - 1..at, *b"0");
            },
            format!(
                "is in shard format 0 (written by ktpsim {version}); this ktpsim ({version}) \
                 reads format 1"
            ),
        ),
    ];
    for (what, spoil, why) in cases {
        let dir = three_shards();
        let path = dir.path().join(SHARDS).join("shard-0-of-3.ktpshard");
        let mut bytes = fs::read(&path).unwrap();
        spoil(&mut bytes);
        fs::write(&path, bytes).unwrap();
        eprintln!("{what}");
        merge_fails(
            dir.path(),
            &format!(
                "cannot merge the shards in out/shards: nothing was written\n  \
                 out/shards/shard-0-of-3.ktpshard {why}\n\
                 to fix it:\n  rerun: ktpsim run a.toml --out out --shard 0/3"
            ),
        );
    }
}

#[test]
fn a_folder_where_a_shard_belongs_must_be_moved_first() {
    let dir = three_shards();
    let d = dir.path();
    let place = d.join(SHARDS).join("shard-1-of-3.ktpshard");
    fs::remove_file(&place).unwrap();
    fs::create_dir(&place).unwrap();
    merge_fails(
        d,
        "cannot merge the shards in out/shards: nothing was written\n  \
         out/shards/shard-1-of-3.ktpshard is a folder, not a shard file\n\
         to fix it:\n  move out/shards/shard-1-of-3.ktpshard out of the way first\n  \
         rerun: ktpsim run a.toml --out out --shard 1/3",
    );
    // The rerun alone cannot write there, and says so before it runs.
    let rerun = ["run", "a.toml", "--out", "out", "--shard", "1/3", "-q"];
    let out = ktpsim(d, &rerun);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: cannot write out/shards/shard-1-of-3.ktpshard: a folder stands where this \
         shard's file belongs: move out/shards/shard-1-of-3.ktpshard out of the way first, \
         then run this shard again\n"
    );
    assert!(place.is_dir(), "the folder is left as it was");
    fs::rename(&place, d.join("moved")).unwrap();
    ok(&ktpsim(d, &rerun));
    ok(&ktpsim(d, &["merge", "out"]));
}

/// A pipe named like a shard: the merge would wait for ever reading it.
#[cfg(unix)]
#[test]
fn a_pipe_among_the_shards_is_named_not_read() {
    let dir = three_shards();
    let d = dir.path();
    let made = Command::new("mkfifo")
        .arg(d.join(SHARDS).join("extra.ktpshard"))
        .status()
        .unwrap();
    assert!(made.success());
    merge_fails(
        d,
        "cannot merge the shards in out/shards: nothing was written\n  \
         out/shards/extra.ktpshard is a device, a pipe or a socket, not a shard file\n\
         to fix it:\n  move out/shards/extra.ktpshard out of the way first",
    );
}

#[test]
fn a_shard_writes_under_shards_only() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.toml"), tiny("a", "")).unwrap();
    fs::create_dir_all(d.join("out/a")).unwrap();
    fs::write(d.join("out/a/summary.csv"), "earlier\n").unwrap();
    let printed = ok(&ktpsim(
        d,
        &["run", "a.toml", "--out", "out", "--shard", "2/3", "-q"],
    ));
    assert_eq!(
        printed,
        "shard 2/3 (--shard): 4 replications of 1 scenario and 0 sweeps, written to \
         out/shards/shard-2-of-3.ktpshard\n"
    );
    assert_eq!(
        fs::read_to_string(d.join("out/a/summary.csv")).unwrap(),
        "earlier\n"
    );
    let mut names: Vec<_> = fs::read_dir(d.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert_eq!(names, ["a", "shards"]);
    let head = fs::read(d.join("out/shards/shard-2-of-3.ktpshard")).unwrap();
    let head = String::from_utf8_lossy(&head[..400]);
    assert!(head.starts_with("ktpsim shard format 1\n"), "{head}");
    assert!(head.contains("\"shard\": 2,\n  \"shards\": 3,"), "{head}");
}

#[test]
fn bad_shard_options_say_what_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.toml"), tiny("a", "")).unwrap();
    let usage = |value: &str, why: &str| {
        format!(
            "error: invalid value '{value}' for '--shard <K/N|auto>': {why}\n\n\
             For more information, try '--help'.\n"
        )
    };
    let expected = "expected K/N, shard K of N counted from 0 (e.g. 3/8), or auto (from a job \
                    array's variables)";
    for (value, why) in [
        ("x", expected.to_owned()),
        ("3", expected.to_owned()),
        (
            "3/2",
            "there is no shard 3 of 2: K goes from 0 to 1 (counted from 0, like job-array \
             indices)"
                .to_owned(),
        ),
        (
            "8/8",
            "there is no shard 8 of 8: K goes from 0 to 7 (counted from 0, like job-array \
             indices)"
                .to_owned(),
        ),
        (
            "0/0",
            "a run splits into at least 1 shard (N is 0)".to_owned(),
        ),
    ] {
        let out = ktpsim(d, &["run", "a.toml", "--shard", value]);
        assert_eq!(out.status.code(), Some(2), "{value}");
        assert_eq!(stderr(&out), usage(value, &why));
    }
    let auto_only = "error: --shards N goes with --shard auto (with --shard K/N, N is the count)\n";
    for args in [
        &["run", "a.toml", "--shards", "3"][..],
        &["run", "a.toml", "--shard", "1/3", "--shards", "3"],
    ] {
        let out = ktpsim(d, args);
        assert_eq!(
            (out.status.code(), stderr(&out)),
            (Some(1), auto_only.into())
        );
    }
    let out = ktpsim(d, &["run", "a.toml", "--shard", "auto"]);
    assert_eq!(
        stderr(&out),
        "error: --shard auto found no job-array index: it looks for SLURM_ARRAY_TASK_ID \
         (Slurm, with SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN and \
         SLURM_ARRAY_TASK_MAX), JOB_COMPLETION_INDEX (Kubernetes Indexed Job) and \
         AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch), with --shards N or KTPSIM_SHARDS for the \
         count; outside a job array give --shard K/N\n"
    );
    assert!(!d.join("results").exists(), "nothing written");
}

#[test]
fn auto_takes_the_shard_from_a_job_array() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.toml"), tiny("a", "")).unwrap();
    let run = |env: &[(&str, &str)], extra: &[&str]| {
        let mut args = vec!["run", "a.toml", "--out", "out", "--shard", "auto", "-q"];
        args.extend(extra);
        ok(&ktpsim_env(d, &args, env))
    };
    let slurm = run(
        &[
            ("SLURM_ARRAY_TASK_ID", "0"),
            ("SLURM_ARRAY_TASK_COUNT", "2"),
        ],
        &[],
    );
    assert!(
        slurm.starts_with("shard 0/2 (SLURM_ARRAY_TASK_ID=0, SLURM_ARRAY_TASK_COUNT=2): "),
        "{slurm}"
    );
    let k8s = run(&[("JOB_COMPLETION_INDEX", "1")], &["--shards", "2"]);
    assert!(
        k8s.starts_with("shard 1/2 (JOB_COMPLETION_INDEX=1, --shards 2): "),
        "{k8s}"
    );
    ok(&ktpsim(d, &["merge", "out"]));
    assert!(d.join("out/a/summary.csv").is_file());
}
