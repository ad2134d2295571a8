#!/usr/bin/env bash
# Starts the portal for the browser tests: builds the frontend, then runs the backend (which serves it) on a fresh
# SQLite directory and its own port, so a `yarn start` already running on 3000/7007 is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
export SLIPWAY_E2E_PORT="${SLIPWAY_E2E_PORT:-7077}"
export SLIPWAY_SQLITE_DIR="$PWD/e2e-test-results/sqlite"
rm -rf "$SLIPWAY_SQLITE_DIR"
yarn workspace app build >/dev/null
cd packages/backend
exec yarn backstage-cli package start \
  --config ../../app-config.yaml \
  --config ../../e2e-tests/app-config.e2e.yaml
