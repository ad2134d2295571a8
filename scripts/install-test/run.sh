#!/usr/bin/env bash
# `yarn test:install`: installs the Slipway suite into brand-new Backstage apps — one on the new frontend system, one
# classic (`create-app --legacy`) — the way docs/install.md tells a platform engineer to, then checks each in
# Chromium (scripts/install-test/README.md). Prints the time of each part. `yarn test:install new` (or `classic`)
# does one.
#
# Machine preparation (what this machine's registry and tools need, kept apart from the guide's steps):
#  - the suite's packages are packed (`yarn pack`) and served by a local registry for the @slipway scope
#    (registry.mjs), standing in for npmjs.com;
#  - each new app is pinned to create-app's own Backstage release and gets this repository's `resolutions` pins
#    (prepare-app.mjs);
#  - YARN_HTTP_RETRY=0: Yarn 4.13 on Node 24 crashes ("The `onCancel` handler was attached after the promise
#    settled") when it retries a request during `yarn add`.
#  - YARN_ENABLE_IMMUTABLE_INSTALLS=false: under CI=true (as .ci/run runs) Yarn forbids any lockfile change, but a
#    brand-new app has no lockfile yet and the guide's `yarn add` steps must write one, as on a platform engineer's
#    machine.
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
# A folder the caller named is kept as it is; the test's own is removed once it passed, and on a failure only its
# logs are kept: each app's node_modules is about 2 GB, and CI runs on the same disk every time (it filled up once).
keep_work=${SLIPWAY_INSTALL_TEST_DIR:+1}
frontends=("$@")
[ ${#frontends[@]} -gt 0 ] || frontends=(new classic)
started=$(date +%s)
last=$started
pids=()
# Each background part runs in its own process group (setsid), so that its children stop with it.
stop() { for pid in "$@"; do kill -- "-$pid" 2> /dev/null || true; done; }
tidy() {
  local status=$?
  stop "${pids[@]}"
  [ -n "$keep_work" ] && return
  if [ "$status" = 0 ]; then
    rm -rf "$work"
  else
    find "$work" -mindepth 1 -maxdepth 3 \( -name node_modules -o -name .yarn -o -name tarballs \) -prune \
      -exec rm -rf {} + 2> /dev/null || true
    echo "[install-test] kept the logs in $work (the apps without their node_modules)"
  fi
}
trap tidy EXIT
part() {
  local now
  now=$(date +%s)
  printf '[install-test] %s: %ss (%ss in all)\n' "$1" $((now - last)) $((now - started))
  last=$now
}
fail() {
  echo "[install-test] FAILED: $1 (log: $2)"
  tail -40 "$2"
  exit 1
}

echo "[install-test] working in $work"
mkdir -p "$work/tarballs"
export YARN_HTTP_RETRY=0
export YARN_ENABLE_IMMUTABLE_INSTALLS=false

# 1. The suite as it would be published: built and packed; and create-app's list of its release's versions.
(cd "$repo" && yarn tsc && yarn backstage-cli repo build) > "$work/build.log" 2>&1 ||
  fail 'building the suite' "$work/build.log"
for dir in "$repo"/plugins/*/; do
  (cd "$dir" && yarn pack --out "$work/tarballs/$(basename "$dir").tgz" > /dev/null)
done
setsid node "$here/registry.mjs" "$work/tarballs" "$registry_port" &
pids+=($!)
(cd "$work" && npm pack -q "@backstage/create-app@$CREATE_APP_VERSION" > /dev/null &&
  mkdir -p create-app && tar -xzf backstage-create-app-*.tgz -C create-app)
part 'built and packed the suite'

install_into() {
  local frontend=$1 app_port=$2
  local app="$work/$frontend/app" logs="$work/$frontend"
  mkdir -p "$logs"

  # 2. A brand-new app, as `npx @backstage/create-app` makes it.
  local legacy=()
  [ "$frontend" = classic ] && legacy=(--legacy)
  BACKSTAGE_APP_NAME="slipway-install-test-$frontend" npx -y "@backstage/create-app@$CREATE_APP_VERSION" \
    "${legacy[@]}" --skip-install --path "$app" < /dev/null > "$logs/create-app.log" 2>&1 ||
    fail 'create-app' "$logs/create-app.log"
  node "$here/prepare-app.mjs" "$app" "$repo/package.json" "http://127.0.0.1:$registry_port" \
    "$work/create-app/package/dist/lib/versions.cjs.js"
  # Yarn would take an earlier run's @slipway archives from its global cache (same name and version) instead of
  # this run's tarballs.
  rm -f "$(cd "$app" && yarn config get cacheFolder)"/@slipway-*
  (cd "$app" && yarn install) > "$logs/install.log" 2>&1 || fail 'yarn install' "$logs/install.log"
  part "$frontend: created the app (@backstage/create-app@$CREATE_APP_VERSION ${legacy[*]}) and installed it"

  # 3. The guide's steps, from docs/install.md's code blocks.
  node "$here/apply-guide.mjs" "$repo/docs/install.md" "$app" "$frontend" > "$logs/guide.log" 2>&1 ||
    fail 'applying the guide' "$logs/guide.log"
  grep '^\[install-test\]' "$logs/guide.log"
  part "$frontend: applied the guide"

  # 4. Type-checked, built and started as a platform engineer would try it: one backend serving the built frontend,
  #    on SQLite, with a GitOps repository of its own.
  (cd "$app" && yarn tsc && yarn workspace app build) > "$logs/app-build.log" 2>&1 ||
    fail 'type-checking and building the app' "$logs/app-build.log"
  part "$frontend: type-checked and built the app"

  local gitops="$logs/gitops"
  git init -q -b main "$gitops-src"
  cp -r "$here/gitops/." "$gitops-src/"
  git -C "$gitops-src" add -A
  git -C "$gitops-src" -c user.name=install-test -c user.email=install-test@example.com commit -qm 'Hello API'
  git clone -q --bare "$gitops-src" "$gitops.git"
  cat > "$logs/app-config.install-test.yaml" <<EOF
app:
  baseUrl: http://localhost:$app_port
backend:
  baseUrl: http://localhost:$app_port
  listen: { port: $app_port }
  cors: { origin: http://localhost:$app_port }
EOF
  (
    cd "$app/packages/backend"
    SLIPWAY_GITOPS_URL="$gitops.git" AUDIT_LOG_INTEGRITY_KEY=$(openssl rand -hex 32) \
      exec setsid yarn start --config ../../app-config.yaml --config "$logs/app-config.install-test.yaml"
  ) > "$logs/backend.log" 2>&1 &
  local backend=$!
  pids+=("$backend")
  local ready=
  for _ in $(seq 1 180); do
    curl -sf "http://localhost:$app_port/.backstage/health/v1/readiness" > /dev/null && ready=1 && break
    kill -0 "$backend" 2> /dev/null || break
    sleep 1
  done
  [ -n "$ready" ] || fail 'starting the backend' "$logs/backend.log"
  # The guide's first check: the backend says what it was configured with.
  grep -q 'Slipway: 2 environments (dev, prod); GitOps repository file://' "$logs/backend.log" ||
    fail 'the backend did not log its Slipway configuration' "$logs/backend.log"
  part "$frontend: started the backend"

  # 5. What a platform engineer checks afterwards, in Chromium.
  (cd "$repo" && SLIPWAY_INSTALL_TEST_URL="http://localhost:$app_port" SLIPWAY_INSTALL_TEST_DIR="$logs" \
    SLIPWAY_INSTALL_TEST_FRONTEND="$frontend" \
    yarn playwright test -c scripts/install-test/playwright.config.ts) ||
    fail 'the browser check' "$logs/backend.log"
  stop "$backend"
  part "$frontend: checked the portal in Chromium"

  # The CLI, from its tarball, in the new app.
  (cd "$app" && yarn add --dev @slipway/slipway-cli@^0.1.0 > "$logs/cli.log" 2>&1 &&
    yarn slipway lint "$gitops-src") || fail 'slipway lint' "$logs/cli.log"
  part "$frontend: ran slipway lint from the packed CLI"
}

offset=2
for frontend in "${frontends[@]}"; do
  case "$frontend" in
    new | classic) install_into "$frontend" $((port + offset)) ;;
    *) echo "usage: run.sh [new] [classic]" >&2 && exit 2 ;;
  esac
  offset=$((offset + 1))
done
echo "[install-test] passed in $(($(date +%s) - started))s (${frontends[*]})"
