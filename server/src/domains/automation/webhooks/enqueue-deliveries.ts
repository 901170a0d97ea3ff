import type { DomainEvent } from '../../../../../contracts/events';
import type { DbOrTx } from '../../../platform/db/database';
import type { HandlerContext } from '../../../platform/events/registry';
import { uuidv7 } from '../../../platform/ids';
import type { WebhookDeliveriesTable } from '../automation.tables';
import { parseEvents } from './webhooks.mappers';
import { findDeliveryByEvent, findSubscribedWebhooks, insertDeliveries } from './webhooks.repository';

/** A new pending delivery, due at once (or, with `notBefore`, when that lease runs out). */
export function newDeliveryRow(input: {
  webhookId: string;
  eventId: string;
  eventType: string;
  body: unknown;
  createdAt: string;
  notBefore?: string;
}): WebhookDeliveriesTable {
  return {
    id: uuidv7(),
    webhook_id: input.webhookId,
    event_id: input.eventId,
    event_type: input.eventType,
    body: JSON.stringify(input.body),
    status: 'pending',
    attempts: 0,
    // null: due now, on any clock (the sender compares with its real-time clock)
    next_attempt_at: input.notBefore ?? null,
    last_status_code: null,
    last_error: null,
    last_attempt_at: null,
    delivered_at: null,
    created_at: input.createdAt,
  };
}

/**
 * Queues one delivery per event and active webhook subscribed to its type, in the transaction that
 * marks the events handled (one query for the batch's webhooks; nothing cached across
 * transactions, so a webhook changed a moment ago counts). A redelivered event adds nothing: the
 * (webhook, event) pair is unique. The delivery follower sends them after the commit.
 */
export async function enqueueWebhookDeliveries(h: HandlerContext, events: DomainEvent[]): Promise<void> {
  if (!events.length) return;
  const types = [...new Set(events.map((e) => e.type))];
  const hooks = await findSubscribedWebhooks(h.trx, types);
  if (!hooks.length) return;
  const subscribed = hooks.map((w) => ({ id: w.id, events: new Set(parseEvents(w.events)) }));
  const createdAt = h.clock.now().toISOString();
  const rows: WebhookDeliveriesTable[] = [];
  for (const event of events) {
    for (const hook of subscribed) {
      if (!hook.events.has(event.type)) continue;
      rows.push(
        newDeliveryRow({
          webhookId: hook.id,
          eventId: event.id,
          eventType: event.type,
          body: { id: event.id, type: event.type, occurredAt: event.occurredAt, data: event.payload },
          createdAt,
        }),
      );
    }
  }
  await insertDeliveries(h.trx, rows);
}

/**
 * Queues a delivery for a rule's `call_webhook` action in the action's transaction. Idempotent by
 * the action run: a retry of the action finds the delivery made before. Returns the delivery id.
 */
export async function enqueueRuleWebhookCall(
  trx: DbOrTx,
  input: {
    webhookId: string;
    actionRunId: string;
    occurredAt: string;
    rule: { id: string; name: string; version: number };
    record: { type: string; id: string } | null;
    data: unknown;
  },
): Promise<string> {
  const eventId = `rule:${input.actionRunId}`;
  const row = newDeliveryRow({
    webhookId: input.webhookId,
    eventId,
    eventType: 'rule.action',
    body: {
      id: eventId,
      type: 'rule.action',
      occurredAt: input.occurredAt,
      rule: input.rule,
      record: input.record,
      data: input.data,
    },
    createdAt: input.occurredAt,
  });
  await insertDeliveries(trx, [row]);
  const stored = await findDeliveryByEvent(trx, input.webhookId, eventId);
  return stored?.id ?? row.id;
}
