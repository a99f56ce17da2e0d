#!/usr/bin/env bash
# Technopark — run the app on this machine.
#   ./run.sh              start a project-local PostgreSQL (unless ConnectionStrings__Technopark is set),
#                         apply migrations as the schema owner, seed the real sites and demo data, serve
#                         a production-like demo on http://127.0.0.1:5080 as a least-privilege database role
#   ./run.sh --dev        the same in the Development environment (detailed errors; TECHNOPARK_ENV=Development too)
#   ./run.sh stop         stop the project-local PostgreSQL
#   ./run.sh status       tell whether it runs
#   ./run.sh backup       back up the database and the documents into backups/ (keeps the last 7)
#   ./run.sh restore FILE restore a backup into a fresh database, then switch to it (app stopped)
# Environment: PORT (web, 5080), PGPORT (database, 55432), TECHNOPARK_PGDATA (where the cluster lives),
# TECHNOPARK_DEMO_PASSWORD (demo logins), ConnectionStrings__Technopark (use that database instead; then
# also ConnectionStrings__TechnoparkMigrations for the owner), TECHNOPARK_BACKUP_KEEP (7).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
ROOT=$PWD
. scripts/pg-local.sh

PORT=${PORT:-5080}
PGPORT=${PGPORT:-55432}
DB_NAME=technopark
OWNER_ROLE=technopark_owner   # owns the schema, runs the migrations
APP_ROLE=technopark_app       # what the app connects as: DML only, audit_log append-only, no DDL
DATA_DIR="$ROOT/.data"
DOCUMENTS_DIR=${Storage__DocumentsPath:-$DATA_DIR/documents}
DEMO_PASSWORD=${TECHNOPARK_DEMO_PASSWORD:-Demo-Technopark-2026}

die() { echo "run.sh: $*" >&2; exit 1; }

# The cluster lives in .data/postgres (git-ignored). When we are root and the postgres user cannot
# reach that folder (a checkout under /root is mode 700), it lives under /var/lib/technopark instead.
pg_base() {
  if [ -n "${TECHNOPARK_PGDATA:-}" ]; then echo "$TECHNOPARK_PGDATA"; return; fi
  if [ "$(id -u)" = 0 ] && ! (cd / && runuser -u postgres -- test -x "$ROOT"); then
    echo "/var/lib/technopark/$(printf '%s' "$ROOT" | md5sum | cut -c1-12)/postgres"
  else
    echo "$ROOT/.data/postgres"
  fi
}

PGBASE=$(pg_base)
PGDATA="$PGBASE/data"
PGLOG="$PGBASE/server.log"

pg() { as_postgres "$BIN/$1" "${@:2}"; }

start_database() {
  ensure_postgres_binaries || die "PostgreSQL is needed: install the 'postgresql' package."
  BIN=$(pg_bindir)
  if [ "$PGBASE" != "$ROOT/.data/postgres" ] && [ -z "${TECHNOPARK_PGDATA:-}" ]; then
    echo "Note: the postgres user cannot enter $ROOT, so the database lives in $PGBASE."
  fi
  mkdir -p "$PGBASE"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGBASE"
  chmod 700 "$PGBASE"

  if [ ! -s "$PGDATA/PG_VERSION" ]; then
    echo "Creating the local PostgreSQL cluster in $PGDATA…"
    pg initdb -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null \
      || die "initdb failed in $PGDATA."
  fi

  if pg pg_ctl -D "$PGDATA" status >/dev/null 2>&1; then
    echo "PostgreSQL already runs (port $(sed -n 4p "$PGDATA/postmaster.pid"))."
    PGPORT=$(sed -n 4p "$PGDATA/postmaster.pid")
  else
    if [ -f "$PGDATA/postmaster.pid" ]; then
      echo "Removing a stale lock file left by a PostgreSQL that did not stop cleanly."
      rm -f "$PGDATA/postmaster.pid"
    fi
    port_in_use "$PGPORT" && die "port $PGPORT is taken by another program: stop it or choose another port, e.g. PGPORT=55433 ./run.sh"
    echo "Starting PostgreSQL on 127.0.0.1:$PGPORT…"
    pg pg_ctl -D "$PGDATA" -l "$PGLOG" -w -t 60 \
      -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=''" start >/dev/null \
      || { tail -n 20 "$PGLOG" >&2 || true; die "PostgreSQL did not start; its log is above ($PGLOG)."; }
  fi

  export PGHOST=127.0.0.1 PGPORT PGUSER=postgres
}

psql_admin() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -d "${2:-postgres}" -tAc "$1"; }

