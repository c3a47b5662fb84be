#!/usr/bin/env bash
# Sets up, builds and launches ChatTrain Studio on the demo project (the embedded Tang poems).
# Without a display (a server, an SSH session) it runs the terminal demo instead: the whole recipe
# headless (chattrain demo, ~17 min). Arguments go to the studio (a project folder) or the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh -DCHATTRAIN_TESTS=OFF -DCHATTRAIN_BENCH=OFF  # the quickest way to the demo
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/chattrain-studio "$@"
fi
echo "No display found: running the whole recipe in the terminal (build/bin/chattrain demo; Ctrl+C stops, run again to continue)."
exec build/bin/chattrain demo "$@"
