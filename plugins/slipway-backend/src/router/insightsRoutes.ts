import { RouterDeps, SlipwayRouter } from './types';
import { wholeNumber } from './wholeNumber';

const weeksOf = (weeks: number | undefined) =>
  wholeNumber(weeks, 12, { name: 'weeks', min: 1, max: 52 });

/** Insights: how the platform is used, computed from what Slipway records. */
export function addInsightsRoutes(
  router: SlipwayRouter,
  { httpAuth, insights }: RouterDeps,
) {
  router.get('/insights/self-service', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await insights.selfService(weeksOf(req.query.weeks), credentials));
  });
  router.get('/insights/adoption', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await insights.adoption(weeksOf(req.query.weeks), credentials));
  });
  router.get('/insights/delivery', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await insights.delivery(weeksOf(req.query.weeks), credentials));
  });
  router.get(
    '/insights/applications/:namespace/:name/delivery',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, { allow: ['user'] });
      res.json(await insights.application(req.params, credentials));
    },
  );
}
