#!/usr/bin/env bash
# Docker Compose: run once by the postgres image on an empty volume (/docker-entrypoint-initdb.d), as its
# superuser. The two roles of a deployment: the schema owner (migrations) and the app's least-privilege role.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v owner_password="$TECHNOPARK_OWNER_PASSWORD" -v app_password="$TECHNOPARK_APP_PASSWORD" <<'SQL'
CREATE ROLE technopark_owner LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD :'owner_password';
CREATE ROLE technopark_app LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD :'app_password';
CREATE DATABASE technopark OWNER technopark_owner;
SQL
