#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine:
# Debian's chromium (browser tests), postgresql (store tests on a real server) and
# nodejs/npm (the OpenID Connect test provider, tests/oidc), then the pinned Python
# packages and the provider's pinned npm package. Safe to run again.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs)
command -v npm >/dev/null 2>&1 || need_apt+=(npm)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" fonts-dejavu-core >/dev/null
fi
python3 -m pip install -q --disable-pip-version-check -r "$here/requirements-dev.txt"
# The test identity provider: oidc-provider at the version in tests/oidc/package-lock.json.
(cd "$here/tests/oidc" && npm ci --no-audit --no-fund --silent)
