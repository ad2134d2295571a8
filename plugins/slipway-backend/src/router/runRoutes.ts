import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  FINAL_RUN_STATUSES,
  RunStatus,
} from '@slipway/backstage-plugin-slipway-common';
import { RouterDeps, SlipwayRouter } from './createRouter';
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

/** Runs: create, preview, read, list, follow, cancel; and which actions the caller may run. */
export function addRunRoutes(
  router: SlipwayRouter,
  { httpAuth, applications, engine, store }: RouterDeps,
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
    let ref: string | undefined;
    if (entityRef) {
      try {
        ref = normalizeEntityRef(String(entityRef));
        const parsed = parseEntityRef(ref);
        await applications.getApplication(
          { namespace: parsed.namespace, name: parsed.name },
          credentials,
        );
      } catch (error) {
        if ((error as Error).name === 'NotFoundError') throw error;
        throw new InputError(`"${entityRef}" is not an entity reference`);
      }
    }
    const who =
      requester === 'me' ? credentials.principal.userEntityRef : requester;
    const page = await store.list({
      entityRef: ref,
      requester: who,
      status: statuses(status),
      action,
      limit: limit ?? 25,
      cursor,
    });
    if (ref) {
      res.json(page);
      return;
    }
    // Someone's runs span applications: show only those of applications the caller may see (a page may come out
    // shorter than the limit; nextCursor still continues after it).
    const visible = await applications.visible(
      page.items.map(run => run.entityRef),
      credentials,
    );
    res.json({
      ...page,
      items: page.items.filter(run => visible.has(run.entityRef)),
    });
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
}
