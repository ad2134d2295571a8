import {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { ApplicationCatalog } from '../catalog/ApplicationCatalog';
import { ActionEngine } from '../engine/ActionEngine';
import { ActionRegistry } from '../engine/ActionRegistry';
import { RunStore } from '../engine/RunStore';
import { spec } from '../schema/openapi.generated';
import { EnvironmentStatusService } from '../status/EnvironmentStatusService';
import { ApprovalService } from '../approvals/ApprovalService';
import { DatabaseCopyService } from '../dbcopy/DatabaseCopyService';
import { RunFeedbackService } from '../feedback/RunFeedbackService';
import { NewsService } from '../news/NewsService';
import { PlatformFeedbackService } from '../feedback/PlatformFeedbackService';
import { InsightsService } from '../insights/InsightsService';

/** The typed router; handlers get requests already validated against the OpenAPI document. */
export type SlipwayRouter = ReturnType<
  typeof createValidatedOpenApiRouter<typeof spec>
>;

/** What the routes need. */
export interface RouterDeps {
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  registry: ActionRegistry;
  applications: ApplicationCatalog;
  status: EnvironmentStatusService;
  engine: ActionEngine;
  store: RunStore;
  approvals: ApprovalService;
  databaseCopies: DatabaseCopyService;
  feedback: RunFeedbackService;
  news: NewsService;
  platformFeedback: PlatformFeedbackService;
  insights: InsightsService;
}
