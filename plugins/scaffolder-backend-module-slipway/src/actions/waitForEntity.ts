import { LoggerService } from '@backstage/backend-plugin-api';

/** What the wait needs of the catalog: whether it has an entity yet. @public */
export interface CatalogEntityLookup {
  /** Resolves to the entity, or undefined while the catalog does not have it. */
  getEntityByRef(entityRef: string): Promise<unknown | undefined>;
}

/**
 * Waits until the catalog has the entity, for at most `timeoutMs`, so that the link a template shows at the end
 * ("Open in the catalog") opens the new application rather than "Entity not found". Gives up quietly (with a log
 * line): the manifest is committed, and the catalog shows the application at its next read.
 */
export async function waitForEntity(
  catalog: CatalogEntityLookup,
  entityRef: string,
  options: {
    timeoutMs: number;
    intervalMs?: number;
    logger: LoggerService;
    signal?: AbortSignal;
  },
): Promise<boolean> {
  const { timeoutMs, intervalMs = 500, logger, signal } = options;
  const deadline = Date.now() + timeoutMs;
  logger.info(`Waiting for the catalog to show ${entityRef}`);
  for (;;) {
    try {
      if (await catalog.getEntityByRef(entityRef)) {
        logger.info(`The catalog shows ${entityRef}`);
        return true;
      }
    } catch (error) {
      logger.warn(`Could not ask the catalog for ${entityRef}: ${error}`);
    }
    if (signal?.aborted || Date.now() + intervalMs > deadline) break;
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
  logger.warn(
    `The catalog does not show ${entityRef} yet after ${Math.round(
      timeoutMs / 1000,
    )} s; it will at its next read of the GitOps repository`,
  );
  return false;
}
