//! Every bad input of docs/hardening.md, run through the binary: the table there
//! lists what the user sees, and this test fails if the two ever disagree.
//!
//! A case's "message" is the first line of stderr, and for a scenario error its
//! `caused by:` line too (the underlined source that follows is tested in
//! tests/scenario_errors.rs). Cases run in a fresh folder with relative paths,
//! so the messages are the same on every machine.

use std::fs;
use std::path::Path;
use std::process::Command;

#[path = "hardening/bounds.rs"]
mod bounds;
#[path = "hardening/inputs.rs"]
mod inputs;
#[path = "hardening/limits.rs"]
mod limits;
#[path = "hardening/loading.rs"]
mod loading;
#[path = "hardening/names.rs"]
mod names;
#[path = "hardening/national.rs"]
mod national;
#[path = "hardening/output.rs"]
mod output;

/// A scenario that runs in a blink, named `name`, with `extra` appended.
pub fn scenario(name: &str, extra: &str) -> String {
    format!(
        "[scenario]\nname = \"{name}\"\nstart = 2017-09-25T08:00:00\nhorizon = \"30d\"\n\
         replications = 10\n[backlog]\ninitial = 100\n[printing]\ncards_per_day = 50\n{extra}"
    )
}

/// One row of the table in docs/hardening.md.
pub struct Case {
    /// The first column of the table.
    pub id: &'static str,
    /// Files to create: (relative path, contents).
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// The command line after `ktpsim`.
    pub args: Vec<&'static str>,
    /// The exit status.
    pub status: i32,
}

/// A case in the form the tables are written in.
pub fn case(
    id: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    args: &[&'static str],
    status: i32,
) -> Case {
    Case {
        id,
        files,
        args: args.to_vec(),
        status,
    }
}

fn cases() -> Vec<Case> {
    let mut all = first_round();
    all.extend(names::cases());
    all.extend(loading::cases());
    all.extend(limits::cases());
    all.extend(output::cases());
    all.extend(inputs::cases());
    all.extend(bounds::cases());
    all.extend(national::cases());
    all
}

/// The cases of the first hardening round.
fn first_round() -> Vec<Case> {
    let ok = |name| scenario(name, "").into_bytes();
    vec![
        case("missing-file", vec![], &["run", "nothere.toml"], 1),
        case(
            "empty-folder",
            vec![("empty/notes.txt", vec![])],
            &["run", "empty"],
            1,
        ),
        case(
            "same-name",
            vec![("a.toml", ok("same")), ("b.toml", ok("same"))],
            &["run", "a.toml", "b.toml"],
            1,
        ),
        case(
            "extends-cycle",
            vec![
                ("a.toml", b"extends = \"b.toml\"\n".to_vec()),
                ("b.toml", b"extends = \"a.toml\"\n".to_vec()),
            ],
            &["check", "a.toml"],
            1,
        ),
        case(
            "missing-parent",
            vec![("a.toml", b"extends = \"gone.toml\"\n".to_vec())],
            &["check", "a.toml"],
            1,
        ),
        case(
            "not-utf8",
            vec![("a.toml", b"[scenario]\nname = \"\xff\"\n".to_vec())],
            &["check", "a.toml"],
            1,
        ),
        case("device", vec![], &["check", "/dev/zero"], 1),
        case(
            "out-under-a-file",
            vec![("a.toml", ok("a")), ("file", vec![])],
            &["run", "--no-plots", "--out", "file/results", "a.toml"],
            1,
        ),
        case(
            "replications-0",
            vec![],
            &["run", "--replications", "0", "a.toml"],
            2,
        ),
        case("threads-0", vec![], &["run", "--threads", "0", "a.toml"], 2),
        case(
            "horizon-too-long",
            vec![(
                "a.toml",
                scenario("a", "")
                    .replace("\"30d\"", "\"1000000d\"")
                    .into_bytes(),
            )],
            &["check", "a.toml"],
            1,
        ),
        case(
            "too-many-printers",
            vec![(
                "a.toml",
                scenario("a", "")
                    .replace("cards_per_day", "printers = 100000000\ncards_per_day")
                    .into_bytes(),
            )],
            &["check", "a.toml"],
            1,
        ),
        case(
            "memory-out-of-reach",
            vec![(
                "a.toml",
                scenario("a", "")
                    .replace("initial = 100", "initial = 1000000000")
                    .replace(
                        "cards_per_day = 50",
                        "printers = 100\ncards_per_day = 100000000",
                    )
                    .into_bytes(),
            )],
            &["run", "--threads", "2", "a.toml"],
            1,
        ),
        case(
            "time-out-of-reach",
            vec![("a.toml", ok("a"))],
            &[
                "run",
                "--threads",
                "2",
                "--replications",
                "100000000000",
                "a.toml",
            ],
            1,
        ),
    ]
}

/// The message of a run: the first line, and a `caused by:` line if any.
fn message(stderr: &str) -> String {
    let mut lines = stderr.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("").to_owned();
    match stderr.lines().find(|l| l.starts_with("caused by: ")) {
        Some(cause) => format!("{first} / {cause}"),
        None => first,
    }
}

/// (id, message, status) of every row of the table in docs/hardening.md.
fn documented() -> Vec<(String, String, String)> {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/hardening.md"))
        .unwrap();
    doc.lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l.strip_prefix("| `")?.split(" | ").collect();
            if cells.len() != 4 {
                return None; // another table
            }
            let id = cells[0].strip_suffix('`')?;
            let msg = cells[2].trim();
            let status = cells[3].trim_end_matches(" |").trim();
            Some((id.to_owned(), msg.to_owned(), status.to_owned()))
        })
        .collect()
}

#[test]
fn every_bad_input_gets_the_documented_message() {
    let doc = documented();
    let mut failures = Vec::new();
    for case in cases() {
        let dir = tempfile::tempdir().unwrap();
        for (path, bytes) in &case.files {
            let p = dir.path().join(path);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, bytes).unwrap();
        }
        let out = Command::new(env!("CARGO_BIN_EXE_ktpsim"))
            .args(&case.args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let got = message(&String::from_utf8(out.stderr).unwrap());
        let status = out.status.code().unwrap();
        assert_eq!(status, case.status, "{}: exit status", case.id);
        match doc.iter().find(|(id, _, _)| id == case.id) {
            Some((_, msg, st)) if *msg == got && *st == status.to_string() => {}
            Some((_, msg, st)) => failures.push(format!(
                "{}: documented {msg} ({st}), got\n| `{}` | … | {got} | {status} |",
                case.id, case.id
            )),
            None => failures.push(format!(
                "{} is not in docs/hardening.md:\n| `{}` | … | {got} | {status} |",
                case.id, case.id
            )),
        }
        // Nothing half-written either way.
        assert!(!dir.path().join("results").exists() || status == 0);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
