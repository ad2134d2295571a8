import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import { LiveState } from '@slipway/backstage-plugin-slipway-common';
import { ReactNode } from 'react';

const HEALTH: Record<string, (props: { children?: ReactNode }) => JSX.Element> =
  {
    Healthy: StatusOK,
    Progressing: StatusPending,
    Suspended: StatusAborted,
    Degraded: StatusError,
    Missing: StatusError,
  };

const SYNC: Record<string, (props: { children?: ReactNode }) => JSX.Element> = {
  Synced: StatusOK,
  OutOfSync: StatusWarning,
};

/** Argo CD's health of an application in one environment, as a coloured status. */
export const HealthLabel = ({ live }: { live: LiveState }) => {
  if (live.state === 'not-deployed')
    return <StatusAborted>Not deployed</StatusAborted>;
  if (live.state === 'unknown') {
    return (
      <Tooltip title={live.reason ?? ''}>
        <span>
          {/* No Argo CD for this environment: nothing is wrong, there is just nothing to ask. */}
          {live.connected === false ? (
            <StatusAborted>Not connected</StatusAborted>
          ) : (
            <StatusWarning>Unknown</StatusWarning>
          )}
        </span>
      </Tooltip>
    );
  }
  const Status = HEALTH[live.health ?? ''] ?? StatusWarning;
  return <Status>{live.health ?? 'Unknown'}</Status>;
};

/** Argo CD's sync status of an application in one environment. */
export const SyncLabel = ({ live }: { live: LiveState }) => {
  if (live.state !== 'known') return <>—</>;
  const Status = SYNC[live.sync ?? ''] ?? StatusWarning;
  return <Status>{live.sync ?? 'Unknown'}</Status>;
};
