#!/usr/bin/env bash
# Starts (or stops) a throwaway PostgreSQL cluster on loopback for the tests and benchmarks, using
# Debian's postgresql package. Prints the DATABASE_URL to use.
#   scripts/postgres.sh start [FOLDER]   start a cluster in FOLDER (default a new temporary folder)
#   scripts/postgres.sh stop FOLDER      stop it
set -euo pipefail
port="${PLACEFIRST_PG_PORT:-54329}"
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi
run_as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-}" in
  start)
    folder="${2:-$(mktemp -d)}"
    mkdir -p "$folder"
    chmod 755 "$folder"
    [ "$(id -u)" = "0" ] && chown postgres "$folder"
    # Another server on the port (a developer's, another run's): take the next free one, unless
    # the port was asked for.
    if [ -z "${PLACEFIRST_PG_PORT:-}" ]; then
      while in_use "$port" && [ "$port" -lt 54399 ]; do port=$((port + 1)); done
    fi
    data="$folder/pgdata"
    if [ ! -d "$data" ]; then
      mkdir -p "$data"
      [ "$(id -u)" = "0" ] && chown postgres "$data"
      run_as_postgres "$bin/initdb" -D "$data" -A trust -U postgres --no-sync >/dev/null
    fi
    run_as_postgres "$bin/pg_ctl" -D "$data" -l "$folder/postgres.log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $folder -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    run_as_postgres "$bin/pg_ctl" -D "$2/pgdata" -m fast -w stop >/dev/null || true
    ;;
  *)
    echo "usage: scripts/postgres.sh start [FOLDER] | stop FOLDER" >&2
    exit 2
    ;;
esac
