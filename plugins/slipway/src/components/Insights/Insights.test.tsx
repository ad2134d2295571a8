import { ResponseError } from '@backstage/errors';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { SelfServiceInsights } from '@slipway/backstage-plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { toCsv } from './csv';
import { InsightsContent } from './InsightsContent';
import { lastWeeks, weeklyOutcomes } from './outcomes';

const thisWeek = lastWeeks(1)[0];
const insights = (weeks: number): SelfServiceInsights => ({
  weeks,
  scope: 'teams',
  runs: [
    { week: thisWeek, action: 'restart', status: 'succeeded', count: 3 },
    { week: thisWeek, action: 'restart', status: 'failed', count: 1 },
    { week: thisWeek, action: 'promote', status: 'rejected', count: 2 },
  ],
  mostRestarted: [{ entityRef: 'component:default/checkout-api', restarts: 4 }],
  approvalWait: { decided: 2, p50Minutes: 12, p95Minutes: 150 },
  byTeam: [
    { team: 'group:default/payments', action: 'restart', count: 4 },
    { team: 'unknown', action: 'promote', count: 2 },
  ],
  databaseCopies: [
    { week: thisWeek, alive: 2, made: 3, expired: 0, destroyedEarly: 1 },
  ],
});

const NO_HISTORY =
  'The GitOps repository is a plain folder, not a git repository, so it keeps no history.';
const history = {
  indexed: {
    revision: 'abcdef1234567',
    at: '2026-12-01T10:00:00Z',
    commits: 42,
  },
};

const render = (api: Partial<SlipwayApi>) =>
  renderInTestApp(
    <TestApiProvider
      apis={[
        [
          slipwayApiRef,
          {
            listActions: async () => [
              { name: 'restart', title: 'Restart', description: '' },
              { name: 'promote', title: 'Promote', description: '' },
            ],
            getAdoptionInsights: async weeks => ({
              weeks,
              scope: 'teams',
              history: { unavailable: NO_HISTORY },
              byWeek: [],
              newApplications: [],
            }),
            getActivePeople: async weeks => ({ weeks, byWeek: [] }),
            getDeliveryInsights: async weeks => ({
              weeks,
              scope: 'teams',
              history: { unavailable: NO_HISTORY },
              firstEnvironment: 'dev',
              productionEnvironments: ['prod'],
              deployments: [],
              leadTime: { releases: 0 },
              recentReleases: [],
              changeFailures: [],
            }),
            ...api,
          },
        ],
      ]}
    >
      <InsightsContent />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );

