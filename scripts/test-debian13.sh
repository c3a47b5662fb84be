#!/usr/bin/env bash
# Builds the whole project (studio included) and runs the whole test suite inside a Debian 13 "trixie"
# chroot: LibTorch 2.6, Qt 6.8 and SentencePiece 0.2.0, so every LibTorch >= 2.0 code path runs in tests
# on the CPU. As root. The chroot is kept outside the clone (CHATTRAIN_DEBIAN13_ROOT, default
# /var/cache/chattrain/trixie) and made when missing (debootstrap, ~4 min; packages ~2 min); the build
# goes to /build inside it, so a second run rebuilds only what changed.
#   bash scripts/test-debian13.sh [ctest arguments]
#   bash scripts/test-debian13.sh --run 'COMMAND'   (set up and configure, then COMMAND in /src instead of the suite,
#                                                  e.g. a benchmark: --run 'cmake --build /build --target bench_pretrain && …')
set -euo pipefail
run_instead=""
if [ "${1:-}" = --run ]; then run_instead=$2; shift 2; fi
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "error: $0 makes and enters a chroot: run it as root" >&2; exit 1; }

root=${CHATTRAIN_DEBIAN13_ROOT:-/var/cache/chattrain/trixie}
mirror=${CHATTRAIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ ! -f "$root/.chattrain-base" ]; then
  command -v debootstrap > /dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap
  echo "Making a Debian 13 chroot in $root (debootstrap, a few minutes)"
  rm -rf "$root.partial"
  mkdir -p "$(dirname "$root")"
  debootstrap --variant=minbase --components=main,contrib,non-free trixie "$root.partial" "$mirror" > "$root.log" 2>&1 ||
    { tail -20 "$root.log" >&2; echo "error: debootstrap failed (whole log: $root.log)" >&2; exit 1; }
  touch "$root.partial/.chattrain-base"
  rm -rf "$root"
  mv "$root.partial" "$root"
fi

# The clone at /src, the kernel's file systems, and name resolution for apt; all undone on exit.
mounts=()
bind() {  # bind SOURCE TARGET-INSIDE [options]
  mkdir -p "$root$2"
  mount --bind "$1" "$root$2"
  mounts=("$root$2" "${mounts[@]}")
}
cleanup() { for m in "${mounts[@]}"; do umount -l "$m" 2> /dev/null || true; done; }
trap cleanup EXIT
trap 'cleanup; exit 143' INT TERM
bind "$PWD" /src
bind /proc /proc
bind /dev /dev
bind /dev/pts /dev/pts
bind /sys /sys
cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2> /dev/null || true

# Inside: the same setup script a user runs, then build and test exactly as scripts/test.sh does.
gui=${CHATTRAIN_GUI:-ON}
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 ${CI:+CI=$CI} RUN_INSTEAD="$run_instead" \
  bash -c 'set -euo pipefail
    cd /src
    bash scripts/setup.sh
    cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCHATTRAIN_GUI='"$gui"' -DCHATTRAIN_TESTS=ON -DCHATTRAIN_BENCH=ON > /build-configure.log ||
      { cat /build-configure.log; exit 1; }
    if [ -n "$RUN_INSTEAD" ]; then eval "$RUN_INSTEAD"; exit; fi
    cmake --build /build --parallel "$(nproc)"
    echo "Debian 13: $(dpkg-query -W -f="libtorch-dev \${Version}, " libtorch-dev)$(dpkg-query -W -f="Qt \${Version}, " qt6-base-dev)$(dpkg-query -W -f="SentencePiece \${Version}" libsentencepiece-dev)"
    cd /build
    QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 600 "$@"' debian13 "$@"
