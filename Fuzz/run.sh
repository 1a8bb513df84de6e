#!/usr/bin/env bash
# Builds the libFuzzer targets (-sanitize=fuzzer, in .build-fuzz) and runs each for SECONDS
# (default 60), seeded from the test fixtures. A crash leaves its input in Fuzz/crashes/ and
# makes this script fail. Usage: Fuzz/run.sh [SECONDS] [TARGET...]   (make fuzz FUZZ_SECONDS=60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(FuzzFeed FuzzHTML FuzzDates FuzzConfig)
scratch=.build-fuzz
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -g)

seeds() {
  case "$1" in
    FuzzFeed) echo Tests/LabfeedParseTests/Fixtures/feeds Tests/LabfeedParseTests/Fixtures/ics Tests/LabfeedFetchTests/Fixtures/feed.xml ;;
    FuzzHTML) echo Tests/LabfeedParseTests/Fixtures/html examples/site ;;
    FuzzDates) echo Fuzz/seeds/dates ;;
    FuzzConfig) echo feeds.yml examples/demo.yml Tests/LabfeedCoreTests/Fixtures Tests/LabfeedParseTests/Fixtures/html/plain-agenda.css.yml ;;
  esac
}

mkdir -p Fuzz/crashes
status=0
for target in "${targets[@]}"; do
  swift build "${flags[@]}" --product "$target"
  corpus="$scratch/corpus/$target"
  mkdir -p "$corpus"
  for seed in $(seeds "$target"); do
    if [ -d "$seed" ]; then find "$seed" -type f -exec cp {} "$corpus/" \; ; else cp "$seed" "$corpus/"; fi
  done
  echo "== $target for ${seconds}s ($(ls "$corpus" | wc -l) inputs in the corpus)"
  # Feeds and pages may be large; the rest is text of a few KiB.
  max_len=4096
  case "$target" in FuzzFeed|FuzzHTML) max_len=65536 ;; esac
  log="$scratch/$target.log"
  set +e
  "$scratch/release/$target" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
    -rss_limit_mb=2048 -artifact_prefix="Fuzz/crashes/$target-" -print_final_stats=1 >"$log" 2>&1
  code=$?
  set -e
  grep -E "^#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb|ERROR|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -n 20 || true
  if [ $code -ne 0 ]; then
    echo "!! $target failed (exit $code); full log: $log"
    status=1
  fi
done
exit $status
