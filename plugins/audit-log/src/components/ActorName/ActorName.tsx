import { Typography, makeStyles } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { AuditEventActor } from '@slipway/backstage-plugin-audit-log-common';

const useStyles = makeStyles(theme => ({
  secondary: { color: theme.palette.text.secondary },
}));

/**
 * Who caused an event, as people know them: a user by their name from the catalog, linked to their page; a service
 * by its subject (`plugin:scaffolder`); nobody as "anonymous".
 */
export const ActorName = ({ actor }: { actor: AuditEventActor }) => {
  const classes = useStyles();
  if (actor.type === 'user' && actor.id) {
    return <EntityRefLink entityRef={actor.id} hideIcon />;
  }
  if (actor.id) {
    return <>{actor.id}</>;
  }
  return (
    <Typography variant="body2" component="span" className={classes.secondary}>
      anonymous
    </Typography>
  );
};
