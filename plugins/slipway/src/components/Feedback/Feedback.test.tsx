import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, within } from '@testing-library/react';
import { ReactNode } from 'react';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { FeedbackContent } from './FeedbackContent';
import { PlatformNoteHomeContent } from './PlatformNoteHomeContent';

const titles: Partial<SlipwayApi> = {
  listActions: async () => [
    { name: 'restart', title: 'Restart', description: '' },
  ],
  getEnvironments: async () => [
    { name: 'dev', title: 'Development', production: false, order: 0 },
  ],
};

const render = (api: Partial<SlipwayApi>, element: ReactNode) =>
  renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, { ...titles, ...api }]]}>
      {element}
    </TestApiProvider>,
  );

describe('feedback to the platform team', () => {
  it('home card: sends a note, says "sent" only once it is kept, and clears it', async () => {
    const sendPlatformNote = jest.fn(async (text: string) => ({
      id: 'n1',
      author: 'user:default/bob',
      text,
      createdAt: new Date().toISOString(),
    }));
    await render({ sendPlatformNote }, <PlatformNoteHomeContent />);
    const button = screen.getByRole('button', {
      name: 'Send to the platform team',
    });
    expect(button).toBeDisabled();
    const field = screen.getByLabelText(/What should the platform team know/);
    fireEvent.change(field, {
      target: { value: 'Restart for workers, please' },
    });
    fireEvent.click(button);
    expect(
      await screen.findByText(
        'Sent. The platform team reads it on Platform → Feedback.',
      ),
    ).toBeInTheDocument();
    expect(sendPlatformNote).toHaveBeenCalledWith(
      'Restart for workers, please',
    );
    expect(field).toHaveValue('');
  });

  it('home card: a refusal keeps the text and says why', async () => {
    await render(
      {
        sendPlatformNote: async () => {
          throw new Error(
            'The note is empty: write what the platform team should know',
          );
        },
      },
      <PlatformNoteHomeContent />,
    );
    const field = screen.getByLabelText(/What should the platform team know/);
    fireEvent.change(field, { target: { value: 'x' } });
    fireEvent.click(
      screen.getByRole('button', { name: 'Send to the platform team' }),
    );
    expect(
      await screen.findByText(/^Not sent: The note is empty/),
    ).toBeInTheDocument();
    expect(field).toHaveValue('x');
    expect(screen.queryByText(/^Sent\./)).toBeNull();
  });

  it('Platform → Feedback: ratings by action in words, comments and notes, for the period chosen', async () => {
    const getPlatformFeedback = jest.fn(async (days: number) => ({
      days,
      ratings: [{ action: 'restart', helpful: 3, notHelpful: 1 }],
      byWeek: [{ week: '2026-11-30', helpful: 3, notHelpful: 1, notes: 1 }],
      comments: [
        {
          runId: 'r1',
          action: 'restart',
          entityRef: 'component:default/checkout-api',
          environment: 'dev',
          requester: 'user:default/alice',
          helpful: false,
          comment: 'It took 5 minutes',
          at: new Date().toISOString(),
        },
      ],
      notes: [
        {
          id: 'n1',
          author: 'user:default/bob',
          text: 'Restart for workers, please',
          createdAt: new Date().toISOString(),
        },
      ],
    }));
    await render({ getPlatformFeedback }, <FeedbackContent />);
    const ratings = await screen.findByRole('table', {
      name: 'Ratings by action',
    });
    expect(
      within(ratings).getByRole('row', { name: 'Restart 3 1' }),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('table', { name: 'Feedback per week' }),
      ).getByRole('row', { name: '2026-11-30 3 1 1' }),
    ).toBeInTheDocument();
    const comments = screen.getByRole('list', {
      name: 'Comments with the ratings',
    });
    expect(comments).toHaveTextContent('Not helpful: “It took 5 minutes”');
    expect(comments).toHaveTextContent(/Restart of .* in Development, by/);
    expect(
      screen.getByRole('list', { name: 'Notes to the platform team' }),
    ).toHaveTextContent('Restart for workers, please');
    expect(getPlatformFeedback).toHaveBeenLastCalledWith(90);

    fireEvent.mouseDown(screen.getByRole('button', { name: /Last 90 days/ }));
    fireEvent.click(await screen.findByRole('option', { name: 'Last year' }));
    await screen.findByRole('table', { name: 'Ratings by action' });
    expect(getPlatformFeedback).toHaveBeenLastCalledWith(365);
  });

  it('Platform → Feedback: someone who may not read it is told who does', async () => {
    await render(
      {
        getPlatformFeedback: async () => {
          throw await ResponseError.fromResponse(
            new Response(
              JSON.stringify({
                error: {
                  name: 'NotAllowedError',
                  message:
                    "Only the platform team reads developers' feedback: the permission policy decides who may (permission slipway.feedback.read)",
                },
                response: { statusCode: 403 },
              }),
              { status: 403, headers: { 'Content-Type': 'application/json' } },
            ),
          );
        },
      },
      <FeedbackContent />,
    );
    expect(
      await screen.findByText(
        /^Only the platform team reads developers' feedback/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
