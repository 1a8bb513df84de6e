#!/usr/bin/env bash
# Builds and runs the fetch benchmark in release mode. Loopback only; bounded (4 runs of 1,000).
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --product FetchBenchmark
.build/release/FetchBenchmark
