import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { RunList } from '../Runs/RunList';

const SHOWN = 5;

/** The home page's "Waiting for my approval": runs the viewer may approve, each linked to its place on Approvals. */
export const WaitingForMeContent = () => {
  const api = useApi(slipwayApiRef);
  const platform = useRouteRef(rootRouteRef);
  const { value, error } = useAsync(() => api.listApprovals(), [api]);
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  const approvals = `${platform()}/approvals`;
  if (!value.length)
    return <Typography>Nothing is waiting for your approval.</Typography>;
  return (
    <>
      <RunList
        runs={value.slice(0, SHOWN)}
        label="Runs waiting for my approval"
        linkOf={run => `${approvals}?run=${encodeURIComponent(run.id)}`}
        aside={run => (
          <>
            asked by <EntityDisplayName entityRef={run.requester} hideIcon />
          </>
        )}
      />
      {value.length > SHOWN && (
        <Typography variant="body2" align="right">
          <Link to={approvals}>All {value.length} waiting for you</Link>
        </Typography>
      )}
    </>
  );
};
