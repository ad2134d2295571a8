import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { ApplicationsMatrix } from '../SystemEnvironmentsCard';

const SHOWN = 10;

/** The catalog's list of components the viewer owns, where "and N more" leads. */
const ALL_MINE = '/catalog?filters[kind]=component&filters[user]=owned';

/**
 * The home page's "My applications": the viewer's applications (theirs and their teams') with the version each
 * environment wants and its health.
 */
export const MyApplicationsContent = () => {
  const api = useApi(slipwayApiRef);
  const { value, error } = useAsync(() => api.getMyApplications(SHOWN), [api]);
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  if (value.total === 0)
    return (
      <Typography>
        Neither you nor your teams own an application with a platform manifest
        yet. <Link to="/create">Create one from a template</Link>.
      </Typography>
    );
  return (
    <>
      <ApplicationsMatrix
        environments={value.environments}
        applications={value.applications}
      />
      {value.total > value.applications.length && (
        <Typography variant="body2" align="right">
          <Link to={ALL_MINE}>
            All {value.total} of your applications in the catalog
          </Link>
        </Typography>
      )}
    </>
  );
};
