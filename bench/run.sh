#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Corral's proxy benchmark (not a test). Measures, side by side in one run on one machine:
#   direct  - clients talk to the fake Ollama (a fast upstream) directly
#   nginx   - through nginx with proxy_buffering off (Debian's nginx-light)
#   corral  - through `corral --headless` /ollama
# small requests: wrk on GET /api/version with 1 and 32 connections (req/s, p50, p99)
# streaming: 50 concurrent /api/generate streams of 2,000 tokens with no delay (tokens/s, TTFB)
# and prints the ratios Corral/direct and Corral/nginx. The three targets take turns within each
# of BENCH_ROUNDS rounds (default 5, in a rotating order). Every figure is the median over the
# rounds, and every ratio is the median of the ratios taken within each round (the targets
# measured back to back), so a burst of load on a shared machine does not land on one target only.
# Streaming runs BENCH_STREAM_REPEATS (default 3) back-to-back triples per round, since one run is
# short and scatters widely. nginx/direct is printed too: what a C proxy achieves on the machine.
# Last, the 32-connection pair is measured again with the processes pinned to cores in each of
# the three ways two cores can hold them (BENCH_PLACEMENT=0 skips it; BENCH_PLACEMENT_ROUNDS
# pairs each, default 3), since where the kernel puts them decides much of that result.
# Then memory: a fresh Corral's resident size idle, and its peak with 100 concurrent streams
# (BENCH_MEMORY=0 skips it). Last, the window (BENCH_WINDOW=0 skips it): bench_startup (window
# shown and chat list painted over 10,000 chats x 20 messages, and the idle resident size of
# `corral --headless` over that history) and bench_stall (the largest gap in another client's
# proxied stream while the window and the page's searches work).
#
# Usage: bench/run.sh [BUILD_DIR]   (default: build; builds what it needs)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
duration=${BENCH_SECONDS:-5}
rounds=${BENCH_ROUNDS:-5}
stream_repeats=${BENCH_STREAM_REPEATS:-3}
placement_rounds=${BENCH_PLACEMENT_ROUNDS:-3}
scripts/install-deps.sh
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" --target corral corral-fake-ollama streamload bench_startup bench_stall >/dev/null

work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

