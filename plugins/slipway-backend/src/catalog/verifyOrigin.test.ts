import { Entity } from '@backstage/catalog-model';
import { IndexedApplication } from '@slipway/backstage-plugin-slipway-node';
import { applicationEntity } from '../__testUtils__/entities';
import { originProblem } from './verifyOrigin';

const LOCATION = 'slipway-gitops:file:///repo.git#main:apps/checkout.yaml';
const indexed = {
  name: 'checkout',
  entityRef: 'component:default/checkout',
  path: 'apps/checkout.yaml',
  locationRef: LOCATION,
  owner: 'group:default/payments',
  system: 'system:default/payments',
} as IndexedApplication;

function entity(change: (e: Entity) => void = () => {}): Entity {
  const e = applicationEntity('checkout');
  e.metadata.annotations!['backstage.io/managed-by-location'] = LOCATION;
  change(e);
  return e;
}

const refusal = (why: string) =>
  `Slipway acts only on applications made from a manifest in its GitOps repository (the repo): ${why}`;

describe('originProblem', () => {
  it('accepts the entity the catalog module made of the manifest', () => {
    expect(originProblem(entity(), indexed, 'the repo')).toBeUndefined();
    // Owner refs are compared as refs: the short form in an entity is the same group.
    expect(
      originProblem(
        entity(e => {
          e.spec!.owner = 'Payments';
        }),
        indexed,
        'the repo',
      ),
    ).toBeUndefined();
  });

  it('refuses a name no manifest declares, or the same name in another namespace', () => {
    expect(originProblem(entity(), undefined, 'the repo')).toBe(
      refusal('no manifest there declares checkout title'),
    );
    expect(
      originProblem(
        entity(e => {
          e.metadata.namespace = 'team-b';
        }),
        indexed,
        'the repo',
      ),
    ).toBe(refusal('no manifest there declares checkout title'));
  });

  it('refuses an entity of that name read from anywhere else', () => {
    expect(
      originProblem(
        entity(e => {
          e.metadata.annotations!['backstage.io/managed-by-location'] =
            'url:https://github.com/bob/fork/blob/main/catalog-info.yaml';
        }),
        indexed,
        'the repo',
      ),
    ).toBe(
      refusal(
        'checkout title in the catalog was not made from apps/checkout.yaml but registered from url:https://github.com/bob/fork/blob/main/catalog-info.yaml',
      ),
    );
    expect(
      originProblem(
        entity(e => {
          delete e.metadata.annotations!['backstage.io/managed-by-location'];
        }),
        indexed,
        'the repo',
      ),
    ).toBe(
      refusal(
        'checkout title in the catalog was not made from apps/checkout.yaml but registered from an unknown place',
      ),
    );
  });

  it('refuses an owner the manifest does not name (the permission checks use the entity owner)', () => {
    expect(
      originProblem(
        entity(e => {
          e.spec!.owner = 'group:default/storefront';
        }),
        indexed,
        'the repo',
      ),
    ).toBe(
      refusal(
        'checkout title in the catalog is owned by group:default/storefront, but apps/checkout.yaml says group:default/payments',
      ),
    );
  });
});
