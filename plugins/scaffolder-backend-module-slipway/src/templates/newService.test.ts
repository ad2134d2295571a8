import { readdirSync } from 'node:fs';
import { parseManifest } from '@slipway/backstage-plugin-slipway-common';
import yaml from 'yaml';
import { ENVIRONMENTS, templateWorkspace } from '../__testUtils__/gitops';
import {
  dryRun,
  filesOf,
  loadTemplate,
  logOf,
  manifestOf,
  startScaffolder,
} from '../__testUtils__/scaffolderBackend';

jest.setTimeout(60_000);

const values = {
  name: 'invoice-api',
  // YAML-hostile on purpose: it goes into mkdocs.yml.
  title: 'Invoices: API #1',
  description: 'Issues and lists invoices',
  owner: 'group:default/payments',
  system: 'system:default/payments',
  database: true,
};

describe('template New service (dry run)', () => {
  const { template, directoryContents } = loadTemplate('new-service');
  const ws = templateWorkspace();

  it('without a git host: renders the skeleton, checks the local repository and the manifest, writes nothing', async () => {
    const { server, events } = await startScaffolder({
      gitopsUrl: ws.gitops.remote,
      repositoriesDirectory: ws.repositories,
      parameters: {
        repositoryHost: 'local',
        imageRegistry: 'registry.acme.example',
      },
    });
    const publish = jest.spyOn(events(), 'publish');
    const res = await dryRun(server, { template, values, directoryContents });
    expect(res.status).toBe(200);

    const files = filesOf(res.body);
    expect(Object.keys(files).sort()).toEqual([
      '.dockerignore',
      '.github/workflows/build.yaml',
      '.gitignore',
      'Dockerfile',
      'README.md',
      'docs/index.md',
      'mkdocs.yml',
      'package.json',
      'slipway.env',
      'src/app.js',
      'src/app.test.js',
      'src/server.js',
    ]);
    expect(files['slipway.env']).toContain(
      [
        'SLIPWAY_APPLICATION=invoice-api',
        'IMAGE=registry.acme.example/payments/invoice-api',
        `GITOPS_REPOSITORY=file://${ws.gitops.remote}`,
        'GITOPS_BRANCH=main',
        'MANIFEST_PATH=apps/payments/invoice-api.yaml',
        'DEPLOY_ENVIRONMENT=dev',
      ].join('\n'),
    );
    expect(JSON.parse(files['package.json']).name).toBe('invoice-api');
    expect(files['src/app.js']).toContain("service: 'invoice-api'");
    expect(files['README.md']).toMatch(
      /^# Invoices: API #1\n\nIssues and lists invoices\n/,
    );
    expect(yaml.parse(files['mkdocs.yml'])).toMatchObject({
      site_name: 'Invoices: API #1',
      site_description: 'Issues and lists invoices',
    });
    // The workflow is copied as it is: GitHub evaluates its ${{ }} expressions, not the scaffolder.
    expect(files['.github/workflows/build.yaml']).toContain(
      'docker push "$IMAGE:${{ steps.version.outputs.version }}"',
    );

    const log = logOf(res.body);
    expect(log).toContain(
      `Would create ${ws.repositories}/invoice-api.git and push`,
    );
    // One step creates the repository; the task page lists no GitHub step in a portal without GitHub.
    expect((template as any).spec.steps.map((s: any) => s.name)).toEqual([
      'Check the manifest',
      'Write the code from the skeleton',
      'Create the repository',
      'Add the manifest to the GitOps repository',
    ]);
    expect(log).not.toContain('GitHub');

    const manifest = manifestOf(res.body.output);
    const parsed = parseManifest(manifest, {
      path: 'apps/payments/invoice-api.yaml',
      environments: ENVIRONMENTS,
    });
    expect(parsed.problems).toEqual([]);
    expect(parsed.manifest?.manifest).toEqual({
      apiVersion: 'slipway.dev/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'invoice-api',
        title: 'Invoices: API #1',
        description: 'Issues and lists invoices',
      },
      spec: {
        type: 'service',
        owner: 'group:default/payments',
        system: 'payments',
        image: 'registry.acme.example/payments/invoice-api',
        environments: { dev: { version: '0.1.0' } },
        components: [
          { name: 'invoice-api-db', type: 'postgres', database: 'invoice_api' },
        ],
      },
    });

    // Nothing links to an application or a change that does not exist.
    expect(res.body.output.links).toEqual([
      expect.objectContaining({ entityRef: '' }),
      expect.not.objectContaining({ url: expect.any(String) }),
      expect.not.objectContaining({ url: expect.any(String) }),
    ]);
    const created = res.body.output.text[0].content;
    expect(created).toContain(
      `clone it with\n\`git clone file://${ws.repositories}/invoice-api.git\``,
    );
    expect(created).toContain(
      '**Manifest**: `apps/payments/invoice-api.yaml` in the GitOps repository: a dry run, nothing was written.',
    );

    expect(ws.gitops.head()).toBe(ws.seeded);
    expect(readdirSync(ws.repositories)).toEqual([]);
    expect(publish).not.toHaveBeenCalled();
  });

  it('with GitHub configured: publishes to GitHub (publish:github) and links the manifest to the repository', async () => {
    const { server } = await startScaffolder({
      gitopsUrl: ws.gitops.remote,
      repositoriesDirectory: ws.repositories,
      parameters: {
        repositoryHost: 'github',
        githubOwner: 'acme',
        imageRegistry: 'ghcr.io/acme',
      },
    });
    const res = await dryRun(server, {
      template,
      values: { ...values, database: false },
      directoryContents,
    });
    expect(res.status).toBe(200);

    const log = logOf(res.body);
    expect(log).toContain(
      'Would create the private repository acme/invoice-api on github.com and push the workspace to main',
    );
    const manifest = manifestOf(res.body.output);
    const { spec } = yaml.parse(manifest);
    expect(spec.image).toBe('ghcr.io/acme/payments/invoice-api');
    expect(spec.links).toEqual([
      {
        title: 'Source',
        icon: 'github',
        url: 'https://github.com/acme/invoice-api',
      },
    ]);
    expect(spec.components).toBeUndefined();
    expect(readdirSync(ws.repositories)).toEqual([]);
  });

  it('fails before anything is created when the GitOps repository already has the name', async () => {
    const { server } = await startScaffolder({
      gitopsUrl: ws.gitops.remote,
      repositoriesDirectory: ws.repositories,
      parameters: { imageRegistry: 'registry.acme.example' },
    });
    const res = await dryRun(server, {
      template,
      values: { ...values, name: 'checkout-api' },
      directoryContents,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      'An application named "checkout-api" already exists (apps/payments/checkout-api.yaml); choose another name',
    );
    expect(readdirSync(ws.repositories)).toEqual([]);
  });

  it('refuses a name the form does not accept', async () => {
    const { server } = await startScaffolder({
      gitopsUrl: ws.gitops.remote,
      repositoriesDirectory: ws.repositories,
      parameters: { imageRegistry: 'registry.acme.example' },
    });
    const res = await dryRun(server, {
      template,
      values: { ...values, name: 'Invoice API' },
      directoryContents,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('does not match pattern');
  });
});
