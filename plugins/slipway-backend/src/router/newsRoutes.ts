import { RouterDeps, SlipwayRouter } from './types';

/** Platform news: everyone signed in reads it; those the policy allows publish it. */
export function addNewsRoutes(
  router: SlipwayRouter,
  { httpAuth, news }: RouterDeps,
) {
  router.get('/news', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await news.list(req.query.limit ?? 10, credentials));
  });

  router.post('/news', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.status(201).json(await news.publish(req.body, credentials, req));
  });
}
