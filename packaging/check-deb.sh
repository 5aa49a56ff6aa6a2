#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the .deb from a build directory, checks what it holds, extracts it into a temporary
# root and runs the packaged corral from there: --version, then a headless start and SIGTERM.
# Usage: packaging/check-deb.sh BUILD_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
pid=

(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/corral_*.deb)
echo "built $(basename "$deb")"

contents=$(dpkg-deb -c "$deb")
for path in ./usr/bin/corral \
            ./usr/share/applications/io.github.corral_app.Corral.desktop \
            ./usr/share/metainfo/io.github.corral_app.Corral.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/io.github.corral_app.Corral.svg \
            ./usr/share/icons/hicolor/48x48/apps/io.github.corral_app.Corral.png \
            ./usr/lib/systemd/user/corral.service; do
    grep -q " $path\$" <<<"$contents" || { echo "FAIL: $path missing from the package"; exit 1; }
done
depends=$(dpkg-deb -f "$deb" Depends)
for dependency in libqt6core6 libqt6network6 libqt6httpserver6 libqt6widgets6 libqt6sql6-sqlite libqt6svg6; do
    grep -q "$dependency" <<<"$depends" || { echo "FAIL: Depends lacks $dependency: $depends"; exit 1; }
done
grep -q "ExecStart=/usr/bin/corral --headless" <(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/lib/systemd/user/corral.service)

dpkg-deb -x "$deb" "$work/root"
"$work/root/usr/bin/corral" --version | grep -q '^Corral ' || { echo "FAIL: corral --version"; exit 1; }
"$work/root/usr/bin/corral" --headless --port 0 --data-dir "$work/data" --ollama-url http://127.0.0.1:9 >"$work/out.txt" 2>&1 &
pid=$!
for _ in $(seq 200); do grep -q "Corral is serving on" "$work/out.txt" && break; sleep 0.1; done
grep -q "Corral is serving on" "$work/out.txt" || { echo "FAIL: the packaged corral did not start"; cat "$work/out.txt"; exit 1; }
kill -TERM "$pid"
wait "$pid" || { echo "FAIL: the packaged corral did not exit cleanly"; exit 1; }
pid=
echo "PASS: package contents, dependencies, --version and a headless start from the package"
