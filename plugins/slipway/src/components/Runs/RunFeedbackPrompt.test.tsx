import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Run } from '@slipway/backstage-plugin-slipway-common';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { RunFeedbackPrompt } from './RunFeedbackPrompt';

const run: Run = {
  id: '11111111-2222-4333-8444-555555555555',
  action: 'restart',
  entityRef: 'component:default/checkout-api',
  environment: 'dev',
  parameters: {},
  requester: 'user:default/alice',
  status: 'succeeded',
  createdAt: '2026-12-05T10:00:00Z',
  attempts: 1,
  cancelRequested: false,
  result: { summary: 'Restarted' },
};

function render(api: Partial<SlipwayApi>, viewer: string, shown = run) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [slipwayApiRef, api],
        [identityApiRef, mockApis.identity({ userEntityRef: viewer })],
      ]}
    >
      <RunFeedbackPrompt run={shown} />
    </TestApiProvider>,
  );
}

describe('RunFeedbackPrompt', () => {
  it('asks the requester, sends the rating with the comment, and thanks only once it is kept', async () => {
    let keep: (value: Run) => void = () => {};
    const rateRun = jest.fn(
      () => new Promise<Run>(resolve => (keep = resolve)),
    );
    await render({ rateRun }, 'user:default/alice');
    await userEvent.type(
      await screen.findByRole('textbox', { name: /What could be better/ }),
      'It took five minutes',
    );
    await userEvent.click(screen.getByRole('button', { name: 'No' }));
    expect(rateRun).toHaveBeenCalledWith(run.id, {
      helpful: false,
      comment: 'It took five minutes',
    });
    // Not yet kept: no thanks, and the buttons wait.
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'No' })).toBeDisabled();
    keep({
      ...run,
      feedback: {
        helpful: false,
        comment: 'It took five minutes',
        at: '2026-12-05T10:01:00Z',
      },
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'You rated this run not helpful: “It took five minutes”. The platform team sees it.',
    );
  });

  it('says what went wrong when the rating is refused, and keeps the form', async () => {
    const rateRun = jest.fn(async () => {
      throw new Error('The run is running: rate it once it has ended');
    });
    await render({ rateRun }, 'user:default/alice');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Yes, it helped' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'rate it once it has ended',
    );
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows an earlier rating, which can be changed', async () => {
    await render({}, 'user:default/alice', {
      ...run,
      feedback: { helpful: true, at: '2026-12-05T10:01:00Z' },
    });
    expect(await screen.findByRole('status')).toHaveTextContent(
      'You rated this run helpful.',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Change' }));
    expect(
      screen.getByRole('button', { name: 'Yes, it helped' }),
    ).toBeInTheDocument();
  });

  it('asks nobody but the requester', async () => {
    const { container } = await render({}, 'user:default/dave');
    expect(container).toBeEmptyDOMElement();
  });
});
