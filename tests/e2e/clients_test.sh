#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end: every client family (Ollama, OpenAI chat/completions/embeddings/models, the
# Responses API, Anthropic Messages) through the built `corral --headless` with a chat-scope API
# key, against the fake Ollama, which records every request it gets (--record).
# Usage: clients_test.sh CORRAL_BINARY FAKE_OLLAMA_BINARY
set -uo pipefail

corral=$1
fake=$2
# shellcheck source=e2e_lib.sh
source "$(dirname "$0")/e2e_lib.sh"

record="$work/requests.jsonl"
cloud=gpt-oss:120b-cloud
start_and_wait "$work/fake.out" "Fake Ollama listening on" "$fake" --port 0 --tokens 6 --token-delay-ms 5 \
    --model llama3.2:latest --model "$cloud" --record "$record" \
    || { echo "FAIL: fake Ollama did not start"; exit 1; }
fake_url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/fake.out")

export CORRAL_TOKEN=e2e-owner-token-0123456789abcdef
chat=$("$corral" --create-api-key agent --scope chat --data-dir "$work/data" 2>/dev/null)
full=$("$corral" --create-api-key ci --scope full --data-dir "$work/data" 2>/dev/null)
chat_cloud=$("$corral" --create-api-key coder --scope chat --allow-cloud --data-dir "$work/data" 2>/dev/null)
start_and_wait "$work/corral.out" "Corral is serving on" "$corral" --headless --port 0 \
    --data-dir "$work/data" --ollama-url "$fake_url" || { echo "FAIL: corral did not start"; exit 1; }
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/corral.out")/ollama

owner=(-H "Authorization: Bearer $CORRAL_TOKEN")
bearer=(-H "Authorization: Bearer $chat")
anthropic=(-H "x-api-key: $chat" -H "anthropic-version: 2023-06-01")

# post OUT HEADERS_FILE PATH BODY CREDENTIAL-ARGS... ; prints the status
post() {
    local out=$1 head=$2 path=$3 body=$4; shift 4
    curl -sN -o "$out" -D "$head" -w '%{http_code}' -H 'Content-Type: application/json' "$@" --data-binary "$body" "$base$path"
}
status_of() { # status_of METHOD PATH BODY CREDENTIAL-ARGS...
    local method=$1 path=$2 body=$3; shift 3
    curl -s -o "$work/last.body" -w '%{http_code}' -X "$method" -H 'Content-Type: application/json' "$@" \
        ${body:+--data-binary "$body"} "$base$path"
}
streamed_sse() { grep -qi '^Content-Type: text/event-stream' "$1" && grep -qi '^Transfer-Encoding: chunked' "$1"; }
reached_fake() { grep -q "\"path\":\"$1\"" "$record"; }
last_body() { tail -n1 "$record" | jq -r .body_base64 | base64 -d; }

# --- Each family, streamed, with the chat key --------------------------------------------------
code=$(post "$work/chat.out" "$work/chat.head" /api/chat '{"model":"llama3.2:latest","messages":[{"role":"user","content":"hi"}]}' "${bearer[@]}")
check "Ollama /api/chat streams NDJSON ($code)" test "$code" = 200 -a "$(grep -c '"message"' "$work/chat.out")" -ge 6
check "Ollama /api/chat ends with done:true" bash -c "tail -n1 '$work/chat.out' | jq -e .done >/dev/null"

code=$(post "$work/oai.out" "$work/oai.head" /v1/chat/completions \
    '{"model":"llama3.2:latest","stream":true,"messages":[{"role":"user","content":"hi"}]}' "${bearer[@]}")
check "OpenAI /v1/chat/completions streams SSE ($code)" streamed_sse "$work/oai.head"
check "OpenAI stream: chunks and [DONE]" bash -c "grep -q 'chat.completion.chunk' '$work/oai.out' && tail -c 15 '$work/oai.out' | grep -q 'data: \[DONE\]'"

code=$(post "$work/cmpl.out" "$work/cmpl.head" /v1/completions '{"model":"llama3.2:latest","stream":true,"prompt":"hi"}' "${bearer[@]}")
check "OpenAI /v1/completions streams SSE ($code)" streamed_sse "$work/cmpl.head"

