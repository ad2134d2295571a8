import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Entity, UserEntity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { JsonObject } from '@backstage/types';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleSlipway } from '../module';
import { ENVIRONMENTS } from './gitops';

/** The repository's templates/ folder, which the demo catalog loads. */
export const TEMPLATES_DIR = resolve(__dirname, '../../../../templates');
export const TEMPLATE_NAMES = readdirSync(TEMPLATES_DIR);

/** A template of templates/ as the catalog holds it: its location says where its skeleton is. */
export function templateEntity(name: string): Entity {
  const path = join(TEMPLATES_DIR, name, 'template.yaml');
  const entity = yaml.parse(readFileSync(path, 'utf8')) as Entity;
  entity.metadata.namespace = 'default';
  entity.metadata.annotations = {
    'backstage.io/managed-by-location': `file:${path}`,
  };
  return entity;
}

export const alice: UserEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {
    profile: { displayName: 'Alice Andersen', email: 'alice@acme.example' },
    memberOf: ['payments'],
  },
};

/** A template of templates/ as the dry-run API takes it: the entity, and every file of its folder. */
export function loadTemplate(name: string) {
  const dir = join(TEMPLATES_DIR, name);
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        files.push({
          path: relative(dir, path),
          base64Content: readFileSync(path).toString('base64'),
        });
      }
    }
  };
  walk(dir);
  const template = yaml.parse(
    readFileSync(join(dir, 'template.yaml'), 'utf8'),
  ) as JsonObject;
  return { template, directoryContents: files };
}

/**
 * The scaffolder backend with Slipway's module and the GitHub module, as packages/backend has them, on a real
 * GitOps repository. Returns the server and the events service the module announces changes on.
 */
export async function startScaffolder(options: {
  gitopsUrl: string;
  repositoriesDirectory: string;
  /** `scaffolder.defaultEnvironment.parameters`, which the templates read. */
  parameters: Record<string, string>;
  changes?: 'commit' | 'pull-request';
}) {
  let events: EventsService | undefined;
  const captureEvents = createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'test-events',
    register(reg) {
      reg.registerInit({
        deps: { service: eventsServiceRef },
        async init({ service }) {
          events = service;
        },
      });
    },
  });
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      githubModule,
      scaffolderModuleSlipway,
      captureEvents,
      mockServices.events.factory(),
      catalogServiceMock.factory({
        entities: [alice, ...TEMPLATE_NAMES.map(templateEntity)],
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          integrations: {
            github: [{ host: 'github.com', token: 'not-used-in-a-dry-run' }],
          },
          scaffolder: {
            defaultAuthor: {
              name: 'Slipway Scaffolder',
              email: 'scaffolder@slipway.local',
            },
            defaultEnvironment: { parameters: options.parameters },
          },
          slipway: {
            environments: ENVIRONMENTS.map(name => ({ name })),
            gitops: {
              url: options.gitopsUrl,
              changes: options.changes ?? 'commit',
            },
            scaffolder: {
              localRepositories: { directory: options.repositoriesDirectory },
              // The mock catalog never gets the new application; createManifest.test.ts tests the wait.
              catalogWaitSeconds: 0,
            },
          },
        },
      }),
    ],
  });
  return { server, events: () => events! };
}

/** POST /api/scaffolder/v2/dry-run as Alice. */
export function dryRun(
  server: Parameters<typeof request>[0],
  body: {
    template: JsonObject;
    values: JsonObject;
    directoryContents: Array<{ path: string; base64Content: string }>;
  },
) {
  return request(server)
    .post('/api/scaffolder/v2/dry-run')
    .set('Authorization', mockCredentials.user.header('user:default/alice'))
    .send(body);
}

/** The files a dry run produced, by path, as text. */
export function filesOf(body: {
  directoryContents: Array<{ path: string; base64Content: string }>;
}): Record<string, string> {
  return Object.fromEntries(
    body.directoryContents.map(file => [
      file.path,
      Buffer.from(file.base64Content, 'base64').toString('utf8'),
    ]),
  );
}

/** The YAML of a template's "The manifest" output. */
export function manifestOf(output: {
  text: Array<{ title: string; content: string }>;
}): string {
  const text = output.text.find(t => t.title === 'The manifest');
  const match = /```yaml\n([\s\S]*)\n```/.exec(text?.content ?? '');
  if (!match) throw new Error('The template output shows no manifest');
  return match[1];
}

/** Every log line of a dry run, joined. */
export function logOf(body: { log: Array<{ body: { message: string } }> }) {
  return body.log.map(entry => entry.body.message).join('\n');
}

/** Runs a template for real as Alice (POST /api/scaffolder/v2/tasks) and waits for the task to finish. */
export async function runTemplate(
  server: Parameters<typeof request>[0],
  templateName: string,
  values: JsonObject,
) {
  const auth = mockCredentials.user.header('user:default/alice');
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', auth)
    .send({ templateRef: `template:default/${templateName}`, values });
  if (created.status !== 201) {
    throw new Error(
      `Could not start the task: ${JSON.stringify(created.body)}`,
    );
  }
  for (let waited = 0; waited < 30_000; waited += 250) {
    const task = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}`)
      .set('Authorization', auth);
    if (['completed', 'failed', 'cancelled'].includes(task.body.status)) {
      const events = await request(server)
        .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
        .set('Authorization', auth);
      const all = events.body as Array<{ type: string; body: JsonObject }>;
      const completion = all.find(event => event.type === 'completion');
      return {
        status: task.body.status as string,
        output: (completion?.body.output ?? {}) as JsonObject,
        log: all.map(event => event.body.message).join('\n'),
      };
    }
    await sleep(250);
  }
  throw new Error('The task did not finish within 30 seconds');
}
