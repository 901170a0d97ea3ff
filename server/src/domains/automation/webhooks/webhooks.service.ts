import type { Logger } from 'pino';
import type { z } from 'zod';
import type {
  CreateWebhook,
  UpdateWebhook,
  Webhook,
  WebhookWithSecret,
} from '../../../../../contracts/webhooks';
import type { Actor } from '../../../platform/actor';
import { recordAudit } from '../../../platform/audit/audit';
import { type Clock, systemClock } from '../../../platform/clock';
import type { Db, DbOrTx, Dialect } from '../../../platform/db/database';
import { AppError, notFound, staleVersion } from '../../../platform/http/errors';
import { uuidv7 } from '../../../platform/ids';
import type { WebhooksTable } from '../automation.tables';
import { enabledRulesMentioning } from '../rules.repository';
import { newWebhookSecret } from './signature';
import { toWebhook, webhookAuditSnapshot } from './webhooks.mappers';
import {
  failPendingDeliveries,
  findWebhook,
  insertWebhook,
  listWebhookRows,
  updateWebhookRow,
  type WebhookRow,
} from './webhooks.repository';

export interface WebhookDeps {
  db: Db;
  dialect: Dialect;
  /** Business clock: created/updated times and audit. */
  clock: Clock;
  log: Logger;
}

/** How long a rotated-out secret keeps verifying, so receivers can switch without losing deliveries. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3_600_000;

const badUrl = (message: string) =>
  new AppError('unprocessable', 'webhooks.invalid_url', message, [{ path: 'url', message }]);

/**
 * http(s) only, and no user:password in the URL (it would end up in logs and the audit trail; a
 * receiver authenticates deliveries by their signature). Local addresses are allowed on purpose:
 * on-premise integrations run next to Kontor.
 */
export function checkWebhookUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw badUrl('Enter a complete URL, e.g. https://example.com/hooks/kontor');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badUrl('The URL must start with http:// or https://');
  if (url.username || url.password)
    throw badUrl('Remove the user name and password from the URL; receivers verify the signature instead');
  return url.toString();
}

/** The last_error of deliveries given up because their webhook stopped receiving. */
export const DEACTIVATED_ERROR = 'The webhook was deactivated';
export const DELETED_ERROR = 'The webhook was deleted';

/**
 * Refuses to delete or deactivate a webhook an enabled rule still calls (its runs would fail, each
 * with retries): the rules are named, to be changed or disabled first.
 */
async function refuseWhileRulesCall(trx: DbOrTx, hook: WebhookRow, doing: 'delete' | 'deactivate') {
  const rules = await enabledRulesMentioning(trx, `"webhookId":"${hook.id}"`);
  if (!rules.length) return;
  const names = rules.map((r) => `"${r.name}"`).join(', ');
  throw new AppError(
    'unprocessable',
    'webhooks.in_use',
    `The enabled rules ${names} call this webhook; change or disable them before you ${doing} it`,
    // one entry per rule, its name as message: the web app names them in the user's language
    rules.map((r) => ({ path: doing === 'delete' ? 'id' : 'active', message: r.name })),
  );
}

const uniqueEvents = (events: readonly string[]) => JSON.stringify([...new Set(events)].sort());

export async function loadWebhookRow(db: DbOrTx, id: string) {
  const row = await findWebhook(db, id);
  if (!row) throw notFound('webhook', id);
  return row;
}

export async function listWebhooks(deps: WebhookDeps): Promise<{ items: Webhook[] }> {
  return { items: (await listWebhookRows(deps.db)).map(toWebhook) };
}

export async function getWebhook(deps: WebhookDeps, id: string): Promise<Webhook> {
  return toWebhook(await loadWebhookRow(deps.db, id));
}

