#!/usr/bin/env bash
# The sync runs of the benchmark report alone, for working on sync speed (loopback only):
# generates a corpus of SOURCES (default 600) into WORK (default /tmp/labfeed-sync-bench, kept
# between runs), serves it, and times with /usr/bin/time a cold `labfeed sync --all`, a re-sync
# with nothing changed, and (MEMORY=1) a cold sync of 1,000 sources. Uses the release binaries
# already built (`swift build -c release --static-swift-stdlib --product labfeed`, as `make bench`); prints the
# distinct-event count against the corpus's truth.json. LABFEED=PATH times another labfeed binary
# (a build of main, for before/after). Writes nothing in the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
sources=${SOURCES:-600}
work=${WORK:-/tmp/labfeed-sync-bench}
bin=$(swift build -c release --show-bin-path)
labfeed=${LABFEED:-$bin/labfeed}
server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
export NO_PROXY='*' no_proxy='*'
unset http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy || true


source Benchmarks/report/corpus.sh

run() {  # NAME CONFIG
  /usr/bin/time -f "%e s wall, %U s user, %S s sys, %M KiB peak" -o "$work/$1.time" \
    "$labfeed" sync --all --quiet --config "$2" --now 2030-06-01 || { echo "!! $1 failed"; return 1; }
  echo "$1: $(cat "$work/$1.time")"
}

mkdir -p "$work"
[ -f "$work/corpus/truth.json" ] && [ "$(wc -l <"$work/corpus/sources.tsv")" -eq "$sources" ] \
  || python3 Benchmarks/report/generate.py "$work/corpus" "$sources" >/dev/null
start_server "$work/corpus"
rm -rf "$work/run" && mkdir -p "$work/run"
config "$work/corpus" "$work/run"
run cold "$work/run/feeds.yml"
stat -c '%n %Y' "$work"/run/Output/* >"$work/mtimes-before"
sleep 1.1
run resync "$work/run/feeds.yml"
stat -c '%n %Y' "$work"/run/Output/* >"$work/mtimes-after"
cmp -s "$work/mtimes-before" "$work/mtimes-after" && echo "re-sync rewrote no file" || echo "!! re-sync rewrote files"
python3 - "$work/corpus/truth.json" "$work/run/Output/programme.json" <<'EOF'
import json, sys
truth = json.load(open(sys.argv[1]))
n = truth["distinct_events"]
got = len(json.load(open(sys.argv[2]))["events"])
print(f"distinct events: truth {n}, labfeed {got} ({(got - n) / n * 100:+.2f}%)")
EOF
if [ "${MEMORY:-0}" = 1 ]; then
  [ -f "$work/corpus1000/truth.json" ] || python3 Benchmarks/report/generate.py "$work/corpus1000" 1000 >/dev/null
  start_server "$work/corpus1000"
  rm -rf "$work/run1000" && mkdir -p "$work/run1000"
  config "$work/corpus1000" "$work/run1000"
  run cold1000 "$work/run1000/feeds.yml"
fi