code=$(post "$work/resp.out" "$work/resp.head" /v1/responses '{"model":"llama3.2:latest","stream":true,"input":"hi"}' "${bearer[@]}")
check "Responses /v1/responses streams SSE ($code)" streamed_sse "$work/resp.head"
check "Responses events: created first, deltas, completed last" bash -c \
    "grep '^event:' '$work/resp.out' | sed -n '1p;\$p' | tr '\n' ' ' | grep -qx 'event: response.created event: response.completed ' \
     && test \$(grep -c '^event: response.output_text.delta' '$work/resp.out') -eq 6"

code=$(post "$work/msg.out" "$work/msg.head" /v1/messages \
    '{"model":"llama3.2:latest","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}' "${anthropic[@]}")
check "Anthropic /v1/messages with x-api-key streams SSE ($code)" test "$code" = 200
check "Anthropic stream is chunked SSE" streamed_sse "$work/msg.head"
events=$(grep '^event:' "$work/msg.out" | cut -d' ' -f2 | uniq | tr '\n' ' ')
check "Anthropic events in order ($events)" test "$events" = \
    "message_start content_block_start ping content_block_delta content_block_stop message_delta message_stop "
code=$(post "$work/msg1.out" "$work/msg1.head" /v1/messages \
    '{"model":"llama3.2:latest","max_tokens":64,"messages":[{"role":"user","content":"hi"}]}' "${anthropic[@]}")
check "Anthropic /v1/messages not streamed is one message" bash -c "jq -e '.type == \"message\" and .stop_reason == \"end_turn\"' '$work/msg1.out' >/dev/null"

code=$(status_of POST /v1/embeddings '{"model":"llama3.2:latest","input":["a","b"]}' "${bearer[@]}")
check "OpenAI /v1/embeddings ($code)" bash -c "test $code = 200 && jq -e '.data | length == 2' '$work/last.body' >/dev/null"
code=$(status_of GET /v1/models '' "${bearer[@]}")
check "OpenAI /v1/models lists the local model" bash -c "test $code = 200 && jq -e '.data | map(.id) | index(\"llama3.2:latest\")' '$work/last.body' >/dev/null"
code=$(status_of GET /v1/models/llama3.2:latest '' "${anthropic[@]}")
check "OpenAI /v1/models/<name> ($code)" test "$code" = 200

# --- Request bodies arrive byte for byte ---------------------------------------------------------
printf '%s' '{"model":"llama3.2:latest","stream":false,"messages":[{"role":"user","content":"Weather in Zürich?"}],"tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],"keep_alive":"5m","think":"low"}' >"$work/tools.json"
code=$(post "$work/tools.out" "$work/tools.head" /api/chat @"$work/tools.json" "${bearer[@]}")
check "tool-call request body reaches Ollama byte for byte" cmp -s <(last_body) "$work/tools.json"
check "the tool call comes back (name and arguments object)" bash -c \
    "jq -e '.message.tool_calls[0].function | .name == \"get_weather\" and .arguments.city == \"fake\"' '$work/tools.out' >/dev/null"
printf '%s' '{"model":"llama3.2:latest","stream":false,"messages":[{"role":"user","content":"Who?"}],"format":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},"required":["name","age"]},"logprobs":true}' >"$work/schema.json"
code=$(post "$work/schema.out" "$work/schema.head" /api/chat @"$work/schema.json" "${bearer[@]}")
check "format-schema request body reaches Ollama byte for byte" cmp -s <(last_body) "$work/schema.json"
check "the answer is JSON matching the schema" bash -c "jq -r .message.content '$work/schema.out' | jq -e '.age == 42 and .name == \"fake\"' >/dev/null"
printf '%s' '{"model":"llama3.2:latest","stream":true,"messages":[{"role":"user","content":"weather?"}],"tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}' >"$work/oaitools.json"
code=$(post "$work/oaitools.out" "$work/oaitools.head" /v1/chat/completions @"$work/oaitools.json" "${bearer[@]}")
check "OpenAI tool-call body byte for byte" cmp -s <(last_body) "$work/oaitools.json"
check "OpenAI streamed tool_calls delta" grep -q '"tool_calls":\[{"function":{"arguments":"{\\"city\\":\\"fake\\"}","name":"get_weather"}' "$work/oaitools.out"

# --- Credentials never reach Ollama ---------------------------------------------------------------
check "no Authorization or x-api-key header ever reached the fake" bash -c \
    "test -s '$record' && ! jq -e '.headers[][0] | ascii_downcase | select(. == \"authorization\" or . == \"x-api-key\")' '$record' >/dev/null"
