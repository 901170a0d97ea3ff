import { sql } from 'kysely';
import type { Db, DbOrTx, Dialect } from '../db/database';

export type MailStatus = 'outbox' | 'sent' | 'failed';

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  /**
   * `outbox`: waiting to be sent (without SMTP_URL it stays here, readable by admins) ·
   * `sent` · `failed`: gave up after the last attempt (see last_error).
   */
  status: MailStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  updated_at: string;
}

/** A file sent with a mail (migration 2026_11_26_2210_mail_attachments). */
export interface MailAttachmentsTable {
  mail_id: string;
  position: number;
  filename: string;
  content_type: string;
  content_base64: string;
}

declare module '../db/database' {
  interface Database {
    mail_outbox: MailOutboxTable;
    mail_attachments: MailAttachmentsTable;
  }
}

export async function insertMailAttachments(db: DbOrTx, rows: MailAttachmentsTable[]) {
  if (rows.length) await db.insertInto('mail_attachments').values(rows).execute();
}

/** The attachments of the mails, in order, by mail id. */
export async function findMailAttachments(db: DbOrTx, mailIds: string[]) {
  const byMail = new Map<string, MailAttachmentsTable[]>();
  if (!mailIds.length) return byMail;
  const rows = await db
    .selectFrom('mail_attachments')
    .selectAll()
    .where('mail_id', 'in', mailIds)
    .orderBy('mail_id')
    .orderBy('position')
    .execute();
  for (const row of rows) {
    const list = byMail.get(row.mail_id) ?? [];
    list.push(row);
    byMail.set(row.mail_id, list);
  }
  return byMail;
}

export function insertMail(db: DbOrTx, row: MailOutboxTable) {
  return db.insertInto('mail_outbox').values(row).execute();
}

/**
 * Claims up to `limit` due mails for sending: counts the attempt and sets a lease (next_attempt_at
 * = leaseUntil), so no other process picks them while this one talks to the SMTP server; if this
 * process dies, the lease runs out and the mail is tried again.
 */
export async function claimDueMail(db: Db, dialect: Dialect, now: string, leaseUntil: string, limit: number) {
  return db.transaction().execute(async (trx) => {
    let q = trx
      .selectFrom('mail_outbox')
      .selectAll()
      .where('status', '=', 'outbox')
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
      .orderBy('id')
      .limit(limit);
    if (dialect === 'postgres') q = q.forUpdate().skipLocked();
    const rows = await q.execute();
    if (rows.length) {
      await trx
        .updateTable('mail_outbox')
        .set({ attempts: sql`attempts + 1`, next_attempt_at: leaseUntil, updated_at: now })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  });
}

/** Records the outcome of the claimed attempt (guarded by its attempt number). */
export function updateMailAttempt(
  db: DbOrTx,
  id: string,
  attempt: number,
  change: Pick<MailOutboxTable, 'status' | 'next_attempt_at' | 'last_error' | 'sent_at' | 'updated_at'>,
) {
  return db
    .updateTable('mail_outbox')
    .set(change)
    .where('id', '=', id)
    .where('status', '=', 'outbox')
    .where('attempts', '=', attempt)
    .execute();
}

export async function countMailInOutbox(db: DbOrTx): Promise<number> {
  const row = await db
    .selectFrom('mail_outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'outbox')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
