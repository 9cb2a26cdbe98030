#!/usr/bin/env bash
# Runs the whole test suite: domain (no I/O), embedded PostgreSQL (its start and supervision), store and API
# (real PostgreSQL), browser (Chromium).
# The code style of .editorconfig is checked by the build itself (EnforceCodeStyleInBuild) and, for whitespace, by
# dotnet format --verify-no-changes (folder mode: seconds, where loading the solution again would take minutes).
# Ends with one line "N passed, N failed" over all test projects.
set -euo pipefail
cd "$(dirname "$0")"
source build/prerequisites.sh
need_dotnet
need_postgres
need_chromium
need_node

dotnet build Obeya.sln -c Release -nologo -clp:ErrorsOnly

status=0
# The tests run either way, so one run tells everything.
if ! dotnet format whitespace --folder . --verify-no-changes --verbosity quiet \
    --exclude '**/bin/**' --exclude '**/obj/**' --exclude '**/node_modules/**'; then
  echo "obeya: the code is not formatted as .editorconfig says; run: dotnet format Obeya.sln" >&2
  status=1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet test Obeya.sln -c Release --no-build -nologo 2>&1 | tee "$log" || status=1

# Each test project prints "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..." (or "Failed!  - ...").
read -r passed failed skipped < <(awk -F'[:,]' '/^(Passed|Failed)! +- Failed:/ {
  f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }' "$log")
projects=$(grep -cE '^(Passed|Failed)! +- Failed:' "$log" || true)

summary="$passed passed, $failed failed"
(( skipped > 0 )) && summary="$summary, $skipped skipped"
echo
echo "$summary"

if (( projects < 4 )); then
  echo "obeya: expected the domain, embedded PostgreSQL, web and browser test projects to report, got $projects" >&2
  exit 1
fi
if [[ ${CI:-} == true ]] && (( skipped > 0 )); then
  echo "obeya: tests were skipped; nothing may be skipped in CI" >&2
  exit 1
fi
exit "$status"
