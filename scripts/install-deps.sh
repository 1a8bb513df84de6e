#!/usr/bin/env bash
# Installs the system packages labfeed builds against, when they are missing.
# Debian/Ubuntu: apt-get (as root, or through sudo). Elsewhere: says what to install.
set -euo pipefail

# package  file-that-proves-it-is-installed
need=(
  "libcurl4-openssl-dev:curl/curl.h"
  "libssl-dev:openssl/evp.h"
  "libxml2-dev:libxml2/libxml/parser.h"
  "libsqlite3-dev:sqlite3.h"
  "libjemalloc-dev:jemalloc/jemalloc.h"
  "pkg-config:"
  "postgresql:@/usr/lib/postgresql/*/bin/initdb"
  "nghttp2-server:@/usr/sbin/nghttpd"
)
missing=()
for item in "${need[@]}"; do
  pkg=${item%%:*}
  header=${item#*:}
  if [ "${header:0:1}" = "@" ]; then
    # A file pattern (the PostgreSQL server for the tests' throwaway database).
    compgen -G "${header:1}" >/dev/null || missing+=("$pkg")
  elif [ -n "$header" ]; then
    found=no
    for dir in /usr/include /usr/include/x86_64-linux-gnu /usr/include/aarch64-linux-gnu /usr/local/include; do
      [ -e "$dir/$header" ] && found=yes && break
    done
    [ "$found" = yes ] || missing+=("$pkg")
  else
    command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "labfeed needs: ${missing[*]}"
if ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<MSG
No apt-get on this machine. Install the equivalents of these packages yourself:
  libcurl with headers (Fedora: libcurl-devel; Arch: curl; macOS: brew install curl)
  libxml2 with headers (Fedora: libxml2-devel; Arch: libxml2; macOS: brew install libxml2)
  SQLite 3 with headers (Fedora: sqlite-devel; Arch: sqlite; macOS: ships with the system)
  pkg-config
  the PostgreSQL server, for the tests (Fedora: postgresql-server; Arch: postgresql; macOS: brew install postgresql)
  jemalloc with headers, the allocator the labfeed executable links (Fedora: jemalloc-devel; Arch: jemalloc; macOS: brew install jemalloc)
  OpenSSL's libcrypto with headers, for SHA-256 (body and content hashes, ids) (Fedora: openssl-devel; Arch: openssl; macOS: brew install openssl)
  nghttpd, the HTTP/2 server of the tests (Fedora: nghttp2; Arch: nghttp2; macOS: brew install nghttp2)
then run make again.
MSG
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1; then
  run=(sudo)
  echo "Installing with sudo (you may be asked for your password)."
else
  echo "Not root and no sudo: run as root: apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
