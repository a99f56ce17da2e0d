#!/usr/bin/env bash
# Board speed benchmark: a fresh database with one big site (600 spaces, 20 years of stays), the app
# on Kestrel, 300 timed GETs of the board; prints p50/p95/p99, SQL commands per request and the raw SQL time.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project tools/Technopark.Benchmarks -- board "$@"
