import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  ActionAvailability,
  EnvironmentStatus,
} from '@slipway/backstage-plugin-slipway-common';
import { useState } from 'react';
import { RunActionDialog } from './RunActionDialog';

const useStyles = makeStyles(theme => ({
  buttons: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
}));

/**
 * The action buttons of one environment. A button the viewer may not use is disabled, and says why on hover (not
 * set up here, not permitted, nothing to promote).
 */
export const ActionButtons = (props: {
  actions: ActionAvailability[];
  application: { entityRef: string; name: string };
  environment: EnvironmentStatus;
  environments: EnvironmentStatus[];
  onFinished?: () => void;
}) => {
  const classes = useStyles();
  const [open, setOpen] = useState<ActionAvailability>();
  const { environment } = props;
  const mine = props.actions.filter(a => a.environment === environment.name);
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
          <span>
            <Button
              size="small"
              variant="outlined"
              color="primary"
              disabled={!action.allowed}
              onClick={() => setOpen(action)}
              aria-label={`${action.title} in ${environment.title}`}
            >
              {action.title}
            </Button>
          </span>
        </Tooltip>
      ))}
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
