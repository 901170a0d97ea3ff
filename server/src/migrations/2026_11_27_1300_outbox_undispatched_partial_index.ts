import { type Kysely, sql } from 'kysely';

/**
 * The relay claims the oldest undispatched events (`dispatched_at is null order by id limit n`).
 * With the composite `(dispatched_at, id)` index PostgreSQL cannot read "is null" as a fixed value
 * for the order, so it fetched the whole backlog and sorted it for every batch — ~20 ms a batch
 * with 30,000 events waiting, growing with the backlog. A partial index on `id` over the
 * undispatched rows gives the order directly on both dialects; a second partial index keeps the
 * prune job's `dispatched_at < ?` range.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_undispatched').execute();
  await db.schema
    .createIndex('outbox_undispatched')
    .on('outbox')
    .column('id')
    .where(sql<boolean>`dispatched_at is null`)
    .execute();
  await db.schema
    .createIndex('outbox_dispatched_at')
    .on('outbox')
    .column('dispatched_at')
    .where(sql<boolean>`dispatched_at is not null`)
    .execute();
}
