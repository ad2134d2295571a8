import { useEffect, useState } from 'react';
import { Box, Button, Paper, Typography, makeStyles } from '@material-ui/core';
import {
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import {
  AuditChainVerification,
  auditLogChainVerifyPermission,
} from '@slipway/backstage-plugin-audit-log-common';
import { auditLogApiRef } from '../../api';
import { RelativeTime } from '../RelativeTime';

const useStyles = makeStyles(theme => ({
  root: {
    padding: theme.spacing(2),
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
}));

const VerificationSummary = ({
  verification,
  onOpenEvent,
}: {
  verification: AuditChainVerification | undefined;
  onOpenEvent: (seq: number) => void;
}) => {
  if (!verification) {
    return <StatusWarning>The chain has not been verified yet.</StatusWarning>;
  }
  const when = <RelativeTime iso={verification.verifiedAt} />;
  if (verification.ok) {
    // Say which events were checked: events recorded since then wait for the next verification.
    const scope =
      verification.checkedEvents > 0
        ? `Chain intact from event ${verification.fromSeq} to ${verification.toSeq} (${verification.checkedEvents} events)`
        : 'Chain intact (no events yet)';
    return (
      <Box>
        <StatusOK>
          {/* One span: the status lays out its children as flex items, which drops the spaces between them. */}
          <span>
            {`${scope}, verified `}
            {when}.
          </span>
        </StatusOK>
        {verification.sealed === false && (
          <Typography variant="body2" color="textSecondary">
            Not sealed with a key: events cut from the end of the chain show
            only while the backend that recorded them runs (docs/audit-log.md,
            Verification).
          </Typography>
        )}
      </Box>
    );
  }
  const problem = verification.problem!;
  // Problems at an end of the chain, or in the stored result, have no event of their own to open.
  const atAnEvent = ['changed', 'inserted', 'unlinked', 'misfiled'].includes(
    problem.kind,
  );
  return (
    <Box>
      <StatusError>
        <span>
          {`Chain broken at event ${problem.seq} (${problem.kind}), found `}
          {when}.
        </span>
      </StatusError>
      <Typography variant="body2">{problem.message}</Typography>
      {atAnEvent && (
        <Button
          size="small"
          color="primary"
          onClick={() => onOpenEvent(problem.seq)}
        >
          Open event {problem.seq}
        </Button>
      )}
    </Box>
  );
};

/**
 * Whether the hash chain is intact, from the latest verification, and a button to verify it now. Shown only to
 * readers with `audit-log.chain.verify`.
 */
export const ChainVerificationStatus = ({
  onOpenEvent,
}: {
  onOpenEvent: (seq: number) => void;
}) => {
  const classes = useStyles();
  const api = useApi(auditLogApiRef);
  const { allowed } = usePermission({
    permission: auditLogChainVerifyPermission,
  });
  const [verification, setVerification] = useState<AuditChainVerification>();
  const [latest, loadLatest] = useAsyncFn(async () => {
    setVerification(await api.getLatestVerification());
  }, [api]);
  const [run, verifyNow] = useAsyncFn(async () => {
    setVerification(await api.verifyChain());
  }, [api]);

  useEffect(() => {
    if (allowed) loadLatest();
  }, [allowed, loadLatest]);

  if (!allowed) {
    return null;
  }
  const error = latest.error ?? run.error;
  return (
    <Paper className={classes.root} aria-label="Chain verification">
      <Box flex={1}>
        {latest.loading ? (
          <Progress />
        ) : (
          <VerificationSummary
            verification={verification}
            onOpenEvent={onOpenEvent}
          />
        )}
        {error && <ResponseErrorPanel error={error} />}
      </Box>
      <Button
        variant="outlined"
        color="primary"
        disabled={run.loading}
        onClick={verifyNow}
      >
        {run.loading ? 'Verifying…' : 'Verify now'}
      </Button>
    </Paper>
  );
};
