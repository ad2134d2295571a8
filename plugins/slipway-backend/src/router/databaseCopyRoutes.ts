import { RouterDeps, SlipwayRouter } from './types';

/**
 * Database copies made by the db-copy action: list an application's, get my copy's connection details, extend,
 * destroy. Requests are validated against the OpenAPI document first; every route needs a user, and
 * DatabaseCopyService decides who may do what.
 */
export function addDatabaseCopyRoutes(
  router: SlipwayRouter,
  { httpAuth, databaseCopies }: RouterDeps,
) {
  const userOf = (req: Parameters<typeof httpAuth.credentials>[0]) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get(
    '/applications/:namespace/:name/database-copies',
    async (req, res) => {
      res.json({
        items: await databaseCopies.list(req.params, await userOf(req)),
      });
    },
  );

  router.get('/database-copies/:id/connection', async (req, res) => {
    const connection = await databaseCopies.connection(
      req.params.id,
      await userOf(req),
      req,
    );
    // A password: no cache or proxy keeps it.
    res.setHeader('Cache-Control', 'no-store');
    res.json(connection);
  });

  router.post('/database-copies/:id/extend', async (req, res) => {
    res.json(
      await databaseCopies.extend(
        req.params.id,
        req.body.ttlHours,
        await userOf(req),
        req,
      ),
    );
  });

  router.delete('/database-copies/:id', async (req, res) => {
    res.json(
      await databaseCopies.destroy(req.params.id, await userOf(req), req),
    );
  });
}
