#!/usr/bin/env bash
# Rooms speed benchmark: a fresh database with one site (Tanger) of 30 rooms and 3 years of bookings (~200,000, binary
# COPY), the app on Kestrel in Release, a resident and the site manager signed in; 300 timed day-view GETs each and
# 200 booking POSTs (each a distinct free slot); prints p50/p95/p99/max, SQL commands per request, the raw SQL floor of
# the day's bookings and whether the targets are met. Exits non-zero on any unexpected answer (not 200 / not 302).
# Database: $TECHNOPARK_TEST_POSTGRES (a connection string whose user may create databases), else a throwaway local
# PostgreSQL cluster (system binaries) on port ${BENCH_PGPORT:-55446}, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg-local.sh
use_bench_postgres rooms
dotnet run -c Release --project tools/Technopark.Benchmarks -- rooms "$@"
