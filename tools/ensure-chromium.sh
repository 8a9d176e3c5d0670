#!/usr/bin/env bash
# `npm test`'s set-up step: the browser suites drive Debian's Chromium with playwright-core (npm's
# own browser downloads cannot work on these machines). Installed when missing and possible,
# explained otherwise.
set -euo pipefail
if [ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests (once)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "The browser tests need Chromium: sudo apt-get install chromium (or set CHROMIUM_PATH)." >&2
  exit 1
fi
