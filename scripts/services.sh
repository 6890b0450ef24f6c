#!/usr/bin/env bash
# Installs what the test suite needs beyond Python packages, from Debian's packages:
# chromium (browser tests) and virtuoso-opensource (a real SPARQL server); and from npm,
# YASGUI (@triply/yasgui, pinned) into .ci/services/yasgui for tests/web/test_yasgui.py. The
# tests start and stop the servers themselves (tests/servers.py); this script only installs.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)

if [ "${1:-install}" = install ] && [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
YASGUI_DIR="$(dirname "$0")/../.ci/services/yasgui"
if [ "${1:-install}" = install ] && [ ! -f "$YASGUI_DIR/node_modules/@triply/yasgui/build/yasgui.min.js" ]; then
  if command -v npm >/dev/null 2>&1; then
    mkdir -p "$YASGUI_DIR"
    npm install --prefix "$YASGUI_DIR" --no-audit --no-fund --ignore-scripts --loglevel=error \
      @triply/yasgui@4.2.28 >/dev/null
  else
    echo "services: npm missing: YASGUI test will be skipped" >&2
  fi
fi
echo "services: chromium=$(command -v chromium || echo missing) virtuoso=$(command -v virtuoso-t || echo missing)"
