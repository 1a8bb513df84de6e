#!/usr/bin/env bash
# Builds and runs the fetch benchmark in release mode. Loopback only; bounded.
#   Benchmarks/fetch/run.sh           both cases, once
#   Benchmarks/fetch/run.sh fast 9    the fast case only, 9 runs each of labfeed and curl, medians
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product FetchBenchmark
.build/release/FetchBenchmark "$@"
