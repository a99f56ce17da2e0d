#!/usr/bin/env bash
# Technopark — back up and restore the database and the uploaded documents (./run.sh backup|restore
# calls this; so does the backup test, against its own cluster).
#   scripts/backup.sh backup          → $TECHNOPARK_BACKUP_DIR/technopark-YYYYMMDD-HHMMSS.dump (pg_dump custom
#                                       format) + .documents.tar.gz; keeps the last $TECHNOPARK_BACKUP_KEEP (7)
#   scripts/backup.sh restore FILE    → restores FILE into a fresh database, then swaps it in by renaming
#                                       (the previous database is kept as <db>_before_restore_<time>) and
#                                       puts back the documents of that backup (the previous folder is kept too)
# Connection: the libpq variables PGHOST, PGPORT, PGUSER (a superuser: it creates databases and restores
# objects owned by other roles), PGPASSWORD. Database: TECHNOPARK_DB (technopark). Documents folder:
# TECHNOPARK_DOCUMENTS. The app must be stopped for a restore: the script refuses while anyone is connected.
set -euo pipefail
here="$(dirname "$(readlink -f "$0")")"
. "$here/pg-local.sh"

DB=${TECHNOPARK_DB:-technopark}
DIR=${TECHNOPARK_BACKUP_DIR:-backups}
KEEP=${TECHNOPARK_BACKUP_KEEP:-7}
DOCUMENTS=${TECHNOPARK_DOCUMENTS:-}

die() { echo "backup: $*" >&2; exit 1; }

bin() {
  local dir
  if dir=$(pg_bindir) && [ -x "$dir/$1" ]; then echo "$dir/$1"; else command -v "$1" || die "$1 not found: install the 'postgresql-client' package."; fi
}

sql() { "$(bin psql)" -X -q -v ON_ERROR_STOP=1 -d "${2:-postgres}" -tAc "$1"; }

backup() {
  [[ "$KEEP" =~ ^[1-9][0-9]*$ ]] || die "TECHNOPARK_BACKUP_KEEP must be a positive number (got '$KEEP')."
  mkdir -p "$DIR"
  local name file
  name="technopark-$(date -u +%Y%m%d-%H%M%S)"
  file="$DIR/$name.dump"
  [ -e "$file" ] && die "$file exists already (two backups in one second?)."
  "$(bin pg_dump)" --format=custom --compress=6 --file="$file.partial" "$DB" || { rm -f "$file.partial"; die "pg_dump of '$DB' failed."; }
  if [ -n "$DOCUMENTS" ] && [ -d "$DOCUMENTS" ]; then
    tar -czf "$DIR/$name.documents.tar.gz.partial" -C "$DOCUMENTS" . || { rm -f "$file.partial" "$DIR/$name.documents.tar.gz.partial"; die "could not archive $DOCUMENTS."; }
    mv "$DIR/$name.documents.tar.gz.partial" "$DIR/$name.documents.tar.gz"
  fi
  mv "$file.partial" "$file"
  echo "Backup written: $file$([ -f "$DIR/$name.documents.tar.gz" ] && echo " and $name.documents.tar.gz")"

  # Keep the newest $KEEP backups (names sort by time).
  local old
  ls -1 "$DIR"/technopark-*.dump 2>/dev/null | sort | head -n "-$KEEP" | while read -r old; do
    rm -f "$old" "${old%.dump}.documents.tar.gz"
    echo "Removed the old backup $old"
  done
}

restore() {
  local file=${1:-}
  [ -n "$file" ] || die "usage: restore FILE (a .dump written by backup)."
  [ -f "$file" ] || die "no such file: $file"
  local documents_tar="${file%.dump}.documents.tar.gz"
  local stamp fresh previous
  stamp=$(date -u +%Y%m%d_%H%M%S)
  fresh="${DB}_restore_$stamp"
  previous="${DB}_before_restore_$stamp"

  # Clients only (an autovacuum worker on the database is no app, and the rename below stops it), and a server process outlives
  # its client's goodbye by a moment: an app stopped just now gets up to 5 s to be gone.
  local busy tries=0
  while :; do
    busy=$(sql "SELECT count(*) FROM pg_stat_activity WHERE datname = '$DB' AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
    [ "$busy" != 0 ] || break
    tries=$((tries + 1))
    [ "$tries" -lt 25 ] || die "$busy connection(s) to '$DB' are open: stop the app first (Ctrl+C, or stop its service), then restore."
    sleep 0.2
  done

  local owner
  owner=$(sql "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '$DB'")
  [ -n "$owner" ] || owner=$(sql "SELECT current_user")
  echo "Restoring $file into a fresh database '$fresh'…"
  sql "CREATE DATABASE \"$fresh\" OWNER \"$owner\" TEMPLATE template0"
  if ! "$(bin pg_restore)" --exit-on-error --dbname="$fresh" "$file"; then
    sql "DROP DATABASE IF EXISTS \"$fresh\"" || true
    die "pg_restore failed; '$DB' is unchanged."
  fi

  # The swap: two renames, refused by PostgreSQL if someone connected meanwhile.
  sql "ALTER DATABASE \"$DB\" RENAME TO \"$previous\"" || { sql "DROP DATABASE IF EXISTS \"$fresh\"" || true; die "could not set '$DB' aside (connected clients?); it is unchanged."; }
  sql "ALTER DATABASE \"$fresh\" RENAME TO \"$DB\""
  echo "Database '$DB' restored; the previous one is kept as '$previous' (DROP DATABASE $previous; when you no longer need it)."

  if [ -n "$DOCUMENTS" ] && [ -f "$documents_tar" ]; then
    if [ -d "$DOCUMENTS" ]; then
      mv "$DOCUMENTS" "$DOCUMENTS.before-restore-$stamp"
      echo "Previous documents kept in $DOCUMENTS.before-restore-$stamp"
    fi
    mkdir -p "$DOCUMENTS"
    tar -xzf "$documents_tar" -C "$DOCUMENTS"
    echo "Documents restored into $DOCUMENTS"
  elif [ -n "$DOCUMENTS" ]; then
    echo "Note: no documents archive next to $file; the documents folder is unchanged."
  fi
}

case "${1:-}" in
  backup) backup ;;
  restore) restore "${2:-}" ;;
  *) die "usage: scripts/backup.sh backup | restore FILE" ;;
esac
