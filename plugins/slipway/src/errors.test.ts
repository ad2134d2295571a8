import { ResponseError } from '@backstage/errors';
import { messageOf } from './errors';

describe('messageOf', () => {
  it("uses the backend's words, not the HTTP status line", async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'ConflictError',
          message:
            'prod of component:default/x is busy: restart run 1 requested by alice',
        },
        request: { method: 'POST', url: '/runs' },
        response: { statusCode: 409 },
      }),
      {
        status: 409,
        statusText: 'Conflict',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    expect(messageOf(await ResponseError.fromResponse(response))).toBe(
      'prod of component:default/x is busy: restart run 1 requested by alice',
    );
    expect(messageOf(new Error('plain'))).toBe('plain');
  });
});
