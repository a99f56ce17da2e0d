#!/usr/bin/env bash
# Docker Compose: run once by the postgres image on an empty volume (/docker-entrypoint-initdb.d), as its superuser.
# Lets the streaming replica of the "scale" profile (db-replica, scripts/docker-replica.sh) copy and follow this primary:
# a role that may only replicate, and the pg_hba.conf line that lets it in. Inert when no replica connects.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v password="$TECHNOPARK_REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE technopark_replicator LOGIN REPLICATION NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD :'password';
SQL
echo "host replication technopark_replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
