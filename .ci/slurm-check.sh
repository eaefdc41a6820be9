#!/usr/bin/env bash
# A sharded run on a real Slurm cluster of one node, started here: installs
# Debian's slurm-wlm and munge when missing, writes a configuration into a
# temporary folder (controller and node on 127.0.0.1), starts munged,
# slurmctld and slurmd, and submits with deploy/slurm/submit.sh, as a user
# would, a small national run in 4 shards:
#   0. more CPUs per task than the node has, given to submit.sh or in a
#      script's #SBATCH line: refused, nothing queued;
#   1. the array and its merge; the merged files must equal a one-machine run's,
#      byte for byte (every file but shards/);
#   2. the same with shard 1 failing: the merge must be cancelled, `ktpsim merge`
#      must name the shard to rerun, and `submit.sh --only=1` must finish the run,
#      again equal to the one-machine run.
# Stops the daemons by their process ids and removes the folder, also when a
# step fails (after printing the daemons' and jobs' logs).
#
#   bash .ci/slurm-check.sh [path/to/ktpsim]     # default: cargo build --release
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
started=$SECONDS
step() { printf '== slurm [%3d s] %s\n' "$((SECONDS - started))" "$*"; }

scenario="$repo/scenarios/national/east-java-2018.toml"
run_args=("$scenario" --replications 8)
shards=4
# The local cluster's partition and size, given to submit.sh as a user would
# override the defaults at the top of deploy/slurm/*.sbatch.
sbatch_options=(--partition=ci --time=00:10:00 --mem=1G --cpus-per-task=1)

