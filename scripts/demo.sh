#!/usr/bin/env bash
# Sets up, builds and runs the demo: a small GPT pretrained on the embedded Tang poems, then a poem.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
exec build/app/chattrain demo "$@"
