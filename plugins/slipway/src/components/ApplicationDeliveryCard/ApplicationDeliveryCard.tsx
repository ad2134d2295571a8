import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ApplicationDelivery } from '@slipway/backstage-plugin-slipway-common';
import useAsync from 'react-use/esm/useAsync';
import { EntityName, slipwayApiRef } from '../../api';
import { ReleasesTable } from '../Insights/DeliveryCards';
import { FiguresTable } from '../Insights/FiguresTable';
import { HistoryNote } from '../Insights/HistoryNote';
import { OUTCOMES, outcomesByAction } from '../Insights/outcomes';

const day = (iso: string) => new Date(iso).toLocaleDateString();

/**
 * Each environment's versions over the period, newest first, as `1.4.0 (1 Dec) ← 1.3.2 (20 Nov)`; environments in the
 * order given (the portal's), others after them.
 */
function versionsByEnvironment(
  deployments: ApplicationDelivery['deployments'],
  order: string[] = [],
) {
  const byEnvironment = new Map<string, string[]>();
  for (const d of deployments) {
    const list = byEnvironment.get(d.environment) ?? [];
    list.push(`${d.version} (${day(d.deployedAt)})`);
    byEnvironment.set(d.environment, list);
  }
  const rank = (env: string) =>
    order.includes(env) ? order.indexOf(env) : order.length;
  return [...byEnvironment.entries()].sort(([a], [b]) => rank(a) - rank(b));
}

/**
 * An application's own delivery on its Platform tab, over the last 90 days: the versions each environment ran (from
 * the GitOps history), the lead time of its last releases to production, and its runs by action and outcome.
 */
export function ApplicationDeliveryCard(props: {
  application: EntityName;
  /** The portal's environments, in order. */
  environments?: string[];
  refreshKey?: number;
  titleOf: (action: string) => string;
}) {
  const api = useApi(slipwayApiRef);
  const { namespace, name } = props.application;
  const delivery = useAsync(
    () => api.getApplicationDelivery({ namespace, name }),
    [api, namespace, name, props.refreshKey],
  );
  let body;
  if (delivery.error) body = <ResponseErrorPanel error={delivery.error} />;
  else if (!delivery.value) body = <Progress />;
  else {
    const { history, deployments, releases, runs } = delivery.value;
    const environments = versionsByEnvironment(deployments, props.environments);
    const perAction = outcomesByAction(runs);
    body = (
      <>
        {!history.indexed && <HistoryNote history={history} />}
        {history.indexed && (
          <>
            <Typography variant="subtitle2" component="h3">
              Versions per environment
            </Typography>
            {environments.length ? (
              <FiguresTable
                label="Versions per environment, newest first"
                columns={['Environment', 'Versions, newest first', 'Changes']}
                textColumns={2}
                rows={environments.map(([environment, versions]) => ({
                  key: environment,
                  cells: [environment, versions.join(' ← '), versions.length],
                }))}
              />
            ) : (
              <Typography>
                No environment's version changed in the last 90 days.
              </Typography>
            )}
            <Box mt={2}>
              <Typography variant="subtitle2" component="h3">
                Last releases to production
              </Typography>
            </Box>
            {releases.length ? (
              <ReleasesTable
                releases={releases}
                label="Last releases to production"
              />
            ) : (
              <Typography>
                No version reached production in the last 90 days.
              </Typography>
            )}
          </>
        )}
        <Box mt={2}>
          <Typography variant="subtitle2" component="h3">
            Runs by action
          </Typography>
        </Box>
        {perAction.length ? (
          <FiguresTable
            label="Actions run on this application, by outcome"
            columns={['Action', ...OUTCOMES]}
            rows={perAction.map(({ action, counts }) => ({
              key: action,
              cells: [props.titleOf(action), ...OUTCOMES.map(o => counts[o])],
            }))}
          />
        ) : (
          <Typography>
            No action was run on this application in the last 90 days.
          </Typography>
        )}
      </>
    );
  }
  return (
    <InfoCard title="Delivery" subheader="The last 90 days">
      {body}
    </InfoCard>
  );
}