wait_for() { # wait_for FILE PATTERN
    for _ in $(seq 300); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "timed out waiting for '$2' in $1" >&2; cat "$1" "$1.err" >&2 || true; return 1
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

token=bench-token-$(date +%s%N)

# start NAME COMMAND...: starts a server that prints its 127.0.0.1 address once it listens;
# sets started_pid and started_port.
start() {
    local name=$1
    shift
    "$@" >"$work/$name.out" 2>"$work/$name.out.err" &
    started_pid=$!
    pids+=($started_pid)
    wait_for "$work/$name.out" "127.0.0.1:[0-9]"
    started_port=$(grep -o '127.0.0.1:[0-9]*' "$work/$name.out" | head -1 | cut -d: -f2)
}
start_corral() { # start_corral NAME OLLAMA_PORT
    start "$1" env CORRAL_TOKEN="$token" "$build/src/app/corral" --headless --port 0 --data-dir "$work/$1" \
        --ollama-url "http://127.0.0.1:$2"
}

start fake "$build/tests/support/corral-fake-ollama" --port 0 --tokens 2000 --token-delay-ms 0
fake_pid=$started_pid
fake_port=$started_port

nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1;
error_log $work/nginx/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx; proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx; uwsgi_temp_path $work/nginx; scgi_temp_path $work/nginx;
    upstream ollama { server 127.0.0.1:$fake_port; keepalive 64; }
    server {
        listen 127.0.0.1:$nginx_port;
        location / {
            proxy_pass http://ollama;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_buffering off;
        }
    }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
pids+=($nginx_pid)
for _ in $(seq 100); do curl -s "http://127.0.0.1:$nginx_port/api/version" >/dev/null && break; sleep 0.1; done

start_corral corral "$fake_port"
corral_pid=$started_pid
corral_port=$started_port
auth="Authorization: Bearer $token"

declare -A url=(
    [direct]="http://127.0.0.1:$fake_port/api/version"
    [nginx]="http://127.0.0.1:$nginx_port/api/version"
    [corral]="http://127.0.0.1:$corral_port/ollama/api/version"
)
declare -A port=([direct]=$fake_port [nginx]=$nginx_port [corral]=$corral_port)
declare -A path=([direct]=/api/generate [nginx]=/api/generate [corral]=/ollama/api/generate)

# wrk's latency is reported with units; normalise to milliseconds.
to_ms() { awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; printf "%.3f", v}'; }

median() { python3 -c 'import statistics,sys; print(statistics.median(float(v) for v in sys.argv[1:]))' "$@"; }

declare -A rps p50 p99 tps ttfb
orders=("direct nginx corral" "corral direct nginx" "nginx corral direct")
for round in $(seq "$rounds"); do
    # Each round starts with another target, so slow drift in the machine or the upstream does
    # not always fall on the same one.
    order=${orders[$(( (round - 1) % 3 ))]}
    for conns in 1 32; do
        for target in $order; do
            out=$(wrk -t1 -c"$conns" -d"${duration}s" --latency -H "$auth" "${url[$target]}")
            rps[$target,$conns]+=" $(awk '/Requests\/sec/ {print $2}' <<<"$out")"
            p50[$target,$conns]+=" $(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)"
            p99[$target,$conns]+=" $(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)"
        done
    done
    # One streaming run lasts about a second, and single runs scatter widely on two cores (the
    # fake, the client and the proxy compete for them): take several back-to-back triples.
    for _ in $(seq "$stream_repeats"); do
        for target in $order; do
            json=$("$build/bench/streamload" --port "${port[$target]}" --path "${path[$target]}" --streams 50 --header "$auth")
            tps[$target]+=" $(python3 -c 'import json,sys; print("%.0f" % json.loads(sys.argv[1])["tokens_per_second"])' "$json")"
            ttfb[$target]+=" $(python3 -c 'import json,sys; print("%.2f" % json.loads(sys.argv[1])["ttfb_ms_p50"])' "$json")"
            tokens=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["tokens"])' "$json")
            [ "$tokens" -ge 100000 ] || echo "warning: $target delivered only $tokens of 100000 tokens" >&2
        done
    done
done
declare -A rps_all tps_all
for key in "${!rps[@]}"; do echo "req/s $key:${rps[$key]}" >&2; rps_all[$key]=${rps[$key]}; rps[$key]=$(median ${rps[$key]}); done
for key in "${!p50[@]}"; do p50[$key]=$(median ${p50[$key]}); done
for key in "${!p99[@]}"; do p99[$key]=$(median ${p99[$key]}); done
for key in "${!tps[@]}"; do echo "tokens/s $key:${tps[$key]}" >&2; tps_all[$key]=${tps[$key]}; tps[$key]=$(median ${tps[$key]}); done
for key in "${!ttfb[@]}"; do ttfb[$key]=$(median ${ttfb[$key]}); done

ratio() { python3 -c "import statistics,sys; a=sys.argv[1].split(); b=sys.argv[2].split(); print('%.2f' % statistics.median(float(x)/float(y) for x,y in zip(a,b)))" "$1" "$2"; }
# rounds "A1 A2 ..." "B1 B2 ...": the per-round ratios, for the record.
rounds_of() { python3 -c "import sys; a=sys.argv[1].split(); b=sys.argv[2].split(); print(', '.join('%.2f' % (float(x)/float(y)) for x,y in zip(a,b)))" "$1" "$2"; }
added() { python3 -c "import sys; print('%.3f' % (float(sys.argv[1])-float(sys.argv[2])))" "$1" "$2"; }

