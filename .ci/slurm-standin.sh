#!/usr/bin/env bash
# A stand-in for ktpsim's `run --shard` and `merge`, for testing the Slurm
# machinery (.ci/slurm-check.sh, deploy/slurm/) before ktpsim has them:
#
#   bash .ci/slurm-check.sh .ci/slurm-standin.sh
#
# It keeps the contract's surface, not its work: `run ... --shard K/N|auto`
# finds K and N as ktpsim will (SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT,
# or JOB_COMPLETION_INDEX and --shards/KTPSIM_SHARDS), checks the scenarios
# and writes a marker into OUT/shards/; `merge OUT` fails naming the first
# missing shard, else runs the whole run on this machine into OUT. Every other
# command goes to the real binary (KTPSIM_REAL, or target/release/ktpsim).
set -euo pipefail

real="${KTPSIM_REAL:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/release/ktpsim}"

fail() {
    echo "error: $*" >&2
    exit 1
}

run() {
    if [[ " $* " == *" --help "* ]]; then
        "$real" run --help
        echo "      --shard <K/N|auto>  (stand-in) run shard K of N into OUT/shards/"
        echo "      --shards <N>        (stand-in) N for --shard auto outside Slurm"
        return
    fi
    local out=results shard="" shards="${KTPSIM_SHARDS:-}" args=() paths=()
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --out) out="$2"; shift ;;
            --shard) shard="$2"; shift ;;
            --shards) shards="$2"; shift ;;
            --replications | --seed) args+=("$1" "$2"); shift ;;
            --threads) shift ;; # no part of the results
            -*) args+=("$1") ;;
            *) args+=("$1") paths+=("$1") ;;
        esac
        shift
    done
    [[ -n "$shard" ]] || exec "$real" run "${args[@]}" --out "$out"
    local k n
    if [[ "$shard" == auto ]]; then
        if [[ -n "${SLURM_ARRAY_TASK_ID:-}" ]]; then
            k="$SLURM_ARRAY_TASK_ID" n="${SLURM_ARRAY_TASK_COUNT:?}"
        elif [[ -n "${JOB_COMPLETION_INDEX:-}" ]]; then
            k="$JOB_COMPLETION_INDEX" n="${shards:?--shard auto needs --shards N or KTPSIM_SHARDS}"
        else
            fail "--shard auto: no array index in the environment"
        fi
    else
        k="${shard%/*}" n="${shard#*/}"
    fi
    ((k < n)) || fail "--shard $k/$n: K must be below N"
    # The scenarios must load from the job's folder, as for the real run.
    "$real" check "${paths[@]}" >/dev/null
    mkdir -p "$out/shards"
    # Arguments one per line: the merge reruns exactly these.
    printf '%s\n' "${args[@]}" >"$out/shards/.standin-$k-of-$n"
    echo "stand-in: shard $k/$n of ${args[*]} written"
}

merge() {
    local out="" merge_args=()
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --threads) merge_args+=("$1" "$2"); shift ;;
            --no-plots | -q | --quiet) merge_args+=("$1") ;;
            -*) fail "merge: unknown option $1" ;;
            *) out="$1" ;;
        esac
        shift
    done
    [[ -n "$out" ]] || fail "merge: no folder"
    local first n k
    first=$(find "$out/shards" -name '.standin-*' 2>/dev/null | sort | head -1)
    [[ -n "$first" ]] || fail "merge: no shards in $out/shards"
    n="${first##*-of-}"
    for ((k = 0; k < n; k++)); do
        [[ -f "$out/shards/.standin-$k-of-$n" ]] ||
            fail "merge: shard $k of $n is missing from $out/shards: rerun it with --shard $k/$n"
        cmp -s "$first" "$out/shards/.standin-$k-of-$n" ||
            fail "merge: shard $k/$n was run with other arguments than $first"
    done
    local args tmp
    mapfile -t args <"$first"
    tmp="$(mktemp -d)"
    "$real" run "${args[@]}" "${merge_args[@]}" --out "$tmp" >/dev/null
    cp -r "$tmp"/. "$out"/
    rm -rf "$tmp"
    echo "stand-in: merged $n shards into $out"
}

case "${1:-}" in
    run) shift; run "$@" ;;
    merge) shift; merge "$@" ;;
    *) exec "$real" "$@" ;;
esac
