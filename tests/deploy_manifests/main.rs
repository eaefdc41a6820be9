//! The files under deploy/, held to what ktpsim needs of them without a
//! cluster: every Kubernetes manifest parsed as YAML (saphyr) and its Jobs'
//! structure checked, each container's command line parsed by ktpsim's own
//! parser (kubernetes.rs), and the Slurm scripts checked by `bash -n` and
//! against the options docs/cluster.md names (slurm.rs). A Kubernetes API
//! server would check the full schema on `kubectl apply`;
//! .ci/slurm-check.sh runs the Slurm scripts for real.

mod kubernetes;
mod manifest;
mod slurm;

use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
