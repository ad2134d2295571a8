import { SlipwayApplicationSpec } from '@slipway/backstage-plugin-slipway-common';
import { SlipwayEnvironment } from '@slipway/backstage-plugin-slipway-node';
import { GitOpsPauseExecutor } from './GitOpsPauseExecutor';
import {
  createPauseAction,
  createResumeAction,
  manifestPausedStates,
  PausedStateSource,
} from './pauseActions';

const dev = {
  name: 'dev',
  title: 'Development',
  order: 0,
  production: false,
  actions: {},
} as unknown as SlipwayEnvironment;

const application = (
  environments: SlipwayApplicationSpec['environments'],
  type: SlipwayApplicationSpec['type'] = 'service',
) =>
  ({
    type,
    manifestPath: 'apps/checkout.yaml',
    environments,
    components: [],
    secrets: [],
  } as unknown as SlipwayApplicationSpec);

const reasons = async (
  app: SlipwayApplicationSpec,
  states: PausedStateSource = manifestPausedStates,
) => {
  const ask = { application: app, environment: dev, environments: [dev] };
  return [
    await createPauseAction(states).unavailableReason!(ask),
    await createResumeAction(states).unavailableReason!(ask),
  ];
};

const JOB =
  'Pause and Resume are for services that run all the time; the application is a scheduled job, which runs only when its schedule says.';

describe('Pause and Resume: when they apply', () => {
  it('offers Pause to a running environment and Resume to a paused one', async () => {
    expect(await reasons(application({ dev: { version: '1.0.0' } }))).toEqual([
      undefined,
      'Development is not paused: there is nothing to resume.',
    ]);
    const since = new Date(Date.now() - 3 * 3600_000).toISOString();
    expect(
      await reasons(
        application({
          dev: {
            version: '1.0.0',
            replicas: 0,
            paused: { since, replicas: 2 },
          },
        }),
      ),
    ).toEqual([
      'Development is already paused 3 hours ago; Resume starts it again.',
      undefined,
    ]);
  });

  it('says why neither applies to a job, an environment it does not run in, or one with no replicas', async () => {
    expect(
      await reasons(application({ dev: { version: '1.0.0' } }, 'etl')),
    ).toEqual([{ reason: JOB }, { reason: JOB }]);
    const [pause] = await reasons(application({}));
    expect(pause).toEqual({
      reason:
        'The manifest does not deploy the application to Development, so there is nothing to pause.',
    });
    expect(
      (
        await reasons(application({ dev: { version: '1.0.0', replicas: 0 } }))
      )[0],
    ).toEqual({
      reason:
        'The manifest already runs no replicas in Development: there is nothing to pause.',
      detail: 'spec.environments.dev.replicas is 0 in apps/checkout.yaml',
    });
  });
});

describe('Pause and Resume: where the pause is recorded elsewhere (Kubernetes)', () => {
  const running = application({ dev: { version: '1.0.0', replicas: 2 } });

  it("asks the environment's record, not the manifest", async () => {
    const since = new Date(Date.now() - 2 * 3600_000).toISOString();
    expect(
      await reasons(running, { of: async () => ({ since, replicas: 2 }) }),
    ).toEqual([
      'Development is already paused 2 hours ago; Resume starts it again.',
      undefined,
    ]);
  });

  it('offers neither, and says why, when the record cannot be read', async () => {
    const refusal = {
      reason:
        'Slipway could not find out whether the application is paused in Development, so it offers neither Pause nor Resume for now. If this lasts, tell the platform team.',
      detail:
        'Could not read deployment dev/checkout in cluster dev-eu: the cluster refused (HTTP 403)',
    };
    expect(
      await reasons(running, {
        of: async () => {
          throw new Error(
            'Could not read deployment dev/checkout in cluster dev-eu: the cluster refused (HTTP 403)',
          );
        },
      }),
    ).toEqual([refusal, refusal]);
  });
});

describe('Pause: configuration', () => {
  const validate = (actions: Record<string, unknown>) => () =>
    new GitOpsPauseExecutor('pause', {} as any).validateConfig(undefined, {
      key: 'slipway.environments[0].actions.pause',
      environment: { actions },
    });

  it('refuses Pause in an environment without Resume, naming the key', () => {
    expect(validate({ pause: { executor: 'gitops' } })).toThrow(
      'slipway.environments[0].actions.pause: an environment with Pause needs Resume too (actions.resume.executor: gitops), or what is paused stays paused',
    );
    expect(
      validate({
        pause: { executor: 'gitops' },
        resume: { executor: 'gitops' },
      }),
    ).not.toThrow();
  });
});
