//! From the paths on the command line to checked scenarios: folders expand to
//! their `*.toml` files, every file is loaded before anything runs, and the
//! scenarios' names are checked against each other and against `--out`.
//!
//! This module owns the rules between scenarios (a file given once, names that
//! stay apart even where case is ignored) and what a folder scan skips; the
//! rule for one name is [`crate::names`], applied when a scenario is read.
//! `check`, `run` and the deciding commands all come through here.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::scenario::{self, Scenario};

/// The scenario files named by `paths`, in order: a file as given, a folder as
/// its `*.toml` files and those of its subfolders, sorted by path, less the
/// office templates of the national scenarios found in it (part of those
/// scenarios, not scenarios). What a folder holds that looks like a scenario
/// but is skipped is named in a warning on stderr.
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    find_scenario_files(paths, &mut crate::terminal::stderr())
}

/// [`scenario_files`], with the warnings written to `warnings`.
pub fn find_scenario_files(paths: &[PathBuf], warnings: &mut dyn Write) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            toml_files_in(path, warnings, 0, &mut found)?;
            found.sort();
            let templates = templates_of(&found);
            found.retain(|f| !templates.contains(&identity(f)));
            if found.is_empty() {
                bail!(
                    "folder {} holds no .toml scenario files: name scenario files, or a \
                     folder that holds some",
                    path.display()
                );
            }
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else if let Ok(target) = std::fs::read_link(path) {
            bail!(
                "{} is a link to {}, which does not exist: give a scenario file (.toml) or a \
                 folder of them",
                path.display(),
                target.display()
            );
        } else {
            bail!(
                "cannot find {}: give a scenario file (.toml) or a folder of them",
                path.display()
            );
        }
    }
    Ok(files)
}

/// How deep a scan goes into subfolders: far past `scenarios/national/`,
/// short of a loop of links or a tree that was never meant for it.
const MAX_SCAN_DEPTH: usize = 8;

/// What makes two paths one file.
fn identity(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The office templates (`offices.template`, resolved) of the national
/// scenarios among `files`. A file that does not read is passed over here: it
/// is reported when it is loaded.
fn templates_of(files: &[PathBuf]) -> std::collections::HashSet<PathBuf> {
    use crate::scenario::document::{Document, NodeValue};
    use crate::scenario::key_path::KeyPath;
    let key = KeyPath::parse("offices.template").expect("a key path");
    let mut out = std::collections::HashSet::new();
    for file in files {
        // Only a file that mentions [offices] is parsed twice.
        let Ok(text) = scenario::sources::read_text(file, scenario::document::MAX_SCENARIO_BYTES)
        else {
            continue;
        };
        if !text.contains("offices") && !text.contains("extends") {
            continue;
        }
        let Ok(doc) = Document::from_text(&text, file) else {
            continue;
        };
        if let Some(node) = doc.get_path(&key)
            && let NodeValue::String(rel) = &node.value
        {
            let dir = doc.files[node.file].path.parent().unwrap_or(Path::new(""));
            out.insert(identity(&dir.join(rel)));
        }
    }
    out
}

/// The regular `*.toml` files of `dir` and of its subfolders, `depth` folders
/// below the one scanned, added to `found`. Other entries named `*.toml` are
/// skipped with a warning each, in order of name: a hidden file (as the
/// shell's `*.toml` skips it), a pipe, device or socket, and a link to
/// nothing. Hidden folders and links to folders are not searched.
fn toml_files_in(
    dir: &Path,
    warnings: &mut dyn Write,
    depth: usize,
    found: &mut Vec<PathBuf>,
) -> Result<()> {
    let mut skipped = Vec::new();
    let mut folders = Vec::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read folder {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read folder {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let real_folder = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if real_folder && !name.starts_with('.') {
            if depth < MAX_SCAN_DEPTH {
                folders.push(path);
            } else {
                skipped.push((
                    path,
                    format!("a folder more than {MAX_SCAN_DEPTH} levels down (give it by name to run what it holds)"),
                ));
            }
            continue;
        }
        if !name.ends_with(".toml") {
            // `*.toml` is case-sensitive, as in the shell; a `.TOML` file was
            // most likely meant as a scenario, so it is named.
            if name.to_ascii_lowercase().ends_with(".toml") {
                skipped.push((
                    path,
                    "its name ends in another case than .toml (rename it to run it)".into(),
                ));
            }
            continue;
        }
        match skip_reason(&path, &name) {
            None => found.push(path),
            Some(why) => skipped.push((path, why)),
        }
    }
    skipped.sort();
    for (path, why) in skipped {
        writeln!(warnings, "warning: skipped {}: {why}", path.display())?;
    }
    folders.sort();
    for folder in folders {
        toml_files_in(&folder, warnings, depth + 1, found)?;
    }
    Ok(())
}

/// Why the entry `path` (file name `name`) of a scanned folder is no scenario
/// file, or `None` when it is one.
fn skip_reason(path: &Path, name: &str) -> Option<String> {
    if name.starts_with('.') {
        return Some("a hidden file (give it by name to run it)".into());
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => None,
        Ok(meta) if meta.is_dir() => Some("a link to a folder (links are not followed)".into()),
        Ok(meta) => Some(format!("not a regular file but {}", special_kind(&meta))),
        Err(e) => Some(match std::fs::read_link(path) {
            Ok(target) if e.kind() == std::io::ErrorKind::NotFound => {
                format!("a link to {}, which does not exist", target.display())
            }
            _ => format!("cannot be read: {}", io_words(&e)),
        }),
    }
}

/// A pipe, a device or a socket, in words.
#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_fifo() {
        "a pipe"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a device"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "a device"
}

fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not found".into(),
        _ => crate::files::fault::words(e),
    }
}

