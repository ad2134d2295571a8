import { NotFoundError } from '@backstage/errors';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import { spec } from '../schema/openapi.generated';
import { RouterDeps } from './types';
import { addEnvironmentRoutes } from './environmentRoutes';
import { addRunRoutes } from './runRoutes';
import { addApprovalRoutes } from './approvalRoutes';
import { addDatabaseCopyRoutes } from './databaseCopyRoutes';
import { addNewsRoutes } from './newsRoutes';
import { addFeedbackRoutes } from './feedbackRoutes';
import { addInsightsRoutes } from './insightsRoutes';

/**
 * Slipway's REST API (src/schema/openapi.yaml). Requests are validated against the OpenAPI document before a handler
 * runs; every handler needs credentials and leaves the work to a service.
 */
export async function createRouter(deps: RouterDeps): Promise<express.Router> {
  const router = createValidatedOpenApiRouter(spec);
  addEnvironmentRoutes(router, deps);
  addRunRoutes(router, deps);
  addApprovalRoutes(router, deps);
  addDatabaseCopyRoutes(router, deps);
  addNewsRoutes(router, deps);
  addFeedbackRoutes(router, deps);
  addInsightsRoutes(router, deps);
  // Backstage answers an unmatched path with an empty 404; say which path, so that a typo is seen as one.
  router.use((req, _res) => {
    throw new NotFoundError(
      `Slipway has no ${req.method} ${req.path}; see its API reference (openapi.yaml)`,
    );
  });
  return router;
}
