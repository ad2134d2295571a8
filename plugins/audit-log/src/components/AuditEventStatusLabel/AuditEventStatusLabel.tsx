import {
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { AuditEventStatus } from '@slipway/backstage-plugin-audit-log-common';
import { STATUS_LABELS } from '../format';

/** The status of an event in the theme's status colours. */
export const AuditEventStatusLabel = ({
  status,
}: {
  status: AuditEventStatus;
}) => {
  const label = STATUS_LABELS[status];
  if (status === 'succeeded') return <StatusOK>{label}</StatusOK>;
  if (status === 'failed') return <StatusError>{label}</StatusError>;
  return <StatusPending>{label}</StatusPending>;
};
