#!/usr/bin/env bash
# Peer comparison, scaling, memory and profile of ktpsim; writes results/benchmarks.md.
#
#   benches/peers/run.sh [--rounds N] [--replications "1000 100000"] [--no-criterion]
#                        [--no-national]
#
# Interleaved rounds: each round runs SimPy on the baseline, ktpsim on the baseline
# with 1 and 2 threads, the bare BinaryHeap M/M/1 and ktpsim's M/M/1, back to back, so
# that every ratio is taken between runs that saw the same machine load. The report
# gives the median over rounds of each figure and of each ratio.
#
# Environment overrides: SIMPY_REPS (per round, 10), SIMPY_CI_REPS (400),
# KTP_REPS (per round, 1000), KTP_CI_REPS (10000), MM1_REPS (200), BARE_REPS (200),
# PROFILE_REPS (20).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=5
MEM_REPLICATIONS="1000 100000"
CRITERION=1
NATIONAL=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="$2"; shift 2 ;;
    --replications) MEM_REPLICATIONS="$2"; shift 2 ;;
    --no-criterion) CRITERION=0; shift ;;
    --no-national) NATIONAL=0; shift ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
SIMPY_REPS=${SIMPY_REPS:-10}
SIMPY_CI_REPS=${SIMPY_CI_REPS:-400}
KTP_REPS=${KTP_REPS:-1000}
KTP_CI_REPS=${KTP_CI_REPS:-10000}
MM1_REPS=${MM1_REPS:-200}
BARE_REPS=${BARE_REPS:-200}
PROFILE_REPS=${PROFILE_REPS:-20}

WORK=target/peers
mkdir -p "$WORK"
LOG="$WORK/run.log" # every measurement line, parsed into the report at the end
: > "$LOG"
note() { echo "$*" | tee -a "$LOG"; }
machine() { note "machine $1 uptime=\"$(uptime)\""; note "machine $1 busiest=\"$(top -bn1 -o %CPU | awk 'NR>7 && NR<=11 {printf "%s %s%%; ", $12, $9}')\""; }

machine start
note "info nproc=$(nproc) cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\""
note "info rustc=\"$(rustc --version)\" commit=$(git describe --always --dirty) date=\"$(date -u '+%Y-%m-%d %H:%M UTC')\""

# --- the peers ---------------------------------------------------------------------
VENV=target/peers-venv
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c 'import simpy' 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet 'simpy==4.1.1'
fi
note "info python=\"$("$VENV/bin/python" --version)\" simpy=$("$VENV/bin/python" -c 'import simpy; print(simpy.__version__)')"

# Build once and run the binaries directly: cargo's own start-up stays out of the timings.
bench_exe() {
  cargo bench --no-run --bench "$1" --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == sys.argv[1]:
        print(m["executable"])' "$1" | tail -1
}
cargo bench --no-run --bench ktpsim_probe --bench bare_heap
PROBE=$(bench_exe ktpsim_probe)
BARE=$(bench_exe bare_heap)

# --- do both simulate the same system? ---------------------------------------------
# ktpsim at 1,000 replications (as the CLI runs it) and at KTP_CI_REPS; the verdict
# uses the larger, so that the comparison rests on SimPy's CI, not ktpsim's.
for n in 1000 "$KTP_CI_REPS"; do
  note "cmd $PROBE baseline $n 2"
  "$PROBE" baseline "$n" 2 | sed 's/^/agree /' | tee -a "$LOG"
done
note "cmd $VENV/bin/python benches/peers/simpy_baseline.py $SIMPY_CI_REPS 1"
"$VENV/bin/python" benches/peers/simpy_baseline.py "$SIMPY_CI_REPS" 1 | sed 's/^/agree /' | tee -a "$LOG"

