import { parseEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/** A git identity. @public */
export interface GitAuthor {
  name: string;
  email: string;
}

/** `scaffolder.defaultAuthor`, the identity the scaffolder's own publish actions use when nobody else is known. */
export function defaultAuthorFromConfig(config: Config): GitAuthor {
  return {
    name:
      config.getOptionalString('scaffolder.defaultAuthor.name') ?? 'Scaffolder',
    email:
      config.getOptionalString('scaffolder.defaultAuthor.email') ??
      'scaffolder@backstage.io',
  };
}

/**
 * The person who ran the template, as a commit author: the name and e-mail of their catalog User profile, so that
 * `git log` of the GitOps repository says who created an application. Falls back to the user's name with the
 * default author's e-mail, then to the default author.
 */
export function commitAuthorOf(
  ctx: Pick<ActionContext<any>, 'user'>,
  fallback: GitAuthor,
): GitAuthor {
  const entity = ctx.user?.entity;
  const profile = entity?.spec?.profile;
  let userName: string | undefined = entity?.metadata.name;
  if (!userName && ctx.user?.ref) {
    try {
      userName = parseEntityRef(ctx.user.ref).name;
    } catch {
      userName = undefined;
    }
  }
  return {
    name: profile?.displayName || userName || fallback.name,
    email: profile?.email || fallback.email,
  };
}
