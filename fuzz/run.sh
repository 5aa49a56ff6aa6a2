#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the RequestFramer fuzz target in build-fuzz/ and runs it for [seconds] (default 60) on a
# copy of fuzz/corpus (the committed corpus is never written). Fails on a crash, a leak, a
# sanitizer report or a disagreement with the reference reading; the failing input is kept in
# build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build=build-fuzz

cmake -S fuzz -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" >/dev/null

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp fuzz/corpus/* "$work"/
mkdir -p "$build/artifacts"
log="$build/fuzz.log"
status=0
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    "$build/fuzz_requestframer" -max_total_time="$seconds" -print_final_stats=1 -max_len=8192 -timeout=10 \
    -artifact_prefix="$build/artifacts/" "$work" >"$log" 2>&1 || status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
if [ "$status" != 0 ]; then
    tail -n 40 "$log"
    echo "fuzz_requestframer FAILED after ${runs:-?} executions (exit $status); input in $build/artifacts/"
    exit 1
fi
echo "fuzz_requestframer: ${runs:-?} executions in ${seconds} s, no crash, leak or disagreement"
