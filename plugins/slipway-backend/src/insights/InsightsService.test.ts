import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { InsightsService } from './InsightsService';

describe('InsightsService', () => {
  it('resolves a reader’s scope once for the sections the Insights page asks for at once', async () => {
    const authorize = jest.fn(async () => [{ result: AuthorizeResult.DENY }]);
    const getUserInfo = jest.fn(async () => ({
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: ['group:default/payments'],
    }));
    const getOwnedApplications = jest.fn(async () => ({
      applications: [
        { kind: 'Component', metadata: { name: 'checkout' } },
      ] as any[],
    }));
    const adoption = jest.fn(async () => ({ weeks: [] } as any));
    const delivery = jest.fn(async () => ({ weeks: [] } as any));
    const insights = new InsightsService({
      store: {
        runsByWeek: async () => [],
        runsByApplication: async () => [],
        approvalWaits: async () => [],
        databaseCopies: async () => [],
      } as any,
      history: { adoption, delivery } as any,
      permissions: { authorize } as any,
      userInfo: { getUserInfo } as any,
      applications: { getOwnedApplications } as any,
      owners: async () => new Map(),
    });

    const alice = mockCredentials.user('user:default/alice');
    const [selfService] = await Promise.all([
      insights.selfService(4, alice),
      insights.adoption(4, alice),
      insights.delivery(4, alice),
    ]);
    expect(selfService.scope).toBe('teams');
    expect(adoption).toHaveBeenCalledWith(4, ['checkout']);
    expect(delivery).toHaveBeenCalledWith(4, ['checkout']);
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(getOwnedApplications).toHaveBeenCalledTimes(1);

    // Someone else's scope is their own.
    await insights.adoption(4, mockCredentials.user('user:default/bob'));
    expect(authorize).toHaveBeenCalledTimes(2);
  });
});
