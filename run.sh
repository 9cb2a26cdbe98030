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
# dotnet run works in the project folder; keep the data beside the repo's root instead.
export Obeya__DataDirectory="${Obeya__DataDirectory:-$PWD/.obeya/pg}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Demo}"
exec dotnet run --project src/Obeya.Web -c Release --no-launch-profile -- --urls "${OBEYA_URLS:-http://localhost:5080}" "$@"
