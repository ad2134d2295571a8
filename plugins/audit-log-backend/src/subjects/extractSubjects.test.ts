import { extractSubjects, MAX_ENTITY_REFS } from './extractSubjects';

describe('extractSubjects', () => {
  it("reads Slipway's convention", () => {
    expect(
      extractSubjects({
        entityRef: 'Component:default/Checkout-API',
        entityRefs: [
          'system:default/payments',
          'resource:orders-db',
          'not a ref',
        ],
        environment: ' prod ',
      }),
    ).toEqual({
      entityRefs: [
        'component:default/checkout-api',
        'resource:default/orders-db',
        'system:default/payments',
      ],
      environment: 'prod',
    });
  });

  it("reads the catalog's and the scaffolder's metadata", () => {
    // Catalog: refresh, by-refs, ancestry, location-by-entity. Scaffolder: task with a template ref.
    expect(
      extractSubjects({
        rootEntityRef: 'component:default/a',
        entities: ['component:default/b', null, 42],
        locationRef: 'component:default/c',
        templateRef: 'new-service',
      } as any).entityRefs,
    ).toEqual([
      'component:default/a',
      'component:default/b',
      'component:default/c',
      'template:default/new-service',
    ]);
    // A catalog location is not an entity.
    expect(
      extractSubjects({
        locationRef: 'url:https://github.com/acme/x/catalog-info.yaml',
      }).entityRefs,
    ).toEqual([]);
    expect(extractSubjects(undefined)).toEqual({ entityRefs: [] });
    expect(extractSubjects({ environment: 3 } as any)).toEqual({
      entityRefs: [],
    });
  });

  it('keeps a bounded number of refs, the named ones first', () => {
    const refs = Array.from(
      { length: 500 },
      (_, i) => `component:default/c-${i}`,
    );
    const { entityRefs } = extractSubjects({
      entityRef: 'system:default/z',
      entityRefs: refs,
    });
    expect(entityRefs).toHaveLength(MAX_ENTITY_REFS);
    expect(entityRefs).toContain('system:default/z');
  });
});
