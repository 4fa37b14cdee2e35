#!/usr/bin/env bash
# Property-based API fuzzing: schemathesis (PyPI) generates requests from GET /openapi.json against
# `spineboard demo` on a scratch database and fails on any 5xx (check not_a_server_error).
# /api/v1/session is left out so that generated passwords neither sign the token out nor trip the
# login throttle.   scripts/fuzz-api.sh [MAX_EXAMPLES]   (default 60 per operation)
set -euo pipefail
cd "$(dirname "$0")/.."
SCRATCH="${SCRATCH:-.build}"
PORT="${PORT:-18299}"
EXAMPLES="${1:-60}"
command -v schemathesis >/dev/null || pip install -q schemathesis
swift build --scratch-path "$SCRATCH" --product spineboard 2>&1 | tail -1
WORK="$(mktemp -d)"
"$SCRATCH/debug/spineboard" demo --port "$PORT" --database "$WORK/fuzz.sqlite" >"$WORK/server.out" 2>"$WORK/server.log" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/session" -H 'Content-Type: application/json' \
  -d '{"username":"radiation-oncologist","password":"spineboard-demo"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
schemathesis run "http://127.0.0.1:$PORT/openapi.json" -H "Authorization: Bearer $TOKEN" --exclude-path /api/v1/session \
  -c not_a_server_error -n "$EXAMPLES" --workers 2
