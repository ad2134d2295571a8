import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createBackendPlugin,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { LocalGitRepository, serviceManifest } from '../testing';
import { slipwayGitOpsServiceRef } from './gitopsServiceRef';

jest.setTimeout(60_000);

describe('slipwayGitOpsServiceRef', () => {
  it('removes its clones from the working directory when the backend stops', async () => {
    const remote = new LocalGitRepository();
    const workingDirectory = mkdtempSync(join(tmpdir(), 'slipway-working-'));
    try {
      remote.commit({ 'apps/checkout.yaml': serviceManifest('checkout') });
      let names: string[] = [];
      const reader = createBackendPlugin({
        pluginId: 'reader',
        register(env) {
          env.registerInit({
            deps: {
              gitops: slipwayGitOpsServiceRef,
              lifecycle: coreServices.lifecycle,
            },
            async init({ gitops }) {
              const snapshot = await gitops.repository.read();
              names = snapshot.set.applications.map(
                a => a.manifest.metadata.name,
              );
            },
          });
        },
      });
      const backend = await startTestBackend({
        features: [
          reader,
          mockServices.rootConfig.factory({
            data: {
              backend: { workingDirectory },
              slipway: {
                environments: [{ name: 'dev' }],
                gitops: { url: remote.remote },
              },
            },
          }),
        ],
      });
      expect(names).toEqual(['checkout']);
      expect(readdirSync(workingDirectory)).toEqual([
        expect.stringMatching(/^slipway-gitops-read-/),
      ]);

      await backend.stop();
      expect(readdirSync(workingDirectory)).toEqual([]);
    } finally {
      remote.remove();
      rmSync(workingDirectory, { recursive: true, force: true });
    }
  });
});
