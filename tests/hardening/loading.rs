//! Hostile input, round two: reading scenario files: extends chains, sizes, nesting, messages (classes 2, 7 and 8).

use std::fs;
use std::process::Command;

use super::{Case, case, scenario};

/// A file name that lives as long as the test (cases hold `&'static str`).
fn name(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// `extends = "<parent>"` and a comment that fills the file to `bytes`.
fn padded(parent: &str, bytes: usize) -> Vec<u8> {
    let head = format!("extends = \"{parent}\"\n#");
    let mut text = head.clone() + &"x".repeat(bytes - head.len() - 1);
    text.push('\n');
    text.into_bytes()
}

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    let check = |file: &'static str| -> Vec<&'static str> { vec!["check", file] };
    let with = |extra: &str| scenario("a", extra).into_bytes();
    // A chain of thousands: before, each file was a stack frame (exit 134).
    let chain: Vec<(&'static str, Vec<u8>)> = (0..3000)
        .map(|i| {
            let file = name(format!("f{i}.toml"));
            (
                file,
                format!("extends = \"f{}.toml\"\n", i + 1).into_bytes(),
            )
        })
        .collect();
    let dotted = |n: usize| vec!["k"; n].join(".");
    vec![
        case("extends-thousands", chain, &check("f0.toml"), 1),
        case(
            "escape-in-value",
            vec![(
                "a.toml",
                scenario("a", "")
                    .replace("name = \"a\"", "name = \"a\"\ntitle = \"Plan\\u001b[2J B\"")
                    .into_bytes(),
            )],
            &check("a.toml"),
            1,
        ),
        case("escape-in-path", vec![], &["check", "\u{1b}[2Jx.toml"], 1),
        case(
            "extends-chain-too-large",
            vec![
                ("a.toml", padded("b.toml", 400 * 1024)),
                ("b.toml", padded("c.toml", 400 * 1024)),
                ("c.toml", padded("d.toml", 400 * 1024)),
            ],
            &check("a.toml"),
            1,
        ),
        case(
            "file-too-large",
            vec![("big.toml", padded("x.toml", 15 << 20))],
            &check("big.toml"),
            1,
        ),
        case(
            "extends-empty",
            vec![("a.toml", b"extends = \"\"\n".to_vec())],
            &check("a.toml"),
            1,
        ),
        case(
            "extends-not-toml",
            vec![("a.toml", b"extends = \"/proc/self/environ\"\n".to_vec())],
            &check("a.toml"),
            1,
        ),
        case(
            "nested-dotted-keys",
            vec![("a.toml", format!("{} = 1\n", dotted(200)).into_bytes())],
            &check("a.toml"),
            1,
        ),
        case(
            "nested-headers",
            vec![("a.toml", format!("[{}]\n", dotted(200)).into_bytes())],
            &check("a.toml"),
            1,
        ),
        case(
            "nested-inline-tables",
            vec![(
                "a.toml",
                format!("x = {}1{}\n", "{ k = ".repeat(200), " }".repeat(200)).into_bytes(),
            )],
            &check("a.toml"),
            1,
        ),
        case(
            "nested-arrays",
            vec![(
                "a.toml",
                format!("x = {}1{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
            )],
            &check("a.toml"),
            1,
        ),
        case(
            "key-path-too-deep",
            vec![(
                "a.toml",
                with(&format!(
                    "[sweep]\n\"printing.{}\" = [1, 2]\n",
                    dotted(200_000)
                )),
            )],
            &["run", "--no-plots", "a.toml"],
            1,
        ),
        case(
            "escape-in-key",
            vec![("a.toml", with("\"\\u001b[2J\\u001b[31m\" = 1\n"))],
            &check("a.toml"),
            1,
        ),
        case(
            "duration-too-large",
            vec![(
                "a.toml",
                scenario("a", "")
                    .replace("\"30d\"", &format!("\"{}d\"", "9".repeat(40)))
                    .into_bytes(),
            )],
            &check("a.toml"),
            1,
        ),
        case(
            "number-too-large",
            vec![("a.toml", with("reject_rate = 1e400\n"))],
            &check("a.toml"),
            1,
        ),
        case(
            "integer-too-small",
            vec![("a.toml", with("printers = -99999999999999999999\n"))],
            &check("a.toml"),
            1,
        ),
        case(
            "blanks-overflow",
            vec![(
                "a.toml",
                with(
                    "[blanks]\ninitial = 9000000000000000000\n[[blanks.shipments]]\n\
                     at = 2017-09-26\nquantity = 9000000000000000000\n",
                ),
            )],
            &["run", "--no-plots", "a.toml"],
            1,
        ),
    ]
}

/// The binary's stderr and status for `args` in `dir`.
fn ktpsim(dir: &std::path::Path, args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn a_chain_of_sixteen_files_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..15 {
        fs::write(
            dir.path().join(format!("f{i}.toml")),
            format!("extends = \"f{}.toml\"\n[scenario]\nseed = {i}\n", i + 1),
        )
        .unwrap();
    }
    fs::write(dir.path().join("f15.toml"), scenario("f", "")).unwrap();
    let (stderr, status) = ktpsim(dir.path(), &["check", "f0.toml"]);
    assert_eq!((stderr.as_str(), status), ("", 0));
}

#[cfg(unix)]
#[test]
fn a_cycle_through_a_link_names_the_file_it_reaches() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.toml"), "extends = \"link.toml\"\n").unwrap();
    std::os::unix::fs::symlink("a.toml", dir.path().join("link.toml")).unwrap();
    std::os::unix::fs::symlink("self.toml", dir.path().join("self.toml")).unwrap();
    fs::write(dir.path().join("b.toml"), "extends = \"self.toml\"\n").unwrap();
    fs::create_dir(dir.path().join("folder.toml")).unwrap();
    fs::write(dir.path().join("c.toml"), "extends = \"folder.toml\"\n").unwrap();
    let (stderr, _) = ktpsim(dir.path(), &["check", "a.toml"]);
    assert!(
        stderr.contains(
            "caused by: `extends` makes a cycle: a.toml -> link.toml (which is a.toml)\n"
        ),
        "{stderr}"
    );
    let (stderr, status) = ktpsim(dir.path(), &["check", "b.toml"]);
    assert!(
        stderr.contains("cannot read the parent scenario `self.toml`: "),
        "{stderr}"
    );
    assert_eq!(status, 1);
    let (stderr, _) = ktpsim(dir.path(), &["check", "c.toml"]);
    assert!(
        stderr.contains(
            "cannot read the parent scenario `folder.toml`: not a regular file but a folder"
        ),
        "{stderr}"
    );
}

