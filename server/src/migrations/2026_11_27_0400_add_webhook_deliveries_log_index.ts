import type { Kysely } from 'kysely';

/**
 * A webhook's delivery log is read newest first (`webhook_id = ? order by id desc`, keyset pages):
 * the unique `(webhook_id, event_id)` index finds the webhook's rows but not in that order, so a
 * busy webhook's log sorted all its deliveries for every page.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('webhook_deliveries_log')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'id'])
    .execute();
}
