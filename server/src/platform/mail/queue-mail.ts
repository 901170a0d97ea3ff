import type { Clock } from '../clock';
import { insertRows } from '../db/bulk-insert';
import type { Tx } from '../db/database';
import { uuidv7 } from '../ids';
import { insertMail, insertMailAttachments } from './mail.repository';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array | string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Stored with the mail and sent as they are (queueMail only; queueMails sends none). */
  attachments?: MailAttachment[];
}

/**
 * Queues an e-mail inside the caller's transaction: it exists exactly when the change that caused it
 * is committed. The mail job sends it (when SMTP_URL is set); without SMTP it stays in the in-app
 * outbox for admins to read. Returns the mail's id.
 */
export async function queueMail(trx: Tx, clock: Clock, mail: OutgoingMail): Promise<string> {
  const id = uuidv7();
  const now = clock.now().toISOString();
  await insertMail(trx, {
    id,
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    status: 'outbox',
    attempts: 0,
    // Due at once. (Retry times are set by the sender on the real clock, not the business clock.)
    next_attempt_at: null,
    last_error: null,
    created_at: now,
    sent_at: null,
    updated_at: now,
  });
  await insertMailAttachments(
    trx,
    (mail.attachments ?? []).map((a, position) => ({
      mail_id: id,
      position,
      filename: a.filename,
      content_type: a.contentType,
      content_base64: Buffer.from(a.content).toString('base64'),
    })),
  );
  return id;
}

/**
 * Queues many e-mails in the caller's transaction with multi-row inserts (a reminder run may queue
 * thousands). Same contract as queueMail; returns the ids in the order of `mails`.
 */
export async function queueMails(trx: Tx, clock: Clock, mails: readonly OutgoingMail[]): Promise<string[]> {
  const now = clock.now().toISOString();
  const rows = mails.map((mail) => ({
    id: uuidv7(),
    to_address: mail.to,
    subject: mail.subject,
    text_body: mail.text,
    html_body: mail.html ?? null,
    status: 'outbox' as const,
    attempts: 0,
    next_attempt_at: null,
    last_error: null,
    created_at: now,
    sent_at: null,
    updated_at: now,
  }));
  await insertRows(trx, 'mail_outbox', rows);
  return rows.map((r) => r.id);
}
