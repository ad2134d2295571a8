import { RouterDeps, SlipwayRouter } from './types';

/** Approvals: what waits for me, approve, reject. */
export function addApprovalRoutes(
  router: SlipwayRouter,
  { httpAuth, approvals }: RouterDeps,
) {
  const userOf = (req: Parameters<typeof httpAuth.credentials>[0]) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/approvals', async (req, res) => {
    res.json({ items: await approvals.waitingFor(await userOf(req)) });
  });

  router.post('/runs/:id/approve', async (req, res) => {
    res.json(
      await approvals.decide(
        req.params.id,
        'approved',
        req.body?.comment,
        await userOf(req),
        req,
      ),
    );
  });

  router.post('/runs/:id/reject', async (req, res) => {
    res.json(
      await approvals.decide(
        req.params.id,
        'rejected',
        req.body.comment,
        await userOf(req),
        req,
      ),
    );
  });
}
