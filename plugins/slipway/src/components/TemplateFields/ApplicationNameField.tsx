import TextField from '@material-ui/core/TextField';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';

/**
 * `ui:field: SlipwayApplicationName`: a plain text field for a new application's name. What makes it a field of its
 * own is its check (validateApplicationName), which the scaffolder runs when the person presses Next.
 */
export function ApplicationNameField(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    onChange,
    required,
    schema: { title = 'Name', description },
    rawErrors,
    formData,
    uiSchema,
    idSchema,
  } = props;
  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      helperText={description}
      required={required}
      value={formData ?? ''}
      onChange={event => onChange(event.target.value || undefined)}
      margin="normal"
      error={(rawErrors?.length ?? 0) > 0}
      inputProps={{ autoFocus: uiSchema['ui:autofocus'] }}
      FormHelperTextProps={{ style: { marginLeft: 0 } }}
    />
  );
}