echo "# Corral proxy benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), $(. /etc/os-release; echo "$PRETTY_NAME"), medians of $rounds rounds"
echo
echo "| measure | direct | nginx | corral | corral/direct | corral/nginx |"
echo "|---|---|---|---|---|---|"
for conns in 1 32; do
    echo "| req/s, $conns conn | ${rps[direct,$conns]} | ${rps[nginx,$conns]} | ${rps[corral,$conns]} | $(ratio "${rps_all[corral,$conns]}" "${rps_all[direct,$conns]}") | $(ratio "${rps_all[corral,$conns]}" "${rps_all[nginx,$conns]}") |"
    echo "| p50 ms, $conns conn | ${p50[direct,$conns]} | ${p50[nginx,$conns]} | ${p50[corral,$conns]} | | |"
    echo "| p99 ms, $conns conn | ${p99[direct,$conns]} | ${p99[nginx,$conns]} | ${p99[corral,$conns]} | | |"
done
echo "| stream tokens/s (50x2000) | ${tps[direct]} | ${tps[nginx]} | ${tps[corral]} | $(ratio "${tps_all[corral]}" "${tps_all[direct]}") | $(ratio "${tps_all[corral]}" "${tps_all[nginx]}") |"
echo "| stream TTFB p50 ms | ${ttfb[direct]} | ${ttfb[nginx]} | ${ttfb[corral]} | | |"
echo
echo "Added latency p50 (1 connection): corral $(added "${p50[corral,1]}" "${p50[direct,1]}") ms, nginx $(added "${p50[nginx,1]}" "${p50[direct,1]}") ms over direct."
echo "Ratios are medians of the per-round ratios. Per round, corral/nginx req/s: 1 conn $(rounds_of "${rps_all[corral,1]}" "${rps_all[nginx,1]}"); 32 conn $(rounds_of "${rps_all[corral,32]}" "${rps_all[nginx,32]}"). Corral/direct tokens/s, per triple ($stream_repeats per round): $(rounds_of "${tps_all[corral]}" "${tps_all[direct]}")."
echo "For reference, nginx/direct: req/s 1 conn $(ratio "${rps_all[nginx,1]}" "${rps_all[direct,1]}"), 32 conn $(ratio "${rps_all[nginx,32]}" "${rps_all[direct,32]}"); stream tokens/s $(ratio "${tps_all[nginx]}" "${tps_all[direct]}") (per triple: $(rounds_of "${tps_all[nginx]}" "${tps_all[direct]}"))."
echo "Targets: small-request req/s corral/nginx >= 0.8; stream tokens/s corral/direct >= 0.9; added p50 <= 0.5 ms."

