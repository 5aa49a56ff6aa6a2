#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds Corral and runs the whole test suite twice: a normal build, then
# one with AddressSanitizer and UndefinedBehaviorSanitizer, where any report fails the run; then
# fuzzes the request framer (CORRAL_FUZZ_SECONDS, default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

# The browser tests drive Debian's Chromium with playwright-core from the npm registry.
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

jobs=$(nproc)
export QT_QPA_PLATFORM=offscreen
# Sanitizer reports are errors; leaks count too.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp:print_suppressions=0"

run_suite() {
    local dir=$1; shift
    echo "== Building in $dir"
    cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
    cmake --build "$dir" -j"$jobs"
    echo "== Testing in $dir"
    (cd "$dir" && ctest --output-on-failure -j"$jobs" --timeout 600)
}

run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
run_suite build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCORRAL_SANITIZE=ON

echo "== Fuzzing"
fuzz/run.sh "${CORRAL_FUZZ_SECONDS:-60}"
