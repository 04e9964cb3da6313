#!/usr/bin/env bash
# Resident memory of a folder run as it goes: runs `bin/explain recognition explain` on every image of DIR and
# prints, every INTERVAL seconds, the images done so far (result folders written) and the process's resident set.
# Whether a folder run's memory grows with the number of images is read off the samples (docs/BENCHMARKS.md, Memory).
#   scripts/folder-run-memory.sh MODEL DIR [INTERVAL] [-- extra explain options]
set -euo pipefail
model="$1"; dir="$2"; interval="${3:-5}"
shift $(( $# >= 3 ? 3 : 2 )); [[ "${1:-}" == -- ]] && shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$root/bin/explain" recognition explain --model "$model" --input "$dir" --out "$out/results" --batch 32 "$@" > "$out/log" 2>&1 &
launcher=$!
start=$(date +%s)
peak=0
while kill -0 "$launcher" 2>/dev/null; do
  sleep "$interval"
  pid=$(pgrep -f "org.explain4j.cli.Main recognition explain --model $model" | head -1 || true)
  [[ -z "$pid" ]] && continue
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  done_count=$(find "$out/results" -mindepth 1 -maxdepth 1 -type d ! -name '.*' 2>/dev/null | wc -l)
  (( rss > peak )) && peak=$rss
  printf '%4d s  %6d images  %7.2f GB resident\n' $(( $(date +%s) - start )) "$done_count" "$(echo "$rss / 1048576" | bc -l)"
done
wait "$launcher" || { echo "the folder run failed:"; tail -3 "$out/log"; exit 1; }
tail -1 "$out/log" | tr '\r' '\n' | tail -1
printf 'peak of the samples: %.2f GB resident\n' "$(echo "$peak / 1048576" | bc -l)"
