import { ANNOTATION_VIEW_URL, Entity } from '@backstage/catalog-model';
import { RouterDeps, SlipwayRouter } from './types';

/** Environments of applications and systems: desired and live state, links. */
export function addEnvironmentRoutes(
  router: SlipwayRouter,
  { httpAuth, userInfo, registry, applications, status }: RouterDeps,
) {
  // The versions as the GitOps repository declares them now (Slipway's index), not as the catalog last processed them.
  // When the repository cannot be read just now, the tab still shows what the catalog holds rather than failing.
  const declared = async (entity: Entity) => {
    const checked = await applications.check(entity).catch(() => undefined);
    return checked && 'application' in checked
      ? checked.application.spec
      : undefined;
  };
  const credentialsOf = (req: Parameters<typeof httpAuth.credentials>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/environments', async (req, res) => {
    await credentialsOf(req);
    res.json({ environments: status.environments() });
  });

  router.get('/actions', async (req, res) => {
    await credentialsOf(req);
    res.json({
      actions: registry.list().map(({ id, title, description }) => ({
        name: id,
        title,
        description,
      })),
    });
  });

  // The signed-in person's applications (theirs and their teams'), for the home page.
  router.get('/applications', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    const owned = await applications.getOwnedApplications(
      ownershipEntityRefs,
      credentials,
      req.query.limit ?? 20,
    );
    res.json({
      environments: status.environments(),
      total: owned.total,
      applications: await Promise.all(
        owned.applications.map(async entity =>
          status.forApplication(entity, undefined, await declared(entity)),
        ),
      ),
    });
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
          await declared(entity),
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
        found.applications.map(async entity =>
          status.forApplication(entity, undefined, await declared(entity)),
        ),
      ),
    });
  });
}
