#!/usr/bin/env bash
# Pretraining tokens/s and peak memory: the engine and the Python PyTorch reference (same model,
# batch, data and optimizer), one after the other in one go, and their ratio.
#   bash bench/run_pretrain_bench.sh [STEPS]      (after scripts/build.sh)
#   scripts/test-debian13.sh --run 'CHATTRAIN_BIN=/build/bin bash bench/run_pretrain_bench.sh'   (LibTorch 2.6)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-12}
bin=${CHATTRAIN_BIN:-build/bin}  # or another build's, e.g. /build/bin in the Debian 13 chroot
work=$(mktemp -d /tmp/chattrain-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
$bin/chattrain project init "$work/p" > /dev/null
$bin/chattrain -p "$work/p" data import --embedded > /dev/null
$bin/chattrain -p "$work/p" tokenizer train --vocab-size 6000 > /dev/null 2>&1
shards="$work/p/data/tang-poems/tokens"
printf '%-8s %6s %5s %11s %14s %14s %8s %12s %12s\n' preset batch seq parameters "engine tok/s" "python tok/s" ratio "engine MB" "python MB"
for preset in demo small; do
  batch=$([ "$preset" = small ] && echo 8 || echo 32)
  engine=$($bin/bench_pretrain "$work/p" $preset $((steps + 1)) $batch "$work/$preset.json")
  reference=$(/usr/bin/python3 bench/reference_pretrain.py "$work/$preset.json" "$shards" $steps)
  /usr/bin/python3 - "$engine" "$reference" <<'PY'
import json, sys
e, r = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"{e['preset']:<8} {e['batch']:>6} {e['seq']:>5} {e['parameters']:>11} {e['tokens_per_s']:>14.0f} {r['tokens_per_s']:>14.0f}"
      f" {e['tokens_per_s'] / r['tokens_per_s']:>7.2f}x {e['peak_rss_mb']:>12.0f} {r['peak_rss_mb']:>12.0f}")
PY
done
