#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server of its own, then stops the server.
#
#   scripts/with-postgres.sh swift test --skip-build
#
# The server: Debian's binaries (/usr/lib/postgresql/N/bin, newest N; or $PG_BINDIR), `initdb`
# in a temporary directory, run as an unprivileged user (root creates `labfeed-test` once),
# listening only on 127.0.0.1 at a free port, SCRAM password authentication, no fsync (a test
# database need not survive a crash). The command sees:
#   LABFEED_TEST_POSTGRES_URL       postgres://labfeed@127.0.0.1:PORT/labfeed_test?password_env=…&sslmode=disable
#   LABFEED_TEST_POSTGRES_PASSWORD  the password that URL names
# The server and its directory are removed when the command ends, however it ends.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGUMENT...]" >&2
  exit 64
fi

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ]; then bindir=$dir; break; fi
  done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-postgres: no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb): run \`make deps\` (Debian package postgresql)" >&2
  exit 69
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/labfeed-pg.XXXXXX")
as_user=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root: use an unprivileged system user.
  user=labfeed-test
  if ! id "$user" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$user"
  fi
  chown "$user" "$tmp"
  as_user=(runuser -u "$user" --)
fi

pid=""
cleanup() {
  # The postmaster's own pid (runuser's pid is $pid): SIGINT is PostgreSQL's fast shutdown.
  local server
  server=$(head -1 "$tmp/data/postmaster.pid" 2>/dev/null || true)
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill -INT "$server" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$server" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server" 2>/dev/null || true
  fi
  if [ -n "$pid" ]; then wait "$pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
printf '%s\n' "$password" > "$tmp/pwfile"
[ ${#as_user[@]} -eq 0 ] || chown "$user" "$tmp/pwfile"
"${as_user[@]}" "$bindir/initdb" -D "$tmp/data" -U labfeed --pwfile="$tmp/pwfile" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C --no-sync >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; exit 1; }
rm -f "$tmp/pwfile"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 40000))
}

started=no
for attempt in 1 2 3 4 5; do
  port=$(free_port)
  "${as_user[@]}" "$bindir/postgres" -D "$tmp/data" -k "$tmp" -c listen_addresses=127.0.0.1 -p "$port" \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 \
    -c shared_buffers=64MB -c log_min_messages=fatal >"$tmp/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    if "$bindir/pg_isready" -q -h "$tmp" -p "$port" 2>/dev/null; then started=yes; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ "$started" = yes ] && break
  kill -KILL "$pid" 2>/dev/null || true
  pid=""
done
if [ "$started" != yes ]; then
  echo "with-postgres: the server did not start:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi

"${as_user[@]}" "$bindir/psql" -q -h "$tmp" -p "$port" -U labfeed -d postgres -c "CREATE DATABASE labfeed_test" >/dev/null

export LABFEED_TEST_POSTGRES_PASSWORD=$password
export LABFEED_TEST_POSTGRES_URL="postgres://labfeed@127.0.0.1:$port/labfeed_test?password_env=LABFEED_TEST_POSTGRES_PASSWORD&sslmode=disable"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (data in $tmp)" >&2
set +e
"$@"
status=$?
set -e
exit $status
