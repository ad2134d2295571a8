import { parseManifest, MANIFEST_LIMITS } from './parseManifest';
import { formatProblem } from './problems';

const ENVIRONMENTS = ['dev', 'staging', 'prod'];

const service = `apiVersion: slipway.dev/v1alpha1
kind: Application
metadata:
  name: checkout-api
spec:
  type: service
  owner: group:default/payments
  system: payments
  image: registry.example.com/payments/checkout-api
  environments:
    dev: { version: 1.4.2 }
    prod: { version: 1.3.9, replicas: 3 }
`;

const parse = (text: string | Uint8Array) =>
  parseManifest(text, { path: 'apps/x.yaml', environments: ENVIRONMENTS });

describe('parseManifest', () => {
  it('accepts a valid manifest and says where its name is', () => {
    const result = parse(service);
    expect(result.problems).toEqual([]);
    expect(result.manifest).toMatchObject({ path: 'apps/x.yaml', line: 4 });
    expect(result.manifest?.manifest).toMatchObject({
      kind: 'Application',
      spec: { environments: { prod: { version: '1.3.9', replicas: 3 } } },
    });
  });

  it('reads a paused environment as Pause writes it', () => {
    const result = parse(
      service.replace(
        'prod: { version: 1.3.9, replicas: 3 }',
        'prod: { version: 1.3.9, replicas: 0, paused: { since: "2026-12-05T20:00:00Z", replicas: 3 } }',
      ),
    );
    expect(result.problems).toEqual([]);
    expect((result.manifest?.manifest.spec as any).environments.prod).toEqual({
      version: '1.3.9',
      replicas: 0,
      paused: { since: '2026-12-05T20:00:00Z', replicas: 3 },
    });
  });

  it('turns numeric env values into strings', () => {
    const result = parse(
      service.replace(
        'dev: { version: 1.4.2 }',
        'dev: { version: 1.4.2, env: { WORKERS: 4, DEBUG: true } }',
      ),
    );
    expect(result.manifest?.manifest).toMatchObject({
      spec: { environments: { dev: { env: { WORKERS: '4', DEBUG: 'true' } } } },
    });
  });

  it('accepts an environment that is not configured, with a warning', () => {
    const result = parse(
      service.replace('prod: {', 'qa: { version: 1.0.0 }\n    prod: {'),
    );
    expect(result.manifest).toBeDefined();
    expect(result.problems.map(formatProblem)).toEqual([
      'apps/x.yaml:12:5: warning: spec.environments.qa: environment "qa" is not configured (configured: dev, staging, prod); it is ignored',
    ]);
  });

  // Each case: the manifest text, then one of the problems expected: `line:column: field: message` (a substring).
  const invalid: Array<[string, string, string]> = [
    ['empty file', '', 'error: file is empty'],
    [
      'only a comment',
      '# nothing here\n',
      'error: file holds no YAML document',
    ],
    [
      'a list, not a mapping',
      '- a\n- b\n',
      '1: error: a manifest must be a YAML mapping',
    ],
    ['a scalar', 'hello\n', 'a manifest must be a YAML mapping'],
    [
      'broken YAML',
      'kind: Application\nmetadata: [unclosed\n',
      'error: invalid YAML:',
    ],
    [
      'tab indentation',
      'kind: Application\nmetadata:\n\tname: x\n',
      'invalid YAML',
    ],
    [
      'duplicate key',
      service.replace(
        '  system: payments',
        '  system: payments\n  system: shop',
      ),
      ':9:3: error: invalid YAML: Map keys must be unique',
    ],
    [
      'two documents',
      `${service}---\n${service}`,
      ':13:1: error: a file holds one manifest, but this one has 2 documents',
    ],
    [
      'wrong apiVersion',
      service.replace('slipway.dev/v1alpha1', 'slipway.dev/v2'),
      '1:13: error: apiVersion: must be "slipway.dev/v1alpha1"',
    ],
    [
      'unknown kind',
      service.replace('kind: Application', 'kind: Deployment'),
      '2:7: error: kind: must be Application or System',
    ],
    [
      'missing metadata',
      service.replace(/metadata:\n {2}name: checkout-api\n/, ''),
      'error: metadata: required, but missing',
    ],
    [
      'missing name',
      service.replace('  name: checkout-api', '  title: Checkout'),
      '4:3: error: metadata.name: required, but missing',
    ],
    [
      'uppercase name',
      service.replace('name: checkout-api', 'name: Checkout_API'),
      '4:9: error: metadata.name: must be a lowercase DNS label',
    ],
    [
      'name too long',
      service.replace('name: checkout-api', `name: ${'a'.repeat(64)}`),
      'metadata.name: must be at most 63 characters',
    ],
    [
      'misspelt top-level field',
      service.replace('spec:', 'metdata2: {}\nspec:'),
      '5:1: error: metdata2: unknown field "metdata2" in the manifest',
    ],
    [
      'misspelt field with a suggestion',
      service.replace('  system: payments', '  sytem: payments'),
      'error: spec.sytem: unknown field "sytem" in spec (did you mean "system"?)',
    ],
    [
      'unknown type',
      service.replace('type: service', 'type: website'),
      '6:9: error: spec.type: must be one of service, vendor, etl',
    ],
    [
      'missing owner',
      service.replace('  owner: group:default/payments\n', ''),
      'spec.owner: required, but missing',
    ],
    [
      'owner with spaces',
      service.replace('owner: group:default/payments', 'owner: Payments Team'),
      '7:10: error: spec.owner: must be a Group or User reference',
    ],
    [
      'owner of the wrong kind',
      service.replace(
        'owner: group:default/payments',
        'owner: component:checkout',
      ),
      'spec.owner: must be a Group or User reference',
    ],
    [
      'system with a slash',
      service.replace('system: payments', 'system: a/b/c'),
      'spec.system: must be a System name',
    ],
    [
      'image with a tag',
      service.replace(
        'checkout-api\n  environments',
        'checkout-api:1.0\n  environments',
      ),
      '9:10: error: spec.image: must be an image repository without tag or digest',
    ],
    [
      'image with a shell payload',
      service.replace(
        'image: registry.example.com/payments/checkout-api',
        'image: "x; rm -rf /"',
      ),
      'spec.image: must be an image repository',
    ],
    [
      'service without image',
      service.replace(/ {2}image: .*\n/, ''),
      'spec.image: required, but missing',
    ],
    [
      'chart on a service',
      service.replace(
        '  environments:',
        '  chart: { repository: https://c.example.com, name: redis }\n  environments:',
      ),
      'spec.chart: "chart" does not apply to service applications (it is a field of vendor)',
    ],
    [
      'schedule on a service',
      service.replace(
        '  environments:',
        '  schedule: "0 3 * * *"\n  environments:',
      ),
      '"schedule" does not apply to service applications (it is a field of etl)',
    ],
    [
      'vendor with an image',
      service
        .replace('type: service', 'type: vendor')
        .replace(
          '  environments:',
          '  chart: { repository: https://c.example.com, name: redis }\n  environments:',
        ),
      'spec.image: "image" does not apply to vendor applications (it is a field of service and etl)',
    ],
    [
      'vendor chart repository not a URL',
      service
        .replace('type: service', 'type: vendor')
        .replace(
          / {2}image: .*\n/,
          '  chart: { repository: "file:///etc/passwd", name: redis }\n',
        ),
      'spec.chart.repository: must be an https:// or oci:// URL',
    ],
    [
      'etl without schedule',
      service
        .replace('type: service', 'type: etl')
        .replace(', replicas: 3', ''),
      'spec.schedule: required, but missing',
    ],
    [
      'etl with a bad schedule',
      service
        .replace('type: service', 'type: etl')
        .replace(', replicas: 3', '')
        .replace('  environments:', '  schedule: "every day"\n  environments:'),
      'spec.schedule: must be a cron expression with five fields',
    ],
    [
      'replicas on an etl job',
      service
        .replace('type: service', 'type: etl')
        .replace('  environments:', '  schedule: "@daily"\n  environments:'),
      'spec.environments.prod.replicas: unknown field "replicas"',
    ],
    [
      'no environments',
      service.replace(/ {2}environments:\n.*\n.*\n/, '  environments: {}\n'),
      'spec.environments: must name at least one environment',
    ],
    [
      'environments as a list',
      service.replace(
        / {2}environments:\n.*\n.*\n/,
        '  environments: [dev, prod]\n',
      ),
      'spec.environments: expected a mapping, found a list',
    ],
    [
      'bad environment name',
      service.replace('dev: { version', 'Dev_1: { version'),
      '11:5: error: spec.environments.Dev_1: "Dev_1" must be a lowercase DNS label',
    ],
    [
      'version as a number',
      service.replace('dev: { version: 1.4.2 }', 'dev: { version: 1.10 }'),
      '11:21: error: spec.environments.dev.version: must be a string: quote it, e.g. "1.10"',
    ],
    [
      'version with a command substitution',
      service.replace('version: 1.4.2', 'version: "$(curl evil)"'),
      'spec.environments.dev.version: must be an image tag or chart version',
    ],
    [
      'missing version',
      service.replace('dev: { version: 1.4.2 }', 'dev: { replicas: 1 }'),
      'spec.environments.dev.version: required, but missing',
    ],
    [
      'negative replicas',
      service.replace('replicas: 3', 'replicas: -1'),
      'spec.environments.prod.replicas: Too small',
    ],
    [
      'fractional replicas',
      service.replace('replicas: 3', 'replicas: 1.5'),
      'spec.environments.prod.replicas: must be a whole number',
    ],
    [
      'a paused environment without a time',
      service.replace(
        'dev: { version: 1.4.2 }',
        'dev: { version: 1.4.2, replicas: 0, paused: { since: yesterday } }',
      ),
      'spec.environments.dev.paused.since: must be a date and time such as "2026-12-05T20:00:00Z"',
    ],
    [
      'a misspelt field of paused',
      service.replace(
        'dev: { version: 1.4.2 }',
        'dev: { version: 1.4.2, replicas: 0, paused: { since: "2026-12-05T20:00:00Z", replica: 2 } }',
      ),
      'spec.environments.dev.paused.replica: unknown field "replica" in spec.environments.dev.paused (did you mean "replicas"?)',
    ],
    [
      'a secret-looking env value',
      service.replace(
        'dev: { version: 1.4.2 }',
        'dev: { version: 1.4.2, env: { DB_PASSWORD: hunter2 } }',
      ),
      'spec.environments.dev.env.DB_PASSWORD: DB_PASSWORD looks like a secret',
    ],
    [
      'a literal secret value',
      `${service}  secrets:\n    - env: DB_PASSWORD\n      value: hunter2\n`,
      '15:7: error: spec.secrets[0].value: a secret has no value in a manifest',
    ],
    [
      'a secret without from',
      `${service}  secrets:\n    - env: DB_PASSWORD\n`,
      'spec.secrets[0].from: required, but missing',
    ],
    [
      'a secret from a string',
      `${service}  secrets:\n    - env: DB_PASSWORD\n      from: hunter2\n`,
      'spec.secrets[0].from: expected a mapping, found a string',
    ],
    [
      'a bad secret env name',
      `${service}  secrets:\n    - env: db-password\n      from: { store: vault, name: db }\n`,
      'spec.secrets[0].env: must be an environment variable name',
    ],
    [
      'postgres component without database',
      `${service}  components:\n    - { name: db, type: postgres }\n`,
      'spec.components[0].database: a postgres component needs `database`',
    ],
    [
      'unknown component type',
      `${service}  components:\n    - { name: db, type: oracle }\n`,
      'spec.components[0].type: must be one of postgres, mysql',
    ],
    [
      'SQL injection in a database name',
      `${service}  components:\n    - { name: db, type: postgres, database: "x; DROP TABLE users" }\n`,
      'spec.components[0].database: must be a plain lowercase SQL name',
    ],
    [
      // eslint-disable-next-line no-script-url
      'javascript: link',
      `${service}  links:\n    - { title: Click, url: "javascript:alert(1)" }\n`,
      'spec.links[0].url: must be an http:// or https:// URL',
    ],
    [
      'bad label value',
      service.replace(
        '  name: checkout-api',
        '  name: checkout-api\n  labels: { tier: "back end" }',
      ),
      'metadata.labels.tier: label values are at most 63 characters',
    ],
    [
      'bad dependsOn',
      `${service}  dependsOn: ["group:payments"]\n`,
      'spec.dependsOn[0]: entries are references such as',
    ],
    [
      'system manifest with spec.type',
      'apiVersion: slipway.dev/v1alpha1\nkind: System\nmetadata: { name: payments }\nspec: { owner: payments, type: service }\n',
      'spec.type: unknown field "type" in spec',
    ],
  ];

  it.each(invalid)('rejects %s', (_name, text, expected) => {
    const result = parse(text);
    expect(result.manifest).toBeUndefined();
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.map(formatProblem)).toContainEqual(
      expect.stringContaining(expected),
    );
    expect(result.problems.every(p => p.path === 'apps/x.yaml')).toBe(true);
  });

  it('never repeats a literal secret in its messages', () => {
    const results = [
      parse(
        `${service}  secrets:\n    - env: DB_PASSWORD\n      value: hunter2-canary\n`,
      ),
      parse(
        `${service}  secrets:\n    - env: DB_PASSWORD\n      from: hunter2-canary\n`,
      ),
      parse(
        service.replace(
          'version: 1.4.2',
          'version: 1.4.2, env: { API_TOKEN: hunter2-canary }',
        ),
      ),
    ];
    for (const result of results) {
      expect(result.problems.length).toBeGreaterThan(0);
      expect(JSON.stringify(result.problems)).not.toContain('hunter2-canary');
    }
  });

  describe('hostile input', () => {
    it('refuses an alias bomb quickly', () => {
      const bomb = [
        'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
        ...Array.from({ length: 9 }, (_, i) => {
          const prev = String.fromCharCode(97 + i);
          const name = String.fromCharCode(98 + i);
          return `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`;
        }),
      ].join('\n');
      const result = parse(bomb);
      expect(result.problems[0].message).toMatch(/alias bomb/);
    });

    it('refuses a file over the size limit without parsing it', () => {
      const big = Buffer.alloc(50 * 1024 * 1024, 'a');
      const result = parse(big);
      expect(formatProblem(result.problems[0])).toBe(
        'apps/x.yaml: error: file is 50.0 MiB; a manifest may be at most 512 KiB',
      );
      expect(
        parse('a'.repeat(MANIFEST_LIMITS.maxBytes + 1)).problems[0].message,
      ).toMatch(/a manifest may be at most/);
    });

    it('refuses binary garbage', () => {
      const garbage = Buffer.from([
        0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe,
      ]);
      expect(parse(garbage).problems[0].message).toBe(
        'this is not a text file (it contains NUL bytes)',
      );
      expect(parse(Buffer.from([0xc3, 0x28, 0x41])).problems[0].message).toBe(
        'this is not a UTF-8 text file',
      );
    });

    it('refuses nesting deep enough to exhaust the stack', () => {
      const deep = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      expect(parse(deep).problems[0].message).toBe(
        'nesting is deeper than 64 levels',
      );
    });

    it('refuses a huge number of YAML errors with a few messages', () => {
      const result = parse('a: [\n'.repeat(40));
      expect(result.problems.length).toBeLessThanOrEqual(5);
    });
  });
});
