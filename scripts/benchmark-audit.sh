#!/usr/bin/env bash
# Audit trail speed benchmark (tools/Technopark.Benchmarks `audit`, AuditBenchmark): a fresh database with the app's migrations,
# 96 sites, 300 users and 5 M audit entries over a year (INSERT … SELECT generate_series as the schema's owner), ANALYZE; then
# each view of /hq/audit (first page unfiltered, by site, by person, by kind + action, by a week, a rare action, site + kind,
# the 20th page by its cursor) 30 times through the app's AuditTrailReader in-process (Release, least-privilege role), with
# p50/p95 against the target (first page ≤ 200 ms) and the EXPLAIN (ANALYZE, BUFFERS) of the unfiltered first page.
# Not part of CI. About 5 minutes on 2 cores; needs about 4 GB of disk in /tmp.
#   scripts/benchmark-audit.sh
# Database: $TECHNOPARK_TEST_POSTGRES (a connection string whose user may create databases), else a throwaway local
# PostgreSQL cluster (system binaries) on port ${BENCH_PGPORT:-55446}, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg-local.sh
use_bench_postgres audit
dotnet run -c Release --project tools/Technopark.Benchmarks -- audit "$@"
