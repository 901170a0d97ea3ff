import { type Selectable, sql } from 'kysely';
import type { Db, DbOrTx, Dialect } from '../../../platform/db/database';
import { paginate } from '../../../platform/db/pagination';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhooksTable } from '../automation.tables';

/** The only SQL on the webhook tables (webhooks, webhook_deliveries, webhook_attempts). */

export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookAttemptsTable>;
export type DeliveryStatus = DeliveryRow['status'];

export function findWebhook(db: DbOrTx, id: string): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function listWebhookRows(db: DbOrTx): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

/** Id, name and on/off of every webhook, for pickers of people who may not manage webhooks (no URL, no secret). */
export function listWebhookOptions(db: DbOrTx): Promise<Array<Pick<WebhookRow, 'id' | 'name' | 'active'>>> {
  return db
    .selectFrom('webhooks')
    .select(['id', 'name', 'active'])
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function insertWebhook(db: DbOrTx, row: WebhooksTable): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

/** Changes a webhook if it still has `version`; false when someone else changed it first. */
export async function updateWebhookRow(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<WebhooksTable>,
): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * The active webhooks subscribed to any of `types` (one query for an event batch). The LIKE on the
 * JSON list narrows in SQL; the caller checks the parsed list exactly.
 */
export function findSubscribedWebhooks(
  db: DbOrTx,
  types: string[],
): Promise<Pick<WebhookRow, 'id' | 'events'>[]> {
  return db
    .selectFrom('webhooks')
    .select(['id', 'events'])
    .where('active', '=', 1)
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or(types.map((t) => eb('events', 'like', `%"${t}"%`))))
    .execute();
}

/** Inserts deliveries; one that exists for its (webhook, event) is skipped (a redelivered event). */
export async function insertDeliveries(db: DbOrTx, rows: WebhookDeliveriesTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('webhook_deliveries')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
      .execute();
  }
}

export function findDeliveryByEvent(
  db: DbOrTx,
  webhookId: string,
  eventId: string,
): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
}

export function findDelivery(db: DbOrTx, id: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A webhook's deliveries, newest first (ids are time-ordered UUIDv7). */
export function listDeliveryRows(
  db: DbOrTx,
  webhookId: string,
  opts: { status?: DeliveryStatus | undefined; limit: number; cursor?: string | undefined },
) {
  let q = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (opts.status) q = q.where('status', '=', opts.status);
  return paginate(q, {
    sort: { column: 'id', direction: 'desc' },
    idColumn: 'id',
    limit: opts.limit,
    cursor: opts.cursor,
    key: (r) => ({ value: r.id, id: r.id }),
  });
}

/** The attempts of the deliveries, oldest first, by delivery id. */
export async function findAttempts(db: DbOrTx, deliveryIds: string[]): Promise<Map<string, AttemptRow[]>> {
  const byDelivery = new Map<string, AttemptRow[]>();
  if (!deliveryIds.length) return byDelivery;
  const rows = await db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('delivery_id')
    // in the order made (UUIDv7), whatever clock stamped `at`
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = byDelivery.get(row.delivery_id) ?? [];
    list.push(row);
    byDelivery.set(row.delivery_id, list);
  }
  return byDelivery;
}

/** The deliveries still to be made for a deleted or deactivated webhook are given up. */
export async function failPendingDeliveries(db: DbOrTx, webhookId: string, error: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: error })
    .where('webhook_id', '=', webhookId)
    .where('status', '=', 'pending')
    .execute();
}

/** A delivery claimed for one attempt, with what the sender needs of its webhook. */
export interface ClaimedDelivery {
  delivery: DeliveryRow;
  /** The attempt number this claim made (the row's `attempts` after the claim). */
  attempt: number;
  webhook: Pick<WebhookRow, 'id' | 'url' | 'secret' | 'previous_secret' | 'previous_secret_expires_at'>;
}

