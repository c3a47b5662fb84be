#!/usr/bin/env bash
# Installs every Debian package ChatTrain Studio needs to build, test and run, on Debian 12 "bookworm"
# (LibTorch 1.13, CPU) or Debian 13 "trixie" (LibTorch 2.6; with an NVIDIA GPU, CUDA LibTorch from
# contrib when asked: CHATTRAIN_CUDA=1). Idempotent: when everything is already there it changes nothing
# and needs no network.
set -euo pipefail

codename=$( (. /etc/os-release && echo "${VERSION_CODENAME:-}") 2> /dev/null || true)
case "$codename" in
  bookworm) svg_plugin=libqt6svg6 ;;       # bookworm's libqt6svg6 carries the SVG image plugin itself
  trixie) svg_plugin=qt6-svg-plugins ;;    # trixie moved it into its own package
  *)
    echo "note: tested on Debian 12 (bookworm) and 13 (trixie), not on '${codename:-unknown}': trying Debian 13's package names" >&2
    svg_plugin=qt6-svg-plugins ;;
esac
sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"

# LibTorch: CPU from main, or on Debian 13 with an NVIDIA driver loaded, CUDA 12.4 from contrib.
torch=libtorch-dev
if [ "$codename" != bookworm ] && [ -e /proc/driver/nvidia/version ]; then
  if [ "${CHATTRAIN_CUDA:-}" = 1 ] || dpkg-query -W -f='${Status}' libtorch-cuda-dev 2> /dev/null | grep -q "install ok installed"; then
    torch=libtorch-cuda-dev
    if ! apt-cache policy libtorch-cuda-dev 2> /dev/null | grep -q "Candidate: [0-9]"; then
      echo "Enabling Debian's contrib and non-free sections (/etc/apt/sources.list.d/chattrain-cuda.sources):"
      echo "  libtorch-cuda-dev is in contrib, NCCL and the CUDA libraries in non-free."
      $sudo_cmd tee /etc/apt/sources.list.d/chattrain-cuda.sources > /dev/null <<SOURCES
Types: deb
URIs: ${CHATTRAIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
Suites: $codename $codename-updates
Components: contrib non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
      $sudo_cmd apt-get update -q
    fi
  else
    echo "note: an NVIDIA GPU is here. To train on it, run again with CHATTRAIN_CUDA=1: that enables Debian's" >&2
    echo "      contrib and non-free sections and installs libtorch-cuda-dev (CUDA 12.4) instead of libtorch-dev;" >&2
    echo "      its nvidia-cudnn package downloads cuDNN from NVIDIA while installing." >&2
  fi
fi

packages=(
  cmake ninja-build g++ pkg-config git
  "$torch"
  libgloo-dev                   # c10d's Gloo process group: training in several processes (its headers; LibTorch has it built in)
  libopenblas0-pthread          # LibTorch's CPU matmuls go through libblas.so.3: reference BLAS is ~20x slower
  libsentencepiece-dev
  nlohmann-json3-dev libsqlite3-dev libcli11-dev libutf8proc-dev
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqcustomplot-dev libqcustomplot2.1-qt6
  "$svg_plugin"                 # the SVG image plugin: the Report page draws its charts from SVG files
  fonts-wqy-microhei            # CJK glyphs: without a Chinese font the zh_CN interface and poems show boxes
  python3-torch python3-numpy   # the side-by-side reference in bench/ and the independent readers in tests
  python3-jinja2                # tests render the exported chat template as transformers does
  python3-crc32c                # tests check TensorBoard files with a CRC-32C that is not ours
  dpkg-dev file desktop-file-utils appstream  # the package test: dpkg-shlibdeps (which needs file), desktop entry and metainfo validators
)

# Debian 13's own Node.js is 20: the tests that run our exports in llama.cpp and Hugging Face's tokenizers
# need it (on Debian 12 it is 18, too old for node-llama-cpp; a newer one may be installed by hand).
[ "$codename" = bookworm ] || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo_cmd apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Make sure libblas.so.3 really resolves to OpenBLAS (another BLAS may have a higher priority).
blas=$(update-alternatives --query libblas.so.3-x86_64-linux-gnu 2>/dev/null | awk '/^Value:/{print $2}')
case "$blas" in
  *openblas*) ;;
  *) echo "warning: libblas.so.3 is '$blas', not OpenBLAS: CPU training will be slow" >&2 ;;
esac

# Other programs' own code for the export tests, from the npm registry (pinned in
# tests/npm/package-lock.json): llama.cpp (node-llama-cpp's prebuilt library for Linux x64) loads our
# GGUF files, and Hugging Face's tokenizers library reads our tokenizer.json. node-llama-cpp needs
# Node.js 20; Debian bookworm's own Node.js is 18, so without a newer one those tests say they are skipped.
llama_dir=tests/npm
if command -v node >/dev/null && command -v npm >/dev/null &&
   [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]; then
  if ! (cd "$llama_dir" && npm ls --omit=optional > /dev/null 2>&1); then  # missing, or not the pinned versions
    echo "Installing llama.cpp for Node.js and Hugging Face tokenizers into $llama_dir (npm)"
    (cd "$llama_dir" && npm ci --omit=optional --no-audit --no-fund --loglevel=error)
  fi
else
  echo "note: Node.js 20 or newer is not here: the tests that run exports in llama.cpp and tokenizers will be skipped" >&2
fi
