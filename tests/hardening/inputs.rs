//! Hostile input, round three: inputs are never written over, and only
//! regular files are read (issue 18, parts 1 and 3).
//!
//! The rows of docs/hardening.md come from [`cases`]; the tests below need
//! what a row cannot make (links, pipes) or check what a message cannot show:
//! that the input is as it was.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::{Case, case, scenario};

/// A national scenario named `nat` of two offices, its template in
/// `office.toml` and its table at `table`.
fn national(table: &str) -> String {
    format!(
        "[scenario]\nname = \"nat\"\nstart = 2018-01-02T07:30:00\nhorizon = \"30d\"\n\
         replications = 2\n[offices]\ntemplate = \"office.toml\"\ntable = \"{table}\"\n"
    )
}

const TEMPLATE: &str = "[backlog]\ninitial = 100\n[printing]\ncards_per_day = 50\n";

const TABLE: &str = "name,region\nkab-jember,Jawa Timur\nkota-makassar,Sulawesi Selatan\n";

/// The cases of this class, each a row of docs/hardening.md.
pub fn cases() -> Vec<Case> {
    let ok = |name| scenario(name, "").into_bytes();
    let nat = |table| {
        vec![
            ("n.toml", national(table).into_bytes()),
            ("office.toml", TEMPLATE.as_bytes().to_vec()),
        ]
    };
    let with = |mut files: Vec<(&'static str, Vec<u8>)>, more: &[(&'static str, &[u8])]| {
        files.extend(more.iter().map(|(p, b)| (*p, b.to_vec())));
        files
    };
    vec![
        case(
            "table-in-its-results",
            with(
                nat("nat/offices.csv"),
                &[("nat/offices.csv", TABLE.as_bytes())],
            ),
            &["run", "--no-plots", "--out", ".", "n.toml"],
            1,
        ),
        case(
            "table-in-its-results-spelled-otherwise",
            with(
                nat("nat/offices.csv"),
                &[("nat/offices.csv", TABLE.as_bytes())],
            ),
            &["run", "--no-plots", "--out", "nat/..", "n.toml"],
            1,
        ),
        case(
            "table-named-comparison-csv",
            with(
                nat("comparison.csv"),
                &[("comparison.csv", TABLE.as_bytes()), ("a.toml", &ok("a"))],
            ),
            &["run", "--no-plots", "--out", ".", "n.toml", "a.toml"],
            1,
        ),
        case(
            "table-named-compare-csv",
            with(
                nat("compare.csv"),
                &[("compare.csv", TABLE.as_bytes()), ("a.toml", &ok("a"))],
            ),
            &["compare", "--no-plots", "--out", ".", "n.toml", "a.toml"],
            1,
        ),
        case(
            "table-in-the-shards",
            with(
                nat("out/shards/offices.csv"),
                &[("out/shards/offices.csv", TABLE.as_bytes())],
            ),
            &["run", "--out", "out", "--shard", "0/2", "n.toml"],
            1,
        ),
        case(
            "parent-in-its-results",
            vec![
                ("a.toml", b"extends = \"a/base.toml\"\n".to_vec()),
                ("a/base.toml", ok("a")),
            ],
            &["sensitivity", "--no-plots", "--out", ".", "a.toml"],
            1,
        ),
        case(
            "scenario-in-proc",
            vec![],
            &["check", "/proc/self/environ"],
            1,
        ),
    ]
}

/// Runs `ktpsim args` in `dir`: (stderr, exit status).
fn ktpsim(dir: &Path, args: &[&str]) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_ktpsim"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (stderr, out.status.code().unwrap())
}

