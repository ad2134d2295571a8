import { render, screen } from '@testing-library/react';
import app from './App';

describe('App', () => {
  it('offers the demo people on the sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: {
              title: 'Test',
              signIn: {
                providers: ['demo'],
                demoUsers: [
                  { name: 'alice', title: 'Alice Andersen' },
                  { name: 'bob', title: 'Bob Berg', description: 'Storefront' },
                ],
              },
            },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(app.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Sign in as Alice Andersen' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Sign in as Bob Berg' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Storefront')).toBeInTheDocument();
  });
});