check "no key value ever reached the fake" bash -c "! grep -q -- '${chat#crl_}' '$record' && ! grep -q -- '$CORRAL_TOKEN' '$record'"

# --- x-api-key is refused like a Bearer token -----------------------------------------------------
code=$(status_of POST /v1/messages '{"model":"llama3.2:latest","max_tokens":8,"messages":[]}' -H "x-api-key: crl_wrong")
check "wrong x-api-key: 401" test "$code" = 401
code=$(status_of POST /api/pull '{"model":"x"}' -H "x-api-key: $chat")
check "chat key in x-api-key cannot pull: 403" test "$code" = 403
code=$(status_of GET /v1/files '' "${bearer[@]}")
check "chat key: a /v1 route not on the chat list is refused (403)" test "$code" = 403
code=$(status_of GET /v1/models/llama3.2:latest/extra '' "${bearer[@]}")
check "chat key: /v1/models/<name>/<more> is refused (403)" test "$code" = 403
check "neither reached Ollama" bash -c "! grep -qE '\"path\":\"/v1/(files|models/llama3.2:latest/extra)' '$record'"
code=$(status_of POST /v1/messages '{"model":"llama3.2:latest","max_tokens":8,"messages":[]}' -H "x-api-key: $chat" "${owner[@]}")
check "x-api-key and a different Bearer token: 400" test "$code" = 400

# --- Account routes and cloud models, per caller -------------------------------------------------
for route in /api/me /api/signout /api/experimental/web_search /api/experimental/web_fetch; do
    code=$(status_of POST "$route" '{"query":"x"}' -H "x-api-key: $chat")
    check "chat key: $route refused (403)" test "$code" = 403
    code=$(status_of POST "$route" '{"query":"x"}' -H "Authorization: Bearer $full")
    check "full key: $route refused (403)" test "$code" = 403
done
code=$(status_of GET /api/status '' -H "Authorization: Bearer $full")
check "full key: /api/status refused (403)" test "$code" = 403
check "no key's account request reached Ollama" bash -c "! grep -qE '\"path\":\"/api/(me|signout|status|experimental)' '$record'"
status_of POST /api/experimental/web_search '{"query":"x"}' "${owner[@]}" >/dev/null
check "the owner token reaches web_search" reached_fake /api/experimental/web_search

cloud_chat="{\"model\":\"$cloud\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"
code=$(status_of POST /api/chat "$cloud_chat" "${bearer[@]}")
check "chat key: cloud model on /api/chat refused (403)" test "$code" = 403
check "the refusal names the model, --allow-cloud and the setting" bash -c \
    "jq -e '.error | contains(\"$cloud\") and contains(\"--allow-cloud\") and contains(\"server/keysMayUseCloudModels\")' '$work/last.body' >/dev/null"
code=$(status_of POST /v1/messages "{\"model\":\"$cloud\",\"max_tokens\":8,\"messages\":[]}" "${anthropic[@]}")
check "chat key: cloud model on /v1/messages refused in Anthropic's shape" bash -c \
    "test $code = 403 && jq -e '.type == \"error\" and .error.type == \"permission_error\"' '$work/last.body' >/dev/null"
code=$(status_of GET "/v1/models/$cloud" '' "${bearer[@]}")
check "chat key: /v1/models/<cloud model> refused (403)" test "$code" = 403
check "no chat key's cloud request reached Ollama" bash -c "! grep -q '$cloud' '$record'"
code=$(status_of POST /api/chat "$cloud_chat" "${owner[@]}")
check "the owner token may use the cloud model ($code)" test "$code" = 200
code=$(status_of POST /api/show "{\"model\":\"$cloud\"}" -H "Authorization: Bearer $full")
check "full key: /api/show of a cloud model passes ($code)" test "$code" = 200
code=$(status_of POST /api/chat "$cloud_chat" -H "Authorization: Bearer $full")
check "full key: cloud model on /api/chat passes ($code)" test "$code" = 200
code=$(status_of POST /v1/messages "{\"model\":\"$cloud\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}" \
    -H "x-api-key: $chat_cloud" -H "anthropic-version: 2023-06-01")
