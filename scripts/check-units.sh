#!/usr/bin/env bash
# Checks the systemd units in systemd/: `systemd-analyze verify` on each, and
# `systemd-analyze security --offline=yes` on labfeed.service (exposure 1.5 or lower). Templates
# (labfeed-worker@.service) are verified as an instance.
#
# verify wants every ExecStart binary to exist; the units name the installed path
# (/usr/local/bin/labfeed), which a build machine does not have. So the units are verified as
# copies whose ExecStart points at a stub executable in a temporary directory (the rest of each
# unit is unchanged). `--root` is no help: it also hides the system's own units (sysinit.target).
# Skipped, with a note, where systemd-analyze is not installed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "check-units: systemd-analyze not found (apt-get install systemd); skipped"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '#!/bin/sh\nexit 0\n' > "$work/labfeed"
chmod 755 "$work/labfeed"
mkdir -p "$work/units"
for unit in systemd/*.service systemd/*.timer; do
  # A template (name@.service) is verified as one instance of it (labfeed-worker@8081.service).
  name=$(basename "$unit" | sed 's/@\./@8081./')
  sed "s#/usr/local/bin/labfeed#$work/labfeed#g; s#^EnvironmentFile=/#EnvironmentFile=-/#" "$unit" > "$work/units/$name"
done

status=0
for unit in "$work"/units/*; do
  if output=$(systemd-analyze verify "$unit" 2>&1) && [ -z "$output" ]; then
    echo "verify $(basename "$unit"): ok"
  else
    echo "verify $(basename "$unit"): FAILED"
    echo "$output"
    status=1
  fi
done

exposure=$(systemd-analyze security --offline=yes "$work/units/labfeed.service" 2>/dev/null \
  | sed -n 's/.*Overall exposure level for labfeed.service: \([0-9.]*\).*/\1/p')
if [ -z "$exposure" ]; then
  echo "security labfeed.service: could not be rated"
  status=1
elif awk -v e="$exposure" 'BEGIN { exit !(e <= 1.5) }'; then
  echo "security labfeed.service: exposure $exposure (at most 1.5): ok"
else
  echo "security labfeed.service: exposure $exposure, above 1.5: FAILED"
  status=1
fi
exit $status
