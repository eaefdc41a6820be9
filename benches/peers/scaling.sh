#!/usr/bin/env bash
# Parallel scaling of the baseline on this machine's cores, in one short run: the
# script to take to a many-core machine (e.g. a 16-core one lent for a few minutes).
#
#   benches/peers/scaling.sh [--threads "1 2 4 8 16"] [--replications N] [--rounds R]
#
# Builds the probe once, then for each round runs the baseline with every thread
# count back to back and prints one line per run; at the end, per thread count, the
# median replications/s and the median over rounds of the speed-up against 1 thread
# (ratios within a round, so that load that shifts between rounds cancels out).
# Thread counts above the machine's cores are skipped. With `OUT` set, the lines
# are also written to "$OUT/scaling.log".
set -euo pipefail
cd "$(dirname "$0")/../.."

THREADS="1 2 4 8 16"
REPS=4000
ROUNDS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) THREADS="$2"; shift 2 ;;
    --replications) REPS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done

CORES=$(nproc)
LOG=$(mktemp)
say() { echo "$*" | tee -a "$LOG"; }
say "machine cores=$CORES cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')\" load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""

cargo bench --no-run --bench ktpsim_probe 2>/dev/null
PROBE=$(cargo bench --no-run --bench ktpsim_probe --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for l in sys.stdin:
    m = json.loads(l)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["target"]["name"] == "ktpsim_probe":
        print(m["executable"])' | tail -1)

for ((r = 1; r <= ROUNDS; r++)); do
  for t in $THREADS; do
    if ((t > CORES)); then continue; fi
    "$PROBE" baseline "$REPS" "$t" | grep 'reps_per_s' | sed "s/^/round $r /" | tee -a "$LOG"
  done
done

python3 - "$LOG" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"round (\d+) probe baseline threads=(\d+) .* reps_per_s=([\d.]+)", line)
    if m:
        runs.setdefault(int(m.group(1)), {})[int(m.group(2))] = float(m.group(3))
threads = sorted({t for r in runs.values() for t in r})
print("threads  reps/s (median)  speed-up over 1 thread (median of per-round ratios)")
for t in threads:
    rates = [r[t] for r in runs.values() if t in r]
    ups = [r[t] / r[1] for r in runs.values() if t in r and 1 in r]
    print(f"{t:7d}  {statistics.median(rates):15.1f}  {statistics.median(ups):.2f}"
          f" (rounds: {', '.join(f'{u:.2f}' for u in ups)})")
PY
if [[ -n ${OUT:-} ]]; then cp "$LOG" "$OUT/scaling.log"; fi
rm -f "$LOG"
