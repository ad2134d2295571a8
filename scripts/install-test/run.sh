#!/usr/bin/env bash
# `yarn test:install`: installs the Slipway suite into a brand-new Backstage app the way docs/install.md tells a
# platform engineer to, then checks it in Chromium (scripts/install-test/README.md). Prints the time of each part.
#
# Machine preparation (what this machine's registry and tools need, kept apart from the guide's steps):
#  - the suite's packages are packed (`yarn pack`) and served by a local registry for the @slipway scope
#    (registry.mjs), standing in for npmjs.com;
#  - the new app gets the `resolutions` pins this repository needs here (../shared/SETUP-NOTES.md);
#  - YARN_HTTP_RETRY=0: Yarn 4.13 on Node 24 crashes ("The `onCancel` handler was attached after the promise
#    settled") when it retries a request during `yarn add`.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/scripts/install-test"
# shellcheck source=../../.ci/env.sh
source "$repo/.ci/env.sh"

# The create-app release of the Backstage version this repository is on (backstage.json); bump both together.
CREATE_APP_VERSION=${SLIPWAY_CREATE_APP_VERSION:-0.9.2}
port=${SLIPWAY_INSTALL_TEST_PORT:-7090}
registry_port=$((port + 1))
work=${SLIPWAY_INSTALL_TEST_DIR:-$(mktemp -d /tmp/slipway-install-test-XXXXXX)}
app="$work/app"
started=$(date +%s)
last=$started
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
part() {
  local now
  now=$(date +%s)
  printf '[install-test] %s: %ss (%ss in all)\n' "$1" $((now - last)) $((now - started))
  last=$now
}

echo "[install-test] working in $work"
mkdir -p "$work/tarballs"

# 1. The suite as it would be published: built and packed.
(cd "$repo" && yarn tsc && yarn backstage-cli repo build) > "$work/build.log" 2>&1 ||
  { tail -30 "$work/build.log"; exit 1; }
for dir in "$repo"/plugins/*/; do
  (cd "$dir" && yarn pack --out "$work/tarballs/$(basename "$dir").tgz" > /dev/null)
done
node "$here/registry.mjs" "$work/tarballs" "$registry_port" &
pids+=($!)
part 'built and packed the suite'

# 2. A brand-new app, as `npx @backstage/create-app` makes it.
BACKSTAGE_APP_NAME=slipway-install-test npx -y "@backstage/create-app@$CREATE_APP_VERSION" \
  --skip-install --path "$app" < /dev/null > "$work/create-app.log" 2>&1 ||
  { tail -30 "$work/create-app.log"; exit 1; }
# create-app's own list of its release's versions, for prepare-app.mjs.
(cd "$work" && npm pack -q "@backstage/create-app@$CREATE_APP_VERSION" > /dev/null && mkdir -p create-app &&
  tar -xzf backstage-create-app-*.tgz -C create-app)
node "$here/prepare-app.mjs" "$app" "$repo/package.json" "http://127.0.0.1:$registry_port" \
  "$work/create-app/package/dist/lib/versions.cjs.js"
export YARN_HTTP_RETRY=0
(cd "$app" && yarn install) > "$work/install.log" 2>&1 || { tail -30 "$work/install.log"; exit 1; }
part "created the app (@backstage/create-app@$CREATE_APP_VERSION) and installed it"

# 3. The guide's steps, from docs/install.md's code blocks.
node "$here/apply-guide.mjs" "$repo/docs/install.md" "$app" > "$work/guide.log" 2>&1 ||
  { tail -40 "$work/guide.log"; exit 1; }
grep '^\[install-test\]' "$work/guide.log"
part 'applied the guide'

# 4. Built and started as a platform engineer would try it: one backend serving the built frontend, on SQLite, with a
#    GitOps repository of its own.
(cd "$app" && yarn tsc && yarn workspace app build) > "$work/app-build.log" 2>&1 ||
  { tail -40 "$work/app-build.log"; exit 1; }
part 'type-checked and built the app'

gitops="$work/gitops"
git init -q -b main "$gitops-src"
cp -r "$here/gitops/." "$gitops-src/"
git -C "$gitops-src" add -A
git -C "$gitops-src" -c user.name=install-test -c user.email=install-test@example.com commit -qm 'Hello API'
git clone -q --bare "$gitops-src" "$gitops.git"
cat > "$work/app-config.install-test.yaml" <<EOF
app:
  baseUrl: http://localhost:$port
backend:
  baseUrl: http://localhost:$port
  listen: { port: $port }
  cors: { origin: http://localhost:$port }
EOF
(
  cd "$app/packages/backend"
  SLIPWAY_GITOPS_URL="$gitops.git" AUDIT_LOG_INTEGRITY_KEY=$(openssl rand -hex 32) \
    exec yarn start --config ../../app-config.yaml --config "$work/app-config.install-test.yaml"
) > "$work/backend.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 180); do
  curl -sf "http://localhost:$port/.backstage/health/v1/readiness" > /dev/null && break
  kill -0 "${pids[-1]}" 2> /dev/null || { tail -40 "$work/backend.log"; exit 1; }
  sleep 1
done
curl -sf "http://localhost:$port/.backstage/health/v1/readiness" > /dev/null ||
  { tail -40 "$work/backend.log"; exit 1; }
part 'started the backend'

# 5. What a platform engineer checks afterwards, in Chromium.
(cd "$repo" && SLIPWAY_INSTALL_TEST_URL="http://localhost:$port" SLIPWAY_INSTALL_TEST_DIR="$work" \
  yarn playwright test -c scripts/install-test/playwright.config.ts) ||
  { echo "[install-test] backend log: $work/backend.log"; tail -40 "$work/backend.log"; exit 1; }
part 'checked the portal in Chromium'

# The CLI, from its tarball, in the new app.
(cd "$app" && yarn add --dev @slipway/slipway-cli@^0.1.0 > "$work/cli.log" 2>&1 &&
  yarn slipway lint "$gitops-src") || { tail -20 "$work/cli.log"; exit 1; }
part 'ran slipway lint from the packed CLI'
echo "[install-test] passed in $(($(date +%s) - started))s"
