//! The manifests under deploy/kubernetes/, read as YAML, and the ktpsim
//! command lines of their Jobs.

use std::path::PathBuf;

use clap::Parser;
use ktpsim::cli::{Cli, Command, RunArgs};
use saphyr::{LoadableYamlNode, YamlOwned};

use crate::repo;

/// One YAML document of a manifest file, with accessors that fail naming
/// the file and the path of keys.
pub(crate) struct Manifest {
    pub(crate) file: String,
    pub(crate) doc: YamlOwned,
}

impl Manifest {
    pub(crate) fn get(&self, node: &YamlOwned, path: &str) -> YamlOwned {
        let mut at = node;
        for key in path.split('.') {
            at = at
                .as_mapping_get(key)
                .unwrap_or_else(|| panic!("{}: no {path}", self.file));
        }
        at.clone()
    }

    pub(crate) fn str(&self, node: &YamlOwned, path: &str) -> String {
        let value = self.get(node, path);
        let text = value.as_str();
        text.unwrap_or_else(|| panic!("{}: {path} is not a string: {value:?}", self.file))
            .to_owned()
    }

    pub(crate) fn int(&self, node: &YamlOwned, path: &str) -> i64 {
        let value = self.get(node, path);
        (value.as_integer()).unwrap_or_else(|| panic!("{}: {path} is not a number", self.file))
    }

    pub(crate) fn kind(&self) -> String {
        self.str(&self.doc, "kind")
    }

    pub(crate) fn name(&self) -> String {
        self.str(&self.doc, "metadata.name")
    }

    /// Fails on a key outside `allowed`: a misspelled field.
    pub(crate) fn keys_within(&self, node: &YamlOwned, what: &str, allowed: &[&str]) {
        let map =
            (node.as_mapping()).unwrap_or_else(|| panic!("{}: {what} is no mapping", self.file));
        for key in map.keys() {
            let key = key.as_str().unwrap_or_default();
            assert!(
                allowed.contains(&key),
                "{}: unknown key `{key}` in {what}",
                self.file
            );
        }
    }
}

/// Every document of every manifest under deploy/kubernetes/, by file name.
pub(crate) fn manifests() -> Vec<Manifest> {
    let dir = repo().join("deploy/kubernetes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no manifests in {}", dir.display());
    let mut all = Vec::new();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let docs = YamlOwned::load_from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for doc in docs.into_iter().filter(|d| !d.is_null()) {
            all.push(Manifest {
                file: file.clone(),
                doc,
            });
        }
    }
    all
}

pub(crate) fn jobs() -> Vec<Manifest> {
    manifests()
        .into_iter()
        .filter(|m| m.kind() == "Job")
        .collect()
}

/// The shards Job: the one Indexed Job.
pub(crate) fn shards_job() -> Manifest {
    let mut indexed: Vec<Manifest> = jobs()
        .into_iter()
        .filter(|j| {
            j.doc
                .as_mapping_get("spec")
                .and_then(|s| s.as_mapping_get("completionMode"))
                .is_some()
        })
        .collect();
    assert_eq!(indexed.len(), 1, "one Job with a completionMode");
    indexed.remove(0)
}

/// The Job's only container.
pub(crate) fn container(job: &Manifest) -> YamlOwned {
    let containers = job.get(&job.doc, "spec.template.spec.containers");
    let list = containers.as_vec().unwrap();
    assert_eq!(list.len(), 1, "{}: one container", job.file);
    list[0].clone()
}

/// `command` and `args` of the Job's container, as ktpsim would see its argv.
pub(crate) fn argv(job: &Manifest) -> Vec<String> {
    let c = container(job);
    let mut argv = Vec::new();
    for part in ["command", "args"] {
        let list = job.get(&c, part);
        for item in list.as_vec().unwrap() {
            let s = item.as_str();
            argv.push(
                s.unwrap_or_else(|| panic!("{}: {part} has a non-string {item:?}", job.file))
                    .to_owned(),
            );
        }
    }
    assert_eq!(argv[0], "ktpsim", "{}: the container runs ktpsim", job.file);
    argv
}

/// The value after `option` in `argv`.
pub(crate) fn option(argv: &[String], option: &str) -> Option<String> {
    argv.iter()
        .position(|a| a == option)
        .map(|i| argv[i + 1].clone())
}

/// `argv` without `--shard X`: what ktpsim on this branch can parse.
pub(crate) fn without_shard(argv: &[String]) -> Vec<String> {
    let mut rest = argv.to_vec();
    if let Some(i) = rest.iter().position(|a| a == "--shard") {
        rest.drain(i..i + 2);
    }
    rest
}

pub(crate) fn run_args(file: &str, argv: &[String]) -> RunArgs {
    match Cli::try_parse_from(argv)
        .unwrap_or_else(|e| panic!("{file}: {argv:?}:\n{e}"))
        .command
    {
        Command::Run(args) => args,
        other => panic!("{file}: not `ktpsim run`: {other:?}"),
    }
}
