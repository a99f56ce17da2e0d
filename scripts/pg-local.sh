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
