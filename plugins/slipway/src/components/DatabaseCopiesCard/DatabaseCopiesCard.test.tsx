import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  DatabaseCopy,
  DatabaseCopyApi,
  databaseCopyApiRef,
} from '../../api/DatabaseCopyClient';
import { DatabaseCopiesCard } from './DatabaseCopiesCard';

const hour = 3600_000;
const copy = (overrides: Partial<DatabaseCopy>): DatabaseCopy => ({
  id: '11111111-2222-4333-8444-555555555555',
  runId: '11111111-2222-4333-8444-555555555555',
  entityRef: 'component:default/checkout-api',
  environment: 'dev',
  sourceEnvironment: 'prod',
  component: 'checkout-db',
  sourceDatabase: 'checkout',
  database: 'checkout_api_checkout_db_copy_11111111',
  requester: 'user:default/alice',
  status: 'ready',
  masked: true,
  createdAt: new Date(Date.now() - hour).toISOString(),
  expiresAt: new Date(Date.now() + 7 * hour).toISOString(),
  maxExpiresAt: new Date(Date.now() + 71 * hour).toISOString(),
  mine: true,
  canManage: true,
  ...overrides,
});

function render(
  api: Partial<DatabaseCopyApi>,
  environments?: { name: string; title: string }[],
  canCopy = true,
) {
  return renderInTestApp(
    <TestApiProvider apis={[[databaseCopyApiRef, api]]}>
      <DatabaseCopiesCard
        application={{ namespace: 'default', name: 'checkout-api' }}
        environments={environments}
        canCopy={canCopy}
      />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('DatabaseCopiesCard', () => {
  it('lists copies with their expiry, and shows my copy’s connection details only on request', async () => {
    const getDatabaseCopyConnection = jest.fn().mockResolvedValue({
      host: '127.0.0.1',
      port: 5432,
      database: 'checkout_api_checkout_db_copy_11111111',
      user: 'checkout_api_checkout_db_copy_11111111',
      password: 'generated-password-0123456789abc',
      sslmode: 'disable',
      url: 'postgresql://u:generated-password-0123456789abc@127.0.0.1:5432/d',
      expiresAt: new Date(Date.now() + 7 * hour).toISOString(),
    });
    await render({
      listDatabaseCopies: async () => [
        copy({}),
        copy({
          id: '22222222-2222-4333-8444-555555555555',
          database: 'checkout_api_checkout_db_copy_22222222',
          requester: 'user:default/dave',
          mine: false,
          canManage: false,
          masked: false,
        }),
      ],
      getDatabaseCopyConnection,
    });
    expect(
      await screen.findByText('checkout_api_checkout_db_copy_11111111'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('checkout-db from prod into dev, not masked'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/^in [67] hours$/)).toHaveLength(2);
    // Only my copy has connection details, and only mine can be extended or destroyed here.
    expect(
      screen.getAllByRole('button', { name: 'Connection details' }),
    ).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: 'Destroy' })).toHaveLength(1);
    expect(screen.queryByText(/generated-password/)).not.toBeInTheDocument();
    expect(getDatabaseCopyConnection).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Connection details' }),
    );
    expect(
      await screen.findByText('generated-password-0123456789abc'),
    ).toBeInTheDocument();
    expect(getDatabaseCopyConnection).toHaveBeenCalledWith(
      '11111111-2222-4333-8444-555555555555',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(
        screen.queryByText('generated-password-0123456789abc'),
      ).not.toBeInTheDocument(),
    );
  });

  it('extends a copy and shows the backend’s refusal in its words', async () => {
    const extendDatabaseCopy = jest
      .fn()
      .mockRejectedValueOnce(
        new Error(
          'ttlHours: the copy may live until … at most, so at most 71 more hours',
        ),
      )
      .mockResolvedValueOnce(copy({}));
    const listDatabaseCopies = jest.fn().mockResolvedValue([copy({})]);
    await render({ listDatabaseCopies, extendDatabaseCopy });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Extend' }),
    );
    const hours = screen.getByLabelText('Hours from now');
    await userEvent.clear(hours);
    await userEvent.type(hours, '500');
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Extend',
      }),
    );
    expect(
      await screen.findByText(
        'ttlHours: the copy may live until … at most, so at most 71 more hours',
      ),
    ).toBeInTheDocument();
    await userEvent.clear(hours);
    await userEvent.type(hours, '12');
    await userEvent.click(
      within(screen.getByRole('dialog')).getByRole('button', {
        name: 'Extend',
      }),
    );
    await waitFor(() => expect(listDatabaseCopies).toHaveBeenCalledTimes(2));
    expect(extendDatabaseCopy).toHaveBeenLastCalledWith(
      '11111111-2222-4333-8444-555555555555',
      12,
    );
  });

  it('destroys after confirmation', async () => {
    const destroyDatabaseCopy = jest
      .fn()
      .mockResolvedValue(copy({ status: 'dropped' }));
    const listDatabaseCopies = jest
      .fn()
      .mockResolvedValueOnce([copy({})])
      .mockResolvedValueOnce([]);
    jest.spyOn(window, 'confirm').mockReturnValue(true);
    await render({ listDatabaseCopies, destroyDatabaseCopy });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Destroy' }),
    );
    expect(destroyDatabaseCopy).toHaveBeenCalledWith(
      '11111111-2222-4333-8444-555555555555',
    );
    expect(await screen.findByText(/No database copies/)).toBeInTheDocument();
  });

  it('invites only those who may make a copy to make one', async () => {
    await render({ listDatabaseCopies: async () => [] }, undefined, false);
    expect(await screen.findByText('No database copies.')).toBeInTheDocument();
    expect(screen.queryByText(/Copy production database/)).toBeNull();
  });

  it('says when a live copy expires and when a dropped one was dropped, with a link to the run that made each', async () => {
    await render(
      {
        listDatabaseCopies: async () => [
          copy({ expiresAt: new Date(Date.now() + 3 * hour).toISOString() }),
          copy({
            id: '33333333-2222-4333-8444-555555555555',
            runId: '33333333-aaaa-4333-8444-555555555555',
            database: 'checkout_api_checkout_db_copy_33333333',
            status: 'dropped',
            expiresAt: new Date(Date.now() + 5 * hour).toISOString(),
            droppedAt: new Date(Date.now() - 48 * hour).toISOString(),
            mine: false,
            canManage: false,
          }),
        ],
      },
      [
        { name: 'dev', title: 'Development' },
        { name: 'prod', title: 'Production' },
      ],
    );
    const [live, dropped] = within(
      await screen.findByRole('list', { name: 'Database copies' }),
    ).getAllByRole('listitem');

    // A live copy's end is ahead of it; a dropped copy's is behind it, and it is not offered anything any more.
    expect(live).toHaveTextContent(/Ready, expires in (3|2) hours/);
    expect(live).toHaveTextContent(
      'checkout-db from Production into Development, masked',
    );
    expect(dropped).toHaveTextContent('Dropped 2 days ago');
    expect(dropped).not.toHaveTextContent(/expires|in 5 hours/);
    expect(within(dropped).queryByRole('button')).not.toBeInTheDocument();

    // Each copy has the address of the run that made it: the Platform tab opens it (`?run=`).
    expect(
      within(dropped).getByRole('link', {
        name: 'The run that made checkout_api_checkout_db_copy_33333333',
      }),
    ).toHaveAttribute('href', '/?run=33333333-aaaa-4333-8444-555555555555');
    expect(within(live).getByRole('link', { name: /run/ })).toHaveAttribute(
      'href',
      '/?run=11111111-2222-4333-8444-555555555555',
    );
  });
});
