#!/usr/bin/env bash
# A throwaway PostgreSQL on loopback for the test suite (`make test-postgres`).
#   scripts/postgres.sh start   install the Debian package if missing (as root), start a
#                               server in $PGDATA on 127.0.0.1:$PGPORT, print its URL
#   scripts/postgres.sh stop
# Trust authentication on loopback only: a test server, never a deployment.
set -euo pipefail

PGPORT="${ESPACE_PG_PORT:-54329}"
PGDATA="${ESPACE_PG_DATA:-/tmp/espace-postgres}"
LOG="$PGDATA.log"

bin_dir() {
    local found
    found="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -z "$found" ]; then
        if [ "$(id -u)" = "0" ]; then
            DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
            DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
            found="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
        else
            echo "PostgreSQL manque : installez-le (sudo apt-get install postgresql)." >&2
            exit 1
        fi
    fi
    echo "$found"
}

as_owner() {
    # PostgreSQL refuses to run as root: the server runs as the postgres user then.
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

start() {
    local bin
    bin="$(bin_dir)"
    if [ ! -s "$PGDATA/PG_VERSION" ]; then
        rm -rf "$PGDATA"
        mkdir -p "$PGDATA"
        if [ "$(id -u)" = "0" ]; then chown postgres: "$PGDATA"; fi
        as_owner "$bin/initdb" -D "$PGDATA" -U espace --auth=trust -E UTF8 \
            --locale=C.UTF-8 >/dev/null
    fi
    if ! as_owner "$bin/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
        touch "$LOG"
        if [ "$(id -u)" = "0" ]; then chown postgres: "$LOG"; fi
        # fsync off: a test server; nothing here outlives the run.
        as_owner "$bin/pg_ctl" -D "$PGDATA" -l "$LOG" -w start -o \
            "-h 127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c synchronous_commit=off \
             -c full_page_writes=off -c max_connections=200" >/dev/null
    fi
    echo "postgresql+psycopg://espace@127.0.0.1:$PGPORT/postgres"
}

stop() {
    local bin
    bin="$(bin_dir)"
    as_owner "$bin/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
