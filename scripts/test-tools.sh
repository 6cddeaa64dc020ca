#!/usr/bin/env bash
# The Debian packages the test suite needs besides npm's: zstd (the parquet reader's tests write zstd
# pages with it; no npm writer has zstd) and chromium (the report's browser test drives it with
# playwright-core). Run before `npm test` (as its pretest); installs them when missing and allowed.
set -u
missing=""
command -v zstd >/dev/null || missing="$missing zstd"
[ -x /usr/bin/chromium ] || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "npm test needs these Debian packages:$missing (install them: apt-get install$missing)" >&2
  exit 1
fi
echo "installing$missing for the tests..." >&2
apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
