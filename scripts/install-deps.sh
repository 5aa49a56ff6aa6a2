#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what Corral needs to build, run and test on Debian 12, from Debian's own packages.
# Safe to run again: packages already present are skipped quickly.
set -euo pipefail

packages=(
    # build
    cmake ninja-build g++ ccache pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6sql6-sqlite qt6-qpa-plugins libqt6svg6 qt6-translations-l10n libgl-dev
    libjs-highlight.js  # built into the browser page's resources
    libpoppler-qt6-dev  # the text of attached PDFs
    libsource-highlight-dev  # syntax highlighting in the window's code blocks
    # tests: end-to-end clients (python3: the raw-socket abuse clients), a display for widget screenshots, the browser page, packaging validators
    curl jq openssl python3 xvfb xauth chromium chromium-driver desktop-file-utils appstream dpkg-dev file
    # the request framer's fuzz target (fuzz/run.sh): clang with libFuzzer
    clang-14 libclang-rt-14-dev
    # benchmarks
    nginx-light wrk
)

# The machine image may bring its own Node.js; only fall back to Debian's when there is none.
if ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]})); then
    echo "Installing: ${missing[*]}"
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo=sudo; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
