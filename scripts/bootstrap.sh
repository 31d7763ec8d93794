#!/usr/bin/env bash
# Makes a fresh Debian machine ready for the demo and the tests: pnpm 12.4.2,
# Debian's Chromium (for the browser tests and benchmarks) and the locked
# dependencies. Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.4.2

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "bootstrap: need root to run: $*" >&2
    exit 1
  fi
}

if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "bootstrap: installing pnpm $PNPM_VERSION"
  as_root npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
fi

if [ "${SKIP_CHROMIUM:-0}" != "1" ] && [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  echo "bootstrap: installing Debian's chromium"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

pnpm install --frozen-lockfile
