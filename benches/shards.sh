#!/usr/bin/env bash
# Shards against one run (docs/shards.md), measured with the release binary; writes the
# "Shards" section of results/benchmarks.md (between its markers, the rest untouched):
#
#   benches/shards.sh [--replications N] [--rounds R]
#
# (a) CPU seconds (user + sys, /usr/bin/time) of `ktpsim run
#     scenarios/national/indonesia-2018.toml --replications N` on one machine, against
#     the sum of its 8 shards (`--shard K/8`) and `ktpsim merge`; both 1 thread per
#     process, plots included; R rounds, medians. The merged files are checked to be
#     byte-identical to the one-machine run's.
# (b) wall and CPU seconds of `ktpsim merge` of 100 shards of
#     scenarios/bojonegoro-2017.toml at 1,000 replications (with and without plots).
# (c) shard bytes per 1,000 replications, single office and national: the size of the
#     shards minus the fixed part of each (an empty shard: header, scenario texts and
#     accumulators), per replication.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=100
ROUNDS=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --replications) REPS="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    *) echo "unknown argument $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --bin ktpsim 2>/dev/null
BIN=./target/release/ktpsim
NATIONAL=scenarios/national/indonesia-2018.toml
OFFICE=scenarios/bojonegoro-2017.toml
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
COMMANDS=()

