#!/usr/bin/env bash
# Sets up, builds and runs the demo: a small GPT pretrained on the embedded Tang poems, then a poem.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DCHATTRAIN_TESTS=OFF -DCHATTRAIN_BENCH=OFF  # the quickest way to the demo
exec build/bin/chattrain demo "$@"
