import type { DomainEvent } from '../../../../../contracts/events';
import type { HandlerContext } from '../../../platform/events/registry';

/** Queues a delivery per event and active webhook subscribed to its type (placeholder). */
export async function enqueueWebhookDeliveries(_h: HandlerContext, _events: DomainEvent[]): Promise<void> {}