# Two roles, as a real deployment has: the owner of the schema (migrations) and the app's role, which
# owns nothing and gets its grants from the owner after each migration (DatabaseGrants.cs). A database
# made by an older version of this script belongs to postgres: its objects are handed to the owner.
prepare_database() {
  psql_admin "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$OWNER_ROLE') THEN
        CREATE ROLE $OWNER_ROLE LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS; END IF;
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') THEN
        CREATE ROLE $APP_ROLE LOGIN NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS; END IF;
    END \$\$;"
  if ! psql_admin "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    "$BIN/createdb" -O "$OWNER_ROLE" "$DB_NAME"
  fi
  psql_admin "ALTER DATABASE $DB_NAME OWNER TO $OWNER_ROLE;
    DO \$\$ DECLARE r record; BEGIN
      FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                 AND pg_get_userbyid(c.relowner) <> '$OWNER_ROLE'
                 AND NOT (c.relkind = 'S' AND EXISTS (SELECT FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')))
      LOOP EXECUTE format('ALTER %s %s OWNER TO $OWNER_ROLE', CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.name);
      END LOOP;
      FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> '$OWNER_ROLE'
                 AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      LOOP EXECUTE format('ALTER FUNCTION %s OWNER TO $OWNER_ROLE', r.name);
      END LOOP;
    END \$\$;" "$DB_NAME"
  export ConnectionStrings__Technopark="Host=127.0.0.1;Port=$PGPORT;Database=$DB_NAME;Username=$APP_ROLE"
  export ConnectionStrings__TechnoparkMigrations="Host=127.0.0.1;Port=$PGPORT;Database=$DB_NAME;Username=$OWNER_ROLE"
}

# Data Protection keys are stored encrypted with a certificate; the app makes a local self-signed one
# on first start (DataProtection:Certificate:CreateIfMissing), kept in .data/ (git-ignored) with its password.
ensure_certificate() {
  local pass="$DATA_DIR/dataprotection.password"
  mkdir -p "$DATA_DIR"
  if [ ! -s "$pass" ]; then
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$pass")
  fi
  export DataProtection__Certificate__Path="$DATA_DIR/dataprotection.pfx"
  export DataProtection__Certificate__CreateIfMissing=true
  DataProtection__Certificate__Password=$(cat "$pass")
  export DataProtection__Certificate__Password
}

backup_env() {
  export TECHNOPARK_DB=$DB_NAME TECHNOPARK_DOCUMENTS=$DOCUMENTS_DIR TECHNOPARK_BACKUP_DIR="$ROOT/backups"
}

case "${1:-start}" in
  stop)
    BIN=$(pg_bindir) || die "PostgreSQL binaries not found."
    if [ -s "$PGDATA/PG_VERSION" ] && pg pg_ctl -D "$PGDATA" status >/dev/null 2>&1; then
      pg pg_ctl -D "$PGDATA" -m fast stop >/dev/null && echo "PostgreSQL stopped."
    else
      echo "PostgreSQL is not running."
    fi
    exit 0 ;;
  status)
    BIN=$(pg_bindir) || die "PostgreSQL binaries not found."
    pg pg_ctl -D "$PGDATA" status || true
    exit 0 ;;
  backup|restore)
    [ -z "${ConnectionStrings__Technopark:-}" ] || die "backup/restore work on the project-local database; for your own server use scripts/backup.sh with PGHOST, PGPORT, PGUSER (see the README)."
    start_database
    backup_env
    if [ "$1" = restore ]; then
      port_in_use "$PORT" && die "something answers on port $PORT: stop the app (Ctrl+C) before restoring."
      exec scripts/backup.sh restore "${2:-}"
    fi
    exec scripts/backup.sh backup ;;
  --dev) export ASPNETCORE_ENVIRONMENT=Development ;;
  start) ;;
  *) die "usage: ./run.sh [start|--dev|stop|status|backup|restore FILE]" ;;
esac

command -v dotnet >/dev/null || die "the .NET 10 SDK is needed (dotnet not found)."
if [ -z "${ConnectionStrings__Technopark:-}" ]; then
  start_database
  prepare_database
else
  echo "Using the database of ConnectionStrings__Technopark."
fi
port_in_use "$PORT" && die "port $PORT is taken: stop what uses it or choose another, e.g. PORT=5081 ./run.sh"

# A production-like demo by default: Production settings (friendly error pages, no stack traces, JSON
# logs), with the demo data and the local mailbox, and without HSTS only because there is no TLS here.
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-${TECHNOPARK_ENV:-Production}}
export Database__SeedDemoData=true
export Database__AllowDemoDataInProduction=true
export Email__Mode=${Email__Mode:-Mailbox}
export Hsts__Enabled=false
export Storage__DocumentsPath=$DOCUMENTS_DIR
# Links in emails use the public base URL, never the request's Host header.
export App__PublicBaseUrl="${App__PublicBaseUrl:-http://127.0.0.1:$PORT}"
ensure_certificate
export TECHNOPARK_DEMO_PASSWORD=$DEMO_PASSWORD
echo "Building…"
dotnet build src/Technopark.Web -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null || dotnet build src/Technopark.Web -c Release -nologo -clp:ErrorsOnly
# Migrations are a step of their own, as the schema owner; the app then runs without the owner's credentials.
echo "Applying migrations…"
(cd src/Technopark.Web && dotnet bin/Release/net10.0/Technopark.Web.dll --migrate) || die "the migrations failed (see above)."
unset ConnectionStrings__TechnoparkMigrations
export Database__MigrateOnStartup=false
cat <<BANNER

  Technopark → http://127.0.0.1:$PORT   (health: /health/ready, API: /api/v1/sites, metrics: /metrics)
  Environment: $ASPNETCORE_ENVIRONMENT$([ "$ASPNETCORE_ENVIRONMENT" = Development ] || echo " (./run.sh --dev for Development)")
  Demo logins (password: $DEMO_PASSWORD)
    hq@technopark.ma               NetworkAdmin
    manager.tanger@technopark.ma   SiteManager, Tanger
    manager.oujda@technopark.ma    SiteManager, Oujda
    reviewer.tanger@technopark.ma  Reviewer, Tanger
    reviewer.oujda@technopark.ma   Reviewer, Oujda
    startup@technopark.ma          applicant (applications in every state)
  Stop with Ctrl+C; ./run.sh stop stops the database; ./run.sh backup backs it up.

BANNER
exec dotnet run --project src/Technopark.Web -c Release --no-build --no-launch-profile --urls "http://127.0.0.1:$PORT"
