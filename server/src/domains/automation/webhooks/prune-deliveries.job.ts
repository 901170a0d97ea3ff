import type { JobDefinition } from '../../../platform/jobs/registry';
import { deleteFinishedDeliveries } from './webhooks.repository';

const DAY_MS = 24 * 60 * 60_000;

export const PRUNE_WEBHOOK_DELIVERIES_JOB = 'automation.prune-webhook-deliveries';

/** How long a webhook's delivery log keeps what is finished. */
export const WEBHOOK_LOG_RETENTION = {
  /** Delivered: as long as the events themselves are kept (platform.prune). */
  deliveredDays: 30,
  /** Failed for good: longer, so that an admin can still look and resend. */
  failedDays: 90,
};

/**
 * Nightly: deletes delivered webhook deliveries older than 30 days and failed ones older than 90,
 * with their attempts. Pending deliveries are never touched.
 */
export function pruneWebhookDeliveriesJob(retention = WEBHOOK_LOG_RETENTION): JobDefinition {
  return {
    name: PRUNE_WEBHOOK_DELIVERIES_JOB,
    description: 'Deletes old delivered and failed webhook deliveries with their attempts',
    cron: '45 3 * * *',
    async run({ db, clock }) {
      const before = (days: number) => new Date(clock.now().getTime() - days * DAY_MS).toISOString();
      const { deliveries, attempts } = await db.transaction().execute((trx) =>
        deleteFinishedDeliveries(trx, {
          deliveredBefore: before(retention.deliveredDays),
          failedBefore: before(retention.failedDays),
        }),
      );
      return {
        summary: `deleted ${deliveries} webhook deliveries, ${attempts} attempts`,
        idle: deliveries === 0,
      };
    },
  };
}