async function webhooksById(db: DbOrTx, ids: string[]) {
  const rows = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'secret', 'previous_secret', 'previous_secret_expires_at'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Claims up to `limit` due deliveries of active webhooks for one attempt each: counts the attempt
 * and sets a lease (`next_attempt_at` = leaseUntil) in a committed transaction, so no other worker
 * picks them while this one waits for the receiver; a worker that dies leaves them to be tried again
 * when the lease runs out. PostgreSQL: rows locked by another claim are skipped.
 */
export async function claimDueDeliveries(
  db: Db,
  dialect: Dialect,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<ClaimedDelivery[]> {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .where('webhook_id', 'in', (eb) =>
        eb.selectFrom('webhooks').select('id').where('active', '=', 1).where('deleted_at', 'is', null),
      )
      .orderBy('id')
      .limit(limit);
    if (dialect === 'postgres') q = q.forUpdate().skipLocked();
    const rows = await q.execute();
    if (!rows.length) return [];
    await trx
      .updateTable('webhook_deliveries')
      .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil, last_attempt_at: now })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    const hooks = await webhooksById(
      trx,
      rows.map((r) => r.webhook_id),
    );
    return rows.flatMap((r) => {
      const webhook = hooks.get(r.webhook_id);
      return webhook ? [{ delivery: r, attempt: r.attempts + 1, webhook }] : [];
    });
  });
}

/**
 * Claims one delivery for an attempt now, whatever its status (resend on demand, ping): counts the
 * attempt unless another claim counted one since `delivery` was read (then null). A pending
 * delivery is leased like above.
 */
export async function claimDelivery(
  db: Db,
  delivery: DeliveryRow,
  now: string,
  leaseUntil: string,
): Promise<ClaimedDelivery | null> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('webhook_deliveries')
      .set({
        attempts: sql`attempts + 1`,
        last_attempt_at: now,
        ...(delivery.status === 'pending' ? { next_attempt_at: leaseUntil } : {}),
      })
      .where('id', '=', delivery.id)
      .where('attempts', '=', delivery.attempts)
      .where('status', '=', delivery.status)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return null;
    const webhook = (await webhooksById(trx, [delivery.webhook_id])).get(delivery.webhook_id);
    return webhook ? { delivery, attempt: delivery.attempts + 1, webhook } : null;
  });
}

/**
 * Records an attempt and its outcome on the delivery, guarded by the attempt number (a later claim
 * owns the row then; the attempt itself is still logged).
 */
export async function recordAttempt(
  db: Db,
  attempt: WebhookAttemptsTable,
  deliveryId: string,
  attemptNumber: number,
  change: Pick<
    WebhookDeliveriesTable,
    'status' | 'next_attempt_at' | 'last_status_code' | 'last_error' | 'delivered_at'
  >,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('webhook_attempts').values(attempt).execute();
    await trx
      .updateTable('webhook_deliveries')
      .set(change)
      .where('id', '=', deliveryId)
      .where('attempts', '=', attemptNumber)
      .execute();
  });
}

/**
 * Deletes finished deliveries — delivered before `deliveredBefore`, failed (created) before
 * `failedBefore` — with their attempts; pending ones are never touched. Call in a transaction.
 */
export async function deleteFinishedDeliveries(
  trx: DbOrTx,
  cutoffs: { deliveredBefore: string; failedBefore: string },
): Promise<{ deliveries: number; attempts: number }> {
  const old = trx
    .selectFrom('webhook_deliveries')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'delivered'), eb('delivered_at', '<', cutoffs.deliveredBefore)]),
        eb.and([eb('status', '=', 'failed'), eb('created_at', '<', cutoffs.failedBefore)]),
      ]),
    );
  const attempts = await trx
    .deleteFrom('webhook_attempts')
    .where('delivery_id', 'in', old)
    .executeTakeFirst();
  const deliveries = await trx.deleteFrom('webhook_deliveries').where('id', 'in', old).executeTakeFirst();
  return { deliveries: Number(deliveries.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
}
