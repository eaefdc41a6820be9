//! From the paths on the command line to checked scenarios: folders expand to
//! their `*.toml` files, every file is loaded before anything runs, and two
//! scenarios may not share a name (it names their output folder).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::scenario::{self, Scenario};

/// The scenario files named by `paths`, in order: a file as given, a folder as
/// its `*.toml` files sorted by name (not recursing into subfolders).
pub fn scenario_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let found = toml_files_in(path)?;
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
        } else {
            bail!(
                "cannot find {}: give a scenario file (.toml) or a folder of them",
                path.display()
            );
        }
    }
    Ok(files)
}

fn toml_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read folder {}", dir.display()))?;
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read folder {}", dir.display()))?
            .path();
        if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Loads and validates every file; fails, naming each bad file, if any is
/// invalid or two scenarios share a name.
pub fn load_all(files: &[PathBuf]) -> Result<Vec<Scenario>> {
    let mut scenarios = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for file in files {
        match scenario::load(file) {
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
    check_unique_names(&scenarios)?;
    Ok(scenarios)
}

/// Two scenarios with one name would write into the same folder.
pub fn check_unique_names(scenarios: &[Scenario]) -> Result<()> {
    for (i, a) in scenarios.iter().enumerate() {
        if let Some(b) = scenarios[..i].iter().find(|b| b.name == a.name) {
            bail!(
                "scenarios {} and {} are both named \"{}\"; give each its own scenario.name, \
                 which names its output folder",
                b.source.display(),
                a.source.display(),
                a.name
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::fake;

    #[test]
    fn folders_expand_to_their_toml_files_sorted() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.toml", "a.toml", "notes.txt"] {
            std::fs::write(dir.path().join(name), "").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub.toml")).unwrap();
        let single = dir.path().join("notes.txt");
        let files = scenario_files(&[dir.path().to_owned(), single.clone()]).unwrap();
        assert_eq!(
            files,
            [dir.path().join("a.toml"), dir.path().join("b.toml"), single]
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
        let err = check_unique_names(&scenarios).unwrap_err();
        assert_eq!(
            err.to_string(),
            "scenarios same.toml and other/b.toml are both named \"same\"; give each its own \
             scenario.name, which names its output folder"
        );
        assert!(check_unique_names(&scenarios[..2]).is_ok());
    }
}
