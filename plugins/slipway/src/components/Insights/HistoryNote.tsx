import Typography from '@material-ui/core/Typography';
import { GitOpsHistoryState } from '@slipway/backstage-plugin-slipway-common';

/** Where the figures of a history card come from: the commit Insights has read up to, or why there is none. */
export function HistoryNote(props: { history: GitOpsHistoryState }) {
  const { indexed, unavailable } = props.history;
  if (!indexed) return <Typography variant="body2">{unavailable}</Typography>;
  return (
    <Typography variant="body2">
      From the GitOps repository’s history: {indexed.commits.toLocaleString()}{' '}
      commits, read up to <code>{indexed.revision.slice(0, 7)}</code> at{' '}
      {new Date(indexed.at).toLocaleString()}.
    </Typography>
  );
}
