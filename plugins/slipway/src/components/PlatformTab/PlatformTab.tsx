import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import RefreshIcon from '@material-ui/icons/Refresh';
import { getSlipwayApplication } from '@slipway/backstage-plugin-slipway-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { slipwayApiRef } from '../../api';
import { ActionButtons } from '../Actions';
import { ApplicationComponentsCard } from '../ApplicationComponentsCard';
import { ApplicationDeliveryCard } from '../ApplicationDeliveryCard';
import { DatabaseCopiesCard } from '../DatabaseCopiesCard';
import { EnvironmentsTable } from '../EnvironmentsTable';
import { RunsTable } from '../Runs';

/** How often the live state is refreshed while the tab is open. */
const REFRESH_MS = 30_000;

/**
 * The Platform tab of an application: its environments (desired and live state, links, action buttons), its
 * components and secret references, its delivery over 90 days, and the runs of actions on it.
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
  const actions = useAsyncRetry(
    () => api.getActions(ref),
    [api, ref.namespace, ref.name],
  );
  const [runsChanged, setRunsChanged] = useState(0);
  const refresh = () => {
    status.retry();
    actions.retry();
  };
  useInterval(refresh, REFRESH_MS);

  if (!app) {
    return (
      <Typography>
        This entity was not made from a Slipway manifest, so it has no
        environments.
      </Typography>
    );
  }
  const afterRun = () => {
    refresh();
    setRunsChanged(n => n + 1);
  };
  const application = {
    entityRef: stringifyEntityRef(entity),
    name: entity.metadata.name,
  };
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
            <IconButton aria-label="Refresh" title="Refresh" onClick={refresh}>
              <RefreshIcon />
            </IconButton>
          }
        >
          {status.error && <ResponseErrorPanel error={status.error} />}
          {actions.error && (
            <ResponseErrorPanel
              error={actions.error}
              title="Could not load the actions"
            />
          )}
          {!status.error && !status.value && <Progress />}
          {status.value && (
            <EnvironmentsTable
              environments={status.value.environments}
              actions={env => (
                <ActionButtons
                  actions={actions.value ?? []}
                  application={application}
                  environment={env}
                  environments={status.value!.environments}
                  onFinished={afterRun}
                />
              )}
            />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <ApplicationComponentsCard app={app} />
      </Grid>
      {app.components.some(c => c.type === 'postgres') && (
        <Grid item xs={12} md={6}>
          <DatabaseCopiesCard
            application={ref}
            environments={status.value?.environments}
            refreshKey={runsChanged}
            canCopy={actions.value?.some(
              a => a.action === 'db-copy' && a.allowed,
            )}
          />
        </Grid>
      )}
      <Grid item xs={12}>
        <ApplicationDeliveryCard
          application={ref}
          environments={status.value?.environments.map(e => e.name)}
          refreshKey={runsChanged}
          titleOf={action =>
            actions.value?.find(a => a.action === action)?.title ?? action
          }
        />
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Runs"
          subheader="Actions run on this application, newest first"
        >
          <RunsTable
            query={{ entityRef: application.entityRef }}
            refreshKey={runsChanged}
          />
        </InfoCard>
      </Grid>
    </Grid>
  );
};
