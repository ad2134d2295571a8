import Button from '@material-ui/core/Button';
import Popover from '@material-ui/core/Popover';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ActionAvailability,
  EnvironmentStatus,
} from '@slipway/backstage-plugin-slipway-common';
import { useState } from 'react';
import { RunActionDialog } from './RunActionDialog';

const useStyles = makeStyles(theme => ({
  buttons: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
  // Looks like MUI's disabled outlined button, but still takes focus and clicks to explain itself.
  disabled: {
    cursor: 'help',
    color: theme.palette.action.disabled,
    borderColor: theme.palette.action.disabledBackground,
    '&:hover': {
      backgroundColor: 'transparent',
      borderColor: theme.palette.action.disabledBackground,
    },
  },
  why: { padding: theme.spacing(2), maxWidth: 420 },
  detail: { marginTop: theme.spacing(1), color: theme.palette.text.secondary },
}));

/** Why a button is off: the reason, and the technical detail one click further for those who want it. */
const WhyNot = (props: {
  action: ActionAvailability;
  anchor: HTMLElement;
  onClose: () => void;
}) => {
  const classes = useStyles();
  return (
    <Popover
      open
      anchorEl={props.anchor}
      onClose={props.onClose}
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
    >
      <div className={classes.why} role="note" aria-label="Why not">
        <Typography variant="body2">{props.action.reason}</Typography>
        {props.action.detail && (
          <details className={classes.detail}>
            <summary>
              <Typography variant="caption">Technical detail</Typography>
            </summary>
            <Typography variant="caption">{props.action.detail}</Typography>
          </details>
        )}
      </div>
    </Popover>
  );
};

/**
 * The action buttons of one environment. A button the viewer may not use is disabled, and says why on hover, and
 * on a click or a tap with the technical detail one step further (not permitted, not set up here, nothing to
 * promote).
 */
/**
 * Pause and Resume are one switch: a paused environment offers Resume, a running one Pause, and the other button
 * would only say that there is nothing to do.
 */
function otherHalfOfToggle(
  action: ActionAvailability,
  environment: EnvironmentStatus,
) {
  const paused = Boolean(environment.paused);
  return (
    (action.action === 'pause' && paused) ||
    (action.action === 'resume' && !paused)
  );
}

export const ActionButtons = (props: {
  actions: ActionAvailability[];
  application: { entityRef: string; name: string };
  environment: EnvironmentStatus;
  environments: EnvironmentStatus[];
  onFinished?: () => void;
}) => {
  const classes = useStyles();
  const [open, setOpen] = useState<ActionAvailability>();
  const [why, setWhy] = useState<{
    action: ActionAvailability;
    anchor: HTMLElement;
  }>();
  const { environment } = props;
  const mine = props.actions.filter(
    a =>
      a.environment === environment.name && !otherHalfOfToggle(a, environment),
  );
  const source = props.environments.find(
    e => e.order === environment.order - 1,
  );

  return (
    <div className={classes.buttons}>
      {mine.map(action => (
        <Tooltip
          key={action.action}
          title={action.allowed ? action.description : action.reason ?? ''}
        >
          {/* A button the viewer may not use stays focusable (aria-disabled, not disabled): a click, a tap on a
              phone (no hover there) or Enter opens the reason. */}
          <Button
            size="small"
            variant="outlined"
            color="primary"
            aria-disabled={!action.allowed}
            className={action.allowed ? undefined : classes.disabled}
            onClick={e =>
              action.allowed
                ? setOpen(action)
                : setWhy({ action, anchor: e.currentTarget })
            }
            aria-label={`${action.title} in ${environment.title}`}
          >
            {action.title}
          </Button>
        </Tooltip>
      ))}
      {why && (
        <WhyNot
          action={why.action}
          anchor={why.anchor}
          onClose={() => setWhy(undefined)}
        />
      )}
      {open && (
        <RunActionDialog
          action={open}
          application={props.application}
          environment={environment}
          source={source}
          onClose={() => setOpen(undefined)}
          onFinished={props.onFinished}
        />
      )}
    </div>
  );
};
