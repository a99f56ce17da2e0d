#!/usr/bin/env bash
# Billing speed benchmark (tools/Technopark.Benchmarks `billing`, BillingData + BillingBenchmark): a fresh database with the 100×
# network (96 sites × 600 spaces and their stays, binary COPY; Tanger also 30 rooms and their bookings) and 12 months of issued
# invoices, credit notes and payments; then, through the app's services in-process (Release, least-privilege role):
# (a) Tanger's monthly run, its re-run (must change nothing) and issuing all drafts; (b) the next month's run of every site one
# after the other; (c) the network's aged receivables (Receivables.AgingAsync, and its statement bare with EXPLAIN ANALYZE) and
# GET /hq/billing as the network admin, 50 times each. Prints the figures and "Target …: met/not met"; exits non-zero on any
# unexpected outcome (BENCHMARK FAILED).
#   scripts/benchmark-billing.sh [sites=96]
# Database: $TECHNOPARK_TEST_POSTGRES (a connection string whose user may create databases), else a throwaway local
# PostgreSQL cluster (system binaries) on port ${BENCH_PGPORT:-55446}, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg-local.sh
if [ -z "${TECHNOPARK_TEST_POSTGRES:-}" ]; then
  ensure_postgres_binaries
  BIN="$(pg_bindir)"; PGPORT_BENCH="${BENCH_PGPORT:-55446}"
  ! port_in_use "$PGPORT_BENCH" || { echo "Port $PGPORT_BENCH is in use (set BENCH_PGPORT)." >&2; exit 1; }
  DATA="$(mktemp -d /tmp/technopark-bench-billing-XXXXXX)"
  chown postgres "$DATA" 2>/dev/null || true
  trap 'as_postgres "$BIN/pg_ctl" -D "$DATA/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DATA"' EXIT
  as_postgres "$BIN/initdb" -D "$DATA/pg" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$BIN/pg_ctl" -D "$DATA/pg" -l "$DATA/pg/server.log" -w -t 60 \
    -o "-p $PGPORT_BENCH -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=256MB -c work_mem=32MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export TECHNOPARK_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT_BENCH;Username=postgres;Database=postgres"
fi
dotnet run -c Release --project tools/Technopark.Benchmarks -- billing "$@"
