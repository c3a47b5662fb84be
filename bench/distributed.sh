#!/usr/bin/env bash
# Data-parallel scaling: pretraining tokens/s in 1 process and in N processes (--nproc-per-node N), the same
# model and global batch (B sequences a micro-batch, N micro-batches a step), one after the other in one go,
# and the efficiency: (tokens/s with N) / (N × tokens/s with 1). Each run reads its speed from the run's own
# metrics (train/tokens_per_second, the whole step's tokens), averaged after the first step.
#   bash bench/distributed.sh [PROCESSES] [PRESET] [STEPS]       (after scripts/build.sh)
# On a machine with N GPUs (each process takes cuda:LOCAL_RANK): DEVICE=cuda bash bench/distributed.sh N small 100
# On this 2-core box N=2 shares two cores between two processes of one thread each: expect no gain.
set -euo pipefail
cd "$(dirname "$0")/.."
processes=${1:-2}
preset=${2:-demo}
steps=${3:-30}
device=${DEVICE:-cpu}
bin=${CHATTRAIN_BIN:-build/bin}
work=$(mktemp -d /tmp/chattrain-dist.XXXXXX)
trap 'rm -rf "$work"' EXIT
$bin/chattrain project init "$work/p" > /dev/null
$bin/chattrain -p "$work/p" data import --embedded > /dev/null
$bin/chattrain -p "$work/p" tokenizer train --vocab-size 6000 > /dev/null 2>&1
common=(pretrain --preset "$preset" --max-steps "$steps" --device "$device" --set "grad_accum_steps=$processes"
        --set eval_interval=0 --set sample_interval=0 --set checkpoint_interval=0)
speed() {  # mean tokens/s of a run after its first step
  $bin/chattrain -p "$work/p" runs show "$1" --metric train/tokens_per_second |
    awk -F, 'NR > 2 { sum += $3; n++ } END { printf "%.0f", sum / n }'
}
threads=$(( $(nproc) / processes )); [ $threads -ge 1 ] || threads=1
$bin/chattrain -p "$work/p" "${common[@]}" --run one > /dev/null
$bin/chattrain -p "$work/p" "${common[@]}" --run many --nproc-per-node "$processes" --threads "$threads" > /dev/null
one=$(speed one)
many=$(speed many)
printf '%-8s %9s %14s %14s %11s\n' preset processes "1 process" "$processes processes" efficiency
awk -v p="$preset" -v n="$processes" -v a="$one" -v b="$many" \
  'BEGIN { printf "%-8s %9d %12.0f/s %12.0f/s %10.2f\n", p, n, a, b, b / (n * a) }'
