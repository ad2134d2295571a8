#!/usr/bin/env bash
# Starts the portal for the browser tests: builds the frontend, then runs the backend (which serves it) on a fresh
# SQLite directory and its own port, so a `yarn start` already running on 3000/7007 is left alone. The backend's log
# goes to e2e-test-results/portal-<port>.log.
set -euo pipefail
cd "$(dirname "$0")/.."
export SLIPWAY_E2E_PORT="${SLIPWAY_E2E_PORT:-7077}"
export SLIPWAY_E2E_DATA_DIR="$PWD/.data/e2e-$SLIPWAY_E2E_PORT"
export SLIPWAY_SQLITE_DIR="$SLIPWAY_E2E_DATA_DIR/sqlite"
export SLIPWAY_GITOPS_REPO="$SLIPWAY_E2E_DATA_DIR/gitops.git"
export SLIPWAY_REPOSITORIES_DIR="$SLIPWAY_E2E_DATA_DIR/repositories"
log="$PWD/e2e-test-results/portal-$SLIPWAY_E2E_PORT.log"
rm -rf "$SLIPWAY_E2E_DATA_DIR"
mkdir -p "$SLIPWAY_E2E_DATA_DIR" "$(dirname "$log")"
yarn workspace app build >"$log" 2>&1
# With the test PostgreSQL, the demo's database copies work: Checkout API's "production" database is made afresh.
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  export SLIPWAY_DEMO_DATABASE_URL="${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING%/}/postgres"
  psql "$SLIPWAY_DEMO_DATABASE_URL" -q -f examples/database-copies/checkout-production.sql >>"$log" 2>&1
fi
cd packages/backend
exec yarn backstage-cli package start \
  --config ../../app-config.yaml \
  --config ../../e2e-tests/app-config.e2e.yaml >>"$log" 2>&1
