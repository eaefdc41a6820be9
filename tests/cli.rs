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
        13,
        "a header, six office scenarios and six national ones (scenarios/national/):\n{table}"
    );
    assert!(dir.path().join("comparison.csv").exists());
    for name in [
        "bojonegoro-2017",
        "second-printer",
        "backup-link",
        "blank-shortage",
        "dry-server-room",
        "everyone-records",
        "east-java-2018",
        "indonesia-2018",
        "indonesia-2018-proportional",
        "indonesia-2018-dc-outage",
        "indonesia-2018-blanks-doubled",
        "indonesia-2018-papua-printers",
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

/// The stdout of a run that must succeed.
fn stdout_of(args: &[&str]) -> String {
    let out = ktpsim(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    String::from_utf8(out.stdout).unwrap()
}

/// The help line of `--option` in `ktpsim COMMAND --help`.
fn help_line(command: &str, option: &str) -> String {
    let help = stdout_of(&[command, "--help"]);
    let start = format!("      {option} ");
    help.lines()
        .find(|l| l.starts_with(&start))
        .unwrap_or_else(|| panic!("no {option} in:\n{help}"))
        .to_owned()
}

#[test]
fn help_gives_the_defaults_the_commands_use() {
    use ktpsim::decide::{goal, sensitivity};
    let first = help_line("goal", "--replications <N>");
    assert!(
        first.ends_with(&format!("[default: {}]", goal::FIRST_LOOK)),
        "{first}"
    );
    let cap = help_line("goal", "--max-replications <N>");
    assert!(
        cap.ends_with(&format!("[default: {}]", goal::MAX_REPLICATIONS)),
        "{cap}"
    );
    let replications = help_line("sensitivity", "--replications <N>");
    assert!(
        replications.ends_with(&format!(
            "[default: the scenario's own, at most {}]",
            sensitivity::DEFAULT_REPLICATIONS
        )),
        "{replications}"
    );
    let fraction = help_line("sensitivity", "--fraction <F>");
    assert!(
        fraction.ends_with(&format!("[default: {}]", sensitivity::DEFAULT_FRACTION)),
        "{fraction}"
    );
    let compare = help_line("compare", "--replications <N>");
    assert!(
        compare.ends_with("[default: the base scenario's own]"),
        "{compare}"
    );
    // goal draws no charts: --no-plots is accepted but not offered.
    assert!(!stdout_of(&["goal", "--help"]).contains("--no-plots"));
    assert!(stdout_of(&["compare", "--help"]).contains("--no-plots"));
}

/// Every text `ktpsim` prints as help: `--help` and `-h` of the program and of
/// each command, `ktpsim help [COMMAND]`, and what a bare `ktpsim` prints.
fn every_help_text() -> Vec<(String, String)> {
    let mut texts = Vec::new();
    let mut add = |args: Vec<&str>| {
        let out = ktpsim(&args);
        let text = stderr(&out) + &String::from_utf8(out.stdout).unwrap();
        texts.push((format!("ktpsim {}", args.join(" ")), text));
    };
    add(vec![]);
    add(vec!["help"]);
    for flag in ["--help", "-h"] {
        add(vec![flag]);
        for command in ktpsim::cli::COMMANDS {
            add(vec![command, flag]);
        }
    }
    for command in ktpsim::cli::COMMANDS {
        add(vec!["help", command]);
    }
    texts
}

/// What in a help text gives away a comment written for developers: rustdoc's
/// links and paths, code, and notes about the code.
fn developer_phrases(text: &str) -> Vec<String> {
    let mut found: Vec<String> = [
        "[`", "`]", "::", "src/", ".rs", "clap", "rustdoc", "TODO", "FIXME",
    ]
    .iter()
    .filter(|p| text.contains(*p))
    .map(|p| p.to_string())
    .collect();
    for word in text.split(|c: char| !c.is_alphanumeric() && c != '_') {
        let chars: Vec<char> = word.chars().collect();
        // A Rust type name such as HelpArgs: a lower-case letter right before
        // an upper-case one inside a word.
        let type_name = chars
            .windows(2)
            .any(|w| w[0].is_lowercase() && w[1].is_uppercase());
        let keyword = [
            "fn", "struct", "enum", "impl", "pub", "crate", "Self", "unwrap",
        ]
        .contains(&word);
        if type_name || keyword {
            found.push(word.to_owned());
        }
    }
    found
}

#[test]
fn no_help_text_shows_a_comment_meant_for_developers() {
    let texts = every_help_text();
    assert_eq!(texts.len(), 2 + 2 * 8 + 7);
    for (args, text) in &texts {
        assert!(text.contains("Usage: ktpsim"), "{args}:\n{text}");
        let found = developer_phrases(text);
        assert!(found.is_empty(), "{args} shows {found:?}:\n{text}");
    }
    // The check itself finds what it looks for.
    assert_eq!(
        developer_phrases("so `help` is ours, [`HelpArgs`]; see crate::cli, fn main"),
        ["[`", "`]", "::", "HelpArgs", "crate", "fn"]
    );
}

#[test]
fn help_is_a_command_with_help_of_its_own() {
    let help = stdout_of(&["help", "--help"]);
    assert!(help.starts_with("Print this message or the help of the given command\n"));
    assert!(help.contains("Usage: ktpsim help [COMMAND]"), "{help}");
    assert_eq!(stdout_of(&["help", "goal"]), stdout_of(&["goal", "--help"]));
    assert_eq!(stdout_of(&["help"]), stdout_of(&["--help"]));
    let out = ktpsim(&["help", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: invalid value 'nope' for '[COMMAND]'\n"),
        "{}",
        stderr(&out)
    );
}

/// A scenario in a fresh folder, and `ktpsim goal a.toml --vary KEY ...` on it.
fn goal_on(key: &str) -> Output {
    goal_in(
        "[scenario]\nstart = 2024-01-01T00:00:00\nhorizon = \"30d\"\n[backlog]\ninitial = 100\n\
         [printing]\ncards_per_day = { dist = \"uniform\", min = 40, max = 60 }\n",
        key,
    )
}

/// `text` as a.toml in a fresh folder, and `ktpsim goal a.toml --vary KEY ...` on it.
fn goal_in(text: &str, key: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(["goal", "a.toml", "--vary", key, "--from", "1", "--to", "3"])
        .args(["--target", "p90 <= 10"])
        .current_dir(dir.path())
        .output()
        .unwrap()
}

#[test]
fn a_mistyped_vary_key_is_underlined_in_the_argument_with_the_nearest_key() {
    let out = goal_on("printing.printer");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: --vary printing.printer: unknown key `printer` in [printing]\n  \
         |\n  \
         | --vary printing.printer\n  \
         |                 ^^^^^^^\n  \
         = help: did you mean `printing.printers`? accepted keys: `printers`, \
         `cards_per_day`, `card_time`, `reject_rate`\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn varying_what_is_not_a_number_says_goal_varies_numbers_only() {
    let out = goal_on("scenario.horizon");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: --vary scenario.horizon: goal varies numbers only, and `scenario.horizon` \
         is a duration (the string \"30d\"); vary a number instead: `backlog.initial`, \
         `printing.cards_per_day.min`, `printing.cards_per_day.max`\n"
    );
    let out = goal_on("printing.cards_per_day");
    assert_eq!(
        stderr(&out),
        "error: --vary printing.cards_per_day: goal varies numbers only, and \
         `printing.cards_per_day` is a distribution (a table); vary one of its numbers \
         instead: `printing.cards_per_day.min`, `printing.cards_per_day.max`\n"
    );
    let out = goal_in(
        "[scenario]\nstart = 2024-01-01T00:00:00\nhorizon = \"30d\"\n\
         [printing]\ncard_time = \"1h\"\n",
        "scenario.horizon",
    );
    assert_eq!(
        stderr(&out),
        "error: --vary scenario.horizon: goal varies numbers only, and `scenario.horizon` \
         is a duration (the string \"30d\"); vary a number instead: this scenario writes \
         none, but any numeric setting of the scenario format (docs/scenario-format.md) \
         can be given, e.g. printing.printers\n"
    );
}

#[test]
fn help_knows_every_command() {
    let cli = <ktpsim::cli::Cli as clap::CommandFactory>::command();
    let names: Vec<&str> = cli.get_subcommands().map(clap::Command::get_name).collect();
    assert_eq!(names, ktpsim::cli::COMMANDS);
}

/// Without a terminal, a deciding command draws no progress bar: stderr stays
/// empty.
#[test]
fn compare_without_a_terminal_prints_no_progress() {
    let dir = tempfile::tempdir().unwrap();
    let text = |name: &str, printers: u32| {
        format!(
            "[scenario]\nname = \"{name}\"\nstart = 2024-01-01T00:00:00\nhorizon = \"30d\"\n\
             [backlog]\ninitial = 100\n[printing]\nprinters = {printers}\n\
             cards_per_day = {{ dist = \"uniform\", min = 40, max = 60 }}\n"
        )
    };
    std::fs::write(dir.path().join("a.toml"), text("a", 1)).unwrap();
    std::fs::write(dir.path().join("b.toml"), text("b", 2)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args([
            "compare",
            "a.toml",
            "b.toml",
            "--replications",
            "40",
            "--no-plots",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("b against a (40 paired")
    );
}
