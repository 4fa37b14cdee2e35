#!/usr/bin/env bash
# Browser tests: the web app in a real headless Chromium (Debian's chromium + chromium-driver,
# driven by Python Selenium). Installs what is missing, starts `spineboard demo` on a free
# 127.0.0.1 port with a temporary database, runs Tests/browser/test_web.py, keeps a screenshot of
# every page in the folder it prints, stops the server, and exits non-zero on failure.
#   SCRATCH=.build            the SwiftPM scratch path to build in (default .build)
#   SCREENSHOTS=DIR           where screenshots go (default: a new folder under ${TMPDIR:-/tmp})
set -euo pipefail
cd "$(dirname "$0")/.."

SCRATCH="${SCRATCH:-.build}"
SCREENSHOTS="${SCREENSHOTS:-$(mktemp -d "${TMPDIR:-/tmp}/spineboard-screenshots.XXXXXX")}"
mkdir -p "$SCREENSHOTS"
SCREENSHOTS="$(cd "$SCREENSHOTS" && pwd)"

echo "== browser and driver (apt), selenium (pip)"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  python3 -m pip install -q selenium || python3 -m pip install -q --break-system-packages selenium
fi
chromium --version || true

echo "== build"
swift build --scratch-path "$SCRATCH" --product spineboard
BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/spineboard"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/spineboard-browser.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

PORT=""
first=$((20000 + RANDOM % 20000))  # one random start: two $RANDOMs could give an empty range
for candidate in $(seq "$first" $((first + 200))); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[ -n "$PORT" ] || { echo "error: no free port" >&2; exit 1; }

echo "== starting spineboard demo on 127.0.0.1:$PORT"
TMPDIR="$WORK" "$BIN" demo --hostname 127.0.0.1 --port "$PORT" --database "$WORK/demo.sqlite" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then cat "$WORK/server.log" >&2; echo "error: the server stopped" >&2; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$WORK/server.log" >&2; echo "error: the server did not start" >&2; exit 1; }

echo "== browser tests (screenshots: $SCREENSHOTS)"
status=0
BASE_URL="http://127.0.0.1:$PORT" SCREENSHOTS="$SCREENSHOTS" SE_OFFLINE=true python3 Tests/browser/test_web.py || status=$?
if [ "$status" -ne 0 ]; then echo "-- server log"; tail -50 "$WORK/server.log"; fi
echo "== browser tests exit $status; screenshots in $SCREENSHOTS"
ls "$SCREENSHOTS"
exit "$status"