/// Loads and validates every file; fails, naming each bad file, if a file is
/// given twice, any is invalid, or two scenarios' names clash.
pub fn load_all(files: &[PathBuf]) -> Result<Vec<Scenario>> {
    load_all_from(files, &scenario::Sources::disk())
}

/// [`load_all`], reading every file from `sources`.
pub fn load_all_from(files: &[PathBuf], sources: &scenario::Sources) -> Result<Vec<Scenario>> {
    check_given_once(files, sources)?;
    let mut scenarios = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in files {
        match scenario::load_from(file, sources) {
            Ok(s) => scenarios.push(s),
            Err(e) => errors.push((file, e)),
        }
    }
    match errors.len() {
        0 => {}
        1 => {
            let (file, e) = errors.pop().expect("one error");
            return Err(e).with_context(|| format!("{} is not a valid scenario", file.display()));
        }
        n => {
            let list: Vec<String> = errors
                .iter()
                .map(|(file, e)| format!("{}: {e}", file.display()))
                .collect();
            bail!(
                "{n} of {} scenario files are invalid; nothing was run\n{}",
                files.len(),
                list.join("\n")
            );
        }
    }
    check_names(&scenarios)?;
    Ok(scenarios)
}

/// A file named twice (as `a.toml` twice, as `a.toml` and `./a.toml`, or by
/// itself and by its folder) would run twice into one folder.
pub fn check_given_once(files: &[PathBuf], sources: &scenario::Sources) -> Result<()> {
    let real: Vec<PathBuf> = files.iter().map(|f| sources.identity(f)).collect();
    for (i, a) in real.iter().enumerate() {
        if let Some(j) = real[..i].iter().position(|b| b == a) {
            let (first, again) = (&files[j], &files[i]);
            let which = if first.as_os_str() == again.as_os_str() {
                format!("{} was given twice", first.display())
            } else {
                format!(
                    "{} and {} are one file, given twice",
                    first.display(),
                    again.display()
                )
            };
            bail!("{which}: name each scenario file, or the folder that holds it, once");
        }
    }
    Ok(())
}

/// Two scenarios with one name would write into the same folder, and so would
/// two whose names differ only in case on Windows and macOS, whose file
/// systems ignore case.
pub fn check_names(scenarios: &[Scenario]) -> Result<()> {
    for (i, a) in scenarios.iter().enumerate() {
        let Some(b) = scenarios[..i]
            .iter()
            .find(|b| b.name.eq_ignore_ascii_case(&a.name))
        else {
            continue;
        };
        let (first, second) = (b.source.display(), a.source.display());
        if b.name == a.name {
            bail!(
                "scenarios {first} and {second} are both named \"{}\"; give each its own \
                 scenario.name, which names its output folder",
                a.name
            );
        }
        bail!(
            "scenarios {first} and {second} are named \"{}\" and \"{}\", one folder where \
             case is ignored (Windows, macOS); give each its own scenario.name, which names \
             its output folder",
            b.name,
            a.name
        );
    }
    Ok(())
}

