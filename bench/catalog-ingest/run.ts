/*
 * bench/catalog-ingest: how long until 5,000 applications are in the catalog when they come from Slipway manifests,
 * against the same 5,000 components as plain catalog YAML files, in the same run on this machine; and how many
 * manifests the parser reads per second.
 *
 *   yarn bench:catalog-ingest [count]          (BENCH_PG=postgresql://… to run the catalogs on PostgreSQL)
 *
 * Goals (issue 3): time ratio manifests/plain ≤ 1.2; ≥ 2,000 manifests parsed per second.
 */
import { ChildProcess, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readManifestDirectory } from '@slipway/backstage-plugin-slipway-node';

const COUNT = Number(process.argv[2] ?? 5000);
const TOKEN = 'slipway-bench-token-0123456789';
const systems = ['payments', 'storefront', 'analytics', 'identity', 'search'];
const owners = ['payments', 'storefront', 'data', 'platform-admins'];

function manifest(i: number) {
  const name = `app-${String(i).padStart(5, '0')}`;
  return `apiVersion: slipway.dev/v1alpha1
kind: Application
metadata:
  name: ${name}
  title: Application ${i}
  description: Generated application number ${i}
  labels: { tier: backend }
spec:
  type: service
  owner: group:default/${owners[i % owners.length]}
  system: ${systems[i % systems.length]}
  image: registry.example.com/bench/${name}
  environments:
    dev: { version: "1.${i % 50}.0" }
    staging: { version: "1.${i % 40}.0" }
    prod: { version: "1.${i % 30}.0", replicas: ${1 + (i % 5)} }
  secrets:
    - env: DATABASE_PASSWORD
      from: { store: vault, name: bench/${name}/db, key: password }
  links:
    - { title: Runbook, url: "https://wiki.example.com/${name}" }
`;
}

function plainEntity(i: number) {
  const name = `app-${String(i).padStart(5, '0')}`;
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  title: Application ${i}
  description: Generated application number ${i}
  labels: { tier: backend }
  annotations:
    backstage.io/kubernetes-id: ${name}
  links:
    - { title: Runbook, url: "https://wiki.example.com/${name}" }
spec:
  type: service
  lifecycle: production
  owner: group:default/${owners[i % owners.length]}
  system: system:default/${systems[i % systems.length]}
`;
}

function generate(dir: string, render: (i: number) => string) {
  for (let i = 0; i < COUNT; i++) {
    const folder = join(dir, `team-${i % 20}`);
    if (i < 20) mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `app-${i}.yaml`), render(i));
  }
}

async function componentCount(port: number): Promise<number> {
  try {
    const res = await fetch(
      `http://localhost:${port}/api/catalog/entities/by-query?filter=kind=component&limit=1`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    return res.ok
      ? ((await res.json()) as { totalItems: number }).totalItems
      : -1;
  } catch {
    return -1;
  }
}

async function timeToIngest(
  mode: 'manifests' | 'plain',
  dir: string,
  port: number,
) {
  const child: ChildProcess = fork(
    resolve(__dirname, 'backend.ts'),
    [String(port), mode, dir],
    {
      execArgv: ['-r', '@backstage/cli/config/nodeTransform.cjs'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    },
  );
  try {
    const started = Date.now();
    while ((await componentCount(port)) < 0)
      await new Promise(r => setTimeout(r, 100));
    const ready = Date.now();
    let count = 0;
    while ((count = await componentCount(port)) < COUNT) {
      if (Date.now() - ready > 20 * 60_000)
        throw new Error(`${mode}: only ${count} of ${COUNT} after 20 minutes`);
      await new Promise(r => setTimeout(r, 250));
    }
    return { startup: ready - started, ingest: Date.now() - ready };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'slipway-bench-ingest-'));
  try {
    const manifests = join(root, 'manifests');
    const plain = join(root, 'plain');
    generate(manifests, manifest);
    generate(plain, plainEntity);
    const db = process.env.BENCH_PG ? 'PostgreSQL' : 'SQLite (in memory)';
    console.log(
      `${COUNT} applications, catalog on ${db}, ${new Date().toISOString()}`,
    );

    // Parse throughput: the whole folder, three times, best run.
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = process.hrtime.bigint();
      const set = await readManifestDirectory(manifests, {
        environments: ['dev', 'staging', 'prod'],
      });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (set.applications.length !== COUNT)
        throw new Error(`parsed ${set.applications.length} of ${COUNT}`);
      best = Math.min(best, ms);
    }
    console.log(
      `parse: ${COUNT} manifests in ${best.toFixed(0)} ms = ${Math.round(
        (COUNT / best) * 1000,
      )} manifests/s (goal ≥ 2000)`,
    );

    const plainRun = await timeToIngest('plain', plain, 7101);
    console.log(
      `plain catalog YAML: in the catalog ${(plainRun.ingest / 1000).toFixed(
        1,
      )} s after the backend was ready (startup ${(
        plainRun.startup / 1000
      ).toFixed(1)} s)`,
    );
    const slipwayRun = await timeToIngest('manifests', manifests, 7102);
    console.log(
      `Slipway manifests:  in the catalog ${(slipwayRun.ingest / 1000).toFixed(
        1,
      )} s after the backend was ready (startup ${(
        slipwayRun.startup / 1000
      ).toFixed(1)} s)`,
    );
    console.log(
      `ratio manifests / plain: ${(slipwayRun.ingest / plainRun.ingest).toFixed(
        2,
      )} (goal ≤ 1.2)`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
