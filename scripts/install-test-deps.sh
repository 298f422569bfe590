#!/usr/bin/env bash
# Installs what the browser test suite (tests/browser/) needs, on a fresh Debian
# machine, as root. Safe to run again: apt-get install is quick when the packages
# are already there, and `npm ci` lays node_modules/ anew from package-lock.json.
#
#   - chromium: Debian's Chromium at /usr/bin/chromium, driven by playwright-core
#     (no browser is ever downloaded by npm).
#   - default-jre-headless: the `java` that runs the Nu HTML Checker (vnu.jar).
#   - wrk, curl: the load test of `plainsite serve` (scripts/serve_load.sh).
#   - apache2, nginx-light: tests/hosting.rs checks the generated .htaccess and
#     nginx.conf with `apachectl -t` / `nginx -t`, then serves the site with each
#     on a loopback port. Their postinst scripts only try to start the services
#     through invoke-rc.d, which is refused (policy-rc.d) or fails harmlessly
#     without systemd; installing never fails for it, and nothing is left running.
#   - npm ci --ignore-scripts: playwright-core, axe-core and vnu-jar exactly as
#     pinned in package-lock.json, with no install scripts (nothing downloads
#     a browser or a Java runtime). pagefind comes too (its binary is inside the
#     package); only the hand-run search benchmark (bench/search.mjs) uses it.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps.sh: run as root (it uses apt-get)" >&2
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium default-jre-headless wrk curl apache2 nginx-light

test -x /usr/bin/chromium || { echo "install-test-deps.sh: /usr/bin/chromium missing after install" >&2; exit 1; }
command -v java >/dev/null || { echo "install-test-deps.sh: java missing after install" >&2; exit 1; }
test -x /usr/sbin/apache2 || { echo "install-test-deps.sh: apache2 missing after install" >&2; exit 1; }
test -x /usr/sbin/nginx || { echo "install-test-deps.sh: nginx missing after install" >&2; exit 1; }

cd "$repo_root"
npm ci --ignore-scripts --no-audit --no-fund

echo "install-test-deps.sh: chromium: $(/usr/bin/chromium --version 2>/dev/null || echo '?')"
echo "install-test-deps.sh: java: $(java -version 2>&1 | head -n1)"
echo "install-test-deps.sh: node: $(node --version)"
