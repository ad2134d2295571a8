import {
  Content,
  ContentHeader,
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useSearchParams } from 'react-router-dom';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Paper from '@material-ui/core/Paper';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import useMediaQuery from '@material-ui/core/useMediaQuery';
import Alert from '@material-ui/lab/Alert';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { slipwayApiRef } from '../../api';
import { messageOf } from '../../errors';
import { RelativeTime } from '../EnvironmentsTable';
import { RunDialog, runLink } from './RunDialog';
import { WholeWords } from '../Words';
import { RunHeadline } from './RunHeadline';
import { useRunWords } from './useRunWords';
import useAsyncFn from 'react-use/esm/useAsyncFn';

type Decision = { run: Run; decision: 'approve' | 'reject' };

const useStyles = makeStyles(theme => ({
  nowrap: { whiteSpace: 'nowrap' },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(1) },
  cards: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: theme.spacing(2),
  },
  card: { padding: theme.spacing(2) },
}));

/** `component: checkout-db, ttlHours: 8`: what an approver needs to read, wrapping like text. */
function describeParameters(parameters: Run['parameters']): string {
  const entries = Object.entries(parameters);
  if (!entries.length) return 'no parameters';
  return entries
    .map(
      ([name, value]) =>
        `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
    )
    .join(', ');
}

/** Approve or reject one run, with a comment (required to reject: the requester deserves to know why). */
const DecisionDialog = (props: {
  decision: Decision;
  onClose: (changed: boolean) => void;
}) => {
  const api = useApi(slipwayApiRef);
  const { run, decision } = props.decision;
  const [comment, setComment] = useState('');
  const { onClose } = props;
  const [{ loading: busy, error: failure }, submit] = useAsyncFn(async () => {
    if (decision === 'approve')
      await api.approveRun(run.id, comment || undefined);
    else await api.rejectRun(run.id, comment);
    onClose(true);
  }, [api, decision, run.id, comment, onClose]);
  const error = failure && messageOf(failure);
  return (
    <Dialog
      open
      onClose={() => props.onClose(false)}
      maxWidth="sm"
      fullWidth
      aria-labelledby="decision-title"
    >
      <DialogTitle id="decision-title">
        {decision === 'approve' ? 'Approve' : 'Reject'}{' '}
        <RunHeadline run={run} />
      </DialogTitle>
      <DialogContent>
        <TextField
          label={
            decision === 'approve'
              ? 'Comment (optional)'
              : 'Why (the requester sees it)'
          }
          fullWidth
          multiline
          minRows={2}
          variant="outlined"
          value={comment}
          onChange={e => setComment(e.target.value)}
          inputProps={{ maxLength: 1000, 'aria-label': 'Comment' }}
        />
        {error && <Alert severity="error">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(false)}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || (decision === 'reject' && !comment.trim())}
          onClick={submit}
        >
          {decision === 'approve' ? 'Approve' : 'Reject'}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** The runs waiting for an approval the signed-in person may give: someone else's runs, on applications they may approve. */
export const ApprovalsContent = () => {
  const classes = useStyles();
  const api = useApi(slipwayApiRef);
  const words = useRunWords();
  const approvals = useAsyncRetry(() => api.listApprovals(), [api]);
  const [deciding, setDeciding] = useState<Decision>();
  const [search] = useSearchParams();
  const theme = useTheme();
  // On a phone (an approver often comes from a notification there) each run is a card, its buttons in reach.
  const narrow = useMediaQuery(theme.breakpoints.down('sm'), { noSsr: true });
  const decide = (run: Run) => (
    <div className={classes.buttons}>
      <Button
        size="small"
        color="primary"
        variant="contained"
        onClick={() => setDeciding({ run, decision: 'approve' })}
      >
        Approve
      </Button>
      <Button
        size="small"
        onClick={() => setDeciding({ run, decision: 'reject' })}
      >
        Reject
      </Button>
    </div>
  );

  return (
    <Content>
      <ContentHeader title="Approvals" />
      {approvals.error && <ResponseErrorPanel error={approvals.error} />}
      {!approvals.value && !approvals.error && <Progress />}
      {approvals.value?.length === 0 && (
        <EmptyState
          missing="data"
          title="Nothing waits for you"
          description="Runs that wait for approval (production, or actions your environments say need one) show up here when someone else asked for them and you may approve."
        />
      )}
      {!!approvals.value?.length && narrow && (
        <ul className={classes.cards} aria-label="Runs waiting for approval">
          {approvals.value.map(run => (
            <li key={run.id}>
              <Paper
                variant="outlined"
                component="section"
                aria-labelledby={`approval-${run.id}`}
                className={classes.card}
              >
                <Typography
                  variant="h6"
                  component="h3"
                  id={`approval-${run.id}`}
                >
                  <RunHeadline run={run} />
                </Typography>
                <Typography variant="body2" color="textSecondary">
                  {describeParameters(run.parameters)}
                </Typography>
                <Typography variant="body2" paragraph>
                  Asked by <EntityRefLink entityRef={run.requester} hideIcon />{' '}
                  <Link to={runLink(search, run.id)}>
                    <RelativeTime iso={run.createdAt} />
                  </Link>
                  ; the request expires{' '}
                  <RelativeTime iso={run.approval?.expiresAt} />.
                </Typography>
                {decide(run)}
              </Paper>
            </li>
          ))}
        </ul>
      )}
      {!!approvals.value?.length && !narrow && (
        <InfoCard>
          <WholeWords>
            <Table size="small" aria-label="Runs waiting for approval">
              <TableHead>
                <TableRow className={classes.nowrap}>
                  <TableCell>Requested</TableCell>
                  <TableCell>Application</TableCell>
                  <TableCell>Action</TableCell>
                  <TableCell>Environment</TableCell>
                  <TableCell>By</TableCell>
                  <TableCell>Expires</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {approvals.value.map(run => (
                  <TableRow key={run.id}>
                    <TableCell className={classes.nowrap}>
                      <Link to={runLink(search, run.id)}>
                        <RelativeTime iso={run.createdAt} />
                      </Link>
                    </TableCell>
                    <TableCell>
                      <EntityRefLink entityRef={run.entityRef} />
                    </TableCell>
                    <TableCell>
                      {words.action(run.action)}
                      <Typography variant="caption" component="div">
                        {describeParameters(run.parameters)}
                      </Typography>
                    </TableCell>
                    <TableCell>{words.environment(run.environment)}</TableCell>
                    <TableCell className={classes.nowrap}>
                      <EntityRefLink entityRef={run.requester} hideIcon />
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      <RelativeTime iso={run.approval?.expiresAt} />
                    </TableCell>
                    <TableCell>{decide(run)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </WholeWords>
        </InfoCard>
      )}
      <RunDialog />
      {deciding && (
        <DecisionDialog
          decision={deciding}
          onClose={changed => {
            setDeciding(undefined);
            if (changed) approvals.retry();
          }}
        />
      )}
    </Content>
  );
};
