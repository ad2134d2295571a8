import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { RunStatusChip } from '../Runs/RunStatusChip';
import { RunList } from '../Runs/RunList';

const SHOWN = 5;

/** The home page's "My recent runs": the viewer's last runs with their status, each linked to its log. */
export const MyRecentRunsContent = () => {
  const api = useApi(slipwayApiRef);
  const platform = useRouteRef(rootRouteRef);
  const { value, error } = useAsync(
    () => api.listRuns({ requester: 'me', limit: SHOWN }),
    [api],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  const runs = `${platform()}/runs`;
  if (!value.items.length)
    return (
      <Typography>
        You have not run an action yet: restart, promote and copy databases from
        an application's Platform tab.
      </Typography>
    );
  return (
    <>
      <RunList
        runs={value.items}
        label="My recent runs"
        linkOf={run => `${runs}?run=${encodeURIComponent(run.id)}`}
        aside={run => <RunStatusChip status={run.status} />}
      />
      {value.nextCursor && (
        <Typography variant="body2" align="right">
          <Link to={runs}>All my runs</Link>
        </Typography>
      )}
    </>
  );
};
