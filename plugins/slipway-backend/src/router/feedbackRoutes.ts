import { RouterDeps, SlipwayRouter } from './types';
import { wholeNumber } from './wholeNumber';

/** Feedback to the platform team: a run's rating (runRoutes), notes, and what the platform team reads of both. */
export function addFeedbackRoutes(
  router: SlipwayRouter,
  { httpAuth, platformFeedback }: RouterDeps,
) {
  router.post('/notes', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res
      .status(201)
      .json(await platformFeedback.sendNote(req.body, credentials, req));
  });

  router.get('/feedback', async (req, res) => {
    // People only: the permission framework allows every service principal, and notes carry who wrote them.
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(
      await platformFeedback.read(
        wholeNumber(req.query.days, 90, { name: 'days', min: 1, max: 366 }),
        credentials,
      ),
    );
  });
}
