/*
 * What the crash tests share: a real backend started as its own process (so it can be killed with SIGKILL), the
 * configuration such a backend runs with, and a wait for a condition.
 */
import { ChildProcess, fork } from 'node:child_process';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';

/** Waits until `check` holds, polling every `everyMs`; fails naming `what` after `ms`. */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  ms = 90_000,
  everyMs = 100,
) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, everyMs));
  }
}

/** Starts a backend script (TypeScript, through Backstage's transform) as a child process. */
export function forkBackend(script: string, args: string[]): ChildProcess {
  return fork(script, args, {
    execArgv: ['-r', '@backstage/cli/config/nodeTransform.cjs'],
    stdio: 'ignore',
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'error' },
  });
}

/**
 * The root config of a crash-test backend: its SQLite files in `dataDir` (so the next process finds the runs), its
 * own port, and a fast-paced worker so a dead instance is noticed within a second. `slipway` adds to `slipway.*`.
 */
export function crashBackendConfig(
  dataDir: string,
  port: string,
  slipway: JsonObject,
) {
  return createServiceFactory({
    service: coreServices.rootConfig,
    deps: {},
    factory: () =>
      new ConfigReader({
        backend: {
          baseUrl: `http://localhost:${port}`,
          listen: { port: Number(port) },
          database: {
            client: 'better-sqlite3',
            connection: { directory: dataDir },
          },
        },
        slipway: {
          gitops: { url: dataDir },
          runs: { pollSeconds: 0.2, heartbeatSeconds: 0.2, staleSeconds: 1 },
          ...slipway,
        },
      }),
  });
}
