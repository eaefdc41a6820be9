//! The Slurm scripts, and docs/cluster.md against every file under deploy/.

use std::path::PathBuf;
use std::process::Command;

use crate::repo;

fn slurm_scripts() -> Vec<PathBuf> {
    let mut scripts: Vec<PathBuf> = [
        "deploy/slurm/ktpsim-shards.sbatch",
        "deploy/slurm/ktpsim-merge.sbatch",
        "deploy/slurm/submit.sh",
        ".ci/slurm-check.sh",
    ]
    .iter()
    .map(|p| repo().join(p))
    .collect();
    scripts.sort();
    scripts
}

#[test]
fn slurm_scripts_pass_bash_n() {
    for script in slurm_scripts() {
        let out = Command::new("bash")
            .arg("-n")
            .arg(&script)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "bash -n {}:\n{}",
            script.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// The `#SBATCH --name` options of a script, in order.
fn sbatch_options(script: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("deploy/slurm").join(script)).unwrap();
    (text.lines())
        .filter_map(|l| l.strip_prefix("#SBATCH "))
        .map(|o| o.split('=').next().unwrap().trim().to_owned())
        .collect()
}

#[test]
fn slurm_scripts_have_the_options_a_centre_changes_and_the_docs_name_them() {
    let docs = std::fs::read_to_string(repo().join("docs/cluster.md")).unwrap();
    for script in ["ktpsim-shards.sbatch", "ktpsim-merge.sbatch"] {
        let options = sbatch_options(script);
        for needed in ["--partition", "--time", "--mem", "--cpus-per-task"] {
            assert!(
                options.iter().any(|o| o == needed),
                "{script}: no #SBATCH {needed}"
            );
        }
        for o in &options {
            assert!(
                docs.contains(&format!("`{o}")),
                "docs/cluster.md does not name {o} of {script}"
            );
        }
        // The array comes from submit.sh (or sbatch --array), never the script.
        assert!(
            !options.iter().any(|o| o == "--array"),
            "{script}: a fixed --array"
        );
    }
    assert!(sbatch_options("ktpsim-merge.sbatch").contains(&"--kill-on-invalid-dep".to_owned()));
    let shards = std::fs::read_to_string(repo().join("deploy/slurm/ktpsim-shards.sbatch")).unwrap();
    assert!(
        shards.contains("threads=\"${SLURM_CPUS_PER_TASK:-1}\""),
        "threads from --cpus-per-task"
    );
    assert!(shards.contains("--shard \"$shard\" --threads \"$threads\""));
    let submit = std::fs::read_to_string(repo().join("deploy/slurm/submit.sh")).unwrap();
    for needed in [
        "--array=\"0-$((n - 1))\"",
        "--dependency=\"afterok:$shards\"",
        "--parsable",
    ] {
        assert!(submit.contains(needed), "submit.sh: no {needed}");
    }
}

#[test]
fn the_docs_name_every_deployment_file() {
    let docs = std::fs::read_to_string(repo().join("docs/cluster.md")).unwrap();
    for dir in ["deploy", "deploy/slurm", "deploy/kubernetes"] {
        for entry in std::fs::read_dir(repo().join(dir)).unwrap() {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            assert!(
                docs.contains(&name),
                "docs/cluster.md does not name {dir}/{name}"
            );
        }
    }
}
