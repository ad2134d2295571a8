import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { RunStatus } from '@slipway/backstage-plugin-slipway-common';

const LABELS: Record<RunStatus, string> = {
  'awaiting-approval': 'Awaiting approval',
  pending: 'Pending',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
  rejected: 'Rejected',
  expired: 'Expired',
};

/** A run's status as a coloured label. */
export const RunStatusChip = ({ status }: { status: RunStatus }) => {
  const label = LABELS[status] ?? status;
  switch (status) {
    case 'succeeded':
      return <StatusOK>{label}</StatusOK>;
    case 'failed':
    case 'interrupted':
      return <StatusError>{label}</StatusError>;
    case 'running':
      return <StatusRunning>{label}</StatusRunning>;
    case 'pending':
    case 'awaiting-approval':
      return <StatusPending>{label}</StatusPending>;
    case 'rejected':
    case 'expired':
      return <StatusWarning>{label}</StatusWarning>;
    default:
      return <StatusAborted>{label}</StatusAborted>;
  }
};
