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
need_redis
need_nginx
need_systemd_analyze
need_node

# Every dotnet process here lives minutes at most: instrumenting hot methods for profile-guided re-JIT costs more CPU
# than it wins back (the build takes an eighth less CPU without; the test projects say so in their own runtimeconfig).
export DOTNET_TieredPGO=0

# One compiler server for all projects, whatever the environment says (CI machines often turn it off): each project
# compiled by a fresh compiler process took the build from one minute to a minute and a half on two cores. It stops
# when the build is done.
built=0
dotnet build Obeya.sln -c Release -nologo -clp:ErrorsOnly -p:UseSharedCompilation=true || built=$?
dotnet build-server shutdown --vbcscompiler >/dev/null 2>&1 || true
(( built == 0 )) || exit "$built"

status=0
# The tests run either way, so one run tells everything.
if ! dotnet format whitespace --folder . --verify-no-changes --verbosity quiet \
    --exclude '**/bin/**' --exclude '**/obj/**' --exclude '**/node_modules/**'; then
  echo "obeya: the code is not formatted as .editorconfig says; run: dotnet format Obeya.sln" >&2
  status=1
fi

log=$(mktemp)
browser_log=$(mktemp)
trap 'rm -f "$log" "$browser_log"' EXIT
# Two test processes at a time, one per core. The browser suite takes longest: most of it starts first, and the
# other three run beside it one after the other, then the rest of the browser suite (the long walks: the English one,
# the set-up from the screens, the phone's walk), so that both lines end together. Its output follows theirs.
browser_later='FullyQualifiedName~Obeya.Browser.Tests.Language.|FullyQualifiedName~Obeya.Browser.Tests.Teams.|FullyQualifiedName~Obeya.Browser.Tests.Screens.PhoneTests.'
browser_first='FullyQualifiedName!~Obeya.Browser.Tests.Language.&FullyQualifiedName!~Obeya.Browser.Tests.Teams.&FullyQualifiedName!~Obeya.Browser.Tests.Screens.PhoneTests.'
dotnet test tests/Obeya.Browser.Tests -c Release --no-build -nologo --filter "$browser_first" >"$browser_log" 2>&1 &
browser=$!
for project in Obeya.Domain.Tests Obeya.EmbeddedPostgres.Tests Obeya.Web.Tests; do
  dotnet test "tests/$project" -c Release --no-build -nologo 2>&1 | tee -a "$log" || status=1
done
dotnet test tests/Obeya.Browser.Tests -c Release --no-build -nologo --filter "$browser_later" 2>&1 | tee -a "$log" || status=1
wait "$browser" || status=1
tee -a "$log" <"$browser_log"

# Each test project prints "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..." (or "Failed!  - ...").
read -r passed failed skipped < <(awk -F'[:,]' '/^(Passed|Failed)! +- Failed:/ {
  f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }' "$log")
projects=$(grep -cE '^(Passed|Failed)! +- Failed:' "$log" || true)

summary="$passed passed, $failed failed"
(( skipped > 0 )) && summary="$summary, $skipped skipped"
echo
echo "$summary"

if (( projects < 5 )); then
  echo "obeya: expected the domain, embedded PostgreSQL, web and both browser runs to report, got $projects" >&2
  exit 1
fi
if [[ ${CI:-} == true ]] && (( skipped > 0 )); then
  echo "obeya: tests were skipped; nothing may be skipped in CI" >&2
  exit 1
fi
exit "$status"
