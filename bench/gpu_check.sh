#!/usr/bin/env bash
# The GPU check, in one go (about 8 minutes on an H200-class machine; shared GPU.md):
#  1. builds core, the CLI and bench/ against the machine's own LibTorch (a PyTorch wheel's, or Debian's);
#  2. a smoke run of the engine on the device: pretraining steps, a resumed step, generation;
#  3. gpt2-small (sequence 1024, bf16) for a fixed number of steps, side by side in this run with Python
#     PyTorch eager and torch.compile on the same model, batch, sequence and optimizer: tokens/s, peak
#     memory of the process on the GPU (sampled with nvidia-smi, the same way for all three) and model
#     FLOPs utilisation against a bf16 matrix product measured here, as ratios.
#
#   bash bench/gpu_check.sh --gather-debs     here, once: the Debian packages a GPU machine lacks, into .gpu-debs/
#   bash bench/gpu_check.sh                   there (carry .gpu-debs): everything above on cuda
#   bash bench/gpu_check.sh --device cpu      anywhere: the same steps on the CPU with the demo preset
# Options: --steps N (timed steps, default 30), --batch B (default 16 on a GPU), --out DIR (logs).
# CHATTRAIN_BIN=build/bin uses binaries built already instead of building.
set -euo pipefail
cd "$(dirname "$0")/.."

device=cuda steps=30 batch="" out=${OUT:-/tmp/chattrain-gpu-check}
while [ $# -gt 0 ]; do
  case "$1" in
    --gather-debs)
      mkdir -p .gpu-debs && cd .gpu-debs
      apt-get download libsentencepiece-dev libsentencepiece0 nlohmann-json3-dev libsqlite3-dev libcli11-dev \
        libutf8proc-dev libutf8proc2
      grep -qx '/.gpu-debs/' ../.git/info/exclude 2> /dev/null || echo '/.gpu-debs/' >> ../.git/info/exclude
      echo "In .gpu-debs/ (carry it): $(ls | tr '\n' ' ')"
      exit 0 ;;
    --device) device=$2; shift ;;
    --steps) steps=$2; shift ;;
    --batch) batch=$2; shift ;;
    --out) out=$2; shift ;;
    *) echo "usage: $0 [--gather-debs] [--device cuda|cpu] [--steps N] [--batch B] [--out DIR]" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$out"
started=$(date +%s)
say() { printf '[%4ss] %s\n' $(($(date +%s) - started)) "$*"; }

