import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import {
  checkoutEnvironments,
  environment,
} from '../../__testUtils__/fixtures';
import { actAsPhone } from '../../__testUtils__/viewport';
import { EnvironmentsTable } from './EnvironmentsTable';

describe('EnvironmentsTable', () => {
  it('shows desired and running versions, drift, sync, health and links per environment', async () => {
    await renderInTestApp(
      <EnvironmentsTable environments={checkoutEnvironments.environments} />,
    );

    const dev = within(screen.getByTestId('environment-dev'));
    expect(dev.getByText('Development')).toBeInTheDocument();
    expect(dev.getByText('1.4.2')).toBeInTheDocument();
    expect(dev.getByText('1.4.1 (drift)')).toHaveAttribute(
      'title',
      'The manifest wants 1.4.2',
    );
    expect(dev.getByText('OutOfSync')).toBeInTheDocument();
    expect(dev.getByText('Progressing')).toBeInTheDocument();
    expect(dev.getByRole('link', { name: /^Logs/ })).toHaveAttribute(
      'href',
      'https://logs.example.com/?q=checkout-api',
    );

    const staging = within(screen.getByTestId('environment-staging'));
    expect(staging.getByText('Not deployed')).toBeInTheDocument();

    const prod = within(screen.getByTestId('environment-prod'));
    expect(prod.getByText('production')).toBeInTheDocument();
    expect(prod.getByText('1.3.9 × 3')).toBeInTheDocument();
    expect(prod.getByText('Unknown')).toBeInTheDocument();
    expect(
      prod.getByText('Argo CD (main) did not answer within 2500 ms'),
    ).toBeInTheDocument();
    expect(prod.getByRole('link', { name: /^Argo CD/ })).toBeInTheDocument();
  });

  it('says since when an environment is paused and what Resume brings back', async () => {
    const since = new Date(Date.now() - 3 * 3600_000).toISOString();
    await renderInTestApp(
      <EnvironmentsTable
        environments={[
          environment({
            name: 'dev',
            title: 'Development',
            desired: {
              version: '1.4.2',
              replicas: 0,
              paused: { since, replicas: 2 },
            },
            paused: { since, replicas: 2 },
          }),
        ]}
      />,
    );
    const dev = within(screen.getByTestId('environment-dev'));
    expect(dev.getByText(/^Paused/).textContent).toBe(
      'Paused 3 hours ago; Resume brings back 2 replicas',
    );
    expect(dev.queryByText(/× 0/)).not.toBeInTheDocument();
  });

  it('shows a pause recorded on the workload (Kubernetes executor) though the manifest declares replicas', async () => {
    const since = new Date(Date.now() - 3600_000).toISOString();
    await renderInTestApp(
      <EnvironmentsTable
        environments={[
          environment({
            name: 'dev',
            title: 'Development',
            desired: { version: '1.4.2', replicas: 3 },
            paused: { since, replicas: 3 },
          }),
        ]}
      />,
    );
    const dev = within(screen.getByTestId('environment-dev'));
    expect(dev.getByText(/^Paused/).textContent).toBe(
      'Paused 1 hour ago; Resume brings back 3 replicas',
    );
    expect(dev.queryByText(/× 3/)).not.toBeInTheDocument();
  });

  it('says when the pause schedule resumes an environment', async () => {
    const hours = (n: number) =>
      new Date(Date.now() + n * 3600_000).toISOString();
    await renderInTestApp(
      <EnvironmentsTable
        environments={[
          environment({
            name: 'dev',
            title: 'Development',
            desired: {
              version: '1.4.2',
              replicas: 0,
              paused: { since: hours(-2.5), until: hours(9.5) },
            },
            paused: { since: hours(-2.5), until: hours(9.5) },
          }),
        ]}
      />,
    );
    expect(
      within(screen.getByTestId('environment-dev')).getByText(/^Paused/)
        .textContent,
    ).toBe('Paused 2 hours ago, resumes in 9 hours');
  });

  it('says once why the live state is unknown everywhere', async () => {
    const reason = (title: string, i: number) =>
      `No Argo CD is configured for ${title} (slipway.environments[${i}].argocd)`;
    await renderInTestApp(
      <EnvironmentsTable
        environments={['Development', 'Production'].map((title, i) =>
          environment({
            name: title.toLowerCase(),
            title,
            live: {
              state: 'unknown',
              connected: false,
              reason: reason(title, i),
            },
          }),
        )}
      />,
    );
    // Not connected is a setup choice, not an alarm: a neutral status, no "Unknown" warning.
    expect(screen.getAllByText('Not connected')).toHaveLength(2);
    expect(screen.queryByText('Unknown')).not.toBeInTheDocument();
    // Said once, in words; the configuration key is there for platform engineers, not in the sentence.
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Argo CD is not connected to this portal, so each environment shows the version its manifest wants, not what is running.',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'For platform engineers: set slipway.environments[].argocd',
    );
    expect(screen.queryByText(reason('Production', 1))).not.toBeInTheDocument();
  });

  describe('on a phone', () => {
    let restore: () => void;
    beforeEach(() => {
      restore = actAsPhone();
    });
    afterEach(() => restore());

    it('shows one card per environment, titled with it, with its versions, state, links and buttons', async () => {
      await renderInTestApp(
        <EnvironmentsTable
          environments={checkoutEnvironments.environments}
          actions={env => <button>Promote in {env.title}</button>}
        />,
      );

      // Nothing to scroll sideways: no table, a list of cards.
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
      const cards = within(
        screen.getByRole('list', { name: 'Environments' }),
      ).getAllByRole('listitem');
      expect(cards).toHaveLength(3);

      const dev = within(screen.getByRole('region', { name: 'Development' }));
      expect(dev.getByText('Manifest wants')).toBeInTheDocument();
      expect(dev.getByText('1.4.2')).toBeInTheDocument();
      expect(dev.getByText('1.4.1 (drift)')).toBeInTheDocument();
      expect(dev.getByText('Progressing')).toBeInTheDocument();
      expect(dev.getByText('OutOfSync')).toBeInTheDocument();
      expect(dev.getByRole('link', { name: /^Logs/ })).toHaveAttribute(
        'href',
        'https://logs.example.com/?q=checkout-api',
      );
      // Each environment's buttons sit in its own card.
      expect(
        dev.getByRole('button', { name: 'Promote in Development' }),
      ).toBeInTheDocument();

      const prod = within(screen.getByRole('region', { name: /^Production/ }));
      expect(prod.getByText('production')).toBeInTheDocument();
      expect(prod.getByText('1.3.9 × 3')).toBeInTheDocument();
      expect(
        prod.getByText('Argo CD (main) did not answer within 2500 ms'),
      ).toBeInTheDocument();
      expect(
        prod.getByRole('button', { name: 'Promote in Production' }),
      ).toBeInTheDocument();
      expect(
        prod.queryByRole('button', { name: 'Promote in Development' }),
      ).not.toBeInTheDocument();
    });
  });
});
