import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ApplicationNameField } from './ApplicationNameField';
import { EntityTitlePicker } from './EntityTitlePicker';
import { validateApplicationName } from './validateApplicationName';

/** `ui:field: SlipwayApplicationName`: a new application's name, refused when the catalog already has it. */
export const applicationNameFormField = createFormField({
  name: 'SlipwayApplicationName',
  component: ApplicationNameField,
  validation: validateApplicationName,
});

/** `ui:field: SlipwayEntityPicker`: an entity of the catalog, shown and chosen by its title. */
export const entityTitlePickerFormField = createFormField({
  name: 'SlipwayEntityPicker',
  component: EntityTitlePicker as any,
});
