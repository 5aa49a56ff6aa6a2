#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Small-request cost of two builds of Corral side by side (not a test): the same fake Ollama, one
# server configured, `wrk` on GET /ollama/api/version with 1 and 32 connections, the two builds
# taking turns in each of BENCH_ROUNDS rounds (default 5). Prints each round and the medians.
# Optionally (BENCH_CALLGRIND=1) the instructions per request of each under callgrind.
#
# Usage: bench/abcompare.sh BEFORE_BUILD_DIR AFTER_BUILD_DIR   (both with src/app/corral built)
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1
after=$2
duration=${BENCH_SECONDS:-3}
rounds=${BENCH_ROUNDS:-5}
fake_build=${FAKE_BUILD:-$after}
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
wait_for() { for _ in $(seq 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done; cat "$1"* >&2; return 1; }
start() { # start NAME COMMAND...: sets started_port
    local name=$1
    shift
    "$@" >"$work/$name.out" 2>"$work/$name.err" &
    pids+=($!)
    wait_for "$work/$name.out" "127.0.0.1:[0-9]"
    started_port=$(grep -o '127.0.0.1:[0-9]*' "$work/$name.out" | head -1 | cut -d: -f2)
}
token=abcompare-bench-token-$(date +%s%N)
start fake "$fake_build/tests/support/corral-fake-ollama" --port 0
fake_port=$started_port
declare -A port
for which in before after; do
    dir=${!which}
    start "$which" env CORRAL_TOKEN="$token" "$dir/src/app/corral" --headless --port 0 --data-dir "$work/$which" \
        --ollama-url "http://127.0.0.1:$fake_port"
    port[$which]=$started_port
done
declare -A results
for round in $(seq "$rounds"); do
    order="before after"
    [ $((round % 2)) -eq 0 ] && order="after before"
    for conns in 1 32; do
        for which in $order; do
            rps=$(wrk -t1 -c"$conns" -d"${duration}s" -H "Authorization: Bearer $token" \
                "http://127.0.0.1:${port[$which]}/ollama/api/version" | awk '/Requests\/sec/ {print $2}')
            results[$which-$conns]+="$rps "
            echo "round $round, $conns conn, $which: $rps req/s"
        done
    done
done
# Instructions per request under callgrind: after a warm-up, two wrk runs (3 s and 6 s, each on
# 32 new connections), each counted on its own; the difference of instructions over the
# difference of requests leaves out what does not grow with requests (opening connections).
if [ "${BENCH_CALLGRIND:-1}" = 1 ]; then
    for which in before after; do
        dir=${!which}
        cg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
        env CORRAL_TOKEN="$token" valgrind --tool=callgrind --callgrind-out-file="$work/cg.$which" \
            "$dir/src/app/corral" --headless --port "$cg_port" --data-dir "$work/cg-$which" \
            --ollama-url "http://127.0.0.1:$fake_port" >"$work/cg-$which.out" 2>&1 &
        cg_pid=$!
        pids+=($cg_pid)
        wait_for "$work/cg-$which.out" "Corral is serving"
        load() { wrk -t1 -c32 -d"$1"s -H "Authorization: Bearer $token" "http://127.0.0.1:$cg_port/ollama/api/version" \
            | awk '/requests in/ {print $1}'; }
        load 3 >/dev/null
        callgrind_control -z "$cg_pid" >/dev/null
        short=$(load 3)
        callgrind_control -d "$cg_pid" >/dev/null
        callgrind_control -z "$cg_pid" >/dev/null
        long=$(load 6)
        callgrind_control -d "$cg_pid" >/dev/null
        sleep 1
        kill "$cg_pid"
        wait "$cg_pid" 2>/dev/null || true
        total() { callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'; }
        ir_short=$(total "$work/cg.$which.1")
        ir_long=$(total "$work/cg.$which.2")
        echo "callgrind $which: $short requests $ir_short instructions, $long requests $ir_long instructions;" \
            "$(( (ir_long - ir_short) / (long - short) )) per request"
    done
fi
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
for conns in 1 32; do
    [ "$rounds" -gt 0 ] || break
    b=$(echo "${results[before-$conns]}" | median)
    a=$(echo "${results[after-$conns]}" | median)
    echo "median $conns conn: before $b req/s, after $a req/s, after/before $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a/b}')"
done
