import { EVENT_TYPES } from '../../../../contracts/events';
import type { AppContext } from '../../platform/context';
import { startRuns } from './engine/start-runs';
import { enqueueWebhookDeliveries } from './webhooks/enqueue-deliveries';

/**
 * Automation reacts to every event: one batch subscriber per event type (`automation.<type>`) starts
 * the runs of the enabled rules it triggers and queues the deliveries of the webhooks subscribed to
 * it — one subscriber for both, so each event costs one delivery row here, not two.
 */
export function subscribeAutomation(ctx: AppContext): void {
  for (const type of EVENT_TYPES) {
    ctx.events.subscribeBatch(type, `automation.${type}`, async (events, h) => {
      await startRuns(ctx, h, events);
      await enqueueWebhookDeliveries(h, events);
    });
  }
}
