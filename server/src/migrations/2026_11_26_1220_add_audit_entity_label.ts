import type { Kysely } from 'kysely';

/** A readable name of the changed record (company name, deal title…), kept with each audit entry. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('entity_label', 'text').execute();
}