#[test]
fn a_file_name_with_an_escape_sequence_is_shown_escaped_where_it_is_located() {
    let dir = tempfile::tempdir().unwrap();
    // An escape in `extends` is refused as a control character; a file name
    // can still hold one.
    let file = "\u{1b}]0;owned\u{7}.toml";
    fs::write(dir.path().join(file), "[printing]\nbad = 1\n").unwrap();
    let (stderr, status) = ktpsim(dir.path(), &["check", file]);
    assert_eq!(status, 1);
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    assert!(
        stderr.starts_with("error: \\u{1b}]0;owned\\u{7}.toml is not a valid scenario\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("--> \\u{1b}]0;owned\\u{7}.toml:1:1"),
        "{stderr}"
    );
}

#[test]
fn every_command_reads_scenarios_by_the_same_rules() {
    let dir = tempfile::tempdir().unwrap();
    let ok = scenario("ok", "");
    fs::write(dir.path().join("ok.toml"), &ok).unwrap();
    for i in 0..40 {
        fs::write(
            dir.path().join(format!("f{i}.toml")),
            format!("extends = \"f{}.toml\"\n", i + 1),
        )
        .unwrap();
    }
    let deep = format!("{}\n{} = 1\n", ok, vec!["k"; 200].join("."));
    fs::write(dir.path().join("deep.toml"), deep).unwrap();
    let goal = |file| {
        vec![
            "goal",
            "--vary",
            "printing.printers",
            "--from",
            "1",
            "--to",
            "3",
            "--target",
            "p90 <= 120",
            file,
        ]
    };
    for (file, cause) in [
        (
            "f0.toml",
            "caused by: `extends` chain is too long: f15.toml is file 16 of the chain from f0.toml, and a chain holds at most 16 files",
        ),
        (
            "deep.toml",
            "caused by: tables and arrays nest more than 32 levels deep here",
        ),
    ] {
        for args in [
            vec!["check", file],
            vec!["run", "--no-plots", file],
            vec!["compare", "ok.toml", file],
            vec!["compare", file, "ok.toml"],
            vec!["sensitivity", file],
            goal(file),
        ] {
            let (stderr, status) = ktpsim(dir.path(), &args);
            assert_eq!(status, 1, "{args:?}: {stderr}");
            assert!(stderr.lines().any(|l| l == cause), "{args:?}:\n{stderr}");
        }
    }
}
