import { type Kysely, sql } from 'kysely';

/**
 * Collection tasks link to their invoice (`invoice_id`, no foreign key: invoices belong to billing),
 * and a task made by the system exists once per `origin_ref` (e.g. `invoice-overdue:<invoiceId>`):
 * the unique partial index makes a second delivery of the same event insert nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('invoice_id', 'text').execute();
  await db.schema
    .createIndex('tasks_invoice')
    .on('tasks')
    .columns(['invoice_id', 'status'])
    .where(sql<boolean>`invoice_id is not null`)
    .execute();
  await db.schema
    .createIndex('tasks_system_origin_ref')
    .on('tasks')
    .columns(['origin_ref'])
    .unique()
    .where(sql<boolean>`origin = 'system'`)
    .execute();
}
