//! The Kubernetes manifests: kinds, Jobs, volumes, command lines.

use std::collections::BTreeMap;
use std::path::PathBuf;

use clap::Parser;
use ktpsim::cli::Cli;

use crate::manifest::{
    Manifest, argv, container, jobs, manifests, option, run_args, shards_job, without_shard,
};
use crate::repo;

#[test]
fn every_document_is_a_known_kind_with_a_valid_name() {
    let mut seen = BTreeMap::new();
    for m in manifests() {
        m.keys_within(
            &m.doc,
            "the document",
            &["apiVersion", "kind", "metadata", "spec", "data"],
        );
        let api = m.str(&m.doc, "apiVersion");
        let kind = m.kind();
        let expected = match kind.as_str() {
            "Job" => "batch/v1",
            "PersistentVolumeClaim" | "ConfigMap" => "v1",
            other => panic!("{}: unexpected kind {other}", m.file),
        };
        assert_eq!(api, expected, "{}: apiVersion of a {kind}", m.file);
        let name = m.name();
        let dns_label = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
        assert!(
            name.len() <= 63
                && name.chars().all(dns_label)
                && !name.starts_with('-')
                && !name.ends_with('-'),
            "{}: `{name}` is not a DNS label",
            m.file
        );
        if let Some(file) = seen.insert((kind.clone(), name.clone()), m.file.clone()) {
            panic!("{kind} {name} is in both {file} and {}", m.file);
        }
    }
}

#[test]
fn jobs_have_valid_restart_policies_and_known_fields() {
    for job in jobs() {
        let spec = job.get(&job.doc, "spec");
        job.keys_within(
            &spec,
            "spec",
            &[
                "completionMode",
                "completions",
                "parallelism",
                "backoffLimit",
                "backoffLimitPerIndex",
                "maxFailedIndexes",
                "podFailurePolicy",
                "activeDeadlineSeconds",
                "ttlSecondsAfterFinished",
                "template",
            ],
        );
        let pod = job.get(&job.doc, "spec.template.spec");
        job.keys_within(
            &pod,
            "the pod spec",
            &[
                "restartPolicy",
                "securityContext",
                "containers",
                "volumes",
                "nodeSelector",
                "tolerations",
                "affinity",
                "serviceAccountName",
            ],
        );
        job.keys_within(
            &container(&job),
            "the container",
            &[
                "name",
                "image",
                "imagePullPolicy",
                "command",
                "args",
                "env",
                "resources",
                "securityContext",
                "volumeMounts",
                "workingDir",
            ],
        );
        // A Job's pods may not restart Always; a per-index backoff needs Never.
        let restart = job.str(&pod, "restartPolicy");
        assert!(
            ["Never", "OnFailure"].contains(&restart.as_str()),
            "{}: restartPolicy {restart}",
            job.file
        );
        if spec.as_mapping_get("backoffLimitPerIndex").is_some() {
            assert_eq!(
                restart, "Never",
                "{}: backoffLimitPerIndex needs restartPolicy Never",
                job.file
            );
            assert_eq!(job.str(&spec, "completionMode"), "Indexed", "{}", job.file);
        }
    }
}

#[test]
fn the_shards_job_is_indexed_with_ktpsim_shards_equal_to_completions() {
    let job = shards_job();
    let spec = job.get(&job.doc, "spec");
    assert_eq!(job.str(&spec, "completionMode"), "Indexed");
    let completions = job.int(&spec, "completions");
    assert!(completions >= 1);
    assert!(job.int(&spec, "parallelism") <= completions);
    // Kubernetes takes env values as strings only.
    let env = job.get(&container(&job), "env");
    let shards: Vec<String> = (env.as_vec().unwrap().iter())
        .filter(|e| job.str(e, "name") == "KTPSIM_SHARDS")
        .map(|e| job.str(e, "value"))
        .collect();
    assert_eq!(
        shards,
        [completions.to_string()],
        "{}: KTPSIM_SHARDS equal to completions",
        job.file
    );
    let argv = argv(&job);
    assert_eq!(
        option(&argv, "--shard").as_deref(),
        Some("auto"),
        "{}",
        job.file
    );
}

