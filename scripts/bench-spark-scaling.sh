#!/usr/bin/env bash
# How a Spark run scales on this machine: the same images explained by the single-machine folder run
# (bin/explain recognition explain) and by bin/explain spark explain with local[1] and local[2], one after the
# other (never at once: they would share the cores), then each Spark output compared byte for byte with the
# single-machine one. Prints a Markdown table: the job's own time (model shipping, loading and the explanations;
# not the JVM and Spark start-up, given apart), images per second, speed-up over local[1] and efficiency
# (speed-up / slots).
#
#   --images N   traffic signs (28x28, the shipped signs model; default 2000), generated with a fixed seed
#   --resnet N   also N 224x224 images through ResNet-18 (random weights, ONNX written by
#                scripts/export-resnet18-onnx.py: needs Debian's python3-torch and python3-torchvision); default 0
#   --omp1       add a local[2] run with OMP_NUM_THREADS=1 (each task one native thread)
# Usage: scripts/bench-spark-scaling.sh [--images N] [--resnet N] [--omp1]
set -euo pipefail
cd "$(dirname "$0")/.."
images=2000; resnet=0; omp1=0
while [ $# -gt 0 ]; do
  case "$1" in
    --images) images=$2; shift 2 ;;
    --resnet) resnet=$2; shift 2 ;;
    --omp1) omp1=1; shift ;;
    *) echo "bench-spark-scaling: unknown argument '$1' (use --images N, --resnet N, --omp1)" >&2; exit 2 ;;
  esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bin/explain spark --help > /dev/null  # builds explain-spark (and everything) first, outside the timings
bin/explain --help > /dev/null
echo "bench-spark-scaling.sh --images $images --resnet $resnet$([ $omp1 = 1 ] && echo ' --omp1'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown); $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores"
echo

per_class=$(( (images + 13) / 14 ))
bin/explain recognition generate-signs --out "$work/signs" --train-per-class 1 --test-per-class "$per_class" --challenged-per-class 1 --seed 7 > /dev/null 2>&1
mkdir -p "$work/signs-in"
find "$work/signs/test" -maxdepth 1 -type f | sort | head -n "$images" | xargs -I{} cp {} "$work/signs-in/"
cp explain-recognition/src/main/resources/org/explain4j/recognition/models/signs.fb explain-recognition/src/main/resources/org/explain4j/recognition/models/signs.card.json "$work/"

rows=()
# run NAME MODEL INPUT OUT [env...] -- command: times the whole command and reads the job's own seconds from its summary
run() {
  local name=$1 model=$2 input=$3 out=$4; shift 4
  local start end line
  start=$(date +%s.%N)
  env "$@" > "$work/$name.out" 2> "$work/$name.err"
  line=$(grep '^explained' "$work/$name.out")
  grep 'loaded the model' "$work/$name.out" | sed "s/^/$name: /" || true
  end=$(date +%s.%N)
  local n s bytes
  n=$(echo "$line" | awk '{print $2}'); s=$(echo "$line" | awk '{print $5}')
  bytes=$(du -sb --exclude=results.parquet "$out" | awk '{print $1}')
  rows+=("$name|$n|$s|$(awk -v a="$start" -v b="$end" 'BEGIN{printf "%.1f", b-a}')|$bytes")
}

bench_set() {
  local label=$1 model=$2 input=$3 batch=$4
  run "$label-single" "$model" "$input" "$work/$label-o0" OMP_NUM_THREADS="$(nproc)" bin/explain recognition explain --model "$model" --input "$input" --out "$work/$label-o0" --batch "$batch"
  run "$label-local1" "$model" "$input" "$work/$label-o1" OMP_NUM_THREADS="$(nproc)" bin/explain spark explain --master 'local[1]' --model "$model" --input "$input" --out "$work/$label-o1" --batch "$batch"
  run "$label-local2" "$model" "$input" "$work/$label-o2" OMP_NUM_THREADS="$(nproc)" bin/explain spark explain --master 'local[2]' --model "$model" --input "$input" --out "$work/$label-o2" --batch "$batch"
  if [ $omp1 = 1 ]; then
    run "$label-local2-omp1" "$model" "$input" "$work/$label-o3" OMP_NUM_THREADS=1 bin/explain spark explain --master 'local[2]' --model "$model" --input "$input" --out "$work/$label-o3" --batch "$batch"
  fi
  for o in "$work/$label"-o[123]; do
    if diff -r -q -x results.parquet "$work/$label-o0" "$o" > /dev/null; then same="yes"; else same="NO"; fi
    echo "$label: $(basename "$o") byte-identical to the single-machine run: $same"
  done
}

bench_set signs "$work/signs.fb" "$work/signs-in" 16
if [ "$resnet" -gt 0 ]; then
  python=""
  for p in "${PYTHON:-}" /usr/bin/python3 python3; do
    if [ -n "$p" ] && "$p" -c 'import torch, torchvision' 2>/dev/null; then python=$p; break; fi
  done
  [ -z "$python" ] && { echo "bench-spark-scaling: --resnet needs python3-torch and python3-torchvision" >&2; exit 2; }
  "$python" scripts/export-resnet18-onnx.py "$work/resnet18.onnx" 2> /dev/null
  mkdir -p "$work/resnet-in"
  # 224x224 crops of the sign images, upscaled: content, not noise, so every map is a real one
  "$python" - "$work/signs-in" "$work/resnet-in" "$resnet" <<'PY'
import sys, pathlib
from PIL import Image
src, dst, n = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
for i, f in enumerate(sorted(src.iterdir())[:n]):
    Image.open(f).convert("RGB").resize((224, 224), Image.BILINEAR).save(dst / (f.stem + ".png"))
PY
  bench_set resnet18 "$work/resnet18.onnx" "$work/resnet-in" 8
fi
echo
echo "| run | images | job (s) | images/s | speed-up over local[1] | efficiency | whole command (s) | kB written / image |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for r in "${rows[@]}"; do echo "$r"; done | awk -F'|' '
  { name[NR]=$1; n[NR]=$2; s[NR]=$3; wall[NR]=$4; kb[NR]=$5 / $2 / 1000; split($1, p, "-"); set[NR]=p[1]; if ($1 ~ /-local1$/) base[p[1]] = $2 / $3 }
  END {
    for (i = 1; i <= NR; i++) {
      rate = n[i] / s[i]; slots = (name[i] ~ /local2/) ? 2 : 1
      if (name[i] ~ /single/) { up = "-"; eff = "-" } else { up = sprintf("%.2f", rate / base[set[i]]); eff = sprintf("%.0f%%", 100 * rate / base[set[i]] / slots) }
      printf "| %s | %d | %.1f | %.1f | %s | %s | %s | %.1f |\n", name[i], n[i], s[i], rate, up, eff, wall[i], kb[i]
    }
  }'
