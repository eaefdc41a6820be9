#!/usr/bin/env bash
# Reads the CSV files of a small run (with a sweep), a compare and a
# sensitivity with pandas, as an analyst would, and fails if a column that
# should hold numbers comes out as text (.ci/csv-check.py says which are text).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's python, where python3-pandas installs (another python3 may come first on PATH).
python=/usr/bin/python3
if ! $python -c "import pandas" 2>/dev/null; then
    echo "== installing python3-pandas"
    apt-get update >/dev/null && apt-get install -y python3-pandas >/dev/null
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
ktpsim=target/release/ktpsim
cargo build --release --quiet

echo "== ktpsim run, compare and sensitivity (small), read with pandas"
$ktpsim run scenarios/ --replications 20 --no-plots --quiet --out "$tmp/run" >/dev/null
$ktpsim compare scenarios/bojonegoro-2017.toml scenarios/second-printer.toml \
    --replications 20 --no-plots --out "$tmp/compare" >/dev/null
$ktpsim sensitivity scenarios/bojonegoro-2017.toml --replications 10 --no-plots --quiet \
    --out "$tmp/sensitivity" >/dev/null
$python .ci/csv-check.py "$tmp/run" "$tmp/compare" "$tmp/sensitivity"
