import { InputError } from '@backstage/errors';
import {
  FINAL_RUN_STATUSES,
  RunStatus,
} from '@slipway/backstage-plugin-slipway-common';
import { RouterDeps, SlipwayRouter } from './types';
import { normalizeEntityRef } from '../engine/requestChecks';

const STATUSES: RunStatus[] = [
  'awaiting-approval',
  'pending',
  'running',
  ...FINAL_RUN_STATUSES,
];

function statuses(value: string | undefined): RunStatus[] | undefined {
  if (!value) return undefined;
  const list = value.split(',');
  const unknown = list.filter(s => !STATUSES.includes(s as RunStatus));
  if (unknown.length)
    throw new InputError(
      `Unknown status ${unknown.join(', ')}; known: ${STATUSES.join(', ')}`,
    );
  return list as RunStatus[];
}

/** Runs: create, preview, read, list, follow, cancel, rate; and which actions the caller may run. */
export function addRunRoutes(
  router: SlipwayRouter,
  { httpAuth, engine, store, feedback }: RouterDeps,
) {
  const userOf = (req: Parameters<typeof httpAuth.credentials>[0]) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const anyoneOf = (req: Parameters<typeof httpAuth.credentials>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/applications/:namespace/:name/actions', async (req, res) => {
    res.json({
      actions: await engine.availability(req.params, await userOf(req)),
    });
  });

  router.post('/runs', async (req, res) => {
    const { run, created } = await engine.requestRun(
      req.body,
      await userOf(req),
      req,
    );
    res.status(created ? 201 : 200).json(run);
  });

  router.post('/previews', async (req, res) => {
    res.json(await engine.preview(req.body, await userOf(req), req));
  });

  router.get('/runs', async (req, res) => {
    const credentials = await userOf(req);
    const { entityRef, requester, status, action, limit, cursor } = req.query;
    if (!entityRef && !requester)
      throw new InputError(
        'List runs of an application (entityRef) or of a person (requester=me)',
      );
    res.json(
      await engine.listRuns(
        {
          entityRef: entityRef && normalizeEntityRef(entityRef),
          requester:
            requester === 'me'
              ? credentials.principal.userEntityRef
              : requester,
          status: statuses(status),
          action,
          limit: limit ?? 25,
          cursor,
        },
        credentials,
      ),
    );
  });

  router.get('/runs/:id', async (req, res) => {
    res.json(await engine.getRun(req.params.id, await anyoneOf(req)));
  });

  router.get('/runs/:id/log', async (req, res) => {
    const run = await engine.getRun(req.params.id, await anyoneOf(req));
    res.json({ run, lines: await store.logs(run.id, req.query.after ?? 0) });
  });

  router.post('/runs/:id/cancel', async (req, res) => {
    res.json(await engine.cancel(req.params.id, await userOf(req), req));
  });

  router.put('/runs/:id/feedback', async (req, res) => {
    res.json(
      await feedback.rate(req.params.id, req.body, await userOf(req), req),
    );
  });
}
