import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { parseManifest } from '@slipway/backstage-plugin-slipway-common';
import {
  getManifestValue,
  setManifestValue,
} from '@slipway/backstage-plugin-slipway-node';

/*
 * Demo only: a plausible history for the demo GitOps repository, GENERATED (not anyone's real work), so that Insights
 * has months of adoption and delivery to show on a first start. Over the 26 weeks before now, the applications of
 * the seed folder are added one by one; each gets a train of versions through its environments (dev first, then
 * staging, then production) that ends at the versions the seed folder declares; one manifest is broken for a day;
 * the folder's broken manifest appears eight weeks ago. The last commit holds the seed folder exactly. Each commit's
 * message says it was generated, and by what.
 */

const WEEK = 7 * 24 * 3600 * 1000;
const DAY = 24 * 3600 * 1000;
const GENERATED =
  'Generated demo history (packages/backend/src/modules/demoHistory.ts): not a real change.';
/** Earlier versions generated before the seed's oldest, per application. */
const EARLIER = 6;

const TEAM_PEOPLE: Record<string, string[]> = {
  'group:default/payments': [
    'Alice Andersen <alice@acme.example>',
    'Dave Dubois <dave@acme.example>',
  ],
  'group:default/storefront': ['Bob Berg <bob@acme.example>'],
  'group:default/data': ['Erin Eriksen <erin@acme.example>'],
};
const PLATFORM = 'Carol Chen <carol@acme.example>';

/** A commit of the generated history. */
export interface DemoCommit {
  at: number;
  author: string;
  subject: string;
  files: Record<string, string>;
}

type App = {
  path: string;
  name: string;
  owner: string;
  text: string;
  /** Its environments in the configured order, with the version the seed declares. */
  finals: Array<[string, string]>;
};

/** The generated history, oldest first, ending with the seed folder as it is. */
export async function demoHistory(
  seed: string,
  environments: string[],
  now: number,
): Promise<DemoCommit[]> {
  const files = await readFolder(seed);
  const apps: App[] = [];
  const systems: Record<string, string> = {};
  const others: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    const parsed = /\.ya?ml$/.test(path)
      ? parseManifest(text, { path }).manifest
      : undefined;
    if (parsed?.manifest.kind === 'Application') {
      const finals = environments
        .map(
          env =>
            [
              env,
              getManifestValue(text, ['spec', 'environments', env, 'version']),
            ] as const,
        )
        .filter(
          (pair): pair is [string, string] => typeof pair[1] === 'string',
        );
      apps.push({
        path,
        name: parsed.manifest.metadata.name,
        owner: parsed.manifest.spec.owner,
        text,
        finals,
      });
    } else if (parsed?.manifest.kind === 'System') systems[path] = text;
    else others[path] = text;
  }

  const start = now - 26 * WEEK;
  const commits: DemoCommit[] = [
    { at: start, author: PLATFORM, subject: 'Add the systems', files: systems },
  ];
  apps.sort((a, b) => a.path.localeCompare(b.path));
  apps.forEach((app, i) =>
    commits.push(
      ...trainOf(app, start + DAY + i * ((16 * WEEK) / apps.length), now),
    ),
  );
  const broken = Object.keys(others).filter(p => /\.ya?ml$/.test(p));
  if (broken.length)
    commits.push({
      at: now - 8 * WEEK,
      author: TEAM_PEOPLE['group:default/data'][0],
      subject: `Add ${broken.map(p => posix.basename(p)).join(', ')}`,
      files: Object.fromEntries(broken.map(p => [p, others[p]])),
    });
  if (apps.length) {
    // A manifest broken for a day: "manifests with problems" over time.
    const app = apps[0];
    const at = now - 10 * WEEK;
    const current = stateAt(commits, app.path, at);
    if (current) {
      const who = peopleOf(app)[0];
      commits.push(
        {
          at,
          author: who,
          subject: `Tune ${app.name}`,
          files: { [app.path]: `${current}  replicas: [\n` },
        },
        {
          at: at + DAY / 4,
          author: who,
          subject: `Fix the YAML of ${app.name}`,
          files: { [app.path]: current },
        },
      );
    }
  }
  commits.sort((a, b) => a.at - b.at);
  commits.push({
    at: now - 60_000,
    author: PLATFORM,
    subject: 'Bring the repository to the seed folder of the demo',
    files,
  });
  return commits;
}

