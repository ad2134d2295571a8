import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { parseManifest } from '@slipway/backstage-plugin-slipway-common';
import { SLIPWAY_GITOPS_CHANGED_TOPIC } from '@slipway/backstage-plugin-slipway-node';
import yaml from 'yaml';
import { ENVIRONMENTS, templateWorkspace } from '../__testUtils__/gitops';
import {
  runTemplate,
  startScaffolder,
} from '../__testUtils__/scaffolderBackend';
import { cloneOf, removeClones } from '../__testUtils__/workspace';

jest.setTimeout(60_000);

const values = {
  name: 'invoice-api',
  description: 'Issues and lists invoices',
  owner: 'group:default/payments',
  system: 'system:default/payments',
};

describe('template New service (run)', () => {
  const ws = templateWorkspace();

  afterEach(() => {
    removeClones();
  });

  it('creates the repository, commits the manifest as the user and tells the catalog', async () => {
    const { server, events } = await startScaffolder({
      gitopsUrl: ws.gitops.remote,
      repositoriesDirectory: ws.repositories,
      parameters: { imageRegistry: 'registry.acme.example' },
    });
    const publish = jest.spyOn(events(), 'publish');

    const task = await runTemplate(server, 'new-service', values);
    // The log says why, should it fail.
    expect(task).toMatchObject({ status: 'completed' });

    // The repository: the rendered skeleton, as the first commit, by Alice.
    const clone = cloneOf(`file://${ws.repositories}/invoice-api.git`);
    expect(clone.read('slipway.env')).toContain(
      'MANIFEST_PATH=apps/payments/invoice-api.yaml',
    );
    expect(clone.read('src/app.js')).toContain("service: 'invoice-api'");
    expect(clone.git('log', '--format=%an|%s').trim()).toBe(
      'Alice Andersen|Create invoice-api from the New service template',
    );
    // The new service works: its own tests pass, and the build workflow is a valid workflow.
    // `npm test` without npm (not every machine has it): the script is a node command line.
    const [command, ...args] = JSON.parse(
      clone.read('package.json'),
    ).scripts.test.split(' ');
    expect(command).toBe('node');
    const tests = execFileSync(process.execPath, args, {
      cwd: clone.dir,
      encoding: 'utf8',
    });
    // execFileSync throws when a test fails; and there are tests.
    expect(tests).toMatch(/\bpass 3\b/);
    const workflow = yaml.parse(clone.read('.github/workflows/build.yaml'));
    expect(Object.keys(workflow.jobs)).toEqual(['build', 'deploy']);
    expect(workflow.jobs.deploy.needs).toBe('build');

    // The manifest: one commit on top of what was there, valid for the catalog.
    expect(ws.gitops.inspect('rev-parse', 'main~1').trim()).toBe(ws.seeded);
    const manifest = ws.gitops.inspect(
      'show',
      'main:apps/payments/invoice-api.yaml',
    );
    const parsed = parseManifest(manifest, {
      path: 'apps/payments/invoice-api.yaml',
      environments: ENVIRONMENTS,
    });
    expect(parsed.problems).toEqual([]);
    expect(ws.gitops.inspect('log', '-1', '--format=%an <%ae>').trim()).toBe(
      'Alice Andersen <alice@acme.example>',
    );
    expect(publish).toHaveBeenCalledWith({
      topic: SLIPWAY_GITOPS_CHANGED_TOPIC,
      eventPayload: {
        revision: ws.gitops.head(),
        paths: ['apps/payments/invoice-api.yaml'],
      },
    });

    // The output: the application in the catalog; no web page for a repository on the portal's machine.
    expect(task.output.links).toEqual([
      {
        title: 'Open invoice-api in the catalog',
        icon: 'catalog',
        entityRef: 'component:default/invoice-api',
      },
      { title: 'Repository', icon: 'github' },
      { title: 'Manifest commit' },
    ]);
    const created = (task.output.text as any)[0].content as string;
    expect(created).toContain(
      `\`git clone file://${ws.repositories}/invoice-api.git\``,
    );
    expect(created).toContain(`committed as \`${ws.gitops.head()}\``);
  });

  it('fails before creating a repository when the name is taken in the GitOps repository', async () => {
    const { server } = await startScaffolder({
      gitopsUrl: ws.gitops.remote,
      repositoriesDirectory: ws.repositories,
      parameters: { imageRegistry: 'registry.acme.example' },
    });
    const task = await runTemplate(server, 'new-service', {
      ...values,
      name: 'checkout-api',
    });
    expect(task.status).toBe('failed');
    expect(task.log).toContain(
      'An application named "checkout-api" already exists (apps/payments/checkout-api.yaml); choose another name',
    );
    expect(readdirSync(ws.repositories)).toEqual([]);
    expect(ws.gitops.head()).toBe(ws.seeded);
  });
});
