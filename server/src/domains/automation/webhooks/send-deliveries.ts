import type { Logger } from 'pino';
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
} from '../../../../../contracts/webhooks';
import { type Clock, systemClock } from '../../../platform/clock';
import type { Db, Dialect } from '../../../platform/db/database';
import { uuidv7 } from '../../../platform/ids';
import { errorLine } from '../../../platform/jobs/backoff';
import { signatureHeader } from './signature';
import {
  type ClaimedDelivery,
  claimDelivery,
  claimDueDeliveries,
  type DeliveryRow,
  recordAttempt,
} from './webhooks.repository';

export interface WebhookSendSettings {
  /** Retry times, attempt times and the signature's `t` run on the real clock (timers), not the business clock. */
  timerClock: Clock;
  /** The waits after failed attempts 1, 2, …; after the last wait's attempt fails the delivery is `failed`. */
  backoffMs: number[];
  /** How long a claimed delivery is reserved for the sending process before another may try. */
  leaseMs: number;
  /** The receiver's time to answer. */
  timeoutMs: number;
  /** Deliveries claimed (and POSTed in parallel) at a time. */
  batchSize: number;
}

/** 6 attempts: at once, then after 30 s, 2 min, 10 min, 1 h and 6 h. */
export const WEBHOOK_BACKOFF_MS = [30_000, 120_000, 600_000, 3_600_000, 21_600_000];

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSendSettings = {
  timerClock: systemClock,
  backoffMs: WEBHOOK_BACKOFF_MS,
  leaseMs: 60_000,
  timeoutMs: 10_000,
  batchSize: 20,
};

export const webhookMaxAttempts = (s: WebhookSendSettings) => s.backoffMs.length + 1;

export interface WebhookSendDeps {
  db: Db;
  dialect: Dialect;
  log: Logger;
}

interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** The secrets a delivery is signed with now: the current one, and the previous one while it verifies. */
function signingSecrets(webhook: ClaimedDelivery['webhook'], now: Date): string[] {
  const previousValid =
    webhook.previous_secret &&
    webhook.previous_secret_expires_at &&
    webhook.previous_secret_expires_at > now.toISOString();
  return previousValid ? [webhook.secret, webhook.previous_secret as string] : [webhook.secret];
}

/** One POST to the receiver. Never throws: a network error or a timeout is an outcome too. */
async function post(claimed: ClaimedDelivery, settings: WebhookSendSettings): Promise<Outcome> {
  const { delivery, webhook } = claimed;
  const started = performance.now();
  const now = settings.timerClock.now();
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const res = await fetch(webhook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'Kontor-Webhooks/1',
        [WEBHOOK_EVENT_HEADER]: delivery.event_type,
        [WEBHOOK_DELIVERY_HEADER]: delivery.id,
        [WEBHOOK_SIGNATURE_HEADER]: signatureHeader(signingSecrets(webhook, now), timestamp, delivery.body),
      },
      body: delivery.body,
      // a redirect is an answer we do not follow: the receiver should be configured with its final URL
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    const text = await res.text().catch(() => '');
    const durationMs = Math.round(performance.now() - started);
    if (res.status >= 200 && res.status < 300) return { statusCode: res.status, error: null, durationMs };
    const snippet = text.trim().slice(0, 200);
    return {
      statusCode: res.status,
      error: `HTTP ${res.status}${snippet ? `: ${snippet}` : ''}`,
      durationMs,
    };
  } catch (err) {
    const cause = (err as { cause?: unknown } | null)?.cause;
    const timedOut = (err as { name?: string } | null)?.name === 'TimeoutError';
    return {
      statusCode: null,
      error: timedOut
        ? `No answer within ${Math.round(settings.timeoutMs / 1000)} s`
        : errorLine(cause instanceof Error ? cause : err),
      durationMs: Math.round(performance.now() - started),
    };
  }
}

/**
 * Makes the claimed attempt (outside any transaction) and records it. `manual`: a resend on
 * demand — a failure leaves a delivered or failed delivery as it was (the attempt is in its log);
 * a pending one follows the retry plan either way.
 */
async function attempt(
  deps: WebhookSendDeps,
  settings: WebhookSendSettings,
  claimed: ClaimedDelivery,
  manual: boolean,
): Promise<Outcome> {
  const outcome = await post(claimed, settings);
  const at = settings.timerClock.now();
  const ok = outcome.error === null;
  const { delivery } = claimed;
  let status: DeliveryRow['status'];
  let next: string | null = null;
  if (ok) status = 'delivered';
  else if (manual && delivery.status !== 'pending') status = delivery.status;
  else if (claimed.attempt >= webhookMaxAttempts(settings)) status = 'failed';
  else {
    status = 'pending';
    const wait = settings.backoffMs[claimed.attempt - 1] ?? settings.backoffMs.at(-1) ?? 60_000;
    next = new Date(at.getTime() + wait).toISOString();
  }
  await recordAttempt(
    deps.db,
    {
      id: uuidv7(),
      delivery_id: delivery.id,
      at: at.toISOString(),
      status_code: outcome.statusCode,
      error: outcome.error,
      duration_ms: outcome.durationMs,
    },
    delivery.id,
    claimed.attempt,
    {
      status,
      next_attempt_at: next,
      last_status_code: outcome.statusCode,
      last_error: outcome.error,
      delivered_at: ok ? at.toISOString() : delivery.delivered_at,
    },
  );
  if (!ok) {
    deps.log.warn(
      { delivery: delivery.id, webhook: delivery.webhook_id, attempt: claimed.attempt, error: outcome.error },
      'webhook delivery failed',
    );
  }
  return outcome;
}

/**
 * Sends the due deliveries (new ones and retries): claim → commit → POST → record, batch by batch,
 * until none is due. Safe in several processes at once. Returns the number of attempts made.
 */
export async function sendDueWebhookDeliveries(
  deps: WebhookSendDeps,
  settings: WebhookSendSettings = DEFAULT_WEBHOOK_SETTINGS,
): Promise<number> {
  let total = 0;
  for (;;) {
    const now = settings.timerClock.now();
    const claimed = await claimDueDeliveries(
      deps.db,
      deps.dialect,
      now.toISOString(),
      new Date(now.getTime() + settings.leaseMs).toISOString(),
      settings.batchSize,
    );
    if (!claimed.length) return total;
    await Promise.all(claimed.map((c) => attempt(deps, settings, c, false)));
    total += claimed.length;
    if (claimed.length < settings.batchSize) return total;
  }
}

/** One attempt of this delivery now (resend, ping); false when another process claimed it first. */
export async function sendDeliveryNow(
  deps: WebhookSendDeps,
  delivery: DeliveryRow,
  settings: WebhookSendSettings = DEFAULT_WEBHOOK_SETTINGS,
): Promise<boolean> {
  const now = settings.timerClock.now();
  const claimed = await claimDelivery(
    deps.db,
    delivery,
    now.toISOString(),
    new Date(now.getTime() + settings.leaseMs).toISOString(),
  );
  if (!claimed) return false;
  await attempt(deps, settings, claimed, true);
  return true;
}
