import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { ApplicationsMatrix } from './ApplicationsMatrix';

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
        <ApplicationsMatrix
          environments={value.environments}
          applications={value.applications}
        />
      )}
    </InfoCard>
  );
};
