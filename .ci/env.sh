# Sourced by .ci/run and .ci/setup-machine.sh (and by a developer's shell on a machine of the CI kind):
# puts the repository's own Node 24 and Yarn first on PATH and exports what the tests need.
_slipway_repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

export SLIPWAY_NODE_VERSION=24.21.0
export SLIPWAY_COREPACK_VERSION=0.36.0
export SLIPWAY_TOOLS_DIR="$_slipway_repo/.tools"
export SLIPWAY_NODE_DIR="$SLIPWAY_TOOLS_DIR/node"
export PATH="$SLIPWAY_TOOLS_DIR/bin:$SLIPWAY_NODE_DIR/bin:$PATH"

# Native modules (better-sqlite3, ssh2, cpu-features) compile against these headers; node-gyp cannot download any.
export npm_config_nodedir="$SLIPWAY_NODE_DIR"

# Corepack fetches Yarn from the configured npm registry; a trailing slash makes that registry answer HTTP 400.
_slipway_registry=$(npm config get registry 2>/dev/null || echo https://registry.npmjs.org/)
export COREPACK_NPM_REGISTRY="${_slipway_registry%/}"
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
export COREPACK_DEFAULT_TO_LATEST=0
export COREPACK_HOME="$SLIPWAY_TOOLS_DIR/corepack-home"

# Database tests run on SQLite and on this PostgreSQL; Docker is not available on CI machines.
export SLIPWAY_PG_PORT=5432
export SLIPWAY_PG_PASSWORD="${SLIPWAY_PG_PASSWORD:-slipway-ci}"
export BACKSTAGE_TEST_DISABLE_DOCKER=1
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:$SLIPWAY_PG_PASSWORD@127.0.0.1:$SLIPWAY_PG_PORT"

# Browser tests drive Debian's Chromium; on a normal machine unset this to use Playwright's own browser.
export SLIPWAY_CHROMIUM_PATH="${SLIPWAY_CHROMIUM_PATH:-/usr/bin/chromium}"
unset _slipway_repo _slipway_registry
