import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  ApplicationEnvironments,
  Environment,
  EnvironmentStatus,
} from '@slipway/backstage-plugin-slipway-common';
import { HealthLabel } from '../LiveStateLabel';
import { WholeWords } from '../Words';

const Cell = ({ env }: { env?: EnvironmentStatus }) => {
  if (!env?.desired) return <Typography color="textSecondary">—</Typography>;
  return (
    <>
      <Typography variant="body2">{env.desired.version}</Typography>
      <HealthLabel live={env.live} />
    </>
  );
};

/**
 * Applications × environments: the version each environment wants, and its health. A system's card and the home
 * page's "My applications" show the same matrix.
 */
export const ApplicationsMatrix = (props: {
  environments: Environment[];
  applications: ApplicationEnvironments[];
}) => (
  <WholeWords>
    <Table size="small" aria-label="Applications by environment">
      <TableHead>
        <TableRow>
          <TableCell>Application</TableCell>
          {props.environments.map(env => (
            <TableCell key={env.name}>{env.title}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.applications.map(({ application, environments }) => (
          <TableRow key={application.entityRef}>
            <TableCell>
              <EntityRefLink
                entityRef={application.entityRef}
                title={application.title}
              />
              <Typography
                variant="caption"
                color="textSecondary"
                display="block"
              >
                {application.type}
              </Typography>
            </TableCell>
            {props.environments.map(env => (
              <TableCell key={env.name}>
                <Cell env={environments.find(e => e.name === env.name)} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </WholeWords>
);