#[test]
fn a_refused_run_leaves_the_table_and_a_run_elsewhere_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("nat")).unwrap();
    fs::write(d.join("n.toml"), national("nat/offices.csv")).unwrap();
    fs::write(d.join("office.toml"), TEMPLATE).unwrap();
    fs::write(d.join("nat/offices.csv"), TABLE).unwrap();
    let (_, status) = ktpsim(d, &["run", "--no-plots", "--out", ".", "n.toml"]);
    assert_eq!(status, 1);
    assert_eq!(
        fs::read_to_string(d.join("nat/offices.csv")).unwrap(),
        TABLE
    );
    assert_eq!(
        fs::read_dir(d.join("nat")).unwrap().count(),
        1,
        "nothing written beside it"
    );
    // Twice, as the issue found it failing the second time.
    for _ in 0..2 {
        let (stderr, status) = ktpsim(d, &["run", "--no-plots", "--out", "out", "n.toml"]);
        assert_eq!(status, 0, "{stderr}");
    }
    assert_eq!(
        fs::read_to_string(d.join("nat/offices.csv")).unwrap(),
        TABLE
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_the_input_or_its_folder_is_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("data")).unwrap();
    fs::write(d.join("n.toml"), national("data/offices.csv")).unwrap();
    fs::write(d.join("office.toml"), TEMPLATE).unwrap();
    fs::write(d.join("data/offices.csv"), TABLE).unwrap();
    // out/nat is the data folder under another name: refused as a link.
    fs::create_dir(d.join("out")).unwrap();
    std::os::unix::fs::symlink("../data", d.join("out/nat")).unwrap();
    let (stderr, status) = ktpsim(d, &["run", "--no-plots", "--out", "out", "n.toml"]);
    assert_eq!(status, 1);
    assert!(
        stderr.starts_with("error: out/nat is a symbolic link to ../data: "),
        "{stderr}"
    );
    // --out itself a link to the folder that holds the table.
    fs::remove_file(d.join("out/nat")).unwrap();
    fs::remove_dir(d.join("out")).unwrap();
    std::os::unix::fs::symlink(".", d.join("here")).unwrap();
    fs::rename(d.join("data"), d.join("nat")).unwrap();
    fs::write(d.join("n.toml"), national("nat/offices.csv")).unwrap();
    let (stderr, status) = ktpsim(d, &["run", "--no-plots", "--out", "here", "n.toml"]);
    assert_eq!(status, 1);
    assert_eq!(
        stderr,
        "error: here/nat is a folder of results, where files are replaced and removed, and it \
         holds here/nat/offices.csv, which this command reads as nat/offices.csv: choose \
         another --out, so that results and inputs stay apart\n"
    );
    assert_eq!(
        fs::read_to_string(d.join("nat/offices.csv")).unwrap(),
        TABLE
    );
}

