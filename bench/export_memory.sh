#!/usr/bin/env bash
# Peak memory of exporting a GPT-2-small-class checkpoint (gpt2-small preset, ~87M parameters with
# the demo's 6000-token vocabulary: 342 MB of F32 weights), side by side with a reference run in the
# same go: `chattrain runs` on the same project, the same binary with its libraries loaded and
# nothing else. Reported as (export's peak RSS − the reference's) / the weights' bytes: 1 means the
# export holds the checkpoint once and little besides. Measured on 2 cores, 2026-12-02: with the
# checkpoint read whole and the files built in memory (bec8b73) 3.02 (GGUF F32), 2.52 (GGUF F16),
# 3.01 (HF); read and written tensor by tensor, 1.03, 1.05, 1.01 (514 MB peak against 1192).
#   bash bench/export_memory.sh [BUILD_DIR]      (needs /usr/bin/time; ~1 minute on 2 cores)
set -euo pipefail
build=${1:-build}
chattrain=$(realpath "$build/bin/chattrain")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
project=$work/bench.chattrain
"$chattrain" project init "$project" > /dev/null
"$chattrain" -p "$project" data import --embedded > /dev/null
"$chattrain" -p "$project" tokenizer train > /dev/null 2>&1
"$chattrain" -p "$project" pretrain --preset gpt2-small --max-steps 1 --batch-size 1 --set seq_len=64 \
  --set eval_interval=0 --set sample_interval=0 --run big > /dev/null
weights=$(stat -c %s "$project"/runs/big/step-000001/model.safetensors)

peak_kb() { /usr/bin/time -f %M "$chattrain" -p "$project" "$@" 2>&1 > /dev/null | tail -1; }
reference=$(peak_kb runs)
printf '%-28s %10s %8s\n' "run" "peak MB" "ratio"
awk -v r="$reference" 'BEGIN { printf "%-28s %10.0f %8s\n", "reference (chattrain runs)", r / 1024, "-" }'
for what in "export gguf" "export gguf --f16" "export hf"; do
  rm -rf "$project/exports"
  peak=$(peak_kb $what --run big)
  awk -v w="$what" -v p="$peak" -v r="$reference" -v b="$weights" 'BEGIN { printf "%-28s %10.0f %8.2f\n", w, p / 1024, (p - r) * 1024 / b }'
done
