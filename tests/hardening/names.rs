//! Hostile input, round two: names and output paths (issue 10, class 1 and the naming parts of class 7).
//!
//! The rows of the table are in [`cases`]; what a case cannot set up from plain
//! files (links, pipes) or must look at beyond the message (what was written,
//! and where) is a test of its own below, as is the property that no name that
//! passes the rule leads outside `--out`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use proptest::prelude::*;

use super::{Case, case, scenario};

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    let named = |name: &str| scenario(name, "").into_bytes();
    // A scenario without a `name` line: named after its file.
    let unnamed = || scenario("x", "").replace("name = \"x\"\n", "").into_bytes();
    let long: &'static str = "a".repeat(101).leak();
    vec![
        case(
            "file-name-with-spaces",
            vec![("Kabupaten Jember 2018.toml", unnamed())],
            &["run", "Kabupaten Jember 2018.toml"],
            1,
        ),
        case(
            "file-name-hidden",
            vec![(".hidden.toml", unnamed())],
            &["check", ".hidden.toml"],
            1,
        ),
        case(
            "file-name-dot-dot",
            vec![("...toml", unnamed())],
            &["run", "--out", "results", "...toml"],
            1,
        ),
        case(
            "file-name-taken",
            vec![("Index.html.toml", unnamed())],
            &["check", "Index.html.toml"],
            1,
        ),
        case(
            "file-name-too-long",
            vec![(
                "a123456789b123456789c123456789d123456789e123456789f123456789g123456789h123456789i123456789j123456789k.toml",
                unnamed(),
            )],
            &[
                "check",
                "a123456789b123456789c123456789d123456789e123456789f123456789g123456789h123456789i123456789j123456789k.toml",
            ],
            1,
        ),
        case(
            "name-taken",
            vec![("a.toml", named("comparison.csv"))],
            &["check", "a.toml"],
            1,
        ),
        case(
            "name-taken-other-case",
            vec![("a.toml", named("Shards"))],
            &["check", "a.toml"],
            1,
        ),
        case(
            "name-too-long",
            vec![("a.toml", named(long))],
            &["check", "a.toml"],
            1,
        ),
        case(
            "name-windows-device",
            vec![("a.toml", named("aux.2018"))],
            &["check", "a.toml"],
            1,
        ),
        case(
            "name-not-ascii",
            vec![("a.toml", named("jémber"))],
            &["check", "a.toml"],
            1,
        ),
        case(
            "name-trailing-dot",
            vec![("a.toml", named("jember."))],
            &["check", "a.toml"],
            1,
        ),
        case(
            "file-given-twice",
            vec![("x.toml", named("x"))],
            &["run", "x.toml", "x.toml"],
            1,
        ),
        case(
            "file-given-two-ways",
            vec![("x.toml", named("x"))],
            &["compare", "x.toml", "./x.toml"],
            1,
        ),
        case(
            "file-and-its-folder",
            vec![("s/x.toml", named("x"))],
            &["check", "s", "s/x.toml"],
            1,
        ),
        case(
            "check-same-name",
            vec![("s/a.toml", named("same")), ("s/b.toml", named("same"))],
            &["check", "s"],
            1,
        ),
        case(
            "names-differ-in-case",
            vec![("a.toml", named("Jember")), ("b.toml", named("jember"))],
            &["check", "a.toml", "b.toml"],
            1,
        ),
        case(
            "scan-folder-named-toml",
            vec![("s/a.toml", named("a")), ("s/old.toml/a.toml", named("a"))],
            &["check", "s"],
            1,
        ),
        case(
            "scan-hidden-file",
            vec![("s/a.toml", named("a")), ("s/.a.toml", named("a"))],
            &["check", "s"],
            0,
        ),
        case(
            "scan-upper-case",
            vec![("s/a.toml", named("a")), ("s/B.TOML", named("b"))],
            &["check", "s"],
            0,
        ),
    ]
}

