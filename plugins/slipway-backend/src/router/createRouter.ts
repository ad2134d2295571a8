import { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { ANNOTATION_VIEW_URL } from '@backstage/catalog-model';
import express from 'express';
import { ApplicationCatalog } from './catalog/ApplicationCatalog';
import { spec } from './schema/openapi.generated';
import { EnvironmentStatusService } from './status/EnvironmentStatusService';

/**
 * Slipway's REST API (src/schema/openapi.yaml). Requests are validated against the OpenAPI document before a handler
 * runs; every handler needs credentials and leaves the work to a service.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  applications: ApplicationCatalog;
  status: EnvironmentStatusService;
}): Promise<express.Router> {
  const { httpAuth, applications, status } = options;
  const router = createValidatedOpenApiRouter(spec);
  const credentialsOf = (req: express.Request<any, any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/environments', async (req, res) => {
    await credentialsOf(req);
    res.json({ environments: status.environments() });
  });

  router.get(
    '/applications/:namespace/:name/environments',
    async (req, res) => {
      const entity = await applications.getApplication(
        req.params,
        await credentialsOf(req),
      );
      res.json(
        await status.forApplication(
          entity,
          entity.metadata.annotations?.[ANNOTATION_VIEW_URL],
        ),
      );
    },
  );

  router.get('/systems/:namespace/:name/environments', async (req, res) => {
    const found = await applications.getSystemApplications(
      req.params,
      await credentialsOf(req),
    );
    res.json({
      system: found.systemRef,
      environments: status.environments(),
      applications: await Promise.all(
        found.applications.map(entity => status.forApplication(entity)),
      ),
    });
  });

  return router;
}
