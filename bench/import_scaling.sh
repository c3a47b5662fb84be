#!/usr/bin/env bash
# Hostile inputs against time and memory (issue 21.8, 21.9): each case at size n and 2n in one go, with
# the seconds above the CLI's own start-up (a one-record file) and the peak memory. Linear work reads a
# ratio near 2 (quadratic: 4); memory is given per byte of the record.
#   bash bench/import_scaling.sh [build folder]      (default: build)
set -euo pipefail
cli=$(realpath "${1:-build}")/bin/chattrain
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

measure() {  # measure LABEL command…: prints seconds and peak kB
  /usr/bin/time -f "%e %M" -o time.txt "$@" > /dev/null 2> err.txt || { echo "$1 failed:"; cat err.txt; exit 1; }
  cat time.txt
}

python3 - <<'PY'
import json
def hh(n, name):
    t = "".join(f"\n\nHuman: question {i}?\n\nAssistant: answer {i}." for i in range(n))
    open(name, "w").write(json.dumps({"chosen": t + "\n\nHuman: last?\n\nAssistant: good",
                                      "rejected": t + "\n\nHuman: last?\n\nAssistant: bad"}) + "\n")
def same_prompt(n, name):
    with open(name, "w") as f:
        for i in range(n):
            f.write(json.dumps({"prompt": "Same prompt", "answers": [f"a{i}", f"b{i}"], "ranks": [1, 2], "annotator": "ann"}) + "\n")
def repeated_lines(n, name):
    open(name, "w").write(("x" * 20000 + " the same long prompt\n") * n)
def long_dialogue(mb, name):
    s = "床前明月光疑是地上霜" * (mb * 1024 * 1024 // 30)
    open(name, "w").write(json.dumps({"messages": [{"role": "user", "content": "Say it."}, {"role": "assistant", "content": s}]},
                                     ensure_ascii=False) + "\n")
hh(1, "hh-1.jsonl"); hh(16000, "hh-n.jsonl"); hh(32000, "hh-2n.jsonl")
same_prompt(1, "rank-1.jsonl"); same_prompt(5000, "rank-n.jsonl"); same_prompt(10000, "rank-2n.jsonl")
repeated_lines(1, "lines-1.txt"); repeated_lines(5000, "lines-n.txt"); repeated_lines(10000, "lines-2n.txt")
long_dialogue(1, "long-1.jsonl"); long_dialogue(2, "long-n.jsonl"); long_dialogue(4, "long-2n.jsonl")
PY

"$cli" project init p > /dev/null
"$cli" -p p data import --embedded > /dev/null
"$cli" -p p tokenizer train --vocab-size 3000 --character-coverage 0.98 > /dev/null
"$cli" -p p pretrain --run tiny --max-steps 1 --set model.d_model=32 --set model.n_layers=1 --set model.context_length=64 \
  --set batch_size=2 > /dev/null

printf '%-44s %9s %9s %7s %12s\n' case "n: s" "2n: s" ratio "peak MB (2n)"
row() {  # row LABEL EXT COMMAND…  (the file name goes where FILE is)
  local label=$1 ext=$2
  shift 2
  local results=()
  for size in 1 n 2n; do
    local args=("${@//FILE/$label-$size.$ext}")
    args=("${args[@]//SET/$label-$size}")
    results+=("$(measure "${args[@]}")")
  done
  python3 - "$label" "${results[@]}" <<'PY'
import sys
label = sys.argv[1]
(t1, m1), (tn, mn), (t2n, m2n) = [tuple(float(x) for x in r.split()) for r in sys.argv[2:]]
a, b = max(tn - t1, 0.01), max(t2n - t1, 0.01)
print(f"{label:44s} {a:9.2f} {b:9.2f} {b / a:7.2f} {m2n / 1024:12.0f}")
PY
}
row hh jsonl "$cli" -p p rankings import FILE --prompts SET
row rank jsonl "$cli" -p p rankings import FILE --prompts SET
row lines txt "$cli" -p p prompts import FILE --prompts SET
row long jsonl "$cli" -p p sft --data FILE --max-steps 1 --run SET
echo "(hh: one HH-RLHF record of 16k/32k turns; rank: one prompt ranked 5k/10k times by one annotator;"
echo " lines: 5k/10k repeated 20 kB prompt lines; long: one dialogue of 2/4 MB without a space, fine-tuned 1 step)"
