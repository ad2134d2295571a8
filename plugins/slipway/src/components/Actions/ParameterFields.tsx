import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

type FieldSchema = {
  type?: string;
  enum?: string[];
  /** Allowed values with the words to show for each (JSON Schema `const` and `title`), e.g. a rollback's versions. */
  oneOf?: Array<{ const: string; title?: string }>;
  description?: string;
  maxLength?: number;
  advanced?: boolean;
  default?: unknown;
  readOnly?: boolean;
};

type FormSchema = { properties?: Record<string, FieldSchema> };

/** The values a form starts with: the defaults the backend published for this application and environment. */
export function initialParameters(
  schema: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries((schema as FormSchema).properties ?? {})
      .filter(([, field]) => !field.advanced && field.default !== undefined)
      .map(([name, field]) => [name, field.default]),
  );
}

/**
 * A form for an action's parameters, generated from their JSON Schema (as the backend publishes it): a checkbox per
 * boolean, a select per enum (or `oneOf` of named values), a text field per string or number. Fields marked `advanced` are left to the API. A
 * checkbox sends what it shows, checked or not, so that the run does what the form said.
 */
const isNumeric = (field: FieldSchema) =>
  field.type === 'number' || field.type === 'integer';

/** The value a text field holds, as the parameter wants it (numbers as numbers; empty as absent). */
function fieldValue(field: FieldSchema, text: string): unknown {
  if (text === '') return undefined;
  return isNumeric(field) ? Number(text) : text;
}

export const ParameterFields = (props: {
  schema: Record<string, unknown>;
  value: Record<string, unknown>;
  onChange: (value: Record<string, unknown>) => void;
}) => {
  const properties = (props.schema as FormSchema).properties ?? {};
  const set = (name: string, v: unknown) => {
    const next = { ...props.value };
    if (v === '' || v === undefined) delete next[name];
    else next[name] = v;
    props.onChange(next);
  };
  return (
    <>
      {Object.entries(properties)
        .filter(([, field]) => !field.advanced)
        .map(([name, field]) => {
          const label = field.description ?? name;
          if (field.type === 'boolean') {
            return (
              <FormControlLabel
                key={name}
                control={
                  <Checkbox
                    checked={props.value[name] === true}
                    disabled={field.readOnly}
                    onChange={e => set(name, e.target.checked)}
                    name={name}
                  />
                }
                label={label}
              />
            );
          }
          return (
            <TextField
              key={name}
              // With an id, MUI ties the label to the field: a select is then named by its label and its choice.
              id={`slipway-parameter-${name}`}
              name={name}
              label={label}
              fullWidth
              disabled={field.readOnly}
              margin="dense"
              variant="outlined"
              select={Boolean(field.enum || field.oneOf)}
              type={
                field.type === 'number' || field.type === 'integer'
                  ? 'number'
                  : 'text'
              }
              inputProps={{ maxLength: field.maxLength }}
              value={props.value[name] ?? ''}
              onChange={e => set(name, fieldValue(field, e.target.value))}
            >
              {(
                field.oneOf ??
                field.enum?.map(option => ({ const: option, title: option }))
              )?.map(option => (
                <MenuItem key={option.const} value={option.const}>
                  {option.title ?? option.const}
                </MenuItem>
              ))}
            </TextField>
          );
        })}
    </>
  );
};
