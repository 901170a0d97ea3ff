import type { Kysely } from 'kysely';

/**
 * Attachments of queued e-mail (an invoice's PDF and XRechnung XML). The content is stored with
 * the mail, base64-encoded text on both dialects, so the mail sends exactly the documents that
 * existed when it was queued — also after retries — and goes when the mail row is pruned.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mail_attachments')
    .addColumn('mail_id', 'text', (c) => c.notNull().references('mail_outbox.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('content_base64', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mail_attachments_pk', ['mail_id', 'position'])
    .execute();
}
