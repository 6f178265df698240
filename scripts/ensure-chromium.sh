#!/usr/bin/env bash
# Browser tests drive a system Chromium because playwright's own browser download
# cannot reach its servers here; Debian's package is the one source that works.
set -euo pipefail

# --optional: used by `npm test`; when Chromium cannot be installed, say so and let the unit tests run
# (the browser tests then report themselves as skipped, or as failed under CI=true).
optional=0
[ "${1:-}" = "--optional" ] && optional=1

chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$chromium_path" ]; then
  echo "Chromium found at $chromium_path"
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "CHROMIUM_PATH is set to $chromium_path, but nothing executable is there." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium with apt-get..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  if [ -x "$chromium_path" ]; then
    echo "Chromium installed at $chromium_path"
    exit 0
  fi
  echo "apt-get finished but $chromium_path is still missing." >&2
  exit 1
fi

cat >&2 <<MSG
Chromium not found at $chromium_path, and it cannot be installed automatically
(needs root and apt-get). Install it yourself, for example:
  sudo apt-get update && sudo apt-get install -y chromium
or point CHROMIUM_PATH at an existing Chromium/Chrome binary.
MSG
[ "$optional" -eq 1 ] && exit 0
exit 1
