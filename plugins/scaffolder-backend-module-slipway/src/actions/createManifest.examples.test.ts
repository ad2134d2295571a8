import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parseManifest } from '@slipway/backstage-plugin-slipway-common';
import { SLIPWAY_GITOPS_CHANGED_TOPIC } from '@slipway/backstage-plugin-slipway-node';
import { LocalGitRepository } from '@slipway/backstage-plugin-slipway-node/testing';
import {
  closeRepositories,
  ENVIRONMENTS,
  manifestActionFor,
  outputsOf,
  seedGitops,
  stepsOf,
} from '../__testUtils__/gitops';
import { examples } from './createManifest.examples';

describe('slipway:manifest:create examples', () => {
  let repo: LocalGitRepository;

  beforeEach(() => {
    repo = new LocalGitRepository();
    seedGitops(repo);
  });
  afterEach(async () => {
    await closeRepositories();
    repo.remove();
  });

  /** A file of the repository's main branch, or undefined. */
  const fileAt = (path: string) => {
    try {
      return repo.inspect('show', `main:${path}`);
    } catch {
      return undefined;
    }
  };

  it.each(examples.map(example => [example.description, example]))(
    '%s',
    async (_description, example) => {
      const [step] = stepsOf(example);
      expect(step.action).toBe('slipway:manifest:create');
      const { action, events } = manifestActionFor(repo);
      const before = repo.head();

      const ctx = createMockActionContext<any>({ input: step.input });
      await action.handler(ctx);

      const output = outputsOf(ctx);
      expect(output.entityRef).toBe(`component:default/${step.input.name}`);
      const parsed = parseManifest(output.manifest, {
        path: output.manifestPath,
        environments: ENVIRONMENTS,
      });
      expect(parsed.problems).toEqual([]);
      expect(parsed.manifest?.manifest).toMatchObject({
        metadata: { name: step.input.name },
        spec: { type: step.input.type },
      });

      // validateOnly checks and writes nothing; every other example commits.
      const writes = !step.input.validateOnly;
      expect(output.status).toBe(writes ? 'committed' : 'dry-run');
      expect(repo.head()).toBe(writes ? output.revision : before);
      expect(fileAt(output.manifestPath)).toBe(
        writes ? output.manifest : undefined,
      );
      expect(events.publish.mock.calls).toEqual(
        writes
          ? [
              [
                {
                  topic: SLIPWAY_GITOPS_CHANGED_TOPIC,
                  eventPayload: {
                    revision: repo.head(),
                    paths: [output.manifestPath],
                  },
                },
              ],
            ]
          : [],
      );
    },
  );
});
