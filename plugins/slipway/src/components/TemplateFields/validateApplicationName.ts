import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';

/**
 * Kinds a Slipway manifest becomes in the catalog: the application (Component) and what it declares (Resources,
 * such as `<name>-db`). Their names are unique across the GitOps repository, so a new application may take none.
 */
const TAKEN_BY = ['Component', 'Resource'];

/**
 * The name field's check when the person presses Next: refuses a name an application or one of its components
 * already has in the catalog, naming it by its title. The pattern and length are checked before (the form's JSON
 * schema); the GitOps repository is checked again when the template runs, so a name the catalog does not know yet
 * (a manifest committed seconds ago, or waiting in a pull request) still fails there, with a sentence.
 */
export const validateApplicationName: CustomFieldValidator<string> = async (
  name,
  validation,
  context,
) => {
  if (!name) return;
  const catalogApi = context.apiHolder.get(catalogApiRef);
  if (!catalogApi) return;
  let items;
  try {
    ({ items } = await catalogApi.getEntities({
      filter: TAKEN_BY.map(kind => ({ kind, 'metadata.name': name })),
      fields: ['kind', 'metadata.name', 'metadata.title'],
    }));
  } catch {
    // The catalog could not be asked; the run checks the GitOps repository anyway, so do not block the form.
    return;
  }
  const taken = items[0];
  if (!taken) return;
  const what =
    taken.kind === 'Component' ? 'an application' : 'a component of one';
  const title = taken.metadata.title ?? taken.metadata.name;
  validation.addError(
    `"${name}" is taken: ${title} (${what}) already has this name in the catalog. Choose another name.`,
  );
};