/// Refuses a scenario folder in `out` that is a symbolic link: the files
/// written into it would land wherever it points, outside `out`. Checked
/// before anything runs.
pub fn check_out_folders<'a>(out: &Path, names: impl IntoIterator<Item = &'a str>) -> Result<()> {
    for name in names {
        let dir = crate::names::folder(out, name);
        let Ok(meta) = std::fs::symlink_metadata(&dir) else {
            continue; // absent (made later) or unreadable (reported when written)
        };
        if meta.file_type().is_symlink() {
            let target = std::fs::read_link(&dir).unwrap_or_default();
            bail!(
                "{} is a symbolic link to {}: ktpsim writes a scenario's files only into a \
                 folder inside --out, so that nothing lands outside it; remove the link, or \
                 choose another --out",
                dir.display(),
                target.display()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fake;

    #[test]
    fn folders_expand_to_their_toml_files_sorted() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.toml", "a.toml", "notes.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub.toml")).unwrap();
        std::fs::write(dir.path().join(".c.toml"), "").unwrap();
        std::fs::write(dir.path().join("D.TOML"), "").unwrap();
        let single = dir.path().join("notes.txt");
        let mut warnings = Vec::new();
        let files =
            find_scenario_files(&[dir.path().to_owned(), single.clone()], &mut warnings).unwrap();
        assert_eq!(
            files,
            [dir.path().join("a.toml"), dir.path().join("b.toml"), single]
        );
        let d = dir.path().display();
        assert_eq!(
            String::from_utf8(warnings).unwrap(),
            format!(
                "warning: skipped {d}/.c.toml: a hidden file (give it by name to run it)\n\
                 warning: skipped {d}/D.TOML: its name ends in another case than .toml (rename \
                 it to run it)\n"
            )
        );
    }

    #[test]
    fn scans_go_into_subfolders_and_leave_out_national_templates() {
        let dir = tempfile::tempdir().unwrap();
        let national = dir.path().join("national");
        std::fs::create_dir_all(national.join("deeper")).unwrap();
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/x.toml"), "").unwrap();
        for name in ["a.toml", "z.toml"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::write(
            national.join("n.toml"),
            "[offices]\ntemplate = \"deeper/office.toml\"\n",
        )
        .unwrap();
        std::fs::write(national.join("deeper/office.toml"), "").unwrap();
        std::fs::write(national.join("other.toml"), "").unwrap();
        let mut warnings = Vec::new();
        let files = find_scenario_files(&[dir.path().to_owned()], &mut warnings).unwrap();
        assert_eq!(
            files,
            [
                dir.path().join("a.toml"),
                national.join("n.toml"),
                national.join("other.toml"),
                dir.path().join("z.toml"),
            ]
        );
        assert!(warnings.is_empty());
        // Named, a template is what was asked for.
        let named = national.join("deeper/office.toml");
        let files = find_scenario_files(std::slice::from_ref(&named), &mut warnings).unwrap();
        assert_eq!(files, [named]);
    }

    #[test]
    fn a_file_is_given_once() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::fs::write(&a, "").unwrap();
        let b = dir.path().join("b.toml");
        std::fs::write(&b, "").unwrap();
        assert!(check_given_once(&[a.clone(), b.clone()], &scenario::Sources::disk()).is_ok());
        let again = dir.path().join(".").join("a.toml");
        let err = check_given_once(&[a.clone(), b, again.clone()], &scenario::Sources::disk())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{} and {} are one file, given twice: name each scenario file, or the folder \
                 that holds it, once",
                a.display(),
                again.display()
            )
        );
    }

    #[test]
    fn missing_paths_and_empty_folders_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let err = scenario_files(&[dir.path().to_owned()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "folder {} holds no .toml scenario files: name scenario files, or a folder \
                 that holds some",
                dir.path().display()
            )
        );
        let err = scenario_files(&["nothere.toml".into()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot find nothere.toml: give a scenario file (.toml) or a folder of them"
        );
    }

    #[test]
    fn duplicate_names_name_both_files() {
        let mut b = fake::scenario("same");
        b.source = "other/b.toml".into();
        let scenarios = [fake::scenario("same"), fake::scenario("x"), b];
        let err = check_names(&scenarios).unwrap_err();
        assert_eq!(
            err.to_string(),
            "scenarios same.toml and other/b.toml are both named \"same\"; give each its own \
             scenario.name, which names its output folder"
        );
        assert!(check_names(&scenarios[..2]).is_ok());
    }

    #[test]
    fn names_that_differ_only_in_case_clash() {
        let scenarios = [fake::scenario("Jember"), fake::scenario("JEMBER")];
        assert_eq!(
            check_names(&scenarios).unwrap_err().to_string(),
            "scenarios Jember.toml and JEMBER.toml are named \"Jember\" and \"JEMBER\", one \
             folder where case is ignored (Windows, macOS); give each its own scenario.name, \
             which names its output folder"
        );
    }

    #[test]
    fn only_a_linked_scenario_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        assert!(check_out_folders(dir.path(), ["real", "absent"]).is_ok());
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/tmp", dir.path().join("linked")).unwrap();
            let err = check_out_folders(dir.path(), ["real", "linked"]).unwrap_err();
            assert!(
                err.to_string().starts_with(&format!(
                    "{}/linked is a symbolic link to /tmp: ",
                    dir.path().display()
                )),
                "{err}"
            );
        }
    }
}