# --- 1. Build against this machine's LibTorch. ---
python=$(command -v python3)
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import torch' 2> /dev/null && ! "$python" -c 'import torch' 2> /dev/null && python=/usr/bin/python3
prefix=""
if [ -d .gpu-debs ] && ls .gpu-debs/*.deb > /dev/null 2>&1; then
  deps=/opt/chattrain-deps
  mkdir -p $deps && for f in .gpu-debs/*.deb; do dpkg -x "$f" $deps; done
  prefix="$deps/usr;"
  export LD_LIBRARY_PATH=$deps/usr/lib/x86_64-linux-gnu:${LD_LIBRARY_PATH:-}
  export PKG_CONFIG_SYSROOT_DIR=$deps PKG_CONFIG_PATH=$deps/usr/lib/x86_64-linux-gnu/pkgconfig
fi
torch_prefix=$("$python" -c 'import torch; print(torch.utils.cmake_prefix_path)' 2> /dev/null || true)
build=${CHATTRAIN_GPU_BUILD:-/tmp/chattrain-gpu-build}
if [ -n "${CHATTRAIN_BIN:-}" ]; then  # binaries built already (e.g. build/bin after scripts/build.sh): no build here
  bin=$CHATTRAIN_BIN
else
  say "building core, CLI and bench/ in $build (LibTorch: ${torch_prefix:-the system one})"
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHATTRAIN_GUI=OFF -DCHATTRAIN_TESTS=OFF -DCHATTRAIN_BENCH=ON \
    "-DCMAKE_PREFIX_PATH=${prefix}${torch_prefix}" -DCMAKE_CUDA_ARCHITECTURES=90 > "$out/configure.log" 2>&1 ||
    { tail -30 "$out/configure.log"; exit 1; }
  cmake --build "$build" --parallel "$(nproc)" > "$out/build.log" 2>&1 || { grep -B2 -A8 -m3 'error' "$out/build.log"; exit 1; }
  bin=$build/bin
fi
"$bin/chattrain" --version | tee "$out/version.txt"

# --- 2. Smoke: train, resume, generate on the device. ---
work=$(mktemp -d /tmp/chattrain-gpu.XXXXXX)
trap 'rm -rf "$work"' EXIT
p=$work/p
"$bin/chattrain" project init "$p" > /dev/null
"$bin/chattrain" -p "$p" data import --embedded > /dev/null
"$bin/chattrain" -p "$p" tokenizer train --vocab-size 8000 > /dev/null 2>&1
say "smoke: 30 pretraining steps on $device, then resumed to 40, then generation"
"$bin/chattrain" -p "$p" pretrain --preset demo --max-steps 30 --device "$device" --run smoke --set checkpoint_interval=30 \
  > "$out/smoke.log" 2>&1 || { tail -20 "$out/smoke.log"; exit 1; }
"$bin/chattrain" -p "$p" pretrain --resume --run smoke --max-steps 40 --device "$device" >> "$out/smoke.log" 2>&1 ||
  { tail -20 "$out/smoke.log"; exit 1; }
"$bin/chattrain" -p "$p" generate --run smoke --prompt "春" --max-tokens 24 --device "$device" >> "$out/smoke.log" 2>&1 ||
  { tail -20 "$out/smoke.log"; exit 1; }
grep -E "loss|Finished|finished" "$out/smoke.log" | tail -3

# --- 3. Throughput side by side. ---
if [ "$device" = cuda ]; then preset=gpt2-small; batch=${batch:-16}; settings='{"device": "cuda", "seq_len": 1024, "precision": "bf16"}'
else preset=demo; batch=${batch:-32}; settings='{"device": "cpu"}'; fi
shards="$p/data/tang-poems/tokens"
peak=$("$python" - "$device" <<'PY'
import sys, time, torch
dev = sys.argv[1]
n, dtype = (8192, torch.bfloat16) if dev == "cuda" else (2048, torch.float32)
a, b = torch.randn(n, n, device=dev, dtype=dtype), torch.randn(n, n, device=dev, dtype=dtype)
for _ in range(3): a @ b
if dev == "cuda": torch.cuda.synchronize()
reps = 20 if dev == "cuda" else 5
t = time.perf_counter()
for _ in range(reps): a @ b
if dev == "cuda": torch.cuda.synchronize()
print(2 * n**3 * reps / (time.perf_counter() - t))
PY
)
say "peak of one $([ "$device" = cuda ] && echo 'bf16 8192³' || echo 'fp32 2048³') matrix product here: $(awk -v p="$peak" 'BEGIN{printf "%.1f TFLOP/s", p/1e12}')"

# Runs a command while sampling the GPU memory in use (MiB, the most seen); prints the command's last line, then the peak.
with_gpu_memory() {
  local log=$1; shift
  if [ "$device" = cuda ] && command -v nvidia-smi > /dev/null; then
    local base; base=$(nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i 0 | head -1)
    ( while :; do nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i 0; sleep 0.2; done ) > "$log.mem" 2> /dev/null &
    local sampler=$!
    "$@" > "$log" 2>&1 || { kill $sampler; tail -20 "$log" >&2; return 1; }
    kill $sampler
    tail -1 "$log"
    sort -n "$log.mem" | tail -1 | awk -v b="$base" '{print $1 - b}'
  else
    "$@" > "$log" 2>&1 || { tail -20 "$log" >&2; return 1; }
    tail -1 "$log"
    tail -1 "$log" | "$python" -c 'import json,sys; print(json.loads(sys.stdin.read())["peak_rss_mb"])'
  fi
}
say "$preset, batch $batch: the engine's memory estimate (what the studio shows before Start)"
estimate_args=(--preset $preset --batch-size "$batch" --device "$device")
[ "$device" = cuda ] && estimate_args+=(--set seq_len=1024 --set precision=bf16)
"$bin/chattrain" -p "$p" pretrain "${estimate_args[@]}" --estimate-memory | tee "$out/estimate.txt"
"$bin/chattrain" -p "$p" pretrain "${estimate_args[@]}" --set activation_checkpointing=true --estimate-memory | tee -a "$out/estimate.txt"
say "$preset, batch $batch, $steps timed steps: the engine"
engine=$(with_gpu_memory "$out/engine.log" "$bin/bench_pretrain" "$p" $preset $((steps + 3)) "$batch" "$work/config.json" "$settings")
say "the engine with activation checkpointing"
recomputed=$(with_gpu_memory "$out/engine-recompute.log" "$bin/bench_pretrain" "$p" $preset $((steps + 3)) "$batch" "$work/config-recompute.json" \
  "${settings%\}}, \"activation_checkpointing\": true}")
ref_args=(--device "$device"); [ "$device" = cuda ] && ref_args+=(--bf16)
say "the same in Python PyTorch, eager"
eager=$(with_gpu_memory "$out/eager.log" "$python" bench/reference_pretrain.py "$work/config.json" "$shards" $((steps + 2)) "${ref_args[@]}")
say "the same through torch.compile"
compiled=$(with_gpu_memory "$out/compile.log" "$python" bench/reference_pretrain.py "$work/config.json" "$shards" $((steps + 2)) "${ref_args[@]}" --compile) ||
  compiled='{"engine": "pytorch-compile", "tokens_per_s": 0}
0'

"$python" - "$peak" "$engine" "$recomputed" "$eager" "$compiled" <<'PY' | tee "$out/table.md"
import json, sys
peak = float(sys.argv[1])
rows = []
for name, text in zip(["chattrain", "chattrain, activations recomputed", "pytorch eager", "pytorch compile"], sys.argv[2:]):
    lines = text.strip().splitlines()
    row = json.loads(lines[0])
    row["engine"] = name
    rows.append((row, float(lines[1])))
engine = rows[0][0]
flops = engine["flops_per_token"]
print(f"\n{engine['preset']}, batch {engine['batch']} × sequence {engine['seq']}, {engine['parameters']:,} parameters; peak {peak/1e12:.1f} TFLOP/s measured here\n")
print("| engine | tokens/s | MFU | peak memory (MiB) | engine ÷ this |")
print("|---|---|---|---|---|")
for r, mem in rows:
    tps = r.get("tokens_per_s", 0)
    ratio = f"{engine['tokens_per_s'] / tps:.2f}×" if tps else "–"
    print(f"| {r['engine']} | {tps:,.0f} | {tps * flops / peak:.1%} | {mem:,.0f} | {ratio} |")
PY
say "done; logs in $out"
