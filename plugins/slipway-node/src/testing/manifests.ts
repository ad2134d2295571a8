/** A valid service manifest for tests. @public */
export function serviceManifest(
  name: string,
  options: {
    system?: string;
    owner?: string;
    versions?: Record<string, string>;
  } = {},
): string {
  const versions = options.versions ?? {
    dev: '1.1.0',
    staging: '1.0.0',
    prod: '0.9.0',
  };
  return [
    'apiVersion: slipway.dev/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: service',
    `  owner: ${options.owner ?? 'group:default/payments'}`,
    `  system: ${options.system ?? 'payments'}`,
    `  image: registry.example.com/${name}`,
    '  environments:',
    ...Object.entries(versions).map(
      ([env, version]) => `    ${env}: { version: "${version}" }`,
    ),
    '',
  ].join('\n');
}
