import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { getSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { slipwayApiRef } from '../../api';
import { ApplicationComponentsCard } from '../ApplicationComponentsCard';
import { EnvironmentsTable } from '../EnvironmentsTable';

/** How often the live state is refreshed while the tab is open. */
const REFRESH_MS = 30_000;

/**
 * The Platform tab of an application: its environments (desired and live state, links), its components and secret
 * references, and where its manifest is.
 */
export const PlatformTab = () => {
  const { entity } = useEntity();
  const api = useApi(slipwayApiRef);
  const app = getSlipwayApplication(entity);
  const ref = {
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
  const status = useAsyncRetry(
    () => api.getApplicationEnvironments(ref),
    [api, ref.namespace, ref.name],
  );
  useInterval(status.retry, REFRESH_MS);

  if (!app) {
    return (
      <Typography>
        This entity was not made from a Slipway manifest, so it has no
        environments.
      </Typography>
    );
  }
  const manifest = status.value?.application;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Environments"
          subheader={
            manifest?.manifestUrl ? (
              <>
                Declared in{' '}
                <Link to={manifest.manifestUrl}>{manifest.manifestPath}</Link>
              </>
            ) : (
              `Declared in ${app.manifestPath} in the GitOps repository`
            )
          }
          action={
            <IconButton
              aria-label="Refresh"
              title="Refresh"
              onClick={status.retry}
            >
              <RefreshIcon />
            </IconButton>
          }
        >
          {status.error && <ResponseErrorPanel error={status.error} />}
          {!status.error && !status.value && <Progress />}
          {status.value && (
            <EnvironmentsTable environments={status.value.environments} />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ApplicationComponentsCard app={app} />
      </Grid>
    </Grid>
  );
};
