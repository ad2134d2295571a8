import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import { makeStyles } from '@material-ui/core/styles';
import { SlipwayApplicationSpec } from '@slipway/backstage-plugin-slipway-common';

// Backstage's theme cuts dense list items to one line (`nowrap`); a description or a secret's path wraps instead, so
// a phone shows all of it.
const useStyles = makeStyles({ wrap: { whiteSpace: 'normal' } });

/** What the application is made of besides its workload, and the secrets it gets (where they live, never values). */
export const ApplicationComponentsCard = ({
  app,
}: {
  app: SlipwayApplicationSpec;
}) => {
  const classes = useStyles();
  return (
    <InfoCard title="Components and secrets">
      <List
        dense
        disablePadding
        subheader={<ListSubheader disableSticky>Components</ListSubheader>}
      >
        {app.components.map(component => (
          <ListItem key={component.name}>
            <ListItemText
              className={classes.wrap}
              primary={
                <EntityRefLink
                  entityRef={{
                    kind: 'resource',
                    namespace: 'default',
                    name: component.name,
                  }}
                />
              }
              secondary={[
                component.type,
                component.database && `database ${component.database}`,
                component.description,
              ]
                .filter(Boolean)
                .join(' · ')}
            />
          </ListItem>
        ))}
        {app.components.length === 0 && (
          <ListItem>
            <ListItemText secondary="No databases, caches or buckets declared in the manifest." />
          </ListItem>
        )}
      </List>
      <List
        dense
        disablePadding
        subheader={
          <ListSubheader disableSticky>Secret references</ListSubheader>
        }
      >
        {app.secrets.map(secret => (
          <ListItem key={secret.env}>
            <ListItemText
              className={classes.wrap}
              primary={secret.env}
              secondary={`${secret.store}: ${secret.name}${
                secret.key ? ` → ${secret.key}` : ''
              }`}
            />
          </ListItem>
        ))}
        {app.secrets.length === 0 && (
          <ListItem>
            <ListItemText secondary="No secrets declared in the manifest." />
          </ListItem>
        )}
      </List>
    </InfoCard>
  );
};
