import { FormEvent, useEffect, useState } from 'react';
import {
  Button,
  FormControlLabel,
  Grid,
  MenuItem,
  Switch,
  TextField,
  Tooltip,
  makeStyles,
} from '@material-ui/core';
import {
  AUDIT_EVENT_SEVERITIES,
  AUDIT_EVENT_STATUSES,
  AuditEventFilters,
  AuditEventSeverity,
} from '@slipway/backstage-plugin-audit-log-common';
import {
  isoToLocalInput,
  localInputToIso,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from '../format';
import { FilterSuggestions, suggestionsFor } from './filterSuggestions';
import { SuggestionField } from './SuggestionField';

type TextFilter =
  | 'actor'
  | 'plugin'
  | 'eventId'
  | 'entityRef'
  | 'environment'
  | 'text';

const TEXT_FILTERS: Array<{
  key: TextFilter;
  label: string;
  placeholder: string;
}> = [
  { key: 'text', label: 'Text', placeholder: 'anything in the event' },
  { key: 'actor', label: 'Actor', placeholder: 'a person or a plugin' },
  { key: 'plugin', label: 'Plugin', placeholder: 'catalog' },
  { key: 'eventId', label: 'Event', placeholder: 'entity-mutate' },
  {
    key: 'entityRef',
    label: 'Entity',
    placeholder: 'component:default/checkout-api',
  },
  { key: 'environment', label: 'Environment', placeholder: 'prod' },
];

const rank = (severity: AuditEventSeverity | undefined) =>
  severity ? AUDIT_EVENT_SEVERITIES.indexOf(severity) : 0;

/** Whether the filters let reads through: Backstage's auditor records them at `low`. */
export function readsShown(filters: AuditEventFilters): boolean {
  return rank(filters.minSeverity) === 0;
}

const useStyles = makeStyles(theme => ({
  actions: { display: 'flex', gap: theme.spacing(1), alignItems: 'center' },
}));

/**
 * The filters of the audit log. Text fields apply on "Apply" (or Enter), so typing does not reload the list at
 * every key; the choices (a picked suggestion, status, severity, reads) apply at once.
 */
export const AuditEventFilterBar = ({
  filters,
  onChange,
  hidden = [],
  suggestions,
}: {
  filters: AuditEventFilters;
  onChange: (filters: AuditEventFilters) => void;
  hidden?: Array<keyof AuditEventFilters>;
  suggestions?: FilterSuggestions;
}) => {
  const classes = useStyles();
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onChange(draft);
  };
  const choose = (change: AuditEventFilters) => {
    setDraft({ ...draft, ...change });
    onChange({ ...draft, ...change });
  };

  return (
    <form onSubmit={submit} aria-label="Audit log filters">
      <Grid container spacing={2} alignItems="flex-end">
        {TEXT_FILTERS.filter(({ key }) => !hidden.includes(key)).map(
          ({ key, label, placeholder }) => {
            const id = `audit-log-filter-${key}`;
            const offered = suggestionsFor(key, suggestions, draft);
            return (
              <Grid item xs={12} sm={6} md={4} lg={2} key={key}>
                {offered ? (
                  <SuggestionField
                    id={id}
                    label={label}
                    placeholder={placeholder}
                    value={draft[key]}
                    suggestions={offered}
                    onType={value => setDraft({ ...draft, [key]: value })}
                    onChoose={value => choose({ [key]: value })}
                  />
                ) : (
                  <TextField
                    id={id}
                    fullWidth
                    label={label}
                    placeholder={placeholder}
                    value={draft[key] ?? ''}
                    onChange={e =>
                      setDraft({ ...draft, [key]: e.target.value })
                    }
                    InputLabelProps={{ shrink: true }}
                  />
                )}
              </Grid>
            );
          },
        )}
        <Grid item xs={6} sm={3} md={2}>
          <TextField
            select
            fullWidth
            id="audit-log-filter-status"
            label="Status"
            value={draft.status ?? ''}
            onChange={e =>
              choose({
                status: (e.target.value ||
                  undefined) as AuditEventFilters['status'],
              })
            }
            InputLabelProps={{ shrink: true }}
            SelectProps={{ displayEmpty: true }}
          >
            <MenuItem value="">Any</MenuItem>
            {AUDIT_EVENT_STATUSES.map(status => (
              <MenuItem key={status} value={status}>
                {STATUS_LABELS[status]}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={6} sm={3} md={2}>
          <TextField
            select
            fullWidth
            id="audit-log-filter-severity"
            label="Severity"
            value={draft.severity ?? ''}
            onChange={e => {
              const severity = (e.target.value || undefined) as
                | AuditEventSeverity
                | undefined;
              // Asking for low events while reads are hidden would find nothing: show them.
              const lower =
                severity && rank(severity) < rank(draft.minSeverity);
              choose({ severity, ...(lower && { minSeverity: severity }) });
            }}
            InputLabelProps={{ shrink: true }}
            SelectProps={{ displayEmpty: true }}
          >
            <MenuItem value="">Any</MenuItem>
            {AUDIT_EVENT_SEVERITIES.map(severity => (
              <MenuItem key={severity} value={severity}>
                {SEVERITY_LABELS[severity]}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
        <Grid item xs={6} sm={3} md={2}>
          <TextField
            fullWidth
            type="datetime-local"
            id="audit-log-filter-from"
            label="From"
            value={isoToLocalInput(draft.from)}
            onChange={e =>
              setDraft({ ...draft, from: localInputToIso(e.target.value) })
            }
            InputLabelProps={{ shrink: true }}
          />
        </Grid>
        <Grid item xs={6} sm={3} md={2}>
          <TextField
            fullWidth
            type="datetime-local"
            id="audit-log-filter-to"
            label="To"
            value={isoToLocalInput(draft.to)}
            onChange={e =>
              setDraft({ ...draft, to: localInputToIso(e.target.value) })
            }
            InputLabelProps={{ shrink: true }}
          />
        </Grid>
        <Grid item xs={12} md={6} className={classes.actions}>
          <Tooltip title="Reads are the events of low severity, such as the catalog's entity-fetch and Slipway's previews: Backstage records normal use at low severity, changes higher.">
            <FormControlLabel
              label="Show reads"
              control={
                <Switch
                  color="primary"
                  checked={readsShown(draft)}
                  onChange={(_e, checked) =>
                    choose(
                      checked
                        ? { minSeverity: 'low' }
                        : {
                            minSeverity: 'medium',
                            ...(draft.severity === 'low' && {
                              severity: undefined,
                            }),
                          },
                    )
                  }
                />
              }
            />
          </Tooltip>
          <Button type="submit" variant="contained" color="primary">
            Apply filters
          </Button>
          <Button
            onClick={() => {
              const kept: AuditEventFilters = {};
              for (const key of hidden) {
                (kept as Record<string, string | undefined>)[key] =
                  filters[key];
              }
              onChange(kept);
            }}
          >
            Clear
          </Button>
        </Grid>
      </Grid>
    </form>
  );
};
