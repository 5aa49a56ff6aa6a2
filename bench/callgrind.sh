#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Instructions in Corral's process per proxied request and per streamed token (callgrind), for
# two builds side by side (not a test). Instruction counts do not depend on the machine's load,
# so this compares builds on a busy machine where wall-clock figures would measure the load.
#   small:  GET /ollama/api/version with the owner token, User-Agent and Accept on one kept-alive
#           connection; the difference between 1,200 and 200 requests, per request
#   stream: /ollama/api/generate streams of 200 tokens without delay (bench/streamload); the
#           difference between 120 and 20 streams, per token
# Usage: bench/callgrind.sh CORRAL_BEFORE CORRAL_AFTER [BUILD_DIR]   (BUILD_DIR holds the fake
# Ollama and streamload; default build)
set -euo pipefail
cd "$(dirname "$0")/.."
before=$1 after=$2 build=${3:-build}
fake="$build/tests/support/corral-fake-ollama"
streamload="$build/bench/streamload"
token=bench-token-0123456789abcdefghijklmnopqrstuvwxyz

# run CORRAL MODE COUNT: prints the instructions of one run
run() {
    local bin=$1 mode=$2 count=$3 work fpid cpid port fport
    work=$(mktemp -d)
    "$fake" --port 0 --tokens 200 --token-delay-ms 0 >"$work/fake.out" 2>&1 &
    fpid=$!
    for _ in $(seq 100); do grep -q "127.0.0.1:[0-9]" "$work/fake.out" && break; sleep 0.1; done
    fport=$(grep -o '127.0.0.1:[0-9]*' "$work/fake.out" | head -1 | cut -d: -f2)
    CORRAL_TOKEN=$token valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" --headless --port 0 \
        --data-dir "$work/data" --ollama-url "http://127.0.0.1:$fport" >"$work/corral.out" 2>"$work/corral.err" &
    cpid=$!
    for _ in $(seq 900); do grep -q "serving on" "$work/corral.out" && break; sleep 0.1; done
    port=$(grep -o '127.0.0.1:[0-9]*' "$work/corral.out" | head -1 | cut -d: -f2)
    if [ "$mode" = small ]; then
        python3 - "$port" "$count" "$token" <<'PY'
import http.client, sys
port, n, token = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
c = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    c.request("GET", "/ollama/api/version", headers={"Authorization": "Bearer " + token, "User-Agent": "bench/1", "Accept": "application/json"})
    r = c.getresponse(); r.read()
    assert r.status == 200, r.status
PY
    else
        "$streamload" --port "$port" --path /ollama/api/generate --streams "$count" --header "Authorization: Bearer $token" >/dev/null
    fi
    kill -TERM "$cpid"; wait "$cpid" || true
    kill "$fpid" || true
    grep -o "summary: [0-9]*" "$work/cg.out" | cut -d' ' -f2
    rm -rf "$work"
}

for bin in "$before" "$after"; do
    small=$(( ($(run "$bin" small 1200) - $(run "$bin" small 200)) / 1000 ))
    stream=$(( ($(run "$bin" stream 120) - $(run "$bin" stream 20)) / (100 * 201) ))
    echo "$bin: $small instructions per small request, $stream per streamed token"
done