# `cpu ARGS...`: runs the binary, prints "wall cpu" in seconds.
cpu() {
  COMMANDS+=("$BIN $*")
  /usr/bin/time -f "%e %U %S" -o "$TMP/t" "$BIN" "$@" > /dev/null
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$TMP/t"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
size() { stat -c %s "$@" | awk '{ s += $1 } END { print s }'; }
load() { uptime | sed 's/.*load average/load average/'; }

LOAD_START=$(load)
# (a) national: one run against 8 shards and the merge.
ONE=() SPLIT=() MERGE=()
for ((r = 1; r <= ROUNDS; r++)); do
  rm -rf "$TMP/one" "$TMP/eight"
  ONE+=("$(cpu run $NATIONAL --replications "$REPS" --threads 1 -q --out "$TMP/one" | cut -d' ' -f2)")
  total=0
  for k in 0 1 2 3 4 5 6 7; do
    c=$(cpu run $NATIONAL --replications "$REPS" --threads 1 -q --out "$TMP/eight" --shard "$k/8" | cut -d' ' -f2)
    total=$(echo "$total + $c" | bc)
  done
  m=$(cpu merge "$TMP/eight" --threads 1 | cut -d' ' -f2)
  SPLIT+=("$total")
  MERGE+=("$m")
  diff -r -x shards "$TMP/one" "$TMP/eight" > /dev/null || { echo "merge differs from one run" >&2; exit 1; }
done
one=$(printf '%s\n' "${ONE[@]}" | median)
split=$(printf '%s\n' "${SPLIT[@]}" | median)
merge=$(printf '%s\n' "${MERGE[@]}" | median)
both=$(for ((i = 0; i < ROUNDS; i++)); do echo "${SPLIT[i]} + ${MERGE[i]}" | bc; done | median)
overhead=$(for ((i = 0; i < ROUNDS; i++)); do echo "scale=4; (${SPLIT[i]} + ${MERGE[i]} - ${ONE[i]}) * 100 / ${ONE[i]}" | bc; done | median)
national_bytes=$(size "$TMP"/eight/shards/*.ktpshard)
rm -rf "$TMP/empty"
cpu run $NATIONAL --replications 1 --threads 1 -q --out "$TMP/empty" --shard 0/2 > /dev/null
national_fixed=$(size "$TMP"/empty/shards/*.ktpshard)

# (b) 100 shards of the single office, 1,000 replications.
rm -rf "$TMP/hundred"
for ((k = 0; k < 100; k++)); do
  "$BIN" run $OFFICE --replications 1000 --threads 1 -q --out "$TMP/hundred" --shard "$k/100" > /dev/null
done
COMMANDS+=("$BIN run $OFFICE --replications 1000 --threads 1 -q --out DIR --shard K/100   # K = 0..99")
MW=() MC=() NW=() NC=()
for ((r = 1; r <= ROUNDS; r++)); do
  read -r w c < <(cpu merge "$TMP/hundred")
  MW+=("$w") MC+=("$c")
  read -r w c < <(cpu merge "$TMP/hundred" --no-plots)
  NW+=("$w") NC+=("$c")
done
office_bytes=$(size "$TMP"/hundred/shards/*.ktpshard)
rm -rf "$TMP/empty"
cpu run $OFFICE --replications 1 --threads 1 -q --out "$TMP/empty" --shard 0/2 > /dev/null
office_fixed=$(size "$TMP"/empty/shards/*.ktpshard)
LOAD_END=$(load)

per_1000() { echo "scale=1; ($1 - $2 * $3) * 1000 / $4 / 1048576" | bc; }
kib() { echo "scale=0; $1 / 1024" | bc; }
SECTION=$(cat <<EOF
<!-- shards: written by benches/shards.sh; rerun it after benches/peers/run.sh -->
## Shards (\`run --shard K/N\` and \`merge\`, docs/shards.md)

Measured by \`benches/shards.sh --replications $REPS --rounds $ROUNDS\` on $(date -u '+%Y-%m-%d %H:%M') UTC, commit \`$(git rev-parse --short HEAD)\`, $(nproc) cores shared with other engineers' builds (start: $LOAD_START; end: $LOAD_END). Every process runs on 1 thread, so that CPU time counts work and not idle threads; medians of $ROUNDS rounds.

| \`scenarios/national/indonesia-2018.toml\`, $REPS replications, plots included | CPU seconds (user + sys) |
|---|---|
| one run on one machine | $one |
| 8 shards (\`--shard K/8\`), summed | $split |
| \`merge\` of the 8 | $merge |
| 8 shards + merge | $both |
| **overhead of sharding** (median of the rounds' ratios) | **${overhead}%** |

The merged files were byte-identical to the one-machine run's in every round (\`diff -r\`).

| \`merge\` of 100 shards of \`$OFFICE\`, 1,000 replications | wall s | CPU s |
|---|---|---|
| plots included | $(printf '%s\n' "${MW[@]}" | median) | $(printf '%s\n' "${MC[@]}" | median) |
| \`--no-plots\` | $(printf '%s\n' "${NW[@]}" | median) | $(printf '%s\n' "${NC[@]}" | median) |

| shard file size | per 1,000 replications | fixed part of each shard |
|---|---|---|
| single office (\`$OFFICE\`; 100 shards of 1,000 replications: $(kib "$office_bytes") KiB) | $(per_1000 "$office_bytes" 100 "$office_fixed" 1000) MiB | $(kib "$office_fixed") KiB |
| national, 514 offices (\`$NATIONAL\`; 8 shards of $REPS replications: $(kib "$national_bytes") KiB) | $(per_1000 "$national_bytes" 8 "$national_fixed" "$REPS") MiB | $(kib "$national_fixed") KiB |

The fixed part is the header, the copies of the scenario files (the national one with its template and its table of 514 offices) and the accumulators (quantile sketches of every metric and of every day of the horizon), written once per shard whatever its replications.

Commands:

\`\`\`text
$(printf '%s\n' "${COMMANDS[@]}" | sed "s#$TMP#TMP#g" | sort -u)
\`\`\`
<!-- shards: end -->
EOF
)
FILE=results/benchmarks.md
python3 - "$FILE" "$SECTION" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
text = open(path).read()
pattern = re.compile(r"<!-- shards: written.*?<!-- shards: end -->\n?", re.S)
text = pattern.sub("", text).rstrip("\n") + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
echo "wrote the Shards section of $FILE"
