import { NotFoundError } from '@backstage/errors';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { ActionEngine } from '../engine/ActionEngine';
import { RunStore } from '../engine/RunStore';
import { spec } from '../schema/openapi.generated';
import { EnvironmentStatusService } from '../status/EnvironmentStatusService';
import { addEnvironmentRoutes } from './environmentRoutes';
import { addRunRoutes } from './runRoutes';
import { addApprovalRoutes } from './approvalRoutes';
import { ApprovalService } from '../approvals/ApprovalService';
import { addDatabaseCopyRoutes } from './databaseCopyRoutes';
import { DatabaseCopyService } from '../dbcopy/DatabaseCopyService';

/** The typed router; handlers get requests already validated against the OpenAPI document. */
export type SlipwayRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

/** What the routes need. */
export interface RouterDeps {
  httpAuth: HttpAuthService;
  applications: ApplicationCatalog;
  status: EnvironmentStatusService;
  engine: ActionEngine;
  store: RunStore;
  approvals: ApprovalService;
  databaseCopies: DatabaseCopyService;
}

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
  // Backstage answers an unmatched path with an empty 404; say which path, so that a typo is seen as one.
  router.use((req, _res) => {
    throw new NotFoundError(
      `Slipway has no ${req.method} ${req.path}; see its API reference (openapi.yaml)`,
    );
  });
  return router;
}
