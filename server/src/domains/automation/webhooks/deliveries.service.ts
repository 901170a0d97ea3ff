import type { z } from 'zod';
import type {
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryQuery,
} from '../../../../../contracts/webhooks';
import { AppError, notFound } from '../../../platform/http/errors';
import { uuidv7 } from '../../../platform/ids';
import type { WebhookDeliveriesTable } from '../automation.tables';
import { newDeliveryRow } from './enqueue-deliveries';
import { DEFAULT_WEBHOOK_SETTINGS, sendDeliveryNow, type WebhookSendSettings } from './send-deliveries';
import { toDelivery } from './webhooks.mappers';
import { findAttempts, findDelivery, insertDeliveries, listDeliveryRows } from './webhooks.repository';
import { loadWebhookRow, type WebhookDeps } from './webhooks.service';

/** A ping's error until its attempt is recorded (what stays should the request die midway). */
export const PING_UNANSWERED = 'The test delivery got no answer';

/** A webhook's delivery log, newest first, each with its attempts (status codes, errors). */
export async function listDeliveries(
  deps: WebhookDeps,
  webhookId: string,
  query: WebhookDeliveryQuery,
): Promise<z.infer<typeof WebhookDeliveryList>> {
  await loadWebhookRow(deps.db, webhookId);
  const page = await listDeliveryRows(deps.db, webhookId, query);
  const attempts = await findAttempts(
    deps.db,
    page.items.map((d) => d.id),
  );
  return {
    items: page.items.map((d) => toDelivery(d, attempts.get(d.id) ?? [])),
    nextCursor: page.nextCursor,
  };
}

async function loadDelivery(deps: WebhookDeps, id: string): Promise<WebhookDelivery> {
  const row = await findDelivery(deps.db, id);
  if (!row) throw notFound('webhook_delivery', id);
  const attempts = await findAttempts(deps.db, [id]);
  return toDelivery(row, attempts.get(id) ?? []);
}

/**
 * Sends a delivery again now (a new attempt, whatever its status) and answers with the outcome.
 * A delivered or failed one stays so when this attempt fails (the log shows it); a pending one
 * goes on with its retry plan.
 */
export async function resendDelivery(
  deps: WebhookDeps,
  id: string,
  settings: WebhookSendSettings = DEFAULT_WEBHOOK_SETTINGS,
): Promise<WebhookDelivery> {
  for (let tries = 0; tries < 3; tries++) {
    const row = await findDelivery(deps.db, id);
    if (!row) throw notFound('webhook_delivery', id);
    // a deleted webhook's deliveries are history only
    await loadWebhookRow(deps.db, row.webhook_id);
    if (await sendDeliveryNow(deps, row, settings)) return loadDelivery(deps, id);
  }
  throw new AppError(
    'conflict',
    'webhooks.delivery_busy',
    'This delivery is being sent right now; look at its log in a moment',
  );
}

/**
 * Sends a `webhook.ping` to the webhook now (also when it is inactive) and answers with the outcome.
 * A one-off: it is stored `failed` and only this request's attempt makes it `delivered`, so the
 * sender never retries it (a test that fails is answered now, not again hours later) and a request
 * that dies midway leaves no pending delivery behind.
 */
export async function pingWebhook(
  deps: WebhookDeps,
  webhookId: string,
  settings: WebhookSendSettings = DEFAULT_WEBHOOK_SETTINGS,
): Promise<WebhookDelivery> {
  const hook = await loadWebhookRow(deps.db, webhookId);
  const eventId = `ping:${uuidv7()}`;
  const occurredAt = deps.clock.now().toISOString();
  const row: WebhookDeliveriesTable = {
    ...newDeliveryRow({
      webhookId: hook.id,
      eventId,
      eventType: 'webhook.ping',
      body: { id: eventId, type: 'webhook.ping', occurredAt, data: { webhookId: hook.id, name: hook.name } },
      createdAt: occurredAt,
    }),
    status: 'failed',
    last_error: PING_UNANSWERED,
  };
  await insertDeliveries(deps.db, [row]);
  await sendDeliveryNow(deps, row, settings);
  return loadDelivery(deps, row.id);
}
