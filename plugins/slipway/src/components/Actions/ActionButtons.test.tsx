import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ActionAvailability,
  Run,
} from '@slipway/backstage-plugin-slipway-common';
import { checkoutEnvironments } from '../../__testUtils__/fixtures';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { ActionButtons } from './ActionButtons';

const availability = (
  overrides: Partial<ActionAvailability>,
): ActionAvailability => ({
  action: 'promote',
  title: 'Promote',
  description: 'Deploy here the version the previous environment runs.',
  environment: 'prod',
  allowed: true,
  confirm: true,
  parameters: {
    type: 'object',
    properties: {
      force: { type: 'boolean', description: 'Promote even if unhealthy' },
      dryRun: { type: 'boolean', advanced: true },
    },
  },
  ...overrides,
});

const run: Run = {
  id: '11111111-2222-4333-8444-555555555555',
  action: 'promote',
  entityRef: 'component:default/checkout-api',
  environment: 'prod',
  parameters: {},
  requester: 'user:default/alice',
  status: 'succeeded',
  createdAt: '2026-11-20T10:00:00Z',
  attempts: 1,
  cancelRequested: false,
  result: {
    summary: 'Promoted to prod: 1.4.2',
    links: [{ title: 'Commit', url: 'https://git.example.com/c/1' }],
  },
};

function renderButtons(
  api: Partial<SlipwayApi>,
  actions: ActionAvailability[],
  environment = checkoutEnvironments.environments[2],
) {
  const prod = environment;
  return renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api]]}>
      <ActionButtons
        actions={actions}
        application={{
          entityRef: 'component:default/checkout-api',
          name: 'checkout-api',
        }}
        environment={prod}
        environments={checkoutEnvironments.environments}
      />
    </TestApiProvider>,
  );
}