if [[ $# -ge 1 ]]; then
    ktpsim="$(realpath "$1")"
else
    step "cargo build --release"
    cargo build --release --quiet
    ktpsim="$repo/target/release/ktpsim"
fi
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null ||
    ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
    step "apt-get install slurm-wlm munge"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
fi

tmp="$(mktemp -d /tmp/ktpsim-slurm.XXXXXX)"
# munged will not put its socket in a folder that others cannot enter.
chmod 755 "$tmp"
mkdir -p "$tmp"/{etc,munge,state,spool,log,work}
daemons=()    # process ids, in the order started
submitting="" # the process id of submit.sh while it runs

cleanup() {
    local status=$?
    set +e
    trap - INT TERM
    [[ -n "$submitting" ]] && kill "$submitting" 2>/dev/null && wait "$submitting" 2>/dev/null
    if [[ ${#daemons[@]} -ge 2 ]]; then
        # Jobs still queued or running end before their slurmd does.
        scancel --quiet --user="$(id -un)" 2>/dev/null
        for _ in $(seq 20); do
            [[ -z "$(squeue -h -o %i 2>/dev/null)" ]] && break
            sleep 1
        done
    fi
    if [[ $status -ne 0 ]]; then
        for f in "$tmp"/log/* "$tmp"/work/*.out; do
            [[ -f "$f" ]] || continue
            echo "---- ${f#"$tmp"/} (last 30 lines)"
            tail -n 30 "$f"
        done
    fi
    local i pid
    for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do
        pid="${daemons[i]}"
        kill "$pid" 2>/dev/null
        for _ in $(seq 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    rm -rf "$tmp"
    if [[ $status -eq 0 ]]; then
        step "daemons stopped, $tmp removed: passed"
    else
        step "daemons stopped, $tmp removed: FAILED (status $status)"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Nothing of a surrounding Slurm job or of another cluster may leak in.
while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(SLURM|SBATCH|SALLOC|SRUN)_' || true)
unset KTPSIM_SHARDS
export SLURM_CONF="$tmp/etc/slurm.conf"

# Two free ports in a row, from Slurm's own 6817 up.
port=6817
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null ||
    (exec 3<>"/dev/tcp/127.0.0.1/$((port + 1))") 2>/dev/null; do
    port=$((port + 2))
done

step "configuration in $tmp/etc (controller port $port, slurmd port $((port + 1)))"
head -c 1024 /dev/urandom >"$tmp/munge/munge.key"
chmod 600 "$tmp/munge/munge.key"
memory_mb=$(awk '/^MemTotal:/ { print int($2 / 1024 * 0.8) }' /proc/meminfo)
cat >"$SLURM_CONF" <<EOF
ClusterName=ktpsim-ci
SlurmctldHost=$(hostname -s)(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/state/slurmctld.pid
SlurmdPidFile=$tmp/spool/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
# First in, first out, scheduled as soon as a job ends; one CPU per task, so
# that as many shards run at once as there are cores.
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
NodeName=ktpsim-node NodeAddr=127.0.0.1 NodeHostname=$(hostname -s) CPUs=$(nproc) RealMemory=$memory_mb State=UNKNOWN
PartitionName=ci Nodes=ktpsim-node Default=YES MaxTime=INFINITE State=UP
EOF

step "munged, slurmctld, slurmd"
munged --foreground --key-file="$tmp/munge/munge.key" --socket="$tmp/munge/munge.socket" \
    --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/munged.seed" \
    --log-file="$tmp/log/munged.log" 2>>"$tmp/log/munged.log" &
daemons+=($!)
for _ in $(seq 50); do
    munge -n --socket="$tmp/munge/munge.socket" 2>/dev/null |
        unmunge --socket="$tmp/munge/munge.socket" >/dev/null 2>&1 && break
    sleep 0.2
done
munge -n --socket="$tmp/munge/munge.socket" | unmunge --socket="$tmp/munge/munge.socket" >/dev/null
slurmctld -D -f "$SLURM_CONF" >>"$tmp/log/slurmctld.stderr" 2>&1 &
daemons+=($!)
slurmd -D -f "$SLURM_CONF" -N ktpsim-node >>"$tmp/log/slurmd.stderr" 2>&1 &
daemons+=($!)

state=""
for _ in $(seq 60); do
    state=$(sinfo -h -n ktpsim-node -o %T 2>/dev/null || true)
    [[ "$state" == idle ]] && break
    sleep 1
done
if [[ "$state" != idle ]]; then
    echo "slurm: the node is '${state:-unknown}', not idle, after a minute" >&2
    exit 1
fi
step "node ktpsim-node idle: $(sinfo -h -o '%P %c CPUs, %m MB' | head -1)"

# A job that asks for more CPUs than any node has would stay pending for ever
# (Reason=PartitionConfig): submit.sh refuses it, queueing nothing, whether the
# value is given to it or stands in a script.
cpus=$(sinfo -h -N -n ktpsim-node -o %c)
too_many=$((cpus + 1))
refused() { # EXPECTED SUBMIT_SH SUBMIT_ARGUMENTS...
    local expected="$1" status=0
    shift
    "$@" >/dev/null 2>"$tmp/log/refused.stderr" || status=$?
    if [[ $status -ne 2 || "$(cat "$tmp/log/refused.stderr")" != "$expected" ||
        -n "$(squeue -h -o %i)" ]]; then
        echo "slurm: expected status 2, no job queued, and: $expected" >&2
        echo "got status $status, jobs '$(squeue -h -o %i | paste -sd' ' -)', and:" >&2
        cat "$tmp/log/refused.stderr" >&2
        exit 1
    fi
}
step "submit.sh refuses --cpus-per-task=$too_many on a node of $cpus CPUs"
refused "$repo/deploy/slurm/submit.sh: --cpus-per-task=$too_many is more than a node of partition ci has (at most $cpus CPUs), so the job would wait for ever: give --cpus-per-task=$cpus or less before N, or a --partition with larger nodes" \
    "$repo/deploy/slurm/submit.sh" "${sbatch_options[@]}" --cpus-per-task="$too_many" \
    "$shards" "$tmp/work/refused" "${run_args[@]}"
cp -r "$repo/deploy/slurm" "$tmp/deploy"
# The shards' line fits; the merge's, checked too, does not.
sed -i "s/^#SBATCH --cpus-per-task=.*/#SBATCH --cpus-per-task=1/" "$tmp/deploy/ktpsim-shards.sbatch"
sed -i "s/^#SBATCH --cpus-per-task=.*/#SBATCH --cpus-per-task=$too_many/" "$tmp/deploy/ktpsim-merge.sbatch"
refused "$tmp/deploy/submit.sh: --cpus-per-task=$too_many (the #SBATCH line of ktpsim-merge.sbatch) is more than a node of partition ci has (at most $cpus CPUs), so the job would wait for ever: give --cpus-per-task=$cpus or less before N (it wins over that line), or a --partition with larger nodes" \
    "$tmp/deploy/submit.sh" --partition=ci "$shards" "$tmp/work/refused" "${run_args[@]}"

step "one machine: ktpsim run ${run_args[*]#"$repo"/}"
"$ktpsim" run "${run_args[@]}" --out "$tmp/one" --quiet >/dev/null

# In the background, so that a signal to this script is handled at once,
# not once sbatch --wait returns; cleanup() stops it.
submit() {
    timeout --kill-after=10 300 "$repo/deploy/slurm/submit.sh" "$@" &
    submitting=$!
    local status=0
    wait "$submitting" || status=$?
    submitting=""
    return "$status"
}
same_as_one() {
    if ! diff -r --exclude=shards "$tmp/one" "$1"; then
        echo "slurm: $1 differs from the one-machine run" >&2
        exit 1
    fi
    step "$(find "$tmp/one" -type f | wc -l) files byte-identical to the one-machine run"
}

# Jobs start in $tmp/work: their logs are written there, and a relative path
# would be read from there.
cd "$tmp/work"

step "submit.sh --wait ${sbatch_options[*]} $shards sharded ${run_args[*]#"$repo"/}"
KTPSIM="$ktpsim" submit --wait "${sbatch_options[@]}" "$shards" "$tmp/work/sharded" "${run_args[@]}"
same_as_one "$tmp/work/sharded"

step "again, with shard 1 failing"
cat >"$tmp/ktpsim-failing-shard-1" <<EOF
#!/bin/sh
if [ "\$1" = run ] && [ "\${SLURM_ARRAY_TASK_ID:-}" = 1 ]; then
    echo "shard 1 fails on purpose" >&2
    exit 3
fi
exec "$ktpsim" "\$@"
EOF
chmod +x "$tmp/ktpsim-failing-shard-1"
if KTPSIM="$tmp/ktpsim-failing-shard-1" submit --wait "${sbatch_options[@]}" "$shards" "$tmp/work/rerun" \
    "${run_args[@]}" 2>"$tmp/log/submit-failing.stderr"; then
    echo "slurm: submit.sh --wait succeeded though shard 1 failed" >&2
    exit 1
fi
if ! grep -q -- "--only=1 " "$tmp/log/submit-failing.stderr"; then
    echo "slurm: submit.sh did not say to rerun shard 1:" >&2
    cat "$tmp/log/submit-failing.stderr" >&2
    exit 1
fi
step "the merge was cancelled: $(tail -1 "$tmp/log/submit-failing.stderr")"
if "$ktpsim" merge "$tmp/work/rerun" 2>"$tmp/log/merge-missing.stderr"; then
    echo "slurm: ktpsim merge succeeded without shard 1" >&2
    exit 1
fi
if ! grep -q -- "--shard 1/$shards" "$tmp/log/merge-missing.stderr"; then
    echo "slurm: ktpsim merge did not say to rerun --shard 1/$shards:" >&2
    cat "$tmp/log/merge-missing.stderr" >&2
    exit 1
fi
step "ktpsim merge without shard 1: $(head -1 "$tmp/log/merge-missing.stderr")"

step "submit.sh --wait --only=1 ... $shards rerun ..."
KTPSIM="$ktpsim" submit --wait --only=1 "${sbatch_options[@]}" "$shards" "$tmp/work/rerun" "${run_args[@]}"
same_as_one "$tmp/work/rerun"