# Placement. On two cores, wrk, the fake and the proxy are three busy processes, and which of
# them the kernel puts on the same core decides much of the 32-connection result. Pin them in
# each of the three ways in turn and measure nginx and Corral under the same pinning, so the
# spread of the unpinned rounds above can be read. BENCH_PLACEMENT=0 skips this.
if [ "${BENCH_PLACEMENT:-1}" != 0 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    nginx_worker=$(grep -l "^PPid:[[:space:]]*$nginx_pid\$" /proc/[0-9]*/status 2>/dev/null | head -1 | cut -d/ -f3)
    all_cpus=0-$(( $(nproc) - 1 ))
    echo
    echo "Pinned, 32 connections, ${duration} s each, medians of $placement_rounds back-to-back pairs (req/s):"
    echo
    echo "| the proxy's core | nginx | corral | corral/nginx |"
    echo "|---|---|---|---|"
    for placement in "its own (wrk and the fake share core 1):0:1:1" \
                     "shared with wrk (the fake on core 1):0:1:0" \
                     "shared with the fake (wrk on core 1):0:0:1"; do
        IFS=: read -r label proxy_cpu fake_cpu wrk_cpu <<<"$placement"
        taskset -apc "$proxy_cpu" "$nginx_worker" >/dev/null
        taskset -apc "$proxy_cpu" "$corral_pid" >/dev/null
        taskset -apc "$fake_cpu" "$fake_pid" >/dev/null
        pinned_nginx="" pinned_corral=""
        for pair in $(seq "$placement_rounds"); do
            pair_order="nginx corral"
            (( pair % 2 )) || pair_order="corral nginx"
            for target in $pair_order; do
                value=$(taskset -c "$wrk_cpu" wrk -t1 -c32 -d"${duration}s" -H "$auth" "${url[$target]}" | awk '/Requests\/sec/ {print $2}')
                if [ "$target" = nginx ]; then pinned_nginx+=" $value"; else pinned_corral+=" $value"; fi
            done
        done
        echo "| $label | $(median $pinned_nginx) | $(median $pinned_corral) | $(ratio "$pinned_corral" "$pinned_nginx") |"
    done
    for pid in "$nginx_worker" "$corral_pid" "$fake_pid"; do taskset -apc "$all_cpus" "$pid" >/dev/null; done
fi

# Memory. The resident size of a fresh headless Corral that has answered one request, and what
# 100 concurrent streams add at their peak: 100 tokens each, 50 ms apart, so all of them stay
# open together for about 5 s. Its own Corral and fake, so nothing measured above is in it.
# Targets: idle < 30 MB, 100 streams add < 30 MB. BENCH_MEMORY=0 skips this.
if [ "${BENCH_MEMORY:-1}" != 0 ]; then
    start slow-fake "$build/tests/support/corral-fake-ollama" --port 0 --tokens 100 --token-delay-ms 50
    start_corral corral-memory "$started_port"
    memory_pid=$started_pid
    memory_port=$started_port
    curl -fsS -H "$auth" "http://127.0.0.1:$memory_port/ollama/api/version" >/dev/null
    sleep 1
    kib() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
    idle_kib=$(kib "$memory_pid" VmRSS)
    echo 5 >"/proc/$memory_pid/clear_refs" # restart the peak (VmHWM) from here
    json=$("$build/bench/streamload" --port "$memory_port" --path /ollama/api/generate --streams 100 --header "$auth")
    peak_kib=$(kib "$memory_pid" VmHWM)
    streamed=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["tokens"])' "$json")
    [ "$streamed" -ge 10000 ] || echo "warning: the memory run delivered only $streamed of 10000 tokens" >&2
    mb() { python3 -c "import sys; print('%.1f' % (int(sys.argv[1]) * 1024 / 1e6))" "$1"; }
    echo
    echo "Memory (MB = 10^6 bytes): idle headless Corral $(mb "$idle_kib") MB resident; 100 concurrent streams" \
         "(100 tokens, 50 ms apart) peaked at $(mb "$peak_kib") MB, $(mb $((peak_kib - idle_kib))) MB more." \
         "Targets: idle < 30 MB, 100 streams add < 30 MB."
fi

# The window. One history of 10,000 chats x 20 short messages, made by bench_startup through
# ChatStore::importChat() and cached in <temp>/corral-bench-window between runs.
if [ "${BENCH_WINDOW:-1}" != 0 ]; then
    history_dir=${TMPDIR:-/tmp}/corral-bench-window
    mkdir -p "$history_dir"
    history=$history_dir/history-10000x20.db
    startup=$("$build/bench/bench_startup" "$history" 2>/dev/null)
    mkdir -p "$work/corral-history" && chmod 700 "$work/corral-history"
    cp "$history" "$work/corral-history/chats.db"
    start_corral corral-history "$fake_port"
    history_pid=$started_pid
    curl -fsS -H "$auth" "http://127.0.0.1:$started_port/ollama/api/version" >/dev/null
    sleep 1
    history_kib=$(awk '$1 == "VmRSS:" {print $2}' "/proc/$history_pid/status")
    stall=$("$build/bench/bench_stall" "$build/tests/support/corral-fake-ollama" "$history" 2>/dev/null)
    echo
    echo "Window (in-process harnesses, offscreen; 10,000 chats x 20 messages):"
    echo "  start-up: $startup (target: chat list painted <= 500 ms)"
    echo "  idle headless corral over that history: $(python3 -c "import sys; print('%.1f' % (int(sys.argv[1]) * 1024 / 1e6))" "$history_kib") MB resident (target < 30 MB)"
    echo "  stall: $stall (target: max_gap_ms <= 50)"
fi
