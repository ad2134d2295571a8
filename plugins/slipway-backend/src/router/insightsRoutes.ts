import { RouterDeps, SlipwayRouter } from './types';

/** Insights: how the platform is used, computed from what Slipway records. */
export function addInsightsRoutes(
  router: SlipwayRouter,
  { httpAuth, insights }: RouterDeps,
) {
  router.get('/insights/self-service', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await insights.selfService(req.query.weeks ?? 12, credentials));
  });
  router.get('/insights/adoption', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await insights.adoption(req.query.weeks ?? 12, credentials));
  });
  router.get('/insights/delivery', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await insights.delivery(req.query.weeks ?? 12, credentials));
  });
  router.get(
    '/insights/applications/:namespace/:name/delivery',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      res.json(await insights.application(req.params, credentials));
    },
  );
}
