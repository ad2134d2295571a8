#!/usr/bin/env node
/*
 * Machine preparation of a freshly created app for the install test, kept apart from the guide's steps:
 *  - the `resolutions` pins this repository needs on this kind of machine (the registry lacks some platform binary
 *    packages; ../shared/SETUP-NOTES.md), copied from this repository's package.json so both stay the same;
 *  - every @backstage package create-app knows is pinned to the version of create-app's release (its
 *    dist/lib/versions.cjs.js): the registry holds packages of a newer release line, and with caret ranges a new app
 *    mixes both (two copies of frontend-plugin-api, a signals backend its backend-defaults cannot start; README.md);
 *  - keytar is not built (it needs libsecret);
 *  - the @slipway scope comes from the install test's local registry (registry.mjs), as if published; its packages
 *    were packed minutes ago, so they are exempt from the new app's minimal age gate.
 *
 * Usage: node prepare-app.mjs <app folder> <this repository's package.json> <registry URL> <create-app's versions.cjs.js>
 */
import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [appDir, repoPackageJson, registry, releaseVersions] =
  process.argv.slice(2);

/** Pins that are about this machine's registry and Node, not about Slipway. */
const MACHINE_PINS = [
  '@swc/core',
  'rollup',
  'unrs-resolver',
  '@yarnpkg/core/got',
  'better-sqlite3',
];

const ours = JSON.parse(readFileSync(repoPackageJson, 'utf8'));
const path = join(appDir, 'package.json');
const app = JSON.parse(readFileSync(path, 'utf8'));
app.resolutions ??= {};
for (const name of MACHINE_PINS) {
  if (!ours.resolutions?.[name])
    throw new Error(`${repoPackageJson} has no resolutions pin for ${name}`);
  app.resolutions[name] = ours.resolutions[name];
}
app.dependenciesMeta = { ...app.dependenciesMeta, keytar: { built: false } };
// The Backstage release create-app describes, exactly (see the header).
const { packageVersions } = createRequire(import.meta.url)(releaseVersions);
for (const [name, version] of Object.entries(packageVersions))
  if (name.startsWith('@backstage/')) app.resolutions[name] = version;
writeFileSync(path, `${JSON.stringify(app, null, 2)}\n`);

const host = new URL(registry).hostname;
const yarnrc = join(appDir, '.yarnrc.yml');
const text = readFileSync(yarnrc, 'utf8');
if (!text.includes('npmPreapprovedPackages:'))
  appendFileSync(yarnrc, "npmPreapprovedPackages:\n  - '@slipway/*'\n");
else
  writeFileSync(
    yarnrc,
    text.replace(
      'npmPreapprovedPackages:\n',
      "npmPreapprovedPackages:\n  - '@slipway/*'\n",
    ),
  );
appendFileSync(
  yarnrc,
  `npmScopes:\n  slipway:\n    npmRegistryServer: '${registry}'\nunsafeHttpWhitelist:\n  - ${host}\n`,
);
console.log(
  `[install-test] prepared ${appDir}: pins ${MACHINE_PINS.join(
    ', ',
  )}; @backstage packages pinned to create-app's release; @slipway from ${registry}`,
);
