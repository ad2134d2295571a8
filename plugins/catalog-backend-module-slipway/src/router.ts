import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { ManifestReportStore } from './ManifestReportStore';

/**
 * Routes the module adds to the catalog's API (under /api/catalog): the report of the last read of the GitOps
 * repository, for the portal's "Manifest problems" page. Any signed-in user may read it.
 */
export function createManifestReportRouter(options: {
  store: ManifestReportStore;
  httpAuth: HttpAuthService;
}): express.Router {
  const router = Router();
  router.get('/slipway/manifest-report', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ reports: await options.store.list() });
  });
  return router;
}
