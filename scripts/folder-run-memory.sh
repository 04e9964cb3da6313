#!/usr/bin/env bash
# Resident memory of a folder run as it goes: runs `bin/explain recognition explain` on every image of DIR and
# prints, every INTERVAL seconds, the images done so far (result folders written) and the process's resident set.
# Whether a folder run's memory grows with the number of images is read off the samples (docs/BENCHMARKS.md, Memory).
#   scripts/folder-run-memory.sh MODEL DIR [INTERVAL] [-- extra explain options]
set -euo pipefail
if [[ $# -lt 2 ]]; then
  echo "usage: scripts/folder-run-memory.sh MODEL DIR [INTERVAL] [-- extra explain options]" >&2; exit 2
fi
model="$1"; dir="$2"; shift 2
interval=5
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then interval="$1"; shift; fi
[[ "${1:-}" == -- ]] && shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'kill "$launcher" 2>/dev/null || true; rm -rf "$out"' EXIT
launcher=""
"$root/bin/explain" recognition explain --model "$model" --input "$dir" --out "$out/results" --batch 32 "$@" > "$out/log" 2>&1 &
launcher=$!
start=$(date +%s)
peak=0
while kill -0 "$launcher" 2>/dev/null; do
  sleep "$interval"
  # bin/explain execs java, or runs it as its child on the first run after a build
  pid=$(pgrep -P "$launcher" java | head -1 || true)
  pid=${pid:-$launcher}
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  rss=${rss:-0}
  [[ "$rss" == 0 ]] && continue
  done_count=$( (find "$out/results" -mindepth 1 -maxdepth 1 -type d ! -name '.*' 2>/dev/null || true) | wc -l)
  (( rss > peak )) && peak=$rss
  printf '%4d s  %6d images  %7.2f GB resident\n' $(( $(date +%s) - start )) "$done_count" "$(echo "$rss / 1048576" | bc -l)"
done
status=0; wait "$launcher" || status=$?
launcher=""
if [[ $status != 0 ]]; then
  # the run's own message (one line for a user mistake), and its exit status
  tr '\r' '\n' < "$out/log" | grep -v '^explaining ' | tail -1 >&2
  exit "$status"
fi
tail -1 "$out/log" | tr '\r' '\n' | tail -1
printf 'peak of the samples: %.2f GB resident\n' "$(echo "$peak / 1048576" | bc -l)"
