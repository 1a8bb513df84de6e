# Sourced by run.sh and sync.sh: serving a generated corpus on 127.0.0.1 and writing the
# feeds.yml that names every source of it. Expects $work and $bin; sets $server_pid and $port.

start_server() {  # DIR: serves DIR/files, sets $port
  [ -z "$server_pid" ] || { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; }
  rm -f "$work/port"
  "$bin/report-bench" serve "$1/files" "$work/port" & server_pid=$!
  for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
  port=$(cat "$work/port")
}

config() {  # CORPUS OUT_DIR: a feeds.yml for every source of CORPUS
  {
    echo "settings:"
    echo "  output: $2/Output"
    echo "  state: $2/state.sqlite"
    echo "  concurrency: 16"
    echo "  per_host: 16"
    echo "  allow_private_networks: true"
    echo "sources:"
    while IFS=$'\t' read -r id path kind lang; do
      printf '  - id: %s\n    url: http://127.0.0.1:%s%s\n    kind: %s\n    language: %s\n    robots: false\n' "$id" "$port" "$path" "$kind" "$lang"
    done <"$1/sources.tsv"
  } >"$2/feeds.yml"
}
