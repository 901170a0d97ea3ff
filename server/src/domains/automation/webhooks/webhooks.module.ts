import type { AppContext } from '../../../platform/context';
import './call-webhook.action';
import { pruneWebhookDeliveriesJob } from './prune-deliveries.job';
import { DEFAULT_WEBHOOK_SETTINGS, sendDueWebhookDeliveries } from './send-deliveries';

export { webhookRoutes } from './webhooks.routes';

export const WEBHOOKS_JOB = 'automation.webhooks';

/**
 * Sending: right after events were handled (a delivery follower, awaited by `drain()`), and every
 * minute for retries that became due and for deliveries other processes queued. Nightly, the old
 * finished deliveries go (prune-deliveries.job.ts).
 */
export function registerWebhookSender(ctx: AppContext): void {
  ctx.events.afterDelivery(WEBHOOKS_JOB, () => sendDueWebhookDeliveries(ctx, DEFAULT_WEBHOOK_SETTINGS));
  ctx.jobs.register({
    name: WEBHOOKS_JOB,
    description: 'Sends due webhook deliveries (new ones and retries)',
    cron: '* * * * *',
    async run(job) {
      const sent = await sendDueWebhookDeliveries(
        { db: job.db, dialect: job.dialect, log: job.log },
        DEFAULT_WEBHOOK_SETTINGS,
      );
      return { summary: `${sent} webhook delivery attempt(s)`, idle: sent === 0 };
    },
  });
  ctx.jobs.register(pruneWebhookDeliveriesJob());
}
