#!/usr/bin/env bash
# Technopark — run every test (domain, integration on real PostgreSQL, browser with real Chromium).
# Installs what the tests need when it is missing (Debian packages chromium, chromium-headless-shell and postgresql; needs
# root for apt-get), builds the solution once, then runs the three test projects one after the other (side by side, the
# integration tests' concurrency checks met the 5 s command timeout on a 2-core machine, and nothing was gained). Extra
# arguments go to each `dotnet test`. TECHNOPARK_TEST_RESULTS=folder writes one TRX file per project there (.ci/run uses it).
# A Docker engine or TECHNOPARK_TEST_POSTGRES (a connection string) are used when present;
# otherwise each test process starts a throwaway local PostgreSQL cluster.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
. scripts/pg-local.sh

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
pg_bindir >/dev/null || missing+=(postgresql)
apt_install "${missing[@]}"
# Chromium's headless shell (the build Playwright runs headless tests with) takes about a fifth less CPU per page than the
# full browser; without it the browser tests run on /usr/bin/chromium.
[ -x /usr/bin/chromium-headless-shell ] || apt_install chromium-headless-shell || echo "test.sh: chromium-headless-shell not installed; the browser tests use chromium." >&2

command -v dotnet >/dev/null || { echo "test.sh: the .NET 10 SDK is needed (dotnet not found)." >&2; exit 1; }
dotnet build Technopark.sln -nologo -v q

projects=(tests/Technopark.Domain.Tests tests/Technopark.IntegrationTests tests/Technopark.BrowserTests)
status=0
for project in "${projects[@]}"; do
  name="$(basename "$project")"
  results=()
  [ -z "${TECHNOPARK_TEST_RESULTS:-}" ] || results=(--logger "trx;LogFileName=$name.trx" --results-directory "$TECHNOPARK_TEST_RESULTS")
  dotnet test "$project" --no-build "${results[@]}" "$@" || status=1
done
exit "$status"
