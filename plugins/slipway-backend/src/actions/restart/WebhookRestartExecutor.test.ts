import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { executionContext } from '../../__testUtils__/executionContext';
import { WebhookRestartExecutor } from './WebhookRestartExecutor';

const SECRET = 'webhook-secret-canary-0123456789';

/** A receiver as docs/actions.md tells teams to write one: check the signature and the timestamp, then accept. */
function receiver(
  handle: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => handle(req, body, res));
  });
  return new Promise(resolve =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${
          (server.address() as AddressInfo).port
        }/hooks/restart?token=abc`,
      }),
    ),
  );
}

function verify(
  req: IncomingMessage,
  body: string,
  secret: string,
): string | undefined {
  const timestamp = String(req.headers['x-slipway-timestamp']);
  const signature = Buffer.from(String(req.headers['x-slipway-signature']));
  const expected = Buffer.from(
    `sha256=${createHmac('sha256', secret)
      .update(`${timestamp}.${body}`)
      .digest('hex')}`,
  );
  if (
    signature.length !== expected.length ||
    !timingSafeEqual(signature, expected)
  )
    return 'bad signature';
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 'too old';
  return undefined;
}

describe('WebhookRestartExecutor', () => {
  const executor = new WebhookRestartExecutor();
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('posts a signed description of the run that a receiver can verify', async () => {
    let received: any;
    const started = await receiver((req, body, res) => {
      const problem = verify(req, body, SECRET);
      received = {
        problem,
        delivery: req.headers['x-slipway-delivery'],
        body: JSON.parse(body),
      };
      res.writeHead(problem ? 401 : 202).end();
    });
    server = started.server;
    const { ctx, lines } = executionContext({
      settings: { url: started.url, secret: SECRET },
      parameters: { reason: 'stuck' },
    });
    const outcome = await executor.execute(ctx);
    expect(received.problem).toBeUndefined();
    expect(received.delivery).toBe(ctx.run.id);
    expect(received.body).toMatchObject({
      event: 'restart',
      runId: ctx.run.id,
      application: 'component:default/checkout',
      name: 'checkout',
      environment: 'prod',
      namespace: 'checkout-prod',
      parameters: { reason: 'stuck' },
      requester: 'user:default/alice',
    });
    expect(outcome.summary).toMatch(
      /^Restart accepted by http:\/\/127\.0\.0\.1:\d+\/hooks\/restart \(HTTP 202\)$/,
    );
    // Neither the secret nor the URL's query string reaches the run's log.
    expect(JSON.stringify([outcome, lines])).not.toMatch(/canary|token=abc/);
  });

  it('is refused by a receiver that holds another secret', async () => {
    const started = await receiver((req, body, res) =>
      res
        .writeHead(verify(req, body, 'another-secret-0123456789') ? 401 : 202)
        .end('signature mismatch'),
    );
    server = started.server;
    const { ctx } = executionContext({
      settings: { url: started.url, secret: SECRET },
    });
    await expect(executor.execute(ctx)).rejects.toThrow(
      /refused the restart: HTTP 401: signature mismatch$/,
    );
  });

  it('does not post twice when the run resumes after the delivery', async () => {
    let posts = 0;
    const started = await receiver((_req, _body, res) => {
      posts++;
      res.writeHead(200).end();
    });
    server = started.server;
    const { ctx } = executionContext({
      settings: { url: started.url, secret: SECRET },
      checkpoints: { 'webhook-delivered': { status: 200 } },
    });
    await executor.execute(ctx);
    expect(posts).toBe(0);
  });

  it('says so when the receiver cannot be reached or does not answer in time', async () => {
    const closed = await receiver(() => {});
    await new Promise(r => closed.server.close(r));
    const { ctx } = executionContext({
      settings: { url: closed.url, secret: SECRET },
    });
    await expect(executor.execute(ctx)).rejects.toThrow(
      /could not be reached: ECONNREFUSED/,
    );
    const started = await receiver(() => {});
    server = started.server;
    const slow = executionContext({
      settings: { url: started.url, secret: SECRET, timeoutSeconds: 0.3 },
    });
    await expect(executor.execute(slow.ctx)).rejects.toThrow(
      /could not be reached: no answer within 0.3 s/,
    );
  });

  it('checks its settings at start', () => {
    const validate = (settings: object) => () =>
      executor.validateConfig(
        executionContext({ settings: settings as any }).ctx.config,
        { key: 'k', environment: {} as any },
      );
    expect(validate({ url: 'ftp://x', secret: SECRET })).toThrow(
      'k.url: the webhook executor needs an http(s) URL',
    );
    expect(validate({ url: 'https://x.example.com' })).toThrow(
      'k.secret: the webhook executor needs a secret of at least 16 characters',
    );
    expect(
      validate({ url: 'https://x.example.com', secret: SECRET }),
    ).not.toThrow();
  });
});
