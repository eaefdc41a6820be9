//! The repository stands alone: no file in it (docs, scenarios, sources,
//! tests) reads or cites a file kept beside it rather than in it. The model's
//! account is docs/model.md; the format's examples are in tests/fixtures/.

use std::fs;
use std::path::{Path, PathBuf};

/// What points outside the repository: the folder the project's contract
/// was kept in beside it, and the contract's model page by name (each written
/// in pieces, so that this file does not hold them).
const OUTSIDE: [&str; 3] = [
    concat!("..", "/shared"),
    concat!("/", "shared/"),
    concat!("MODEL", ".md"),
];

/// Every text file under `dir`, leaving out build output and git's own files.
fn text_files(dir: &Path, found: &mut Vec<(PathBuf, String)>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy();
        if path.is_dir() {
            if !matches!(name.as_ref(), "target" | ".git" | "corpus" | "artifacts") {
                text_files(&path, found);
            }
        } else if let Ok(text) = fs::read_to_string(&path) {
            found.push((path, text));
        }
    }
}

#[test]
fn no_file_points_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    text_files(root, &mut files);
    let names: Vec<_> = files
        .iter()
        .map(|(p, _)| p.strip_prefix(root).unwrap())
        .collect();
    for expected in [
        "README.md",
        "docs/model.md",
        "tests/fixtures/scenario-format.example.toml",
    ] {
        assert!(names.contains(&Path::new(expected)), "{expected} not read");
    }
    let mut hits = Vec::new();
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            if OUTSIDE.iter().any(|o| line.contains(o)) {
                hits.push(format!("{}:{}: {line}", path.display(), n + 1));
            }
        }
    }
    assert!(hits.is_empty(), "{}", hits.join("\n"));
}
