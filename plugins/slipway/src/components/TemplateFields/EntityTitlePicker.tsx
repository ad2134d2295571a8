import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import useAsync from 'react-use/esm/useAsync';
import {
  Entity,
  stringifyEntityRef,
  UserEntity,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/** `ui:options` of SlipwayEntityPicker: which entities to offer, as the catalog's filter (e.g. `{ kind: Group }`). */
export interface EntityTitlePickerOptions {
  catalogFilter?: Record<string, string | string[]>;
}

/** What a person calls an entity: its title, a user's display name, else its name. */
export function entityTitle(entity: Entity): string {
  return (
    entity.metadata.title ??
    (entity as UserEntity).spec?.profile?.displayName ??
    entity.metadata.name
  );
}

/**
 * `ui:field: SlipwayEntityPicker`: picks an entity of the catalog by its title ("Payments") and stores its
 * reference (`group:default/payments`), which is what the manifest carries. The scaffolder's own EntityPicker and
 * OwnerPicker list titles but put the reference back into the box once one is chosen.
 */
export function EntityTitlePicker(
  props: FieldExtensionComponentProps<string, EntityTitlePickerOptions>,
) {
  const {
    onChange,
    required,
    schema: { title, description },
    rawErrors,
    formData,
    uiSchema,
    idSchema,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const filter = uiSchema['ui:options']?.catalogFilter;
  const { value: entities = [], loading } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    });
    return items.sort((a, b) => entityTitle(a).localeCompare(entityTitle(b)));
    // The filter comes from the template and does not change while the form is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi]);
  const selected =
    entities.find(entity => stringifyEntityRef(entity) === formData) ?? null;

  return (
    <Autocomplete
      id={idSchema?.$id}
      options={entities}
      loading={loading}
      value={selected}
      getOptionLabel={entityTitle}
      getOptionSelected={(option, value) =>
        stringifyEntityRef(option) === stringifyEntityRef(value)
      }
      onChange={(_event, entity) =>
        onChange(entity ? stringifyEntityRef(entity) : undefined)
      }
      renderInput={params => (
        <TextField
          {...params}
          label={title}
          helperText={description}
          required={required}
          margin="dense"
          variant="outlined"
          error={(rawErrors?.length ?? 0) > 0 && !formData}
          FormHelperTextProps={{ style: { marginLeft: 0 } }}
        />
      )}
    />
  );
}