#[test]
fn results_folders_are_on_the_shared_claim_and_scenarios_in_the_image() {
    let all = manifests();
    let claims: Vec<&Manifest> = all
        .iter()
        .filter(|m| m.kind() == "PersistentVolumeClaim")
        .collect();
    assert_eq!(claims.len(), 1, "one PersistentVolumeClaim");
    let claim = claims[0];
    let modes = claim.get(&claim.doc, "spec.accessModes");
    let modes: Vec<&str> = modes
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|m| m.as_str())
        .collect();
    assert_eq!(
        modes,
        ["ReadWriteMany"],
        "{}: every pod writes to it",
        claim.file
    );

    let dockerfile = std::fs::read_to_string(repo().join("deploy/Dockerfile")).unwrap();
    assert!(
        dockerfile.contains("COPY scenarios /scenarios"),
        "the image has the scenarios in /scenarios"
    );
    for job in jobs() {
        let c = container(&job);
        // Where the claim is mounted in this pod.
        let mut shared = Vec::new();
        for volume in job
            .get(&job.doc, "spec.template.spec.volumes")
            .as_vec()
            .unwrap()
        {
            let claim_name = volume
                .as_mapping_get("persistentVolumeClaim")
                .map(|p| job.str(p, "claimName"));
            assert_eq!(
                claim_name,
                Some(claim.name()),
                "{}: volumes are the results claim",
                job.file
            );
            let mounts = job.get(&c, "volumeMounts");
            let mount = (mounts.as_vec().unwrap().iter())
                .find(|m| job.str(m, "name") == job.str(volume, "name"));
            let mount = mount.unwrap_or_else(|| panic!("{}: volume not mounted", job.file));
            shared.push(PathBuf::from(job.str(mount, "mountPath")));
        }
        let argv = argv(&job);
        let out = match argv[1].as_str() {
            "run" => option(&argv, "--out").unwrap_or_else(|| panic!("{}: no --out", job.file)),
            "merge" => argv[2].clone(),
            other => panic!("{}: ktpsim {other}", job.file),
        };
        let out = PathBuf::from(out);
        assert!(
            shared.iter().any(|m| out.starts_with(m) && out != *m),
            "{}: {} is not on the claim",
            job.file,
            out.display()
        );
        if argv[1] == "run" {
            for path in run_args(&job.file, &without_shard(&argv)).paths {
                let inside = path.strip_prefix("/scenarios").unwrap_or_else(|_| {
                    panic!("{}: {} not in /scenarios", job.file, path.display())
                });
                assert!(
                    repo().join("scenarios").join(inside).exists(),
                    "{}: {} is not bundled",
                    job.file,
                    path.display()
                );
            }
        }
    }
}

#[test]
fn threads_are_the_cpus_asked_for_and_all_jobs_share_image_and_results() {
    let shards = shards_job();
    let shards_argv = argv(&shards);
    let n = shards.int(&shards.doc, "spec.completions");
    let image = shards.str(&container(&shards), "image");
    for job in jobs() {
        let c = container(&job);
        let argv = argv(&job);
        let threads =
            option(&argv, "--threads").unwrap_or_else(|| panic!("{}: no --threads", job.file));
        assert_eq!(
            job.str(&c, "resources.requests.cpu"),
            threads,
            "{}: --threads and the CPUs asked for",
            job.file
        );
        assert_eq!(job.str(&c, "resources.limits.cpu"), threads, "{}", job.file);
        assert_eq!(
            job.str(&c, "image"),
            image,
            "{}: one image for all",
            job.file
        );
        match argv[1].as_str() {
            "merge" => assert_eq!(
                Some(argv[2].clone()),
                option(&shards_argv, "--out"),
                "{}",
                job.file
            ),
            // A rerun of shard K/N: everything as in the shards Job but --shard.
            _ if job.name() != shards.name() => {
                let shard = option(&argv, "--shard").unwrap();
                let (k, of) = shard
                    .split_once('/')
                    .unwrap_or_else(|| panic!("{}: --shard {shard}", job.file));
                assert!(
                    k.parse::<i64>().unwrap() < n && of == n.to_string(),
                    "{}: --shard {shard} of {n}",
                    job.file
                );
                assert_eq!(
                    without_shard(&argv),
                    without_shard(&shards_argv),
                    "{}",
                    job.file
                );
            }
            _ => {}
        }
    }
}

/// Today's options, `--shard` aside: the run command lines with `--shard`
/// taken out parse, and their values are the ones meant.
#[test]
fn run_command_lines_parse_but_for_shard() {
    for job in jobs() {
        let argv = argv(&job);
        if argv[1] != "run" {
            continue;
        }
        let args = run_args(&job.file, &without_shard(&argv));
        assert_eq!(args.out, PathBuf::from(option(&argv, "--out").unwrap()));
        assert_eq!(
            args.threads.map(|t| t.to_string()),
            option(&argv, "--threads")
        );
        assert!(
            args.replications.is_some(),
            "{}: every shard must be given the same replications",
            job.file
        );
    }
}

/// Every command line in full, `--shard` and `merge` included.
#[test]
fn every_command_line_parses() {
    for job in jobs() {
        let argv = argv(&job);
        if let Err(e) = Cli::try_parse_from(&argv) {
            panic!("{}: {argv:?}:\n{e}", job.file);
        }
    }
}