describe('Insights', () => {
  it('shows adoption and delivery from the GitOps history, each chart with its table', async () => {
    await render({
      getSelfServiceInsights: async weeks => insights(weeks),
      getAdoptionInsights: async weeks => ({
        weeks,
        scope: 'teams',
        history,
        byWeek: [{ week: thisWeek, applications: 9, problems: 1 }],
        newApplications: [
          {
            week: thisWeek,
            type: 'service',
            owner: 'group:default/payments',
            count: 2,
          },
        ],
      }),
      getActivePeople: async weeks => ({
        weeks,
        byWeek: [{ week: thisWeek, people: 4 }],
      }),
      getDeliveryInsights: async weeks => ({
        weeks,
        scope: 'teams',
        history,
        firstEnvironment: 'dev',
        productionEnvironments: ['prod'],
        deployments: [
          { week: thisWeek, environment: 'dev', count: 5 },
          { week: thisWeek, environment: 'prod', count: 2 },
        ],
        leadTime: { releases: 2, p50Hours: 30, p95Hours: 72 },
        recentReleases: [
          {
            application: 'checkout-api',
            version: '1.4.0',
            environment: 'prod',
            deployedAt: '2026-12-01T10:00:00Z',
            leadTimeHours: 72,
          },
        ],
        changeFailures: [{ week: thisWeek, changes: 2, failures: 1 }],
      }),
    });
    const applications = await screen.findByRole('table', {
      name: 'Applications with a manifest, week by week',
    });
    expect(
      within(applications).getByRole('row', { name: `${thisWeek} 9 1` }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('row', { name: /payments service 2/ }),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(/42 commits, read up to/)).length,
    ).toBeGreaterThan(0);
    expect(
      within(
        await screen.findByRole('table', { name: 'Active people per week' }),
      ).getByRole('row', { name: `${thisWeek} 4` }),
    ).toBeInTheDocument();
    const deployments = await screen.findByRole('table', {
      name: 'Deployments per week and environment',
    });
    expect(
      within(deployments).getByRole('row', { name: `${thisWeek} 5 2` }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Half of the 2 releases to prod took up to/),
    ).toHaveTextContent('took up to 30 h; 95% up to 3 days');
    expect(
      screen.getByRole('row', { name: /checkout-api 1.4.0 prod .* 3 days/ }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/1 of 2 changes to prod \(50%\) were followed/),
    ).toBeInTheDocument();
  });

  it('says why there are no adoption or delivery figures when the repository keeps no history', async () => {
    await render({
      getSelfServiceInsights: async weeks => insights(weeks),
      getActivePeople: async () => {
        throw await ResponseError.fromResponse(
          new Response(
            JSON.stringify({
              error: { name: 'NotFoundError', message: 'Not found' },
              response: { statusCode: 404 },
            }),
            { status: 404, headers: { 'Content-Type': 'application/json' } },
          ),
        );
      },
    });
    expect(
      await screen.findByText(/The audit log is not installed in this portal/),
    ).toBeInTheDocument();
    expect(
      (await screen.findAllByText(NO_HISTORY)).length,
    ).toBeGreaterThanOrEqual(2);
    expect(screen.queryByRole('table', { name: /Deployments/ })).toBeNull();
  });

  it('shows runs by action and week in tables beside the chart, the applications restarted most and approval waits', async () => {
    const getSelfServiceInsights = jest.fn(async (weeks: number) =>
      insights(weeks),
    );
    await render({ getSelfServiceInsights });
    const byAction = await screen.findByRole('table', {
      name: 'Runs by action',
    });
    expect(
      within(byAction).getByRole('row', { name: 'Restart 3 1 0 0' }),
    ).toBeInTheDocument();
    expect(
      within(byAction).getByRole('row', { name: 'Promote 0 0 2 0' }),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Runs by team and action' }),
      ).getByRole('row', { name: /payments Restart 4/ }),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Database copies per week' }),
      ).getByRole('row', { name: `${thisWeek} 2 3 0 1` }),
    ).toBeInTheDocument();
    const perWeek = screen.getByRole('table', { name: 'Runs per week' });
    // Every week of the period has a row, also those without runs.
    expect(within(perWeek).getAllByRole('row')).toHaveLength(1 + 12);
    expect(
      within(perWeek).getByRole('row', { name: `${thisWeek} 3 1 2 0` }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Applications restarted most' }),
    ).toHaveTextContent('checkout-api4');
    expect(screen.getByText(/Half of the 2 runs decided/)).toHaveTextContent(
      'waited up to 12 min for an approval or a rejection; 95% up to 2.5 h.',
    );
    expect(screen.getByText(/Your teams' applications/)).toBeInTheDocument();

    fireEvent.mouseDown(screen.getByRole('button', { name: /Last 12 weeks/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Last 4 weeks' }),
    );
    const shorter = await screen.findByRole('table', { name: 'Runs per week' });
    expect(within(shorter).getAllByRole('row')).toHaveLength(1 + 4);
    expect(getSelfServiceInsights.mock.calls.map(call => call[0])).toEqual([
      12, 4,
    ]);
  });

  it('says so when nothing was run, rather than drawing an empty chart', async () => {
    await render({
      getSelfServiceInsights: async weeks => ({
        ...insights(weeks),
        runs: [],
        mostRestarted: [],
        approvalWait: { decided: 0 },
        byTeam: [],
        databaseCopies: [
          { week: thisWeek, alive: 0, made: 0, expired: 0, destroyedEarly: 0 },
        ],
      }),
    });
    expect(
      await screen.findByText(/No runs in this period/),
    ).toBeInTheDocument();
    expect(screen.getByText('No restarts in this period.')).toBeInTheDocument();
    expect(
      screen.getByText('No run was approved or rejected in this period.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No database copy was alive in this period.'),
    ).toBeInTheDocument();
    for (const button of screen.getAllByRole('button', { name: 'Export CSV' }))
      expect(button).toBeDisabled();
  });
});

describe('Insights helpers', () => {
  it('writes CSV that a spreadsheet reads as data, not formulas', () => {
    expect(
      toCsv(
        ['application', 'note'],
        [
          ['component:default/a', 'plain'],
          ['=HYPERLINK("x")', 'a, b'],
          ['@SUM(1)', 'line\nbreak'],
        ],
      ),
    ).toBe(
      'application,note\r\ncomponent:default/a,plain\r\n"\'=HYPERLINK(""x"")","a, b"\r\n\'@SUM(1),"line\nbreak"',
    );
  });

  it('counts each week of the period by outcome, with statuses grouped as a platform team reads them', () => {
    expect(
      weeklyOutcomes(
        [
          {
            week: '2026-11-30',
            action: 'restart',
            status: 'interrupted',
            count: 2,
          },
          {
            week: '2026-11-30',
            action: 'promote',
            status: 'expired',
            count: 1,
          },
          {
            week: '2026-11-30',
            action: 'promote',
            status: 'awaiting-approval',
            count: 1,
          },
          {
            week: '2026-01-05',
            action: 'restart',
            status: 'succeeded',
            count: 9,
          },
        ],
        ['2026-11-23', '2026-11-30'],
      ),
    ).toEqual([
      {
        week: '2026-11-23',
        Succeeded: 0,
        Failed: 0,
        Stopped: 0,
        'Not yet ended': 0,
      },
      {
        week: '2026-11-30',
        Succeeded: 0,
        Failed: 2,
        Stopped: 1,
        'Not yet ended': 1,
      },
    ]);
    expect(lastWeeks(3, new Date('2026-12-06T23:00:00Z'))).toEqual([
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ]);
  });
});
