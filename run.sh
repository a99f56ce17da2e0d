#!/usr/bin/env bash
# Technopark — run the app on this machine.
#   ./run.sh          start a project-local PostgreSQL (unless ConnectionStrings__Technopark is set),
#                     apply migrations, seed the real sites and demo data, serve http://127.0.0.1:5080
#   ./run.sh stop     stop the project-local PostgreSQL
#   ./run.sh status   tell whether it runs
# Environment: PORT (web, 5080), PGPORT (database, 55432), TECHNOPARK_PGDATA (where the cluster lives),
# TECHNOPARK_DEMO_PASSWORD (demo logins), ConnectionStrings__Technopark (use that database instead).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")"
ROOT=$PWD
. scripts/pg-local.sh

PORT=${PORT:-5080}
PGPORT=${PGPORT:-55432}
DB_NAME=technopark
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

  if ! "$BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = '$DB_NAME'" | grep -q 1; then
    "$BIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$DB_NAME"
  fi
  export ConnectionStrings__Technopark="Host=127.0.0.1;Port=$PGPORT;Database=$DB_NAME;Username=postgres"
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
  start) ;;
  *) die "usage: ./run.sh [start|stop|status]" ;;
esac

command -v dotnet >/dev/null || die "the .NET 10 SDK is needed (dotnet not found)."
if [ -z "${ConnectionStrings__Technopark:-}" ]; then
  start_database
else
  echo "Using the database of ConnectionStrings__Technopark."
fi
port_in_use "$PORT" && die "port $PORT is taken: stop what uses it or choose another, e.g. PORT=5081 ./run.sh"

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export Database__MigrateOnStartup=true
export Database__SeedDemoData=true
export TECHNOPARK_DEMO_PASSWORD=$DEMO_PASSWORD
echo "Building…"
dotnet build src/Technopark.Web -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null || dotnet build src/Technopark.Web -c Release -nologo -clp:ErrorsOnly
cat <<BANNER

  Technopark → http://127.0.0.1:$PORT   (health: /health/ready, API: /api/v1/sites)
  Demo logins (password: $DEMO_PASSWORD)
    hq@technopark.ma               NetworkAdmin
    manager.tanger@technopark.ma   SiteManager, Tanger
    manager.oujda@technopark.ma    SiteManager, Oujda
    reviewer.tanger@technopark.ma  Reviewer, Tanger
    reviewer.oujda@technopark.ma   Reviewer, Oujda
    startup@technopark.ma          applicant (applications in every state)
  Stop with Ctrl+C; ./run.sh stop stops the database.

BANNER
# Links in emails use the public base URL, never the request's Host header.
export App__PublicBaseUrl="${App__PublicBaseUrl:-http://127.0.0.1:$PORT}"
exec dotnet run --project src/Technopark.Web -c Release --no-build --no-launch-profile --urls "http://127.0.0.1:$PORT"
