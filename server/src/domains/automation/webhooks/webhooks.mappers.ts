import type { Webhook, WebhookDelivery } from '../../../../../contracts/webhooks';
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

/**
 * The URL with its query values (and fragment) masked: receivers often take an access token there,
 * which has no place in the audit trail. The names stay, so a change is still recognisable.
 */
export function maskedUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/[?#].*$/, '');
  }
  for (const key of new Set(url.searchParams.keys())) {
    const count = url.searchParams.getAll(key).length;
    url.searchParams.delete(key);
    for (let i = 0; i < count; i++) url.searchParams.append(key, '***');
  }
  if (url.hash) url.hash = '***';
  return url.toString();
}

/** What the audit trail keeps of a webhook (never the secret, only its hint; the URL masked). */
export function webhookAuditSnapshot(row: WebhookRow): Record<string, unknown> {
  return {
    name: row.name,
    url: maskedUrl(row.url),
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