/** Creates a webhook; its secret is in the answer this once (later reads show the hint only). */
export async function createWebhook(
  deps: WebhookDeps,
  actor: Actor,
  input: z.output<typeof CreateWebhook>,
): Promise<WebhookWithSecret> {
  const now = deps.clock.now().toISOString();
  const row: WebhooksTable = {
    id: uuidv7(),
    name: input.name,
    url: checkWebhookUrl(input.url),
    events: uniqueEvents(input.events),
    active: input.active ? 1 : 0,
    secret: newWebhookSecret(),
    previous_secret: null,
    previous_secret_expires_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
    version: 1,
    deleted_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    await insertWebhook(trx, row);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'webhook',
      entityId: row.id,
      before: null,
      after: webhookAuditSnapshot(row),
    });
  });
  return { ...toWebhook(row), secret: row.secret };
}

async function changeWebhook(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  version: number | undefined,
  patchOf: (before: WebhookRow) => Partial<WebhooksTable>,
  /** Checks and follow-ups in the same transaction (before: may refuse; after: runs once changed). */
  hooks: {
    before?: (trx: DbOrTx, row: WebhookRow, patch: Partial<WebhooksTable>) => Promise<void>;
    after?: (trx: DbOrTx, before: WebhookRow, after: WebhookRow) => Promise<void>;
  } = {},
): Promise<WebhookRow> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadWebhookRow(trx, id);
    if (version !== undefined && before.version !== version) throw staleVersion('webhook', id);
    const patch = { ...patchOf(before), updated_at: deps.clock.now().toISOString() };
    await hooks.before?.(trx, before, patch);
    if (!(await updateWebhookRow(trx, id, before.version, patch))) throw staleVersion('webhook', id);
    const after = await loadWebhookRow(trx, id);
    await hooks.after?.(trx, before, after);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'webhook',
      entityId: id,
      before: webhookAuditSnapshot(before),
      after: webhookAuditSnapshot(after),
    });
    return after;
  });
}

/** Changes name, URL, events or the active switch (optimistic on `version`). */
export async function updateWebhook(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  input: z.output<typeof UpdateWebhook>,
): Promise<Webhook> {
  const url = input.url === undefined ? undefined : checkWebhookUrl(input.url);
  const row = await changeWebhook(
    deps,
    actor,
    id,
    input.version,
    () => ({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(input.events !== undefined ? { events: uniqueEvents(input.events) } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
    }),
    {
      before: async (trx, before, patch) => {
        if (before.active === 1 && patch.active === 0) await refuseWhileRulesCall(trx, before, 'deactivate');
      },
      // what was queued is given up, as on delete: else it would all go out when switched on again
      after: async (trx, before, after) => {
        if (before.active === 1 && after.active === 0)
          await failPendingDeliveries(trx, id, DEACTIVATED_ERROR);
      },
    },
  );
  return toWebhook(row);
}

/**
 * A new secret, returned this once. The old one keeps verifying for 24 hours (deliveries carry a
 * second signature made with it), so a receiver can switch without losing a delivery. The grace
 * period runs on the real clock, like the signatures' timestamps.
 */
export async function rotateWebhookSecret(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  timerClock: Clock = systemClock,
): Promise<WebhookWithSecret> {
  const row = await changeWebhook(deps, actor, id, undefined, (before) => ({
    secret: newWebhookSecret(),
    previous_secret: before.secret,
    previous_secret_expires_at: new Date(timerClock.now().getTime() + PREVIOUS_SECRET_GRACE_MS).toISOString(),
  }));
  return { ...toWebhook(row), secret: row.secret };
}

/**
 * Soft delete: the webhook stops receiving; its deliveries not yet made are given up. Refused
 * while an enabled rule calls it.
 */
export async function deleteWebhook(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  version?: number,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadWebhookRow(trx, id);
    if (version !== undefined && before.version !== version) throw staleVersion('webhook', id);
    await refuseWhileRulesCall(trx, before, 'delete');
    const now = deps.clock.now().toISOString();
    if (!(await updateWebhookRow(trx, id, before.version, { deleted_at: now, active: 0, updated_at: now })))
      throw staleVersion('webhook', id);
    await failPendingDeliveries(trx, id, DELETED_ERROR);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'webhook',
      entityId: id,
      before: webhookAuditSnapshot(before),
      after: null,
    });
  });
}
