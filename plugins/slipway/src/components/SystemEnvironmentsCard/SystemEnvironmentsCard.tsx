import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { EnvironmentStatus } from '@slipway/backstage-plugin-slipway-common';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
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

/** A system's applications × environments: the version each environment wants, and its health. */
export const SystemEnvironmentsCard = () => {
  const { entity } = useEntity();
  const api = useApi(slipwayApiRef);
  const { value, loading, error } = useAsync(
    () =>
      api.getSystemEnvironments({
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      }),
    [api, entity.metadata.namespace, entity.metadata.name],
  );

  return (
    <InfoCard title="Applications × environments">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.applications.length === 0 && (
        <Typography>
          No application of this system has a Slipway manifest yet.
        </Typography>
      )}
      {value && value.applications.length > 0 && (
        <WholeWords>
          <Table size="small" aria-label="Applications by environment">
            <TableHead>
              <TableRow>
                <TableCell>Application</TableCell>
                {value.environments.map(env => (
                  <TableCell key={env.name}>{env.title}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {value.applications.map(({ application, environments }) => (
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
                  {value.environments.map(env => (
                    <TableCell key={env.name}>
                      <Cell env={environments.find(e => e.name === env.name)} />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </WholeWords>
      )}
    </InfoCard>
  );
};
