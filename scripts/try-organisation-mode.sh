#!/usr/bin/env bash
# Organisation mode against the local TEST identity provider (tests/oidc), to try
# sign-in without a municipality's identity provider. Open http://localhost:8501
# and sign in as "anna" (team Noord) or "zeno" (team Zuid) with any password.
# Uses its own database (data/proefomgeving.db); never use this for real data.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
[ -d tests/oidc/node_modules/oidc-provider ] || (cd tests/oidc && npm ci --no-audit --no-fund --silent)
OIDC_PORT=9400 APP_URL=http://localhost:8501 node tests/oidc/provider.mjs &
provider=$!
trap 'kill "$provider" 2>/dev/null' EXIT
NETWERKKAART_MODE=organisation NETWERKKAART_DATABASE_URL="sqlite:///$here/data/proefomgeving.db" \
  python3 -m streamlit run app.py --server.port 8501 --secrets.files tests/oidc/secrets.toml
