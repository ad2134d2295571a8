/*
 * A generated GitOps repository for the Insights benchmark: `apps` applications of 20 teams, made over the year
 * before now, and `commits` commits in all — a new version in dev, a promotion to staging or production, now and then a
 * manifest broken and mended — written with one `git fast-import` (a git commit per commit would take minutes).
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';

const YEAR_S = 365 * 24 * 3600;

type App = {
  name: string;
  owner: string;
  versions: { dev: number; staging?: number; prod?: number };
  broken: boolean;
};

/** A small seeded generator: the same repository on every run. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export function manifestOf(app: App): string {
  const version = (n: number) => `"1.${Math.floor(n / 100)}.${n % 100}"`;
  const lines = [
    'apiVersion: slipway.dev/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${app.name}`,
    'spec:',
    '  type: service',
    `  owner: ${app.owner}`,
    `  system: system-${app.owner.slice(-2)}`,
    `  image: registry.example.com/${app.name}`,
    '  environments:',
    `    dev: { version: ${version(app.versions.dev)} }`,
  ];
  if (app.versions.staging !== undefined)
    lines.push(`    staging: { version: ${version(app.versions.staging)} }`);
  if (app.versions.prod !== undefined)
    lines.push(`    prod: { version: ${version(app.versions.prod)} }`);
  if (app.broken) lines.push('  oops: [');
  return `${lines.join('\n')}\n`;
}

/** Makes the bare repository `path` (branch main) with the generated history. */
export async function generateHistory(
  path: string,
  options: { apps: number; commits: number; endsAt: number },
): Promise<void> {
  execFileSync('git', [
    'init',
    '--quiet',
    '--bare',
    '--initial-branch=main',
    path,
  ]);
  const next = random(42);
  const apps: App[] = [];
  const start = Math.floor(options.endsAt / 1000) - YEAR_S;
  const step = YEAR_S / options.commits;
  const child = spawn('git', ['fast-import', '--quiet'], {
    cwd: path,
    stdio: ['pipe', 'inherit', 'inherit'],
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve()
        : reject(new Error(`git fast-import exited with ${code}`)),
    );
  });
  const chunks: string[] = [];
  const flush = async () => {
    if (!child.stdin.write(chunks.join('')))
      await new Promise(r => child.stdin.once('drain', r));
    chunks.length = 0;
  };
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  for (let i = 0; i < options.commits; i++) {
    const left = options.commits - i;
    // Applications are made over the first two thirds of the year; afterwards they only change.
    const make =
      apps.length < options.apps &&
      (apps.length === 0 ||
        next() < (options.apps * 1.5) / options.commits ||
        left <= options.apps - apps.length);
    let app: App;
    let subject: string;
    if (make) {
      app = {
        name: `app-${String(apps.length).padStart(4, '0')}`,
        owner: `group:default/team-${String(apps.length % 20).padStart(
          2,
          '0',
        )}`,
        versions: { dev: 1 },
        broken: false,
      };
      apps.push(app);
      subject = `Add ${app.name}`;
    } else {
      app = apps[Math.floor(next() * apps.length)];
      const roll = next();
      if (app.broken) {
        app.broken = false;
        subject = `Mend ${app.name}`;
      } else if (roll < 0.02) {
        app.broken = true;
        subject = `Break ${app.name}`;
      } else if (roll < 0.3 && app.versions.staging !== undefined) {
        app.versions.prod = app.versions.staging;
        subject = `Promote ${app.name} to prod`;
      } else if (roll < 0.55) {
        app.versions.staging = app.versions.dev;
        subject = `Promote ${app.name} to staging`;
      } else {
        app.versions.dev++;
        subject = `Release ${app.name} to dev`;
      }
    }
    const at = Math.floor(start + i * step);
    const who = `Dev ${i % 50} <dev${i % 50}@example.com> ${at} +0000`;
    chunks.push(
      `commit refs/heads/main\nmark :${
        i + 1
      }\nauthor ${who}\ncommitter ${who}\n${data(subject)}`,
      i ? `from :${i}\n` : '',
      `M 100644 inline apps/${app.owner.slice(-7)}/${app.name}.yaml\n${data(
        manifestOf(app),
      )}\n`,
    );
    if (chunks.length > 3000) await flush();
  }
  await flush();
  child.stdin.end();
  await done;
}

/** One more commit on the branch, made like a promotion: dev of one application to a new version. */
export async function appendCommit(path: string, n: number, at: number) {
  const app: App = {
    name: 'app-0001',
    owner: 'group:default/team-01',
    versions: { dev: 10_000 + n, staging: 2, prod: 1 },
    broken: false,
  };
  const when = `Bench <bench@example.com> ${Math.floor(at / 1000)} +0000`;
  const text = manifestOf(app);
  const stream = `commit refs/heads/main\nauthor ${when}\ncommitter ${when}\ndata 11\nnew release\nfrom refs/heads/main^0\nM 100644 inline apps/${app.owner.slice(
    -7,
  )}/${app.name}.yaml\ndata ${Buffer.byteLength(text)}\n${text}\n`;
  execFileSync('git', ['fast-import', '--quiet'], { cwd: path, input: stream });
}
