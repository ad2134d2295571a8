import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readSlipwayConfig } from './readSlipwayConfig';

const base = {
  environments: [
    {
      name: 'dev',
      argocd: { instance: 'main' },
      links: {
        logs: 'https://logs.example.com/?q=app%3D{{ app.name }}&env={{ env.name }}',
      },
    },
    {
      name: 'prod',
      title: 'Production',
      production: true,
      kubernetes: { cluster: 'prod-eu' },
    },
  ],
  argocd: {
    instances: [
      { name: 'main', url: 'https://argocd.example.com', token: 't' },
    ],
  },
  gitops: { url: 'https://github.com/acme/gitops' },
};

const read = (slipway: unknown) => () =>
  readSlipwayConfig(new ConfigReader({ slipway: slipway as JsonValue }));

describe('readSlipwayConfig', () => {
  it('reads environments in promotion order, with defaults', () => {
    const config = read(base)();
    expect(
      config.environments.map(e => [e.name, e.title, e.production, e.order]),
    ).toEqual([
      ['dev', 'dev', false, 0],
      ['prod', 'Production', true, 1],
    ]);
    expect(config.gitops).toEqual({
      url: 'https://github.com/acme/gitops',
      branch: 'main',
      path: '',
      changes: 'commit',
      refreshSeconds: 60,
    });
    expect(config.argocd).toMatchObject({
      timeoutMs: 2500,
      concurrency: 8,
      cacheSeconds: 15,
    });
    const context = {
      app: {
        name: 'checkout api',
        system: 's',
        owner: 'o',
        type: 'service',
        labels: {},
      },
      env: { name: 'dev' },
    };
    expect(
      config.environments[0].links[0].url.render(context, encodeURIComponent),
    ).toBe('https://logs.example.com/?q=app%3Dcheckout%20api&env=dev');
    expect(config.environments[0].argocd!.application.render(context)).toBe(
      'checkout api-dev',
    );
    expect(
      config.environments[1].kubernetes!.namespace.render({
        ...context,
        env: { name: 'prod' },
      }),
    ).toBe('checkout api-prod');
  });

  it('reads how runs are executed in milliseconds, leaving out what is not configured', () => {
    expect(read(base)().runs).toEqual({});
    expect(
      read({
        ...base,
        runs: { pollSeconds: 0.1, heartbeatSeconds: 0.1, staleSeconds: 1 },
      })().runs,
    ).toEqual({ pollMs: 100, heartbeatMs: 100, staleMs: 1000 });
    expect(read({ ...base, runs: { maxConcurrent: 20 } })().runs).toEqual({
      maxConcurrent: 20,
    });
  });

  it('stops with a message when there is no configuration', () => {
    expect(() => readSlipwayConfig(new ConfigReader({}))).toThrow(
      'Missing configuration: slipway.environments and slipway.gitops are required',
    );
  });

  const wrong: Array<[string, unknown, string]> = [
    [
      'no environments',
      { ...base, environments: [] },
      'slipway.environments: configure at least one environment',
    ],
    [
      'a bad name',
      { ...base, environments: [{ name: 'Prod!' }] },
      'slipway.environments[0].name: must be a lowercase DNS label',
    ],
    [
      'a duplicate name',
      { ...base, environments: [{ name: 'dev' }, { name: 'dev' }] },
      'slipway.environments[1].name: "dev" is configured twice',
    ],
    [
      'an unknown Argo CD instance',
      {
        ...base,
        environments: [{ name: 'dev', argocd: { instance: 'other' } }],
      },
      'slipway.environments[0].argocd.instance: no Argo CD instance named "other"',
    ],
    [
      'an unknown template variable',
      {
        ...base,
        environments: [
          { name: 'dev', links: { logs: 'https://x/{{ app.secret }}' } },
        ],
      },
      'slipway.environments[0].links.logs: unknown variable "{{ app.secret }}"',
    ],
    [
      'an unknown key',
      { ...base, environments: [{ name: 'dev', prod: true }] },
      'slipway.environments[0]: Unrecognized key: "prod"',
    ],
    [
      'production not a boolean',
      { ...base, environments: [{ name: 'dev', production: 'yes' }] },
      'slipway.environments[0].production:',
    ],
    [
      'someone to notify who is not a user or group',
      {
        ...base,
        environments: [
          { name: 'dev', approval: { notify: ['component:default/x'] } },
        ],
      },
      'slipway.environments[0].approval.notify[0]: must be a user or group entity reference',
    ],
    [
      'a poll interval of zero',
      { ...base, runs: { pollSeconds: 0 } },
      'slipway.runs.pollSeconds: Too small',
    ],
    [
      'a stale time shorter than the heartbeat',
      { ...base, runs: { staleSeconds: 2 } },
      'slipway.runs.staleSeconds: staleSeconds must be longer than heartbeatSeconds (default 5)',
    ],
    [
      'a fraction of a run at a time',
      { ...base, runs: { maxConcurrent: 2.5 } },
      'slipway.runs.maxConcurrent: must be a whole number',
    ],
    [
      'an unknown key of runs',
      { ...base, runs: { pollMs: 100 } },
      'slipway.runs: Unrecognized key: "pollMs"',
    ],
    [
      'no gitops',
      { environments: base.environments, argocd: base.argocd },
      'slipway.gitops:',
    ],
    [
      'a branch with ..',
      { ...base, gitops: { url: 'x', branch: 'a..b' } },
      'slipway.gitops.branch: must be a plain branch name',
    ],
    [
      'a path leaving the repository',
      { ...base, gitops: { url: 'x', path: '../secrets' } },
      'slipway.gitops.path: must stay inside the repository',
    ],
    [
      'an Argo CD URL that is not http',
      {
        ...base,
        argocd: { instances: [{ name: 'main', url: 'ftp://x', token: 't' }] },
      },
      'slipway.argocd.instances[0].url: must be an http(s) URL',
    ],
  ];

  it.each(wrong)('stops on %s, naming the key', (_name, slipway, message) => {
    expect(read(slipway)).toThrow(message);
  });
});