# --- interleaved rounds ------------------------------------------------------------
for ((r = 1; r <= ROUNDS; r++)); do
  # A different SimPy seed block per round: the work per replication varies a little.
  "$VENV/bin/python" benches/peers/simpy_baseline.py "$SIMPY_REPS" $((1000 * r)) | sed "s/^/round $r /" | tee -a "$LOG"
  "$PROBE" baseline "$KTP_REPS" 1 | sed "s/^/round $r /" | tee -a "$LOG"
  "$PROBE" baseline "$KTP_REPS" 2 | sed "s/^/round $r /" | tee -a "$LOG"
  "$BARE" "$BARE_REPS" | sed "s/^/round $r /" | tee -a "$LOG"
  "$PROBE" mm1 "$MM1_REPS" | sed "s/^/round $r /" | tee -a "$LOG"
done
note "cmd rounds: simpy_baseline.py $SIMPY_REPS SEED; $PROBE baseline $KTP_REPS 1; ... baseline $KTP_REPS 2; $BARE $BARE_REPS; $PROBE mm1 $MM1_REPS"
machine after-rounds

# --- criterion (optional) ----------------------------------------------------------
if [[ $CRITERION == 1 ]]; then
  note "cmd cargo bench --bench engine"
  cargo bench --bench engine > "$WORK/criterion.txt" 2>&1
fi

# --- the CLI: whole bundled set and peak memory (only once `ktpsim run` exists) -----
cargo build --release --bin ktpsim 2>/dev/null
# Today's placeholder binary prints nothing and exits 0: a real `run` prints its help.
HELP=$(./target/release/ktpsim run --help 2>&1) || HELP=""
if [[ -n $HELP ]]; then
  TMP=$(mktemp -d)
  note "cmd cargo run --release -- run scenarios/ --quiet --out $TMP"
  start=$(date +%s.%N)
  cargo run --release -q -- run scenarios/ --quiet --out "$TMP"
  note "cli all-scenarios seconds=$(python3 -c "import sys; print(round($(date +%s.%N) - $start, 2))")"
  if grep -q -- '--replications' <<< "$HELP"; then
    [[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time; }
    for n in $MEM_REPLICATIONS; do
      note "cmd /usr/bin/time -v ./target/release/ktpsim run scenarios/bojonegoro-2017.toml --replications $n --quiet --out $TMP/mem-$n"
      /usr/bin/time -v ./target/release/ktpsim run scenarios/bojonegoro-2017.toml --replications "$n" --quiet --out "$TMP/mem-$n" 2> "$WORK/time-$n.txt"
      note "memory replications=$n max_rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time-$n.txt")"
    done
  else
    note "cli has no --replications: skipped the memory measurements"
  fi
  rm -rf "$TMP"
else
  note "cli absent: ./target/release/ktpsim has no 'run' yet; skipped the bundled-set run and the memory measurements"
fi

# --- the national model and the whole command (benches/peers/national.sh) ----------
if [[ $NATIONAL == 1 ]]; then
  benches/peers/national.sh "$LOG"
fi

# --- profile -----------------------------------------------------------------------
if command -v valgrind >/dev/null; then
  CG="$WORK/callgrind.out"
  note "cmd valgrind --tool=callgrind --callgrind-out-file=$CG $PROBE baseline $PROFILE_REPS 1"
  valgrind --tool=callgrind --callgrind-out-file="$CG" "$PROBE" baseline "$PROFILE_REPS" 1 > /dev/null 2> "$WORK/callgrind.err"
  callgrind_annotate --auto=no --inclusive=yes "$CG" > "$WORK/callgrind.inclusive.txt"
  callgrind_annotate --auto=no "$CG" > "$WORK/callgrind.self.txt"
else
  note "profile skipped: valgrind not installed (apt-get install valgrind)"
fi
machine end

mkdir -p results
# The section benches/shards.sh writes is kept as it was.
SHARDS=$(sed -n '/^<!-- shards: written/,/^<!-- shards: end -->/p' results/benchmarks.md 2>/dev/null || true)
python3 benches/peers/report.py "$LOG" "$WORK" > results/benchmarks.md
[[ -z "$SHARDS" ]] || printf '\n%s\n' "$SHARDS" >> results/benchmarks.md
echo "wrote results/benchmarks.md"
