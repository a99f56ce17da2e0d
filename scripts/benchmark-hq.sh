#!/usr/bin/env bash
# Network HQ at scale: generates a network 100x the demo (or SCALE × that) with binary COPY (secondary indexes and
# constraints dropped during the load, triggers off, rebuilt set-based after; elapsed time per step and database size),
# starts the app in Release on Kestrel against it, signs in as NetworkAdmin and prints, for /hq, /hq/trend,
# /api/v1/occupancy and /hq/kpis, uncached p50 and p95 over DAYS (20) days not asked before, failures, round trips to
# PostgreSQL per request (the app's Npgsql metrics), the raw SQL floor, the ratio and its bound (what a request adding only
# a signed-in no-op's cost would reach), the web process's peak working set, each against the issue's target, and what writes
# cost with the blocks the database keeps.
#   scripts/benchmark-hq.sh [scale=1.0] [day=2026-06-15]      SKIP_GENERATE=1 reuses the database (migrating it)
# Database: $ConnectionStrings__Technopark, else a throwaway local PostgreSQL cluster (system binaries) on port 55439.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg-local.sh
SCALE="${1:-1.0}"
DAY="${2:-2026-06-15}"
PORT=5089
if [ -z "${ConnectionStrings__Technopark:-}" ]; then
  ensure_postgres_binaries
  BIN="$(pg_bindir)"; DATA=/tmp/technopark-bench-pg
  if [ ! -d "$DATA" ]; then
    mkdir -p "$DATA"; chown postgres "$DATA" 2>/dev/null || true
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --no-sync >/dev/null
  fi
  as_postgres "$BIN/pg_ctl" -D "$DATA" -o "-p 55439 -c shared_buffers=256MB -c work_mem=32MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" -l "$DATA/log" -w start >/dev/null || true
  as_postgres "$BIN/psql" -h 127.0.0.1 -p 55439 -U postgres -tc "SELECT 1 FROM pg_database WHERE datname='technopark_bench'" | grep -q 1 \
    || as_postgres "$BIN/psql" -h 127.0.0.1 -p 55439 -U postgres -c "CREATE DATABASE technopark_bench" >/dev/null
  export ConnectionStrings__Technopark="Host=127.0.0.1;Port=55439;Database=technopark_bench;Username=postgres"
fi
dotnet build tools/Technopark.DataGenerator -c Release -v q -nologo >/dev/null
dotnet build src/Technopark.Web -c Release -v q -nologo >/dev/null
if [ "${SKIP_GENERATE:-0}" != 1 ]; then
  dotnet tools/Technopark.DataGenerator/bin/Release/net10.0/Technopark.DataGenerator.dll generate "$SCALE"
else
  dotnet tools/Technopark.DataGenerator/bin/Release/net10.0/Technopark.DataGenerator.dll migrate
fi
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$PORT" App__PublicBaseUrl="http://127.0.0.1:$PORT" Database__MigrateOnStartup=false Database__SeedDemoData=false \
  Serilog__MinimumLevel__Default=Warning Email__IntervalSeconds=3600 \
  DataProtection__Certificate__Path=/tmp/technopark-bench-dataprotection.pfx DataProtection__Certificate__Password=bench \
  DataProtection__Certificate__CreateIfMissing=true \
  dotnet src/Technopark.Web/bin/Release/net10.0/Technopark.Web.dll >/tmp/technopark-bench-web.log 2>&1 &
WEB=$!
trap 'kill $WEB 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/health/live" >/dev/null && break; sleep 1; done
dotnet tools/Technopark.DataGenerator/bin/Release/net10.0/Technopark.DataGenerator.dll bench "http://127.0.0.1:$PORT" "$WEB" "$DAY" "${DAYS:-20}" "$SCALE"
