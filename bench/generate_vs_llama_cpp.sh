#!/usr/bin/env bash
# Our decoding against llama.cpp's on the same weights, in one go: for the demo and small presets, a
# model pretrained a few steps on the embedded corpus is exported to GGUF (F32) and decoded greedily after
# the same 16 prompt tokens until the context is full, by bench_generate (our engine) and by
# bench/llama_cpp_generate.cpp (llama.cpp's C API, built here against the shared libraries that npm's
# node-llama-cpp ships in tests/npm, the headers taken from the llama.cpp source it bundles). Each with 1
# and 2 threads, best of 3; the ratio is our best over llama.cpp's best. Also says whether both chose the
# same tokens. llama.cpp run beside ours is the reference: the ratio holds across machines where absolute
# speeds do not.
#   bash bench/generate_vs_llama_cpp.sh [BUILD_DIR]      (needs scripts/setup.sh's npm install; ~3 minutes)
set -euo pipefail
build=$(realpath "${1:-build}")
root=$(cd "$(dirname "$0")/.." && pwd)
npm_dir=$root/tests/npm/node_modules
bins=$npm_dir/@node-llama-cpp/linux-x64/bins/linux-x64
bundle=$npm_dir/node-llama-cpp/llama/gitRelease.bundle
if [ ! -f "$bins/libllama.v0.4.0.so" ] || [ ! -f "$bundle" ]; then
  echo "llama.cpp's libraries are not in $npm_dir: run scripts/setup.sh where Node.js 20 is" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# llama.h and ggml's headers of the very release the libraries were built from.
git clone -q "$bundle" "$work/llama.cpp" 2>/dev/null
g++ -O2 -std=c++17 -I"$work/llama.cpp/include" -I"$work/llama.cpp/ggml/include" "$root/bench/llama_cpp_generate.cpp" \
  -o "$work/llama_cpp_generate" "$bins/libllama.v0.4.0.so" "$bins/libggml.v0.4.0.so" "$bins/libggml-base.so" -Wl,-rpath,"$bins"
export LLAMA_BACKEND_DIR=$bins

chattrain=$build/bin/chattrain
project=$work/bench.chattrain
"$chattrain" project init "$project" > /dev/null
"$chattrain" -p "$project" data import --embedded > /dev/null
"$chattrain" -p "$project" tokenizer train > /dev/null 2>&1
prompt=(2 10 47 84 121 158 195 232 269 306 343 380 417 454 491 528)

best_of() {  # the JSON lines' best tok_s
  python3 -c 'import json,sys; print(max(json.loads(l)["tok_s"] for l in sys.stdin if l.startswith("{")))'
}
same_tokens() {  # how many leading tokens two runs share
  python3 -c 'import json,sys; a,b=(json.loads(l)["tokens"] for l in sys.argv[1:3]); n=next((i for i,(x,y) in enumerate(zip(a,b)) if x!=y), min(len(a),len(b))); print(f"{n}/{len(a)}")' "$1" "$2"
}

printf '%-7s %9s %9s %9s %9s %7s %12s\n' preset "ours 1t" "ours 2t" "llama 1t" "llama 2t" ratio "same tokens"
for preset in demo small; do
  "$chattrain" -p "$project" pretrain --preset "$preset" --max-steps 30 --batch-size 4 --set eval_interval=0 --set sample_interval=0 \
    --run "$preset" > /dev/null
  checkpoint=$(ls -d "$project/runs/$preset"/step-* | tail -1)
  "$chattrain" -p "$project" export gguf --run "$preset" > /dev/null
  gguf=$(ls "$project"/exports/*"$preset"*.gguf 2>/dev/null | head -1)
  [ -n "$gguf" ] || gguf=$(ls -t "$project"/exports/*.gguf | head -1)
  ours1=$("$build/bin/bench_generate" --checkpoint "$checkpoint" --tokenizer "$project/tokenizer/tokenizer.model" --threads 1 "${prompt[@]}")
  ours2=$("$build/bin/bench_generate" --checkpoint "$checkpoint" --tokenizer "$project/tokenizer/tokenizer.model" --threads 2 "${prompt[@]}")
  new_tokens=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["new_tokens"])' "$ours1")
  llama1=$("$work/llama_cpp_generate" "$gguf" 1 "$new_tokens" "${prompt[@]}")
  llama2=$("$work/llama_cpp_generate" "$gguf" 2 "$new_tokens" "${prompt[@]}")
  ours=$(printf '%s\n%s\n' "$ours1" "$ours2" | best_of)
  theirs=$(printf '%s\n%s\n' "$llama1" "$llama2" | best_of)
  printf '%-7s %9.0f %9.0f %9.0f %9.0f %7.2f %12s\n' "$preset" \
    "$(echo "$ours1" | best_of)" "$(echo "$ours2" | best_of)" "$(echo "$llama1" | best_of)" "$(echo "$llama2" | best_of)" \
    "$(python3 -c "print($ours / $theirs)")" "$(same_tokens "$ours1" "$llama1")"
done
