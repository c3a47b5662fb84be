#!/usr/bin/env bash
# Configures and builds into ./build (Release). Extra arguments go to CMake's configure step.
set -euo pipefail
cd "$(dirname "$0")/.."
gui=${CHATTRAIN_GUI:-ON}   # CHATTRAIN_GUI=OFF builds engine, CLI and their tests only
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHATTRAIN_GUI=$gui "$@"
cmake --build build --parallel "$(nproc)"