describe('ActionButtons', () => {
  it('disables an action the viewer may not run, and says why', async () => {
    await renderButtons({}, [
      availability({
        action: 'restart',
        title: 'Restart',
        allowed: false,
        reason: 'Restart is not set up for Production',
      }),
    ]);
    const button = screen.getByRole('button', {
      name: 'Restart in Production',
    });
    // aria-disabled, not disabled: it stays focusable so a keyboard or a tap can ask why.
    expect(button).toHaveAttribute('aria-disabled', 'true');
    fireEvent.mouseOver(button);
    expect(
      await screen.findByText('Restart is not set up for Production'),
    ).toBeInTheDocument();
  });

  it('offers Pause where the environment runs and Resume where it is paused, not both', async () => {
    const [dev] = checkoutEnvironments.environments;
    const toggle = [
      availability({ action: 'pause', title: 'Pause', environment: 'dev' }),
      availability({ action: 'resume', title: 'Resume', environment: 'dev' }),
    ];
    const names = () =>
      screen.getAllByRole('button').map(b => b.getAttribute('aria-label'));
    const running = await renderButtons({}, toggle, dev);
    expect(names()).toEqual(['Pause in Development']);
    running.unmount();
    await renderButtons({}, toggle, {
      ...dev,
      desired: { version: '1.4.2', replicas: 2 },
      // Paused by the Kubernetes executor: the manifest still declares 2 replicas.
      paused: { since: '2026-12-05T20:00:00Z', replicas: 2 },
    });
    expect(names()).toEqual(['Resume in Development']);
  });

  it('shows the reason on a tap too, with the technical detail one step further', async () => {
    await renderButtons({}, [
      availability({
        action: 'restart',
        title: 'Restart',
        allowed: false,
        reason:
          'Restart is not set up for Production: the platform team has not connected it to anything here yet.',
        detail:
          'No executor is configured (slipway.environments[2].actions.restart.executor)',
      }),
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Restart in Production' }),
    );
    const why = await screen.findByRole('note', { name: 'Why not' });
    // The click explains; it does not open the action's dialog.
    expect(screen.queryByRole('dialog', { name: /Restart/ })).toBeNull();
    expect(why).toHaveTextContent(
      'the platform team has not connected it to anything here yet',
    );
    // The configuration key is there for those who open the detail, not in the reason.
    expect(screen.getByText('Technical detail')).toBeInTheDocument();
    expect(
      screen.getByText(/slipway\.environments\[2\]/).closest('details'),
    ).not.toHaveAttribute('open');
  });

  it('asks for the name in production, runs once, and shows the run to its end', async () => {
    const createRun = jest
      .fn()
      .mockResolvedValue({ ...run, status: 'pending' });
    const getRunLog = jest.fn().mockResolvedValue({
      run,
      lines: [
        {
          id: 1,
          at: '2026-11-20T10:00:01Z',
          level: 'info',
          message:
            'apps/checkout-api.yaml: spec.environments.prod.version → 1.4.2',
        },
      ],
    });
    await renderButtons({ createRun, getRunLog }, [availability({})]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Promote in Production' }),
    );

    expect(screen.getByText(/the version of Staging/)).toBeInTheDocument();
    expect(
      screen.getByLabelText('Promote even if unhealthy'),
    ).toBeInTheDocument();
    expect(screen.queryByText('dryRun')).not.toBeInTheDocument();
    const submit = screen.getByRole('button', { name: 'Promote' });
    expect(submit).toBeDisabled();
    await userEvent.type(
      screen.getByLabelText('Confirm the application name'),
      'checkout-ap',
    );
    expect(submit).toBeDisabled();
    await userEvent.type(
      screen.getByLabelText('Confirm the application name'),
      'i',
    );
    expect(submit).toBeEnabled();
    await userEvent.click(screen.getByLabelText('Promote even if unhealthy'));
    await userEvent.click(submit);

    expect(createRun).toHaveBeenCalledTimes(1);
    expect(createRun).toHaveBeenCalledWith({
      action: 'promote',
      entityRef: 'component:default/checkout-api',
      environment: 'prod',
      parameters: { force: true },
      idempotencyKey: expect.any(String),
    });
    expect(
      await screen.findByText(/spec\.environments\.prod\.version → 1\.4\.2/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Promoted to prod: 1\.4\.2/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /^Commit/ })).toHaveAttribute(
      'href',
      'https://git.example.com/c/1',
    );
  });

  it("shows the backend's reason when a run is refused", async () => {
    const refusal = Object.assign(
      new Error('Request failed with 409 Conflict'),
      {
        name: 'ResponseError',
      },
    );
    const createRun = jest.fn().mockRejectedValue(refusal);
    await renderButtons({ createRun }, [availability({ confirm: false })]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Promote in Production' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Promote' }));
    await waitFor(() =>
      expect(
        screen.getByText('Request failed with 409 Conflict'),
      ).toBeInTheDocument(),
    );
  });

  it('offers no preview where the executor cannot show one', async () => {
    await renderButtons({}, [availability({ previewable: false })]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Promote in Production' }),
    );
    expect(await screen.findByRole('dialog')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Preview the change' }),
    ).toBeNull();
  });

  it('previews a promote as a read, without making a run', async () => {
    const createRun = jest.fn();
    const previewRun = jest.fn().mockResolvedValue({
      action: 'promote',
      entityRef: 'component:default/checkout-api',
      environment: 'prod',
      parameters: { from: 'staging', version: '1.4.2' },
      summary: 'Production would go to 1.4.2 (the version of staging)',
      output: {
        status: 'dry-run',
        diff: '-    prod: { version: 1.4.1 }\n+    prod: { version: 1.4.2 }',
      },
    });
    await renderButtons({ createRun, previewRun }, [
      availability({ previewable: true }),
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Promote in Production' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview the change' }),
    );
    expect(
      await screen.findByText(
        'Production would go to 1.4.2 (the version of staging)',
      ),
    ).toBeInTheDocument();
    // (whitespace is collapsed in the text content)
    expect(screen.getByLabelText('Manifest diff')).toHaveTextContent(
      '+ prod: { version: 1.4.2 }',
    );
    expect(previewRun).toHaveBeenCalledWith({
      action: 'promote',
      entityRef: 'component:default/checkout-api',
      environment: 'prod',
      parameters: {},
    });
    expect(createRun).not.toHaveBeenCalled();
  });

  it('starts each checkbox as the run would take it, and sends what it shows', async () => {
    const createRun = jest
      .fn()
      .mockResolvedValue({ ...run, action: 'db-copy', status: 'pending' });
    const getRunLog = jest.fn().mockResolvedValue({ run, lines: [] });
    const copy = (masking: Record<string, unknown>) =>
      availability({
        action: 'db-copy',
        title: 'Copy production database',
        confirm: false,
        parameters: {
          type: 'object',
          properties: {
            masking: {
              type: 'boolean',
              description: 'Run the masking script',
              ...masking,
            },
          },
        },
      });
    const { unmount } = await renderButtons({ createRun, getRunLog }, [
      copy({ default: true }),
    ]);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Copy production database in Production',
      }),
    );
    const masking = screen.getByLabelText('Run the masking script');
    expect(masking).toBeChecked();
    await userEvent.click(masking);
    await userEvent.click(
      screen.getByRole('button', { name: 'Copy production database' }),
    );
    expect(createRun).toHaveBeenCalledWith(
      expect.objectContaining({ parameters: { masking: false } }),
    );
    unmount();

    // Required masking is shown, checked, and cannot be unchecked.
    await renderButtons({ createRun, getRunLog }, [
      copy({ default: true, readOnly: true }),
    ]);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Copy production database in Production',
      }),
    );
    expect(screen.getByLabelText('Run the masking script')).toBeChecked();
    expect(screen.getByLabelText('Run the masking script')).toBeDisabled();
  });

  it('points to the run in the way when the environment is busy, and offers to cancel it', async () => {
    const busy = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'ConflictError',
            message:
              'Production of Checkout API is busy: a restart that bob requested 2 minutes ago is running.',
          },
        }),
        { status: 409, headers: { 'Content-Type': 'application/json' } },
      ),
    );
    const blocking = {
      ...run,
      id: 'b10c4e00-0000-4000-8000-000000000000',
      action: 'restart',
      status: 'running' as const,
    };
    const cancelRun = jest.fn().mockResolvedValue(blocking);
    await renderButtons(
      {
        createRun: jest.fn().mockRejectedValue(busy),
        listRuns: jest.fn().mockResolvedValue({ items: [blocking] }),
        cancelRun,
      },
      [availability({ confirm: false })],
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Promote in Production' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Promote' }));
    expect(
      await screen.findByText(/is busy: a restart that bob requested/),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('link', { name: 'Open the restart in the way' }),
    ).toHaveAttribute('href', `/?run=${blocking.id}`);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel it' }));
    expect(cancelRun).toHaveBeenCalledWith(blocking.id);
    expect(
      await screen.findByText(
        'Cancel requested: try again once it has stopped.',
      ),
    ).toBeInTheDocument();
  });
});
