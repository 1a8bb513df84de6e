#!/usr/bin/env bash
# The workers benchmark (not a test): 1, 2 and 3 `labfeed run` processes on this machine over the
# same SOURCES (1,000) loopback calendars answering after LATENCY_MS (50), sharing one throwaway
# PostgreSQL; and one process on SQLite for reference. Reports sources per second (until every
# source was fetched once), the time until the merged programme held them all, and the database's
# share: pg_stat_database.active_time (time the server spent executing statements, all its
# backends together) over the wall time.
#
#   Benchmarks/workers/run.sh            (make bench-workers; builds labfeed in release mode)
#   LABFEED_BIN=.build/debug/labfeed Benchmarks/workers/run.sh
#
# Writes the table to standard output and to Benchmarks/workers/results-LATENCY_MSms.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

if [ -z "${LABFEED_TEST_POSTGRES_URL:-}" ]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

SOURCES=${SOURCES:-1000}
LATENCY_MS=${LATENCY_MS:-50}
CONCURRENCY=${CONCURRENCY:-8}
# per_host binds all workers together (issue #10) and every source is on one loopback host, which
# stands for many hosts here: 32 (the most feeds.yml accepts) leaves 3 workers × 8 fetches free.
PER_HOST=${PER_HOST:-32}
if [ -z "${LABFEED_BIN:-}" ]; then
  swift build -c release --product labfeed >&2
  LABFEED_BIN=$root/.build/release/labfeed
fi
build=$(case "$LABFEED_BIN" in *release*) echo release ;; *) echo debug ;; esac)

work=$(mktemp -d "${TMPDIR:-/tmp}/labfeed-bench-workers.XXXXXX")
server_pid=""
workers=()
cleanup() {
  for p in "${workers[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${workers[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 Benchmarks/workers/latency_server.py "$work/port" "$LATENCY_MS" &
server_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
base="http://127.0.0.1:$port"

# psql on the test server: host, port and database from the URL; the password from its variable.
pg_hostport=${LABFEED_TEST_POSTGRES_URL#postgres://*@}
pg_hostport=${pg_hostport%%/*}
pg_db=${LABFEED_TEST_POSTGRES_URL##*/}
pg_db=${pg_db%%\?*}
sql() {
  PGPASSWORD=$LABFEED_TEST_POSTGRES_PASSWORD psql -qtAX -h "${pg_hostport%:*}" -p "${pg_hostport##*:}" -U labfeed -d "$pg_db" -c "$1"
}
active_ms() { sql "SELECT COALESCE(active_time, 0) FROM pg_stat_database WHERE datname = '$pg_db'"; }

config() { # STORE-LINE
  local k
  printf 'settings:\n  output: Output\n%s\n  keep_past: forever\n  allow_private_networks: true\n' "$1"
  printf '  concurrency: %s\n  per_host: %s\n  timeout: 20s\n  retries: 1\nsources:\n' "$CONCURRENCY" "$PER_HOST"
  for k in $(seq 0 $((SOURCES - 1))); do
    printf '  - id: s%04d\n    url: %s/s/%04d.ics\n    kind: ics\n' "$k" "$base" "$k"
  done
}

now() { date +%s.%N; }
stat_distinct() { curl -s "$base/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["distinct"])'; }
stat_requests() { curl -s "$base/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["requests"])'; }

rows=()
run_case() { # LABEL WORKERS STORE-LINE SCHEMA-OR-EMPTY
  local label=$1 n=$2 store=$3 schema=$4 i
  local dir="$work/$label"
  mkdir -p "$dir"
  config "$store" > "$dir/feeds.yml"
  curl -s "$base/reset" >/dev/null
  local before=0
  [ -n "$schema" ] && before=$(active_ms)
  workers=()
  local start
  start=$(now)
  for i in $(seq 1 "$n"); do
    "$LABFEED_BIN" run --config "$dir/feeds.yml" --worker-id "bench$i" --output "$dir/Out$i" --log-level warning \
      2>"$dir/worker$i.log" &
    workers+=($!)
  done
  local fetched="" merged=""
  for _ in $(seq 1 6000); do
    if [ -z "$fetched" ] && [ "$(stat_distinct)" -ge "$SOURCES" ]; then fetched=$(now); fi
    if [ -n "$fetched" ]; then
      local events
      if [ -n "$schema" ]; then
        events=$(sql "SELECT count(*) FROM \"$schema\".programme_event" 2>/dev/null || echo 0)
      else
        events=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["events"]))' "$dir/Out1/programme.json" 2>/dev/null || echo 0)
      fi
      if [ "$events" -ge "$SOURCES" ]; then merged=$(now); break; fi
    fi
    sleep 0.1
  done
  for p in "${workers[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${workers[@]}"; do wait "$p" 2>/dev/null || true; done
  workers=()
  if [ -z "$merged" ]; then
    echo "bench-workers: $label did not finish within 10 minutes; logs in $dir" >&2
    tail -5 "$dir"/worker*.log >&2
    trap - EXIT
    exit 1
  fi
  local requests
  requests=$(stat_requests)
  local db="-" share="-"
  if [ -n "$schema" ]; then
    sleep 1.5 # the statistics of the closed connections reach pg_stat_database
    local after
    after=$(active_ms)
    db=$(python3 -c "print(f'{($after - $before) / 1000:.2f} s')")
    share=$(python3 -c "print(f'{($after - $before) / 1000 / ($fetched - $start) * 100:.0f} %')")
  fi
  rows+=("$(python3 -c "
s, f, m = $start, $fetched, $merged
print(f'| $label | $n | {$SOURCES / (f - s):.0f} | {f - s:.1f} s | {m - s:.1f} s | $requests | $db | $share |')")")
  echo "${rows[-1]}" >&2
}

url=$LABFEED_TEST_POSTGRES_URL
run_case "sqlite" 1 "  state: state/state.sqlite" ""
for n in 1 2 3; do
  schema="bench_${n}_$RANDOM"
  run_case "postgres-$n" "$n" "  store: $url&schema=$schema" "$schema"
done

{
  echo "Workers benchmark: $SOURCES loopback calendars answering after $LATENCY_MS ms, concurrency $CONCURRENCY per worker,"
  echo "labfeed $build build, $(nproc) cores, PostgreSQL $(sql 'SHOW server_version'), $(date -u +%Y-%m-%d)."
  echo
  echo "| store | workers | sources/s | all fetched | programme merged | requests | database busy | database share |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "Benchmarks/workers/results-${LATENCY_MS}ms.md"