/** An application's commits: added at `createdAt`, then each version through its environments, ending at the seed's. */
function trainOf(app: App, createdAt: number, now: number): DemoCommit[] {
  const versions = versionTrain(app.finals.map(([, v]) => v));
  const people = peopleOf(app);
  const state = Object.fromEntries(
    app.finals.map(([env]) => [env, versions[0]]),
  );
  const textOf = () =>
    app.finals.reduce(
      (text, [env]) =>
        setManifestValue(
          text,
          ['spec', 'environments', env, 'version'],
          state[env],
        ),
      app.text,
    );
  const events: Array<{ at: number; env: string; version: string }> = [];
  const last = versions.length - 1;
  const span = now - 3 * DAY - createdAt;
  // Each later environment takes a version between 6 hours and 4 days after the one before it: lead times vary.
  const seed = [...app.name].reduce((sum, c) => sum + c.charCodeAt(0), 0);
  const delay = (k: number, j: number) => {
    let hours = 0;
    for (let i = 1; i <= j; i++)
      hours += 6 + ((k * 7 + seed * 13 + i * 5) % 16) * 6;
    return hours * 3600_000;
  };
  for (let k = 1; k <= last; k++) {
    const at = createdAt + (k / last) * span;
    app.finals.forEach(([env, final], j) => {
      const target = versions.indexOf(final);
      // The first environment takes every version; later ones every second or third, and always their final one.
      if (k > target || (j > 0 && k !== target && k % (j + 1) !== 0)) return;
      events.push({
        at: Math.min(at + delay(k, j), now - 2 * 3600_000),
        env,
        version: versions[k],
      });
    });
  }
  const commits: DemoCommit[] = [
    {
      at: createdAt,
      author: people[0],
      subject: `Add ${app.name}`,
      files: { [app.path]: textOf() },
    },
  ];
  events.sort((a, b) => a.at - b.at);
  events.forEach((event, n) => {
    state[event.env] = event.version;
    commits.push({
      at: event.at,
      author: people[n % people.length],
      subject: `Promote ${app.name} to ${event.env}: ${event.version}`,
      files: { [app.path]: textOf() },
    });
  });
  return commits;
}

/** Earlier versions, then the seed's own, ascending: `1.3.9` is preceded by `1.3.8` … */
function versionTrain(finals: string[]): string[] {
  const ascending = [...new Set(finals)].sort(compareVersions);
  const earlier: string[] = [];
  let parts = ascending[0]?.split('.').map(Number) ?? [];
  if (parts.length === 3 && parts.every(Number.isInteger)) {
    for (let i = 0; i < EARLIER; i++) {
      const [x, y, z] = parts;
      if (z > 0) parts = [x, y, z - 1];
      else if (y > 0) parts = [x, y - 1, 9];
      else if (x > 0) parts = [x - 1, 9, 9];
      else break;
      earlier.unshift(parts.join('.'));
    }
  }
  return [...earlier, ...ascending];
}

function compareVersions(a: string, b: string) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return Number.isNaN(d) ? a.localeCompare(b) : d;
  }
  return 0;
}

function peopleOf(app: App) {
  const owner = app.owner.includes(':')
    ? app.owner
    : `group:default/${app.owner}`;
  return TEAM_PEOPLE[owner] ?? [PLATFORM];
}

function stateAt(
  commits: DemoCommit[],
  path: string,
  at: number,
): string | undefined {
  return commits
    .filter(c => c.at <= at && c.files[path] !== undefined)
    .sort((a, b) => a.at - b.at)
    .pop()?.files[path];
}

async function readFolder(root: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const visit = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const absolute = join(dir, entry.name);
      if (entry.isDirectory()) await visit(absolute);
      else if (entry.isFile())
        files[relative(root, absolute).split(sep).join(posix.sep)] =
          await readFile(absolute, 'utf8');
    }
  };
  await visit(root);
  return files;
}

/** The history as a `git fast-import` stream onto `branch`; each message says it was generated. */
export function fastImportStream(
  commits: DemoCommit[],
  branch: string,
): string {
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  return commits
    .map((commit, i) => {
      const who = `${commit.author} ${Math.floor(commit.at / 1000)} +0000`;
      const message = `${commit.subject}\n\n${GENERATED}\n`;
      return [
        `commit refs/heads/${branch}\nmark :${
          i + 1
        }\nauthor ${who}\ncommitter ${who}\n${data(message)}`,
        i ? `from :${i}\n` : '',
        ...Object.entries(commit.files).map(
          ([path, text]) => `M 100644 inline ${path}\n${data(text)}`,
        ),
        '\n',
      ].join('');
    })
    .join('');
}
