import { useEffect, useMemo, useState } from 'react';
import { TextField, Typography, makeStyles } from '@material-ui/core';
import { CatalogAutocomplete } from '@backstage/plugin-catalog-react';

/** A value a filter field offers: what the filter gets, what people read, and a line more about it. */
export type Suggestion = { value: string; label: string; detail?: string };

const useStyles = makeStyles(theme => ({
  root: { '&& > *': { margin: 0 } },
  // The catalog's autocomplete is made for a label above an outlined box; here it sits among standard fields.
  inputRoot: {
    '&&': { marginTop: theme.spacing(2), backgroundColor: 'transparent' },
    '&&&&&': { paddingBlock: 0, paddingInlineStart: 0 },
  },
  input: { '&&&&&': { fontSize: 'inherit', paddingBlock: '6px 7px' } },
}));

function matches(suggestion: Suggestion, query: string) {
  return [suggestion.label, suggestion.value, suggestion.detail ?? ''].some(
    text => text.toLocaleLowerCase().includes(query),
  );
}

/**
 * A text filter with suggestions: people pick what they know by name (a person, an action) and the filter gets its
 * identifier. Anything else can still be typed, and a typed name that is a suggestion's label means that
 * suggestion. Picking or clearing applies at once; typed text waits for the form to be submitted.
 */
export const SuggestionField = ({
  id,
  label,
  placeholder,
  value,
  suggestions,
  onType,
  onChoose,
}: {
  id: string;
  label: string;
  placeholder: string;
  value: string | undefined;
  suggestions: Suggestion[];
  onType: (value: string) => void;
  onChoose: (value: string | undefined) => void;
}) => {
  const classes = useStyles();
  const chosen = useMemo(
    () => suggestions.find(suggestion => suggestion.value === value),
    [suggestions, value],
  );
  const shown = chosen?.label ?? value ?? '';
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);

  const valueOf = (typed: string) => {
    const name = typed.trim().toLocaleLowerCase();
    return (
      suggestions.find(
        suggestion => suggestion.label.toLocaleLowerCase() === name,
      )?.value ?? typed
    );
  };

  return (
    <div className={classes.root}>
      <CatalogAutocomplete<Suggestion, false, false, true>
        id={id}
        name={id}
        freeSolo
        options={suggestions}
        value={chosen ?? value ?? null}
        inputValue={text}
        classes={{ inputRoot: classes.inputRoot, input: classes.input }}
        getOptionLabel={option =>
          typeof option === 'string' ? option : option.label
        }
        getOptionSelected={(option, selected) =>
          option.value === selected.value
        }
        filterOptions={options => {
          const query = text.trim().toLocaleLowerCase();
          // The field shows the chosen value's label: offer every suggestion then, not only that one.
          return query && text !== chosen?.label
            ? options.filter(option => matches(option, query))
            : options;
        }}
        renderOption={option => (
          <div>
            <Typography variant="body2">{option.label}</Typography>
            {option.detail && (
              <Typography variant="caption" color="textSecondary">
                {option.detail}
              </Typography>
            )}
          </div>
        )}
        onInputChange={(_event, typed, reason) => {
          if (reason === 'input') {
            setText(typed);
            onType(valueOf(typed));
          }
        }}
        onChange={(_event, picked, reason) => {
          if (
            reason === 'select-option' &&
            picked &&
            typeof picked !== 'string'
          ) {
            onChoose(picked.value);
          } else if (reason === 'clear') {
            onChoose(undefined);
          }
          // Enter on typed text ('create-option') also submits the form, which applies it.
        }}
        renderInput={params => (
          <TextField
            {...params}
            fullWidth
            label={label}
            placeholder={placeholder}
            InputLabelProps={{ ...params.InputLabelProps, shrink: true }}
          />
        )}
      />
    </div>
  );
};