check "chat key made with --allow-cloud: cloud model on /v1/messages passes ($code)" test "$code" = 200
code=$(status_of POST /api/pull '{"model":"x"}' -H "Authorization: Bearer $chat_cloud")
check "chat key made with --allow-cloud keeps the chat scope: no pull (403)" test "$code" = 403
listed=$("$corral" --list-api-keys --data-dir "$work/data" 2>/dev/null)
check "--list-api-keys shows which keys may use cloud models" bash -c \
    "grep -qP '^agent\tchat\t[^\t]+\tlocal\t-$' <<<'$listed' && grep -qP '^ci\tfull\t[^\t]+\tcloud\t-$' <<<'$listed' \
     && grep -qP '^coder\tchat\t[^\t]+\tcloud\t-$' <<<'$listed'"
check "--allow-cloud with --scope full is refused" bash -c \
    "! '$corral' --create-api-key extra --scope full --allow-cloud --data-dir '$work/data' >/dev/null 2>&1"

# Per-key limits from the command line, picked up by the running server at the key's next request.
limited=$("$corral" --create-api-key limited --models 'llama3.2:*' --max-in-flight 2 --data-dir "$work/data" 2>/dev/null)
code=$(status_of POST /api/chat "$cloud_chat" -H "Authorization: Bearer $limited")
check "a key limited to llama3.2:* is refused another model ($code), naming it" \
    bash -c "test '$code' = 403 && grep -q '$cloud' '$work/last.body'"
code=$(status_of GET /api/tags '' -H "Authorization: Bearer $limited")
check "its /api/tags lists only llama3.2 ($code)" \
    bash -c "test '$code' = 200 && test \"\$(jq -r '[.models[].name] | join(\",\")' '$work/last.body')\" = llama3.2:latest"
listed=$("$corral" --list-api-keys --data-dir "$work/data" 2>/dev/null)
check "--list-api-keys shows the limits" bash -c "grep -qP '^limited\tchat\t[^\t]+\tlocal\tmodels=llama3.2:\\* max-in-flight=2$' <<<'$listed'"
check "--edit-api-key sets an expiry in the past" "$corral" --edit-api-key limited --expires 2020-01-01 --data-dir "$work/data"
code=$(status_of GET /api/tags '' -H "Authorization: Bearer $limited")
check "the expired key is refused ($code), saying it expired" bash -c "test '$code' = 401 && grep -q expired '$work/last.body'"
check "--models with a bad pattern is refused" bash -c \
    "! '$corral' --create-api-key bad --models 'a b:c:d' --data-dir '$work/data' >/dev/null 2>&1"

# With the setting on (here from the environment), every chat key may use cloud models too.
start_and_wait "$work/cloud.out" "Corral is serving on" env CORRAL_KEYS_MAY_USE_CLOUD_MODELS=1 "$corral" --headless --port 0 \
    --data-dir "$work/data" --ollama-url "$fake_url"
cloud_base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/cloud.out")/ollama
code=$(curl -s -o /dev/null -w '%{http_code}' "${bearer[@]}" --data-binary "$cloud_chat" "$cloud_base/api/chat")
check "keysMayUseCloudModels on: the chat key may use the cloud model ($code)" test "$code" = 200
code=$(curl -s -o /dev/null -w '%{http_code}' "${bearer[@]}" -d '{}' "$cloud_base/api/me")
check "keysMayUseCloudModels on: account routes stay closed to keys" test "$code" = 403

# --- Error shapes pass unchanged -------------------------------------------------------------------
same_error() { # same_error PATH BODY: Corral's answer equals the fake's own, byte for byte
    local direct proxied
    direct=$(curl -s -H 'Content-Type: application/json' --data-binary "$2" "$fake_url$1")
    proxied=$(curl -s -H 'Content-Type: application/json' "${bearer[@]}" --data-binary "$2" "$base$1")
    test -n "$direct" && test "$direct" = "$proxied"
}
check "Ollama error shape unchanged" same_error /api/chat '{"model":"absent","messages":[{"role":"user","content":"x"}]}'
check "OpenAI error shape unchanged" same_error /v1/chat/completions '{"model":"absent","messages":[]}'
check "Responses error shape unchanged" same_error /v1/responses '{"model":"absent","input":"x"}'
check "Anthropic error shape unchanged" same_error /v1/messages '{"model":"absent","max_tokens":8,"messages":[]}'

echo "$passed passed, $failed failed"
test "$failed" = 0
