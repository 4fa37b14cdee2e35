#!/usr/bin/env bash
# Differential check of the clinical core: Tests/differential/generate.py makes varied case
# documents (the vignettes, examples and demo cases crossed and mutated; about half stay valid),
# `spineboard assess --ndjson` assesses them, and Tests/differential/check.py compares every score
# and urgency level with its own independent reading of ../shared/clinical and checks the clinical
# invariants. Exits non-zero on any difference.
#   scripts/differential-check.sh [COUNT] [SEED]     (default 20000 cases, seed 1)
#   SCRATCH=.build                                    the SwiftPM scratch path (default .build)
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${1:-20000}"
SEED="${2:-1}"
SCRATCH="${SCRATCH:-.build}"
if ! command -v python3 >/dev/null; then  # the generator and the oracle use the standard library only
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 >/dev/null
fi
swift build --scratch-path "$SCRATCH" --product spineboard 2>&1 | tail -1
BIN="$(swift build --scratch-path "$SCRATCH" --show-bin-path)/spineboard"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/spineboard-differential.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
python3 Tests/differential/generate.py "$SEED" "$COUNT" > "$WORK/cases.ndjson"
"$BIN" assess --ndjson "$WORK/cases.ndjson" --today 2026-03-01 > "$WORK/results.ndjson"
python3 Tests/differential/check.py "$WORK/cases.ndjson" "$WORK/results.ndjson"
