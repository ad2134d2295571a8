import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { readSlipwayConfig } from '@slipway/backstage-plugin-slipway-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { applicationEntity, argoApplication } from '../__testUtils__/entities';
import { EnvironmentStatusService } from './EnvironmentStatusService';

const ARGO = 'https://argocd.example.com';

function service(concurrency = 8) {
  return new EnvironmentStatusService(
    readSlipwayConfig(
      new ConfigReader({
        slipway: {
          environments: [
            {
              name: 'dev',
              title: 'Development',
              links: {
                logs: 'https://logs.example.com/?q=app:{{ app.name }} tier:{{ app.labels.tier }}',
              },
            },
            { name: 'staging' },
            {
              name: 'prod',
              production: true,
              kubernetes: { cluster: 'prod-eu' },
              argocd: { instance: 'main' },
              links: {
                dashboard:
                  'https://grafana.example.com/d/x?var-ns={{ env.namespace }}',
              },
            },
          ],
          argocd: {
            instances: [{ name: 'main', url: ARGO, token: 't' }],
            concurrency,
            cacheSeconds: 60,
          },
          gitops: { url: 'https://github.com/acme/gitops' },
        },
      }),
    ),
  );
}

describe('EnvironmentStatusService', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('combines desired versions, live state and rendered links per environment', async () => {
    server.use(
      http.get(`${ARGO}/api/v1/applications/checkout-prod`, () =>
        HttpResponse.json(
          argoApplication({ images: ['registry.example.com/checkout:1.0.0'] }),
        ),
      ),
    );
    const result = await service().forApplication(
      applicationEntity('checkout', { labels: { tier: 'back end' } }),
      'https://github.com/acme/gitops/blob/main/apps/checkout.yaml',
    );
    expect(result.application).toEqual({
      entityRef: 'component:default/checkout',
      name: 'checkout',
      title: 'checkout title',
      type: 'service',
      owner: 'group:default/payments',
      system: 'system:default/payments',
      manifestPath: 'apps/checkout.yaml',
      manifestUrl:
        'https://github.com/acme/gitops/blob/main/apps/checkout.yaml',
    });
    const [dev, staging, prod] = result.environments;
    expect(dev).toEqual({
      name: 'dev',
      title: 'Development',
      production: false,
      order: 0,
      desired: { version: '1.1.0' },
      live: {
        state: 'unknown',
        connected: false,
        reason: expect.stringContaining(
          'No Argo CD is configured for Development',
        ),
      },
      links: [
        {
          title: 'Logs',
          url: 'https://logs.example.com/?q=app:checkout tier:back%20end',
        },
      ],
    });
    expect(staging).toMatchObject({
      desired: null,
      live: { state: 'not-deployed' },
      links: [],
    });
    expect(prod).toMatchObject({
      desired: { version: '1.0.0', replicas: 3 },
      live: {
        state: 'known',
        sync: 'Synced',
        health: 'Healthy',
        version: '1.0.0',
      },
      kubernetes: { cluster: 'prod-eu', namespace: 'checkout-prod' },
      links: [
        {
          title: 'Dashboard',
          url: 'https://grafana.example.com/d/x?var-ns=checkout-prod',
        },
        { title: 'Argo CD', url: `${ARGO}/applications/checkout-prod` },
      ],
    });
  });

  it('asks Argo CD once per application while the answer is fresh', async () => {
    let calls = 0;
    server.use(
      http.get(`${ARGO}/api/v1/applications/:name`, () => {
        calls++;
        return HttpResponse.json(argoApplication({}));
      }),
    );
    const status = service();
    await status.forApplication(applicationEntity('checkout'));
    await status.forApplication(applicationEntity('checkout'));
    expect(calls).toBe(1);
  });

  it("shares one environment's answer with the whole page, and asks again once a run has made it forget", async () => {
    let sync = 'OutOfSync';
    let calls = 0;
    server.use(
      http.get(`${ARGO}/api/v1/applications/:name`, () => {
        calls++;
        return HttpResponse.json(argoApplication({ sync }));
      }),
    );
    const status = service();
    const entity = applicationEntity('checkout');
    const app = entity.spec!.slipway as any;
    const prod = readSlipwayConfig(
      new ConfigReader({
        slipway: {
          environments: [{ name: 'prod', argocd: { instance: 'main' } }],
          argocd: { instances: [{ name: 'main', url: ARGO, token: 't' }] },
          gitops: { url: 'https://github.com/acme/gitops' },
        },
      }),
    ).environments[0];
    await status.forApplication(entity);
    expect(await status.liveStateIn(entity, app, prod)).toMatchObject({
      sync: 'OutOfSync',
    });
    expect(calls).toBe(1);
    sync = 'Synced';
    status.forget(prod, 'checkout-prod');
    expect(await status.liveStateIn(entity, app, prod)).toMatchObject({
      sync: 'Synced',
    });
    expect(calls).toBe(2);
  });

  it('keeps at most `concurrency` calls to Argo CD in flight', async () => {
    let inFlight = 0;
    let most = 0;
    server.use(
      http.get(`${ARGO}/api/v1/applications/:name`, async () => {
        most = Math.max(most, ++inFlight);
        await new Promise(r => setTimeout(r, 20));
        inFlight--;
        return HttpResponse.json(argoApplication({}));
      }),
    );
    const status = service(2);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        status.forApplication(applicationEntity(`app-${i}`)),
      ),
    );
    expect(most).toBe(2);
  });
});
