#!/usr/bin/env bash
# Technopark — run every test (domain, integration on real PostgreSQL, browser with real Chromium).
# Installs what the tests need when it is missing (Debian packages chromium and postgresql; needs
# root for apt-get), then runs `dotnet test` on the solution. Extra arguments go to `dotnet test`.
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
exec dotnet test Technopark.sln "$@"
