#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# What the end-to-end scripts share: a work directory, background programs that are stopped at
# exit, check() and start_and_wait(). Sourcing it sets $work and the EXIT trap.

work=$(mktemp -d)
pids=()
passed=0
failed=0

cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

check() { # check NAME CONDITION...
    local name=$1; shift
    if "$@"; then
        echo "PASS: $name"; passed=$((passed + 1))
    else
        echo "FAIL: $name"; failed=$((failed + 1))
    fi
}

# Starts a program in the background and waits (up to 30 s) for its "listening" line.
# start_and_wait OUTFILE PATTERN COMMAND... ; sets $started_pid
start_and_wait() {
    local out=$1 pattern=$2; shift 2
    "$@" >"$out" 2>"$out.err" &
    started_pid=$!
    pids+=("$started_pid")
    for _ in $(seq 300); do
        grep -q "$pattern" "$out" 2>/dev/null && return 0
        kill -0 "$started_pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

