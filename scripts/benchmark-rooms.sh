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
if [ -z "${TECHNOPARK_TEST_POSTGRES:-}" ]; then
  ensure_postgres_binaries
  BIN="$(pg_bindir)"; PGPORT_BENCH="${BENCH_PGPORT:-55446}"
  ! port_in_use "$PGPORT_BENCH" || { echo "Port $PGPORT_BENCH is in use (set BENCH_PGPORT)." >&2; exit 1; }
  DATA="$(mktemp -d /tmp/technopark-bench-rooms-XXXXXX)"
  chown postgres "$DATA" 2>/dev/null || true
  trap 'as_postgres "$BIN/pg_ctl" -D "$DATA/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$DATA"' EXIT
  as_postgres "$BIN/initdb" -D "$DATA/pg" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$BIN/pg_ctl" -D "$DATA/pg" -l "$DATA/pg/server.log" -w -t 60 \
    -o "-p $PGPORT_BENCH -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=256MB -c work_mem=32MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export TECHNOPARK_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT_BENCH;Username=postgres;Database=postgres"
fi
dotnet run -c Release --project tools/Technopark.Benchmarks -- rooms "$@"
