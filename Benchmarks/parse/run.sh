#!/bin/sh
# Generates the 10 MB / 5,000-item feed and measures LabfeedParse's peak memory on it.
# Target: peak growth under 5x the file size. Run from the package root: Benchmarks/parse/run.sh
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 Benchmarks/parse/generate.py "$dir/big-feed.xml" 5000 $((10 * 1024 * 1024))
swift build -c release --product ParseBenchmark >/dev/null
"$(swift build -c release --show-bin-path)/ParseBenchmark" "$dir/big-feed.xml"
