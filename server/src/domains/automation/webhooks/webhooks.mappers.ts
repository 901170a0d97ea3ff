import type { Webhook, WebhookDelivery } from '../../../../../contracts/automation';
import { secretHint } from './signature';
import type { AttemptRow, DeliveryRow, WebhookRow } from './webhooks.repository';

export function parseEvents(json: string): string[] {
  try {
    const list = JSON.parse(json);
    return Array.isArray(list) ? list.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}

export function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: parseEvents(row.events),
    active: row.active === 1,
    secretHint: secretHint(row.secret),
    previousSecretExpiresAt: row.previous_secret ? row.previous_secret_expires_at : null,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What the audit trail keeps of a webhook (never the secret, only its hint). */
export function webhookAuditSnapshot(row: WebhookRow): Record<string, unknown> {
  return {
    name: row.name,
    url: row.url,
    events: parseEvents(row.events),
    active: row.active === 1,
    secretHint: secretHint(row.secret),
  };
}

export function toDelivery(row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
    attemptLog: attempts.map((a) => ({
      at: a.at,
      statusCode: a.status_code,
      error: a.error,
      durationMs: a.duration_ms,
    })),
  };
}
