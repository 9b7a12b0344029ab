#!/usr/bin/env bash
# Proves that a failing test fails the run, for each vitest project `npm test` runs.
# A runner that exits 0 with "Tests 1 failed" would let CI land broken code; this once
# happened to the integration project (see lib/adapters/infra/embedded-postgres.ts).
set -uo pipefail
cd "$(dirname "$0")/../.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

CLOSEBOOK_CI_SELF_TEST=1 NO_COLOR=1 FORCE_COLOR=0 npx vitest run --project integration >"$log" 2>&1
status=$?
# Colour codes (CI terminals) must not hide the summary line.
sed -i 's/\x1b\[[0-9;]*m//g' "$log"
if [ "$status" -eq 0 ]; then
  cat "$log"
  echo "ci-self-test: a failing integration test exited 0 — the test runner's exit code is being lost" >&2
  exit 1
fi
if ! grep -Eq 'Tests +1 failed' "$log"; then
  cat "$log"
  echo "ci-self-test: the integration runner exited $status without running the deliberately failing test" >&2
  exit 1
fi
echo "ci-self-test: a failing integration test fails the run (exit $status)"
