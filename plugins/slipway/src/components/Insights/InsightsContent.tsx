import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { slipwayApiRef } from '../../api';
import { PeriodPicker } from '../PeriodPicker';
import { AdoptionCards } from './AdoptionCards';
import { DeliveryCards } from './DeliveryCards';
import { lastWeeks } from './outcomes';
import { SelfServiceCards } from './SelfServiceCards';

const PERIODS = [4, 12, 26, 52];

/** A section of the page: its heading, then its cards, or why they cannot be shown. */
function Section(props: {
  title: string;
  state: { loading: boolean; error?: Error; value?: unknown };
  children: () => ReactNode;
}) {
  const { loading, error, value } = props.state;
  let body: ReactNode;
  if (error) body = <ResponseErrorPanel error={error} />;
  else if (loading || !value) body = <Progress />;
  else body = props.children();
  return (
    <>
      <Grid item style={{ minWidth: 0 }}>
        <Typography variant="h5" component="h2">
          {props.title}
        </Typography>
      </Grid>
      {error || loading || !value ? (
        <Grid item style={{ minWidth: 0 }}>
          {body}
        </Grid>
      ) : (
        body
      )}
    </>
  );
}

/**
 * Platform → Insights: the platform run as a product, computed from what Slipway already records — adoption from the
 * GitOps repository's history, how the self-service actions are used from the runs, and delivery from the history
 * of each environment's version. A platform admin sees every application; everyone else their teams'.
 */
export const InsightsContent = () => {
  const api = useApi(slipwayApiRef);
  const [weeks, setWeeks] = useState(12);
  const selfService = useAsync(
    () => api.getSelfServiceInsights(weeks),
    [api, weeks],
  );
  const adoption = useAsync(() => api.getAdoptionInsights(weeks), [api, weeks]);
  const delivery = useAsync(() => api.getDeliveryInsights(weeks), [api, weeks]);
  const people = useAsync(() => api.getActivePeople(weeks), [api, weeks]);
  const actions = useAsync(() => api.listActions(), [api]);
  const titleOf = (action: string) =>
    actions.value?.find(a => a.name === action)?.title ?? action;
  const scope = selfService.loading ? undefined : selfService.value?.scope;

  return (
    // minWidth 0: a column item may be narrower than its widest table, which then scrolls in its card (phones).
    <Grid container spacing={3} direction="column">
      <Grid item style={{ minWidth: 0 }}>
        <PeriodPicker
          id="insights-period"
          value={weeks}
          options={PERIODS.map(p => ({ value: p, label: `Last ${p} weeks` }))}
          onChange={setWeeks}
        >
          {scope && (
            <Typography variant="body2">
              {scope === 'all'
                ? 'Every application.'
                : "Your teams' applications (platform admins see every application)."}{' '}
              Weeks start on Monday (UTC).
            </Typography>
          )}
        </PeriodPicker>
      </Grid>
      <Section title="Adoption" state={adoption}>
        {() => <AdoptionCards adoption={adoption.value!} people={people} />}
      </Section>
      <Section title="Self-service" state={selfService}>
        {() => (
          <SelfServiceCards value={selfService.value!} titleOf={titleOf} />
        )}
      </Section>
      <Section title="Delivery" state={delivery}>
        {() => (
          <DeliveryCards
            delivery={delivery.value!}
            weeks={lastWeeks(delivery.value!.weeks)}
          />
        )}
      </Section>
    </Grid>
  );
};
