#!/usr/bin/env bash
# Docker Compose, profile "scale": the PostgreSQL streaming replica. On an empty volume, copies the primary ("db") with
# pg_basebackup -R (which writes standby.signal and primary_conninfo), then runs PostgreSQL as a hot standby that follows it.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h db -U technopark_replicator -d postgres >/dev/null 2>&1; do sleep 1; done
  echo "db-replica: copying the primary (pg_basebackup -R)…"
  mkdir -p "$PGDATA"
  PGPASSWORD="$TECHNOPARK_REPLICATION_PASSWORD" pg_basebackup -h db -U technopark_replicator -D "$PGDATA" -R -X stream
  chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