fn ktpsim(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

/// The whole error of a name taken from the file, with the line to add.
#[test]
fn a_file_name_that_is_no_name_suggests_one() {
    let dir = tempfile::tempdir().unwrap();
    let text = scenario("x", "").replace("name = \"x\"\n", "");
    fs::write(dir.path().join("Kabupaten Jember 2018.toml"), text).unwrap();
    let out = ktpsim(dir.path(), &["check", "Kabupaten Jember 2018.toml"]);
    assert_eq!(
        stderr(&out),
        "error: Kabupaten Jember 2018.toml is not a valid scenario\n\
         caused by: the scenario has no `name`, and its file name \"Kabupaten Jember 2018\" \
         cannot name its results folder: a folder name is letters, digits, `.`, `_` and `-`, \
         not starting or ending with `.`\n \
         --> Kabupaten Jember 2018.toml:1:1\n  \
         |\n\
         1 | [scenario]\n  \
         | ^^^^^^^^^^\n  \
         = help: add `name = \"kabupaten-jember-2018\"` to [scenario], or rename the file\n"
    );
}

/// Links to nothing and pipes in a scanned folder are named, and the rest runs.
#[cfg(unix)]
#[test]
fn a_folder_scan_names_what_it_skips() {
    let dir = tempfile::tempdir().unwrap();
    let s = dir.path().join("s");
    fs::create_dir(&s).unwrap();
    fs::write(s.join("a.toml"), scenario("a", "")).unwrap();
    std::os::unix::fs::symlink("gone.toml", s.join("b.toml")).unwrap();
    std::os::unix::fs::symlink("c.toml", s.join("c.toml")).unwrap();
    let fifo = s.join("d.toml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = ktpsim(dir.path(), &["check", "s"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // The system's words, without "(os error N)".
    let loop_reason = ktpsim::files::fault::words(&fs::metadata(s.join("c.toml")).unwrap_err());
    assert!(!loop_reason.contains("os error"), "{loop_reason}");
    assert_eq!(
        stderr(&out),
        format!(
            "warning: skipped s/b.toml: a link to gone.toml, which does not exist\n\
             warning: skipped s/c.toml: cannot be read: {loop_reason}\n\
             warning: skipped s/d.toml: not a regular file but a pipe\n"
        )
    );
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("# s/a.toml\n")
    );
    // Given by name, a link to nothing is an error, and says so.
    let out = ktpsim(dir.path(), &["check", "s/b.toml"]);
    assert_eq!(
        stderr(&out),
        "error: s/b.toml is a link to gone.toml, which does not exist: give a scenario file \
         (.toml) or a folder of them\n"
    );
}

/// A scenario folder in --out that links elsewhere is refused before anything
/// runs, and nothing is written where it points.
#[cfg(unix)]
#[test]
fn a_linked_scenario_folder_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), scenario("a", "")).unwrap();
    fs::create_dir_all(dir.path().join("results")).unwrap();
    fs::create_dir(dir.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("../elsewhere", dir.path().join("results/a")).unwrap();
    for args in [
        &["run", "--no-plots", "a.toml"][..],
        &["sensitivity", "-q", "--replications", "2", "a.toml"],
    ] {
        let out = ktpsim(dir.path(), args);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            stderr(&out),
            "error: results/a is a symbolic link to ../elsewhere: ktpsim writes a scenario's \
             files only into a folder inside --out, so that nothing lands outside it; remove \
             the link, or choose another --out\n"
        );
    }
    assert_eq!(
        fs::read_dir(dir.path().join("elsewhere")).unwrap().count(),
        0
    );
}

/// Values that differ only in characters a label cannot hold still get rows
/// of their own.
#[test]
fn sweep_labels_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    // Link states named so that their names differ only where a label cannot
    // hold the character; the sweep starts the link in each.
    let names = ["Plan A", "Plan_A", "Plan/A", "Plan_A.2"];
    let mut sweep = "[network]\ninitial = \"Plan A\"\n".to_owned();
    for (i, name) in names.iter().enumerate() {
        let next = names[(i + 1) % names.len()];
        sweep += &format!(
            "[network.states.\"{name}\"]\nthroughput = 1.0\nstay = \"2d\"\nnext = {{ \"{next}\" = 1.0 }}\n"
        );
    }
    sweep += "[sweep]\n\"network.initial\" = [\"Plan A\", \"Plan_A\", \"Plan/A\", \"Plan_A.2\"]\n";
    let sweep = sweep.as_str();
    fs::write(dir.path().join("w.toml"), scenario("w", sweep)).unwrap();
    let out = ktpsim(dir.path(), &["run", "--no-plots", "-q", "w.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = fs::read_to_string(dir.path().join("results/w/sweep.csv")).unwrap();
    let labels: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        labels,
        [
            "w.initial-Plan_A",
            "w.initial-Plan_A.2",
            "w.initial-Plan_A.3",
            "w.initial-Plan_A.2.2"
        ]
    );
}

