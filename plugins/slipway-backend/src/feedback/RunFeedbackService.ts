import {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  FINAL_RUN_STATUSES,
  Run,
} from '@slipway/backstage-plugin-slipway-common';
import { SlipwayConfig } from '@slipway/backstage-plugin-slipway-node';
import { Request } from 'express';
import { ActionEngine } from '../engine/ActionEngine';
import { redactFreeText } from '../engine/redactFreeText';
import { auditRun } from '../engine/runAudit';
import { RunStore } from '../engine/RunStore';

/** The longest comment kept with a rating: a few sentences, not a bug report. */
export const MAX_FEEDBACK_COMMENT = 1000;

/**
 * Feedback on a run by the person who asked for it, once it ended: helpful or not, with an optional comment (a secret
 * pasted into it is redacted like any free text). One per run; rating again replaces it. Audited at low severity, as
 * it changes nothing but what the platform team learns.
 */
export class RunFeedbackService {
  constructor(
    private readonly deps: {
      engine: ActionEngine;
      store: RunStore;
      auditor: AuditorService;
      config: SlipwayConfig;
    },
  ) {}

  async rate(
    id: string,
    input: { helpful: boolean; comment?: string },
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    request?: Request<any, any, any, any, any>,
  ): Promise<Run> {
    // A run the caller may not see does not exist for them (404, as for reading it).
    const run = await this.deps.engine.getRun(id, credentials);
    const comment = redactFreeText(input.comment?.trim()) || undefined;
    const feedback = {
      helpful: input.helpful,
      ...(comment ? { comment } : {}),
    };
    const production = Boolean(
      this.deps.config.environments.find(e => e.name === run.environment)
        ?.production,
    );
    const event = await auditRun(
      this.deps.auditor,
      'slipway-run-feedback',
      run,
      {
        request,
        production,
        severityLevel: 'low',
        meta: { feedback },
      },
    );
    try {
      if (run.requester !== credentials.principal.userEntityRef)
        throw new NotAllowedError(
          'Only the person who asked for a run rates it',
        );
      if (!FINAL_RUN_STATUSES.includes(run.status))
        throw new ConflictError(
          `The run is ${run.status}: rate it once it has ended`,
        );
      await this.deps.store.setFeedback(id, run.requester, feedback);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
    await event.success();
    return (await this.deps.store.get(id))!;
  }
}
