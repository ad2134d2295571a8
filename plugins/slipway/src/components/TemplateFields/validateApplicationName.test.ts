import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiRegistry } from '@backstage/test-utils';
import { validateApplicationName } from './validateApplicationName';

const checkoutApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'checkout-api',
    namespace: 'default',
    title: 'Checkout API',
  },
  spec: { type: 'service', owner: 'group:default/payments' },
};
const checkoutDb: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'checkout-db', namespace: 'default' },
  spec: { type: 'postgres', owner: 'group:default/payments' },
};
const paymentsSystem: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'group:default/payments' },
};

async function errorsFor(
  name: string,
  catalogApi = catalogApiMock({
    entities: [checkoutApi, checkoutDb, paymentsSystem],
  }),
) {
  const errors: string[] = [];
  await validateApplicationName(
    name,
    { addError: (message: string) => errors.push(message) } as any,
    {
      apiHolder: TestApiRegistry.from([catalogApiRef, catalogApi]),
      formData: {},
      schema: {},
    },
  );
  return errors;
}

describe('validateApplicationName', () => {
  it('refuses a name an application has, naming it by its title', async () => {
    expect(await errorsFor('checkout-api')).toEqual([
      '"checkout-api" is taken: Checkout API (an application) already has this name in the catalog. Choose another name.',
    ]);
  });

  it('refuses a name a component of an application has', async () => {
    expect(await errorsFor('checkout-db')).toEqual([
      '"checkout-db" is taken: checkout-db (a component of one) already has this name in the catalog. Choose another name.',
    ]);
  });

  it('accepts a free name, and one only another kind of entity has', async () => {
    expect(await errorsFor('invoice-api')).toEqual([]);
    expect(await errorsFor('payments')).toEqual([]);
  });

  it('lets the form go on when the catalog cannot be asked: the run checks again', async () => {
    const failing = catalogApiMock.mock({
      getEntities: jest.fn().mockRejectedValue(new Error('503')),
    });
    expect(await errorsFor('checkout-api', failing)).toEqual([]);
  });
});
