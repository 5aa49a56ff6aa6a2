#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end: SIGTERM to `corral --headless` while streams run on its server thread. Each client
# gets a last whole line and its connection closed, the process exits 0 within seconds with no
# sanitizer report, and removes its instance file.
# Usage: shutdown_test.sh CORRAL_BINARY FAKE_OLLAMA_BINARY
set -uo pipefail

corral=$1
fake=$2
# shellcheck source=e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"

start_and_wait "$work/fake.out" "Fake Ollama listening on" "$fake" --port 0 --tokens 3000 --token-delay-ms 20 \
    || { echo "FAIL: fake Ollama did not start"; exit 1; }
fake_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/fake.out")

export CORRAL_TOKEN=e2e-owner-token-0123456789abcdef
start_and_wait "$work/corral.out" "Corral is serving on" "$corral" --headless --port 0 \
    --data-dir "$work/data" --ollama-url "$fake_url" || { echo "FAIL: corral did not start"; cat "$work/corral.out.err"; exit 1; }
corral_pid=$started_pid
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/corral.out")
check "the instance file is written" test -f "$work/data/instance.json"

streams=4
curl_pids=()
for i in $(seq "$streams"); do
    curl -sN -H "Authorization: Bearer $CORRAL_TOKEN" \
        -d '{"model":"llama3.2:latest","messages":[{"role":"user","content":"hi"}]}' \
        "$base/ollama/api/chat" >"$work/stream$i.out" 2>/dev/null &
    pids+=("$!")
    curl_pids+=("$!")
done
# Wait until every stream has tokens.
for _ in $(seq 300); do
    ready=0
    for i in $(seq "$streams"); do
        [ "$(grep -c '"message"' "$work/stream$i.out" 2>/dev/null)" -ge 5 ] && ready=$((ready + 1))
    done
    [ "$ready" -eq "$streams" ] && break
    sleep 0.1
done
check "$streams streams in flight" test "$ready" -eq "$streams"

kill -TERM "$corral_pid"
exited=1
for _ in $(seq 100); do
    kill -0 "$corral_pid" 2>/dev/null || { exited=0; break; }
    sleep 0.1
done
check "corral exits within 10 s of SIGTERM" test "$exited" -eq 0
wait "$corral_pid"
code=$?
check "exit status 0 (was $code)" test "$code" -eq 0

for pid in "${curl_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
for i in $(seq "$streams"); do
    check "stream $i: the client's connection was closed" bash -c "! kill -0 ${curl_pids[$((i - 1))]} 2>/dev/null"
    last=$(tail -n1 "$work/stream$i.out")
    check "stream $i ends with a whole JSON line" python3 -c 'import json,sys; json.loads(sys.argv[1])' "$last"
    check "stream $i: the last line says the stream ended" grep -qE '"error"|"done":true' <<<"$last"
done
check "the instance file is removed" test ! -f "$work/data/instance.json"
check "no sanitizer report" bash -c "! grep -qE 'ERROR: (Address|Leak|Thread)Sanitizer|runtime error:' '$work/corral.out.err'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
