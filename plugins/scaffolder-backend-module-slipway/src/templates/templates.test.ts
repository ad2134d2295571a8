import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import { LocalGitRepository } from '@slipway/backstage-plugin-slipway-node/testing';
import request from 'supertest';
import yaml from 'yaml';
import { seedGitops } from '../__testUtils__/gitops';
import {
  startScaffolder,
  TEMPLATE_NAMES,
  templateEntity,
  TEMPLATES_DIR,
} from '../__testUtils__/scaffolderBackend';

jest.setTimeout(60_000);

/** Every property of a template's form, with the page it is on. */
function propertiesOf(name: string) {
  const { spec } = templateEntity(name) as any;
  return spec.parameters.flatMap((page: any) =>
    Object.entries(page.properties ?? {}).map(([key, schema]) => ({
      key,
      schema: schema as any,
    })),
  );
}

describe('the templates of templates/', () => {
  it('are the three of docs/templates.md', () => {
    expect(TEMPLATE_NAMES.sort()).toEqual([
      'etl-job',
      'new-service',
      'vendor-application',
    ]);
  });

  it('offer the environments configured in app-config.yaml, in promotion order', () => {
    const appConfig = yaml.parse(
      readFileSync(join(TEMPLATES_DIR, '..', 'app-config.yaml'), 'utf8'),
    );
    const configured = appConfig.slipway.environments.map(
      (env: { name: string }) => env.name,
    );
    const titles = appConfig.slipway.environments.map(
      (env: { name: string; title?: string }) => env.title ?? env.name,
    );
    const choices = TEMPLATE_NAMES.flatMap(propertiesOf).filter(
      ({ schema }: any) => schema.items?.enum,
    );
    expect(choices.length).toBeGreaterThan(0);
    for (const { schema } of choices) {
      expect(schema.items.enum).toEqual(configured);
      expect(schema['ui:enumNames']).toEqual(titles);
    }
  });

  it('only use actions the backend has', async () => {
    const gitops = new LocalGitRepository();
    seedGitops(gitops);
    const { server } = await startScaffolder({
      gitopsUrl: gitops.remote,
      repositoriesDirectory: join(gitops.root, 'repositories'),
      parameters: {},
    });
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('Authorization', mockCredentials.user.header());
    const registered = new Set(res.body.map((a: { id: string }) => a.id));
    const used = TEMPLATE_NAMES.flatMap(name =>
      (templateEntity(name) as any).spec.steps.map(
        (step: { action: string }) => step.action,
      ),
    );
    expect(used).toContain('slipway:manifest:create');
    expect(used.filter((id: string) => !registered.has(id))).toEqual([]);
    gitops.remove();
  });
});
