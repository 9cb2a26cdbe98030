#!/usr/bin/env bash
# Runs Obeya at http://localhost:5080. Without ConnectionStrings__Obeya it starts its own PostgreSQL
# with its data in .obeya/pg (kept across restarts) and seeds a demo team with the demo accounts the README
# names; --no-demo leaves it empty. It runs as environment "Demo" (not Production, so the demo accounts exist;
# not Development, so no developer error pages); a real installation runs as Production and has none.
set -euo pipefail
cd "$(dirname "$0")"
source build/prerequisites.sh
need_dotnet
need_postgres
# Obeya runs in its project folder; keep the data beside the repo's root instead.
export Obeya__DataDirectory="${Obeya__DataDirectory:-$PWD/.obeya/pg}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Demo}"
# Built, then started as this very process (not through dotnet run, which leaves a SIGINT sent to it alone unanswered
# and keeps its child running): Ctrl+C, kill -INT or kill -TERM of this PID reach Obeya, which stops within seconds.
echo "obeya: building…"
if ! build=$(dotnet build src/Obeya.Web -c Release -nologo -v q -clp:ErrorsOnly 2>&1); then
  echo "$build" >&2
  exit 1
fi
cd src/Obeya.Web
exec dotnet bin/Release/net10.0/Obeya.Web.dll --urls "${OBEYA_URLS:-http://localhost:5080}" "$@"
