#!/usr/bin/env bash
# End-to-end test of the web app: installs Debian's chromium and the pinned playwright-core (npm ci; no browser
# download), then runs every tests/e2e/*.spec.js against dist/ (build it first: scripts/build-web.sh), each in
# its own node process; a failing spec does not stop the others, and the run fails when any failed.
# Screenshots land in out/screenshots/. Usage: scripts/e2e.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
if [ ! -x /usr/bin/chromium ]; then
  echo "e2e: installing chromium" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >&2
fi
[ -f "$root/dist/index.html" ] || { echo "e2e: dist/ is not built (scripts/build-web.sh)" >&2; exit 1; }
cd "$root/tests/e2e"
# Playwright must never fetch a browser of its own: Debian's chromium is the one under test.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund --loglevel=error >&2
failed=()
for f in *.spec.js; do
  echo "e2e: $f" >&2
  timeout 900 node "$f" || failed+=("$f")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "e2e: FAILED: ${failed[*]}" >&2
  exit 1
fi
