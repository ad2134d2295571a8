import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import { NewsItem } from '@slipway/backstage-plugin-slipway-common';
import { ResponseError } from '@backstage/errors';
import { ReactNode } from 'react';
import { SlipwayApi, slipwayApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { NewsContent } from './NewsContent';
import { PlatformNewsHomeContent } from './PlatformNewsHomeContent';

const item = (overrides: Partial<NewsItem> = {}): NewsItem => ({
  id: '11111111-2222-4333-8444-555555555555',
  title: 'Database copies are here',
  body: 'Ask for a **masked** copy on the Platform tab.',
  author: 'user:default/carol',
  publishedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  ...overrides,
});

const render = (api: Partial<SlipwayApi>, element: ReactNode) =>
  renderInTestApp(
    <TestApiProvider apis={[[slipwayApiRef, api]]}>{element}</TestApiProvider>,
    { mountedRoutes: { '/slipway': rootRouteRef } },
  );

describe('platform news', () => {
  it('renders an item’s Markdown without running a script pasted into it, and offers no form to a reader', async () => {
    const { container } = await render(
      {
        listNews: async () => ({
          items: [
            item({
              body: 'Hello <script>window.pwned = true</script><img src="x" onerror="window.pwned = true"> **world**',
              link: 'https://docs.example.com/copies',
            }),
          ],
          canPublish: false,
        }),
      },
      <NewsContent />,
    );
    const article = await screen.findByRole('article', {
      name: 'Database copies are here',
    });
    expect(within(article).getByText('world').tagName).toBe('STRONG');
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('[onerror]')).toBeNull();
    expect((window as any).pwned).toBeUndefined();
    expect(within(article).getByText('3 days ago')).toBeInTheDocument();
    expect(
      within(article).getByRole('link', { name: /^Read more/ }),
    ).toHaveAttribute('href', 'https://docs.example.com/copies');
    expect(screen.queryByRole('button', { name: /publish/i })).toBeNull();
  });

  it('publishes for someone allowed, says everyone was notified only when they were, and lists the item', async () => {
    const published = item({ title: 'Restarts need a reason' });
    let items: NewsItem[] = [];
    const publishNews = jest.fn(async () => {
      items = [published];
      return { item: published, notified: false };
    });
    await render(
      {
        listNews: async () => ({ items, canPublish: true }),
        publishNews,
      },
      <NewsContent />,
    );
    expect(
      await screen.findByText(/No platform news yet: what you publish above/),
    ).toBeInTheDocument();
    const button = screen.getByRole('button', {
      name: 'Publish and notify everyone',
    });
    expect(button).toBeDisabled();
    fireEvent.change(screen.getByLabelText(/Title/), {
      target: { value: 'Restarts need a reason' },
    });
    fireEvent.change(screen.getByLabelText(/Text \(Markdown\)/), {
      target: { value: 'From today.' },
    });
    fireEvent.click(button);
    expect(
      await screen.findByText(
        /Published “Restarts need a reason”, but the portal could not send the notification/,
      ),
    ).toBeInTheDocument();
    expect(publishNews).toHaveBeenCalledWith({
      title: 'Restarts need a reason',
      body: 'From today.',
    });
    expect(
      await screen.findByRole('article', { name: 'Restarts need a reason' }),
    ).toBeInTheDocument();
  });

  it('keeps what was typed when publishing is refused, and says why', async () => {
    await render(
      {
        listNews: async () => ({ items: [], canPublish: true }),
        publishNews: async () => {
          throw await ResponseError.fromResponse(
            new Response(
              JSON.stringify({
                error: {
                  name: 'InputError',
                  message:
                    'The link must be a web address (https://…) or a path in the portal (/docs/…); "javascript:x" is neither',
                },
                response: { statusCode: 400 },
              }),
              {
                status: 400,
                headers: { 'Content-Type': 'application/json' },
              },
            ),
          );
        },
      },
      <NewsContent />,
    );
    fireEvent.change(await screen.findByLabelText(/Title/), {
      target: { value: 'Hello' },
    });
    fireEvent.change(screen.getByLabelText(/Text \(Markdown\)/), {
      target: { value: 'Hi' },
    });
    fireEvent.change(screen.getByLabelText(/Link/), {
      // A script link, which the backend refuses.
      // eslint-disable-next-line no-script-url
      target: { value: 'javascript:x' },
    });
    fireEvent.click(
      screen.getByRole('button', { name: 'Publish and notify everyone' }),
    );
    expect(
      await screen.findByText(/Not published: The link must be a web address/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Not published: The link must be a web address/)
        .textContent,
    ).not.toMatch(/Request failed/);
    expect(screen.getByLabelText(/Title/)).toHaveValue('Hello');
  });

  it('home card: the latest titles, each linked to itself on Platform → News', async () => {
    await render(
      {
        listNews: async () => ({ items: [item()], canPublish: false }),
      },
      <PlatformNewsHomeContent />,
    );
    const list = await screen.findByRole('list', {
      name: 'Latest platform news',
    });
    expect(
      within(list).getByRole('link', { name: 'Database copies are here' }),
    ).toHaveAttribute(
      'href',
      '/slipway/news#news-11111111-2222-4333-8444-555555555555',
    );
    expect(
      screen.getByRole('link', { name: 'All platform news' }),
    ).toHaveAttribute('href', '/slipway/news');
  });
});
