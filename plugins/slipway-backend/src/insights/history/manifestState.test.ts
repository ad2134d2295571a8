import { serviceManifest } from '@slipway/backstage-plugin-slipway-node/testing';
import { manifestStateOf } from './manifestState';

describe('manifestStateOf', () => {
  const valid = manifestStateOf(
    'apps/shop.yaml',
    serviceManifest('shop', { versions: { dev: '1.0.0' } }),
    undefined,
  );

  it('reads an application’s name, type, team and versions', () => {
    expect(valid).toEqual({
      application: 'shop',
      type: 'service',
      owner: 'group:default/payments',
      problem: false,
      versions: { dev: '1.0.0' },
    });
  });

  it('counts a broken manifest for the application it still names, with what YAML can still read', () => {
    // Valid YAML, invalid manifest (an owner that is not an entity reference): name, type and team are still read.
    const legacy = [
      'apiVersion: slipway.dev/v1alpha1',
      'kind: Application',
      'metadata: { name: legacy }',
      'spec: { type: service, owner: Data Team, environments: { dev: { version: 1.10 } } }',
      '',
    ].join('\n');
    expect(manifestStateOf('broken/legacy.yaml', legacy, undefined)).toEqual({
      application: 'legacy',
      type: 'service',
      problem: true,
      versions: {},
    });
    // Invalid YAML: it is still the application it was, with the versions it had (nothing was deployed by it).
    expect(manifestStateOf('apps/shop.yaml', 'metadata: [', valid)).toEqual({
      ...valid,
      problem: true,
    });
    // Deleted.
    expect(manifestStateOf('apps/shop.yaml', undefined, valid)).toBeUndefined();
  });
});