/// Everything that `run` (with a sweep and charts), `compare`, `goal` and
/// `sensitivity` put at the top of --out is a scenario's folder or a name the
/// rule keeps from scenarios, so no scenario can ever be named like one.
#[test]
fn every_file_at_the_top_of_out_is_kept_from_names() {
    let dir = tempfile::tempdir().unwrap();
    let sweep = "[sweep]\n\"printing.printers\" = [1, 2]\n";
    fs::write(dir.path().join("a.toml"), scenario("a", sweep)).unwrap();
    fs::write(dir.path().join("b.toml"), scenario("b", "")).unwrap();
    let r = ["--replications", "4"];
    for args in [
        &["run", "-q", "a.toml", "b.toml"][..],
        &["compare", "a.toml", "b.toml"],
        &[
            "goal",
            "a.toml",
            "--vary",
            "printing.printers",
            "--from",
            "1",
            "--to",
            "2",
            "--target",
            "p90 <= 100",
            "--max-replications",
            "8",
        ],
        &["sensitivity", "-q", "a.toml"],
    ] {
        let args: Vec<&str> = args.iter().chain(&r).copied().collect();
        let out = ktpsim(dir.path(), &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let mut top: Vec<String> = fs::read_dir(dir.path().join("results"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "a" && n != "b")
        .collect();
    top.sort();
    for name in &top {
        assert!(
            ktpsim::names::TAKEN.contains(&name.as_str()),
            "{name} is written beside the scenario folders but not kept from names"
        );
    }
    assert_eq!(top.len(), ktpsim::names::TAKEN.len() - 1, "{top:?}"); // all but shards
}

proptest! {
    /// Whatever a `name` line or a file name says, the scenario either is
    /// refused or gets a name that is one visible component right under --out.
    #[test]
    fn no_name_leads_outside_out(text in "\\PC{0,120}|[a-zA-Z0-9._/\\\\-]{0,12}") {
        let out = Path::new("/results");
        let toml_name = text.replace('\\', "\\\\").replace('"', "\\\"");
        let written = scenario("placeholder", "").replace("\"placeholder\"", &format!("\"{toml_name}\""));
        if let Ok(s) = ktpsim::scenario::load_str(&written, Path::new("x.toml")) {
            prop_assert_eq!(&s.name, &text);
            assert_inside(out, &s.name)?;
        }
        let unnamed = scenario("x", "").replace("name = \"x\"\n", "");
        if let Ok(s) = ktpsim::scenario::load_str(&unnamed, Path::new(&format!("{text}.toml"))) {
            assert_inside(out, &s.name)?;
        }
        let suggested = ktpsim::names::suggest(&text);
        prop_assert_eq!(ktpsim::names::check(&suggested), Ok(()));
        assert_inside(out, &suggested)?;
    }
}

fn assert_inside(out: &Path, name: &str) -> Result<(), TestCaseError> {
    use std::path::Component;
    let path = ktpsim::names::folder(out, name);
    let rest: Vec<Component> = path.strip_prefix(out).unwrap().components().collect();
    prop_assert_eq!(rest.len(), 1, "{}", path.display());
    prop_assert!(matches!(rest[0], Component::Normal(_)));
    prop_assert!(!name.starts_with('.') && name.len() <= 100);
    prop_assert!(
        !ktpsim::names::TAKEN
            .iter()
            .any(|t| t.eq_ignore_ascii_case(name))
    );
    Ok(())
}
