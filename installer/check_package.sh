#!/usr/bin/env bash
# Builds the DEB and TGZ from a build folder and checks them as a user would meet them: the files are
# there (binaries, the SentencePiece bridge, desktop entry, icon, metainfo, translations), the package
# declares its runtime dependencies, the desktop entry and metainfo validate, and the binaries run from
# the unpacked package (so the bridge is found in the installed layout, not only in the build tree).
# Usage: installer/check_package.sh BUILD_DIR. Changes nothing outside BUILD_DIR and a temporary folder.
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cd "$build"
rm -f chattrain-studio_*.deb chattrain-studio-*.tar.gz
cpack -G "DEB;TGZ" > "$work/cpack.log" 2>&1 || { cat "$work/cpack.log"; fail "cpack"; }
deb=$(ls chattrain-studio_*.deb)
tgz=$(ls chattrain-studio-*.tar.gz)
echo "built $deb ($(du -h "$deb" | cut -f1)) and $tgz"

libdir=$(grep -m1 '^CMAKE_INSTALL_LIBDIR:' CMakeCache.txt | cut -d= -f2)
expected=(
  usr/bin/chattrain usr/bin/chattrain-studio "usr/$libdir/chattrain/libchattrain_spm_bridge.so"
  usr/share/applications/io.github.chattrain.studio.desktop usr/share/metainfo/io.github.chattrain.studio.metainfo.xml
  usr/share/icons/hicolor/scalable/apps/io.github.chattrain.studio.svg
  usr/share/chattrain-studio/translations/chattrain_zh_CN.qm usr/share/chattrain-studio/translations/chattrain_en.qm
)
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./##' > "$work/deb-files"
tar tzf "$tgz" | sed 's#^[^/]*/##' > "$work/tgz-files"
for f in "${expected[@]}"; do
  grep -qx "$f" "$work/deb-files" || fail "$deb lacks $f"
  grep -qx "${f#usr/}" "$work/tgz-files" || fail "$tgz lacks ${f#usr/}"
done

depends=$(dpkg-deb -f "$deb" Depends)
for d in libopenblas0-pthread libtorch libqt6widgets6 libsqlite3 libsentencepiece libqt6svg6 fonts-wqy-microhei; do
  grep -q "$d" <<< "$depends" || fail "$deb does not depend on $d (Depends: $depends)"
done

dpkg-deb -x "$deb" "$work/root"
desktop-file-validate "$work/root/usr/share/applications/io.github.chattrain.studio.desktop" || fail "desktop entry"
appstreamcli validate --no-net "$work/root/usr/share/metainfo/io.github.chattrain.studio.metainfo.xml" > "$work/appstream.log" 2>&1 ||
  { cat "$work/appstream.log"; fail "metainfo"; }
test -s "$work/root/usr/share/chattrain-studio/translations/chattrain_zh_CN.qm" || fail "empty zh_CN translation"

# The unpacked binaries: the CLI trains the tiny demo end to end; the studio opens it and saves a screenshot.
"$work/root/usr/bin/chattrain" demo --tiny --folder "$work/demo" > "$work/demo.log" 2>&1 || { tail -20 "$work/demo.log"; fail "chattrain demo from the package"; }
test -s "$work/demo/reports/report.md" || fail "the packaged CLI wrote no report"
"$work/root/usr/bin/chattrain" -p "$work/demo" export gguf -o "$work/demo.gguf" > /dev/null || fail "export from the package"
QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" LANG=zh_CN.UTF-8 \
  timeout 120 "$work/root/usr/bin/chattrain-studio" "$work/demo" --page 9 --screenshot "$work/studio.png" > "$work/studio.log" 2>&1 ||
  { cat "$work/studio.log"; fail "chattrain-studio from the package"; }
test -s "$work/studio.png" || fail "the packaged studio saved no screenshot"
mkdir "$work/unpacked" && tar xzf "$tgz" -C "$work/unpacked"
"$work"/unpacked/*/bin/chattrain -p "$work/demo" tokenizer encode "春眠不觉晓" | grep -q "春" || fail "the CLI from $tgz"
echo "package checks passed: ${#expected[@]} files in both packages, dependencies declared, both binaries run from the package"
