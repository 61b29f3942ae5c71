#!/usr/bin/env bash
# Installs what Sentinel's tests need on a Debian machine, only when it is missing (idempotent, quiet).
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v prometheus-pushgateway >/dev/null 2>&1 || need_apt+=(prometheus-pushgateway)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
# Headless browser for the model server's page test (driven by Playwright with this executable).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)

if [ "${#need_apt[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "installing Debian packages: ${need_apt[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# CongoDB, the MongoDB wire-protocol server the feedback store tests run against (tests/servers/congodb).
if [ ! -d tests/servers/congodb/node_modules/@push.rocks/smartmongo ]; then
  echo "installing the CongoDB test server (npm ci in tests/servers/congodb)" >&2
  (cd tests/servers/congodb && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
