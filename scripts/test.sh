#!/usr/bin/env bash
# Sets up, builds and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DCHATTRAIN_TESTS=ON -DCHATTRAIN_BENCH=ON
# Where setup could install the npm checks (llama.cpp, tokenizers), their tests must run, not skip.
[ -f tests/npm/node_modules/node-llama-cpp/package.json ] && export CHATTRAIN_REQUIRE_NPM_CHECKS=1
cd build
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 600 "$@"
