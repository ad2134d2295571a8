import { InputError, NotFoundError } from '@backstage/errors';
import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import { spec } from '../schema/openapi.generated';
import { AuditLogService } from '../service/AuditLogService';
import { audited } from './audited';
import { parseEventFilters } from './parseEventFilters';
import { writeExport } from './writeExport';

const DEFAULT_PAGE_SIZE = 50;

/**
 * The audit-log API (see src/schema/openapi.yaml). Requests are validated against the OpenAPI document before they
 * reach a handler, and every handler needs user or service credentials; the service decides what they may see.
 */
export async function createRouter(options: {
  service: AuditLogService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
}): Promise<express.Router> {
  const { service, httpAuth, auditor } = options;
  // Authentication is httpAuth's job below; the document only describes it.
  const router = createValidatedOpenApiRouter(spec, {
    validatorOptions: { validateSecurity: false },
  });
  const credentialsOf = (req: express.Request<any, any, any, any, any>) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/events', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { cursor, limit, ...filters } = req.query;
    res.json(
      await service.listEvents(
        {
          filters: parseEventFilters(filters),
          cursor,
          limit: limit ?? DEFAULT_PAGE_SIZE,
        },
        credentials,
      ),
    );
  });

  router.get('/events/:seq', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await service.getEvent(req.params.seq, credentials));
  });

  router.get('/export', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { format, ...query } = req.query;
    const filters = parseEventFilters(query);
    // Who exported what is itself an audit event: exports copy the log out of the portal.
    await audited(
      auditor,
      {
        eventId: 'events-export',
        severityLevel: 'medium',
        request: req,
        meta: { format, filters: query },
      },
      async () => {
        const events = await service.exportEvents(filters, credentials);
        const count = await writeExport(res, events, format);
        return { result: count, meta: { exported: count } };
      },
    );
    res.end();
  });

  router.get('/suggestions', async (req, res) => {
    const credentials = await credentialsOf(req);
    res.json(await service.suggest(parseEventFilters(req.query), credentials));
  });

  router.get('/active-people', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user'] });
    // The OpenAPI validation checks the bounds, but takes `1e309` for a number (Infinity).
    const weeks = req.query.weeks ?? 12;
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)
      throw new InputError('weeks must be a whole number from 1 to 52');
    res.json(await service.activePeople(weeks));
  });

  router.get('/verification', async (req, res) => {
    const credentials = await credentialsOf(req);
    const verification = await service.getLatestVerification(credentials);
    res.json({ verification: verification ?? null });
  });

  router.post('/verification', async (req, res) => {
    const credentials = await credentialsOf(req);
    const verification = await audited(
      auditor,
      { eventId: 'chain-verify', request: req },
      async () => {
        const result = await service.verifyChain(credentials);
        return {
          result,
          meta: {
            ok: result.ok,
            checkedEvents: result.checkedEvents,
            ...(result.problem && { problem: result.problem }),
          },
        };
      },
    );
    res.json(verification);
  });

  // Backstage answers an unmatched path with an empty 404; say which path, so that a typo is seen as one.
  router.use((req, _res) => {
    throw new NotFoundError(
      `The audit log has no ${req.method} ${req.path}; see its API reference (openapi.yaml)`,
    );
  });
  return router;
}
