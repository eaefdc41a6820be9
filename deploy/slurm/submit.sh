#!/usr/bin/env bash
# Submits a sharded ktpsim run to Slurm: an array of N shard jobs, and the
# merge job that starts once all of them succeeded.
#
#   submit.sh [SBATCH_OPTION...] [--only=LIST] [--wait] N OUT SCENARIO... [RUN_OPTION...]
#
#   N               how many shards (array tasks 0 to N-1)
#   OUT             the results folder, on a file system every node sees;
#                   relative paths are read from the folder you submit from
#   SCENARIO...     scenario files or folders, and `ktpsim run` options that
#                   every shard must share (--replications R, --seed S);
#                   --no-plots goes to the merge, which draws the charts
#   SBATCH_OPTION   given to both jobs, in the --name=value form only:
#                   --partition=short --time=00:20:00 --cpus-per-task=8 ...
#                   (a --cpus-per-task, here or in a script, above what the
#                   partition's largest node has is refused: Slurm would keep
#                   the jobs pending for ever)
#   --only=LIST     rerun these shards only (a Slurm index list: 3 or 1,5 or 2-4)
#                   of a run of N, and merge again
#   --wait          wait for the merge, and fail unless it completed
#
# Prints the two job ids. Without --wait, `squeue -u $USER` shows the jobs.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage="usage: $0 [SBATCH_OPTION...] [--only=LIST] [--wait] N OUT SCENARIO... [RUN_OPTION...]"

sbatch_options=()
only=""
wait=false
while [[ $# -gt 0 && "$1" == -* ]]; do
    case "$1" in
        --wait) wait=true ;;
        --only=*) only="${1#--only=}" ;;
        --array* | -a*)
            echo "$0: the array is N (or --only=LIST), not an sbatch option" >&2
            exit 2
            ;;
        --*=*) sbatch_options+=("$1") ;;
        *)
            echo "$0: give sbatch options as --name=value (got $1)" >&2
            echo "$usage" >&2
            exit 2
            ;;
    esac
    shift
done
if [[ $# -lt 3 ]]; then
    echo "$usage" >&2
    exit 2
fi
n="$1"
out="$2"
shift 2
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]]; then
    echo "$0: N must be a whole number of at least 1, got '$n'" >&2
    exit 2
fi