/// Makes a pipe at `path`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[cfg(unix)]
#[test]
fn pipes_devices_and_links_in_out_are_never_read_or_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.toml"), scenario("a", "")).unwrap();
    fs::write(d.join("b.toml"), scenario("b", "")).unwrap();
    fs::create_dir(d.join("out")).unwrap();
    // A pipe where the report goes: it was opened and waited on for ever.
    mkfifo(&d.join("out/index.html"));
    let args = ["compare", "--no-plots", "--out", "out", "a.toml", "b.toml"];
    let (stderr, status) = ktpsim(d, &args);
    assert_eq!(status, 1);
    assert_eq!(
        stderr,
        "error: cannot read out/index.html: it is a pipe, not a report ktpsim wrote (ktpsim \
         reads back only its own page, never through a link or from a pipe or device): move \
         it away or choose another --out\n"
    );
    let (stderr, status) = ktpsim(d, &["run", "--no-plots", "--out", "out", "a.toml"]);
    assert_eq!(status, 1);
    assert_eq!(
        stderr,
        "error: cannot write out/index.html: a pipe of that name is in the way: move it away \
         or choose another --out\n"
    );
    // An earlier report that is a link to a page elsewhere is not read.
    fs::remove_file(d.join("out/index.html")).unwrap();
    fs::write(d.join("page.html"), "<p>elsewhere</p>\n").unwrap();
    std::os::unix::fs::symlink("../page.html", d.join("out/index.html")).unwrap();
    let (stderr, status) = ktpsim(d, &args);
    assert_eq!(status, 1);
    assert_eq!(
        stderr,
        "error: cannot read out/index.html: it is a symbolic link to ../page.html, not a \
         report ktpsim wrote (ktpsim reads back only its own page, never through a link or \
         from a pipe or device): move it away or choose another --out\n"
    );
    assert_eq!(
        fs::read_to_string(d.join("page.html")).unwrap(),
        "<p>elsewhere</p>\n"
    );
    // DIR/shards a link to elsewhere: no shard lands there.
    fs::create_dir(d.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("../elsewhere", d.join("out/shards")).unwrap();
    let (stderr, status) = ktpsim(d, &["run", "--out", "out", "--shard", "0/2", "a.toml"]);
    assert_eq!(status, 1);
    assert_eq!(
        stderr,
        "error: out/shards is a symbolic link to ../elsewhere: ktpsim writes only into \
         folders inside --out, so that nothing lands outside it; remove the link, or choose \
         another --out\n"
    );
    assert_eq!(fs::read_dir(d.join("elsewhere")).unwrap().count(), 0);
    // A shard that is a link to /dev/zero is named, never read.
    fs::remove_file(d.join("out/shards")).unwrap();
    fs::create_dir(d.join("out/shards")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", d.join("out/shards/shard-0-of-1.ktpshard")).unwrap();
    let (stderr, status) = ktpsim(d, &["merge", "out"]);
    assert_eq!(status, 1);
    assert!(
        stderr.contains(
            "  out/shards/shard-0-of-1.ktpshard is a symbolic link to /dev/zero: ktpsim reads \
             only shard files inside out/shards, never through a link\n"
        ),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_cannot_make_a_parent_of_proc() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink("/proc/self/environ", d.join("env.toml")).unwrap();
    fs::write(d.join("a.toml"), "extends = \"env.toml\"\n").unwrap();
    let (stderr, status) = ktpsim(d, &["check", "a.toml"]);
    assert_eq!(status, 1);
    // /proc/self is the reader's own pid.
    let line = stderr
        .lines()
        .find(|l| l.starts_with("caused by: "))
        .unwrap();
    let (start, end) = line.split_once("/proc/").unwrap();
    assert_eq!(
        start,
        "caused by: cannot read the parent scenario `env.toml`: it leads through a link to "
    );
    assert!(
        end.ends_with("/environ, which is not a .toml file"),
        "{line}"
    );
    // Named so that the kinds agree, a file of /proc is still refused.
    std::os::unix::fs::symlink("/proc/self/environ", d.join("environ")).unwrap();
    let (stderr, _) = ktpsim(d, &["check", "environ"]);
    assert!(
        stderr.contains(
            "caused by: cannot read `environ`: not a regular file but a file of the system's \
             (/proc, /sys), whose size says nothing of what it holds\n"
        ),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_must_reach_a_file_of_its_own_kind() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("notes.txt"), "password = \"secret\"\n").unwrap();
    std::os::unix::fs::symlink("notes.txt", d.join("p.toml")).unwrap();
    fs::write(d.join("a.toml"), "extends = \"p.toml\"\n").unwrap();
    let (stderr, status) = ktpsim(d, &["check", "a.toml"]);
    assert_eq!(status, 1);
    let real = fs::canonicalize(d.join("notes.txt")).unwrap();
    assert!(
        stderr.contains(&format!(
            "caused by: cannot read the parent scenario `p.toml`: it leads through a link to \
             {}, which is not a .toml file\n",
            real.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("secret"), "{stderr}");
    // A link to a scenario under another name is read.
    fs::write(d.join("real.toml"), scenario("a", "")).unwrap();
    std::os::unix::fs::symlink("real.toml", d.join("b.toml")).unwrap();
    assert_eq!(ktpsim(d, &["check", "b.toml"]).1, 0);
}
