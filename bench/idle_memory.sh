#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Idle headless memory of one or more corral binaries, side by side: each is started ROUNDS
# times (default 5) against the fake Ollama with a fresh data directory, left idle for 2 s after
# its serving line, and its VmRSS and VmHWM read from /proc. Prints the median of each in MB
# (10^6 bytes) and the thread count.
# Usage: bench/idle_memory.sh FAKE_OLLAMA_BINARY CORRAL_BINARY...
set -uo pipefail
fake=$1; shift
rounds=${ROUNDS:-5}
work=$(mktemp -d)
trap 'kill $fake_pid 2>/dev/null; rm -rf "$work"' EXIT
"$fake" --port 0 >"$work/fake.out" 2>/dev/null &
fake_pid=$!
for _ in $(seq 100); do grep -q listening "$work/fake.out" && break; sleep 0.05; done
fake_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/fake.out")
kib() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for corral in "$@"; do
    : >"$work/rss"; : >"$work/hwm"; : >"$work/threads"
    for round in $(seq "$rounds"); do
        CORRAL_TOKEN=bench-idle-memory-token-0123456789 "$corral" --headless --port 0 \
            --data-dir "$work/data-$round-$RANDOM" --ollama-url "$fake_url" >"$work/corral.out" 2>/dev/null &
        pid=$!
        for _ in $(seq 100); do grep -q "serving on" "$work/corral.out" && break; sleep 0.05; done
        sleep 2
        kib "$pid" VmRSS >>"$work/rss"
        kib "$pid" VmHWM >>"$work/hwm"
        kib "$pid" Threads >>"$work/threads"
        kill -TERM "$pid"; wait "$pid" 2>/dev/null
    done
    printf '%s: idle VmRSS %.1f MB, VmHWM %.1f MB, %s threads (median of %s)\n' "$corral" \
        "$(echo "$(median <"$work/rss") * 1.024 / 1000" | bc -l)" "$(echo "$(median <"$work/hwm") * 1.024 / 1000" | bc -l)" \
        "$(median <"$work/threads")" "$rounds"
done
