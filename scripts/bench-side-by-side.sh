#!/usr/bin/env bash
# explain4j against PyTorch in one sitting: `bin/explain bench --peers`, then scripts/bench-pytorch.py, back to back
# (never at the same time: they would share the cores), same thread count, same rows; prints both raw tables
# and one joined table with the ratio of absolute times (explain4j / PyTorch; below 1 means explain4j is ahead).
#
# Needs Debian's python3-torch and python3-torchvision (apt-get install python3-torch python3-torchvision).
# Usage: scripts/bench-side-by-side.sh [--threads N] [--warmup N] [--reps N]   (defaults: all cores, 2, 5)
#
# explain4j's side warms each row up past the asked runs until a run without JIT compilation (Stopwatch.settledMedian):
# a freshly compiled oneDNN plan keeps the JVM's compilers busy for several passes, and on 2 cores a busy compiler
# thread takes one of the cores the kernels run on (scripts/ProfileWarmup.java; docs/BENCHMARKS.md, side by side).
# PyTorch's eager mode has no JIT to settle; it gets the asked runs.
set -euo pipefail
cd "$(dirname "$0")/.."
threads=$(nproc); warmup=2; reps=5
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --reps) reps=$2; shift 2 ;;
    *) echo "bench-side-by-side: unknown argument '$1' (use --threads N, --warmup N, --reps N)" >&2; exit 2 ;;
  esac
done
python=""
for p in "${PYTHON:-}" /usr/bin/python3 python3; do
  if [ -n "$p" ] && "$p" -c 'import torch, torchvision' 2>/dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
  echo "bench-side-by-side: no Python with torch and torchvision (apt-get install python3-torch python3-torchvision)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "bench-side-by-side.sh --threads $threads --warmup $warmup --reps $reps; commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores"
echo
OMP_NUM_THREADS=$threads bin/explain bench --peers --warmup "$warmup" --reps "$reps" > "$work/explain4j.md"
OMP_NUM_THREADS=$threads "$python" scripts/bench-pytorch.py --threads "$threads" --warmup "$warmup" --reps "$reps" > "$work/pytorch.md"
cat "$work/explain4j.md"; echo; cat "$work/pytorch.md"; echo
echo "| network | batch | task | explain4j (s) | PyTorch (s) | explain4j / PyTorch | explain4j ahead |"
echo "|---|---:|---|---:|---:|---:|---|"
# Rows are keyed by network, batch and task; a row only one side printed is shown with '-' on the other.
awk -F'|' '
  function trim(s) { gsub(/^ +| +$/, "", s); return s }
  FNR == 1 { side++ }
  /^\| [A-Z]/ && $2 !~ /network/ {
    key = trim($2) "|" trim($3) "|" trim($4)
    if (!(key in seen)) { seen[key] = 1; order[++n] = key }
    t[side, key] = trim($5)
  }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i]; split(k, f, "|"); e = t[1, k]; p = t[2, k]
      if (e != "" && p != "") { r = sprintf("%.2f", e / p); ahead = (e + 0 < p + 0) ? "yes" : "no" } else { r = "-"; ahead = "-" }
      printf "| %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], (e == "" ? "-" : e), (p == "" ? "-" : p), r, ahead
    }
  }' "$work/explain4j.md" "$work/pytorch.md"
