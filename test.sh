#!/usr/bin/env bash
# Technopark — run every test (domain, integration on real PostgreSQL, browser with real Chromium).
# Installs what the tests need when it is missing (Debian packages chromium and postgresql; needs
# root for apt-get), builds the solution once, then runs the three test projects side by side (browser, integration, domain:
# the browser tests wait on Chromium and the app much of the time, so the integration tests use that time instead of
# waiting for their turn). Extra arguments go to each `dotnet test`. TECHNOPARK_TEST_RESULTS=folder writes one TRX file
# per project there (.ci/run uses it).
# A Docker engine or TECHNOPARK_TEST_POSTGRES (a connection string) are used when present;
# otherwise each test process starts a throwaway local PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. scripts/pg-local.sh

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
pg_bindir >/dev/null || missing+=(postgresql)
apt_install "${missing[@]}"

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is needed (dotnet not found)." >&2; exit 1; }
dotnet build Technopark.sln -nologo -v q

projects=(tests/Technopark.BrowserTests tests/Technopark.IntegrationTests tests/Technopark.Domain.Tests)
pids=()
for project in "${projects[@]}"; do
  name="$(basename "$project")"
  results=()
  [ -z "${TECHNOPARK_TEST_RESULTS:-}" ] || results=(--logger "trx;LogFileName=$name.trx" --results-directory "$TECHNOPARK_TEST_RESULTS")
  # Each line names its project: the three outputs interleave.
  ( set -o pipefail; dotnet test "$project" --no-build "${results[@]}" "$@" 2>&1 | sed -u "s/^/[$name] /" ) &
  pids+=($!)
done

status=0
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
exit "$status"
