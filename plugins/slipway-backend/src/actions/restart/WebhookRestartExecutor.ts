import { createHmac } from 'node:crypto';
import { Config } from '@backstage/config';
import {
  ActionExecutionContext,
  ActionExecutor,
  SlipwayEnvironment,
} from '@slipway/backstage-plugin-slipway-node';
import { networkReason } from '../networkReason';
import { RestartParameters } from './restartAction';

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>` (docs/actions.md says how a receiver checks it). */
export function webhookSignature(
  secret: string,
  timestamp: string,
  body: string,
) {
  return `sha256=${createHmac('sha256', secret)
    .update(`${timestamp}.${body}`)
    .digest('hex')}`;
}

/**
 * Restart through the team's own automation: a POST with a JSON description of the run, signed with HMAC-SHA256
 * over the timestamp and the body, so the receiver can reject forgeries and replays. A 2xx answer means accepted.
 * The delivery is checkpointed; a resumed run does not POST twice (and the receiver can also deduplicate on
 * `X-Slipway-Delivery`).
 */
export class WebhookRestartExecutor
  implements ActionExecutor<RestartParameters>
{
  readonly id = 'webhook';
  readonly action = 'restart';

  validateConfig(
    config: Config | undefined,
    { key }: { key: string; environment: SlipwayEnvironment },
  ) {
    const url = config?.getOptionalString('url');
    if (!url || !/^https?:\/\/[^\s]+$/.test(url))
      throw new Error(`${key}.url: the webhook executor needs an http(s) URL`);
    const secret = config!.getOptionalString('secret');
    if (!secret || secret.length < 16)
      throw new Error(
        `${key}.secret: the webhook executor needs a secret of at least 16 characters`,
      );
  }

  async execute(ctx: ActionExecutionContext<RestartParameters>) {
    const url = new URL(ctx.config!.getString('url'));
    const secret = ctx.config!.getString('secret');
    const timeoutMs =
      (ctx.config!.getOptionalNumber('timeoutSeconds') ?? 30) * 1000;
    const where = `${url.origin}${url.pathname}`;

    const delivered = await ctx.checkpoint('webhook-delivered', async () => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const body = JSON.stringify({
        event: 'restart',
        runId: ctx.run.id,
        application: ctx.run.entityRef,
        name: ctx.entity.metadata.name,
        environment: ctx.run.environment,
        namespace: ctx.templateContext.env.namespace,
        parameters: ctx.run.parameters,
        requester: ctx.run.requester,
        timestamp: Number(timestamp),
      });
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'User-Agent': 'Slipway',
            'X-Slipway-Delivery': ctx.run.id,
            'X-Slipway-Timestamp': timestamp,
            'X-Slipway-Signature': webhookSignature(secret, timestamp, body),
          },
          body,
          signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(timeoutMs)]),
        });
      } catch (error: any) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        const reason =
          error?.name === 'TimeoutError'
            ? `no answer within ${timeoutMs / 1000} s`
            : networkReason(error);
        throw new Error(`The webhook ${where} could not be reached: ${reason}`);
      }
      const text = (await response.text().catch(() => '')).slice(0, 200);
      if (!response.ok)
        throw new Error(
          `The webhook ${where} refused the restart: HTTP ${response.status}${
            text ? `: ${text}` : ''
          }`,
        );
      ctx.log.info(
        `The webhook ${where} accepted the restart (HTTP ${response.status})`,
      );
      return { status: response.status };
    });
    return {
      summary: `Restart accepted by ${where} (HTTP ${delivered.status})`,
    };
  }
}
