#!/usr/bin/env bash
# Start a throwaway PostgreSQL 15 cluster for the integration tests and print the variables to
# use it. Usage:   eval "$(.ci/postgres.sh start)"   …   .ci/postgres.sh stop "$FOEDUS_PG_DIR"
# The cluster lives in a temporary directory, listens on a free loopback port and a socket in
# that directory, and trusts local connections (it holds nothing but test data).
set -euo pipefail

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do
  [ -x "$candidate/initdb" ] && bindir="$candidate"
done
if [ -z "$bindir" ]; then
  echo "echo 'no PostgreSQL server binaries found: PostgreSQL tests will be skipped' >&2"
  exit 0
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-start}" in
  start)
    dir="$(mktemp -d /tmp/foedus-pg.XXXXXX)"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    as_owner "$bindir/initdb" -D "$dir/data" -U foedus --auth=trust -E UTF8 --no-sync >"$dir/initdb.log" 2>&1
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U foedus foedus_test
    echo "export FOEDUS_PG_DIR=$dir"
    echo "export FOEDUS_TEST_DATABASE_URL=postgresql+psycopg://foedus@127.0.0.1:$port/foedus_test"
    ;;
  stop)
    dir="${2:?the cluster directory}"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
esac