# The value of an sbatch option on a script's #SBATCH lines (the last one),
# long form --NAME or short form -S; sbatch reads them up to the first command.
header_option() { # SCRIPT NAME S
    awk -v long="--$2" -v short="-$3" '
        /^[[:space:]]*$/ { next }
        !/^#/ { exit }
        $1 == "#SBATCH" {
            for (i = 2; i <= NF; i++) {
                if ($i ~ /^#/) break
                if ($i == long || $i == short) { v = $(i + 1); i++ }
                else if (index($i, long "=") == 1) v = substr($i, length(long) + 2)
                else if (index($i, short) == 1 && substr($i, 2, 1) != "-") v = substr($i, 3)
            }
        }
        END { print v }' "$1"
}

# The last --NAME=value given to this script, if any.
given_option() { # NAME
    local o v=""
    for o in "${sbatch_options[@]}"; do
        [[ "$o" == "--$1="* ]] && v="${o#*=}"
    done
    echo "$v"
}

# A job asking for more CPUs per task than any node of its partition has stays
# pending for ever (and the merge behind it): refuse it before submitting
# anything. The partition is the option's, else SBATCH_PARTITION, else the
# script's, else the cluster's default; with several node sizes, its largest
# counts. Should Slurm not answer (no such partition), sbatch has its say.
check_cpus() { # SCRIPT
    local script="$1" cpus partition most from="the #SBATCH line of ${1##*/}"
    cpus=$(given_option cpus-per-task)
    if [[ -n "$cpus" ]]; then
        from=""
    else
        cpus=$(header_option "$script" cpus-per-task c)
    fi
    [[ "$cpus" =~ ^[0-9]+$ ]] || return 0
    partition=$(given_option partition)
    partition="${partition:-${SBATCH_PARTITION:-}}"
    partition="${partition:-$(header_option "$script" partition p)}"
    partition="${partition:-$(sinfo -h -o %P 2>/dev/null | sed -n 's/\*$//p' | head -n 1)}"
    [[ -n "$partition" ]] || return 0
    # -N: a line per node (grouped, sinfo shows the smallest size, as "2+").
    most=$(sinfo -h -N -p "$partition" -o %c 2>/dev/null | tr -cd '0-9\n' | sort -n | tail -n 1)
    [[ -n "$most" ]] || return 0
    if ((10#$cpus > most)); then
        echo "$0: --cpus-per-task=$cpus${from:+ ($from)} is more than a node of partition" \
            "$partition has (at most $most CPUs), so the job would wait for ever: give" \
            "--cpus-per-task=$most or less before N${from:+ (it wins over that line)}, or a" \
            "--partition with larger nodes" >&2
        exit 2
    fi
}
check_cpus "$here/ktpsim-shards.sbatch"
check_cpus "$here/ktpsim-merge.sbatch"

run_args=()
merge_args=()
for a in "$@"; do
    if [[ "$a" == --no-plots ]]; then merge_args+=("$a"); else run_args+=("$a"); fi
done

if [[ -n "$only" ]]; then
    # Slurm would count an array of one: the shard job needs the run's N.
    shards=$(sbatch --parsable "${sbatch_options[@]}" --array="$only" --export="ALL,KTPSIM_SHARDS=$n" \
        "$here/ktpsim-shards.sbatch" "$out" "${run_args[@]}")
    what="shards $only of $n"
else
    shards=$(env -u KTPSIM_SHARDS sbatch --parsable "${sbatch_options[@]}" --array="0-$((n - 1))" \
        "$here/ktpsim-shards.sbatch" "$out" "${run_args[@]}")
    what="shards 0-$((n - 1))"
fi
shards="${shards%%;*}" # --parsable prints "id;cluster" on a multi-cluster site
echo "$what: array job $shards"

merge_options=("${sbatch_options[@]}" --parsable --dependency="afterok:$shards")
if ! $wait; then
    merge=$(sbatch "${merge_options[@]}" "$here/ktpsim-merge.sbatch" "$out" "${merge_args[@]}")
    echo "merge: job ${merge%%;*}, after all of array job $shards succeeded"
    exit 0
fi

# sbatch --wait returns 0 for a job cancelled before it started (the merge,
# when a shard failed): ask the controller for the state instead.
status=0
merge=$(sbatch "${merge_options[@]}" --wait "$here/ktpsim-merge.sbatch" "$out" "${merge_args[@]}") || status=$?
merge="${merge%%;*}"
state=$(scontrol -o show job "$merge" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)
echo "merge: job $merge, ${state:-state unknown}"
if [[ "$state" == COMPLETED ]] || [[ -z "$state" && $status -eq 0 ]]; then
    exit 0
fi
# One line per array task: which shards to rerun.
failed=$(scontrol -o show job "$shards" 2>/dev/null |
    awk '!/JobState=COMPLETED/ { match($0, /ArrayTaskId=[0-9]+/); if (RSTART) print substr($0, RSTART + 12, RLENGTH - 12) }' |
    sort -n | paste -sd, -)
if [[ -n "$failed" ]]; then
    echo "$0: these shards did not complete: $failed (see their output files, ktpsim-shards-${shards}_K.out);" \
        "rerun them with --only=$failed and the same N, OUT and arguments" >&2
elif [[ "$state" == CANCELLED ]]; then
    # Cancelled while pending: it never ran, so it has no output file.
    echo "$0: the merge was cancelled before it started, so it left no output file;" \
        "\`ktpsim merge $out\` names the shards that are missing and the command that reruns each" >&2
else
    echo "$0: the merge did not complete (see its output file, ktpsim-merge-$merge.out)" >&2
fi
exit 1
