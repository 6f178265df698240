#!/usr/bin/env bash
# The calibration tests start their own redis-server processes (never a system service) and trace one of
# them with strace to find the fsynced end of its AOF; Debian's packages are the source for both.
set -euo pipefail

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v strace >/dev/null 2>&1 || missing+=(strace)

if [ ${#missing[@]} -eq 0 ]; then
  echo "Found $(redis-server --version | cut -d' ' -f1-3) and strace"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing ${missing[*]} with apt-get..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  # The package may start a system redis on port 6379; the suite never uses it, so do not leave it running.
  if command -v service >/dev/null 2>&1; then service redis-server stop >/dev/null 2>&1 || true; fi
  command -v redis-server >/dev/null 2>&1 || { echo "apt-get finished but redis-server is still missing." >&2; exit 1; }
  echo "Installed $(redis-server --version | cut -d' ' -f1-3)"
  exit 0
fi

cat >&2 <<MSG
Missing: ${missing[*]}. They cannot be installed automatically (needs root and apt-get).
Install them yourself, for example:
  sudo apt-get update && sudo apt-get install -y redis-server strace
MSG
exit 1
