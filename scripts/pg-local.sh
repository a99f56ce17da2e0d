# Shared by run.sh and test.sh: find or install the system PostgreSQL binaries, and run them as
# the postgres user when we are root (PostgreSQL refuses to run as root).
# shellcheck shell=bash

pg_bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0; }
  return 1
}

# Installs Debian packages that are missing; runs 'apt-get update' once per call.
apt_install() {
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ]; then
    echo "Missing packages: $*. Install them (sudo apt-get install -y $*) and try again." >&2
    return 1
  fi
  echo "Installing $* (apt-get)…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_postgres_binaries() {
  pg_bindir >/dev/null || apt_install postgresql || return 1
  pg_bindir >/dev/null || { echo "PostgreSQL binaries not found even after installing 'postgresql'." >&2; return 1; }
}

as_postgres() {
  # from / : the postgres user may not be allowed into the current folder
  if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Benchmarks: unless TECHNOPARK_TEST_POSTGRES is set, a throwaway cluster tuned for speed on ${BENCH_PGPORT:-55446}, removed at exit;
# exports TECHNOPARK_TEST_POSTGRES. $1 names the temporary folder.
use_bench_postgres() {
  [ -z "${TECHNOPARK_TEST_POSTGRES:-}" ] || return 0
  ensure_postgres_binaries
  BENCH_BIN="$(pg_bindir)"; PGPORT_BENCH="${BENCH_PGPORT:-55446}"
  ! port_in_use "$PGPORT_BENCH" || { echo "Port $PGPORT_BENCH is in use (set BENCH_PGPORT)." >&2; exit 1; }
  BENCH_DATA="$(mktemp -d "/tmp/technopark-bench-$1-XXXXXX")"
  chown postgres "$BENCH_DATA" 2>/dev/null || true
  trap 'as_postgres "$BENCH_BIN/pg_ctl" -D "$BENCH_DATA/pg" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$BENCH_DATA"' EXIT
  as_postgres "$BENCH_BIN/initdb" -D "$BENCH_DATA/pg" -U postgres --auth=trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$BENCH_BIN/pg_ctl" -D "$BENCH_DATA/pg" -l "$BENCH_DATA/pg/server.log" -w -t 60 \
    -o "-p $PGPORT_BENCH -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c shared_buffers=256MB -c work_mem=32MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  export TECHNOPARK_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT_BENCH;Username=postgres;Database=postgres"
}
