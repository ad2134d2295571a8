import {
  Content,
  ContentHeader,
  EmptyState,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { ManifestReport, slipwayApiRef } from '../../api';
import { RelativeTime } from '../EnvironmentsTable';
import { Message } from '../Message';
import { Token, WholeWords } from '../Words';

const Report = ({ report }: { report: ManifestReport }) => {
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        {report.source}
        {report.revision && ` at ${report.revision.slice(0, 12)}`}, read{' '}
        <RelativeTime iso={report.readAt} />: {report.applications} applications
        and {report.systems} systems in the catalog, {report.problems.length}{' '}
        {report.problems.length === 1 ? 'problem' : 'problems'}.
      </Typography>
      {report.error && (
        <Alert severity="error">
          The last read failed, so the catalog still shows the previous state:{' '}
          {report.error}
        </Alert>
      )}
      {report.problems.length === 0 && !report.error && (
        <EmptyState
          missing="data"
          title="No problems"
          description="Every manifest in the repository is valid."
        />
      )}
      {report.problems.length > 0 && (
        <WholeWords>
          <Table size="small" aria-label="Manifest problems">
            <TableHead>
              <TableRow>
                <TableCell>File</TableCell>
                <TableCell>Line</TableCell>
                <TableCell>Field</TableCell>
                <TableCell>Problem</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.problems.map((problem, i) => (
                <TableRow key={i}>
                  <TableCell>
                    <Token>{problem.path}</Token>
                  </TableCell>
                  <TableCell>
                    {problem.line
                      ? `${problem.line}:${problem.column ?? 1}`
                      : '—'}
                  </TableCell>
                  <TableCell>
                    {problem.field ? <Token>{problem.field}</Token> : '—'}
                  </TableCell>
                  <TableCell>
                    {problem.severity === 'error' ? (
                      <StatusError>
                        <Message text={problem.message} />
                      </StatusError>
                    ) : (
                      <StatusWarning>
                        <Message text={problem.message} />
                      </StatusWarning>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </WholeWords>
      )}
    </>
  );
};

/**
 * The problems of the last read of the GitOps repository: every manifest that was rejected (and so is missing from
 * the catalog) or partly ignored, with file, line and reason. `yarn slipway lint` prints the same messages.
 */
export const ManifestProblemsContent = () => {
  const api = useApi(slipwayApiRef);
  const { value, loading, error } = useAsync(
    () => api.getManifestReports(),
    [api],
  );
  return (
    <Content>
      <ContentHeader title="Manifest problems" />
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value?.length === 0 && (
        <EmptyState
          missing="info"
          title="The GitOps repository has not been read yet"
          description="The catalog reads it shortly after the backend starts; come back in a minute."
        />
      )}
      {value?.map(report => (
        <Report key={report.provider} report={report} />
      ))}
    </Content>
  );
};
