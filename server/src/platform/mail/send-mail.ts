import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { type Clock, systemClock } from '../clock';
import type { Config } from '../config';
import type { Db, Dialect } from '../db/database';
import { errorLine, MAIL_RETRY, type RetryPolicy, retryDelayMs } from '../jobs/backoff';
import { claimDueMail, findMailAttachments, updateMailAttempt } from './mail.repository';

export const DEFAULT_FROM = 'Kontor <kontor@localhost>';

export interface MailSettings {
  retry: RetryPolicy;
  /** How long a claimed mail is reserved for the sending process before another may try. */
  leaseMs: number;
  batchSize: number;
  /** Retry timing and sent_at run on the real clock. */
  timerClock: Clock;
}

export const DEFAULT_MAIL_SETTINGS: MailSettings = {
  retry: MAIL_RETRY,
  leaseMs: 5 * 60_000,
  batchSize: 50,
  timerClock: systemClock,
};

/**
 * SMTP_URL as nodemailer takes it (smtp://user:pass@host:587, smtps://…), plus an optional
 * `from` query parameter for the sender address: smtp://host:25?from=crm%40example.com.
 */
export function parseSmtpUrl(smtpUrl: string): { transportUrl: string; from: string } {
  const url = new URL(smtpUrl);
  const from = url.searchParams.get('from') ?? DEFAULT_FROM;
  url.searchParams.delete('from');
  return { transportUrl: url.toString(), from };
}

export interface SendResult {
  sent: number;
  retrying: number;
  failed: number;
}

/** SMTP answers 5xx for problems a retry does not fix (unknown mailbox, rejected sender). */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: number } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * Sends the mails that are due, through SMTP_URL. Without SMTP_URL nothing is sent: mail stays in
 * the outbox (status `outbox`), readable by admins. Safe to run in several processes at once.
 */
export async function sendPendingMail(
  ctx: { db: Db; dialect: Dialect; config: Config; log: Logger },
  settings: MailSettings = DEFAULT_MAIL_SETTINGS,
): Promise<SendResult | null> {
  if (!ctx.config.smtpUrl) return null;
  const { transportUrl, from } = parseSmtpUrl(ctx.config.smtpUrl);
  const result: SendResult = { sent: 0, retrying: 0, failed: 0 };
  let transport: ReturnType<typeof nodemailer.createTransport> | null = null;
  try {
    for (;;) {
      const now = settings.timerClock.now();
      const mails = await claimDueMail(
        ctx.db,
        ctx.dialect,
        now.toISOString(),
        new Date(now.getTime() + settings.leaseMs).toISOString(),
        settings.batchSize,
      );
      if (!mails.length) break;
      transport ??= nodemailer.createTransport(transportUrl);
      const attachments = await findMailAttachments(
        ctx.db,
        mails.map((m) => m.id),
      );
      for (const mail of mails) {
        const files = attachments.get(mail.id) ?? [];
        try {
          await transport.sendMail({
            from,
            to: mail.to_address,
            subject: mail.subject,
            text: mail.text_body,
            ...(mail.html_body ? { html: mail.html_body } : {}),
            ...(files.length
              ? {
                  attachments: files.map((f) => ({
                    filename: f.filename,
                    contentType: f.content_type,
                    content: Buffer.from(f.content_base64, 'base64'),
                  })),
                }
              : {}),
            messageId: `<${mail.id}@kontor>`,
          });
          const at = settings.timerClock.now().toISOString();
          await updateMailAttempt(ctx.db, mail.id, mail.attempts, {
            status: 'sent',
            next_attempt_at: null,
            last_error: null,
            sent_at: at,
            updated_at: at,
          });
          result.sent++;
        } catch (err) {
          const giveUp = isPermanent(err) || mail.attempts >= settings.retry.maxAttempts;
          const at = settings.timerClock.now();
          await updateMailAttempt(ctx.db, mail.id, mail.attempts, {
            status: giveUp ? 'failed' : 'outbox',
            next_attempt_at: giveUp
              ? null
              : new Date(at.getTime() + retryDelayMs(settings.retry, mail.attempts)).toISOString(),
            last_error: errorLine(err),
            sent_at: null,
            updated_at: at.toISOString(),
          });
          ctx.log.warn({ err, mail: mail.id, attempts: mail.attempts, giveUp }, 'sending mail failed');
          if (giveUp) result.failed++;
          else result.retrying++;
        }
      }
      if (mails.length < settings.batchSize) break;
    }
  } finally {
    transport?.close();
  }
  return result;
}

export function describeSendResult(result: SendResult | null, waiting: number): string {
  if (!result) return `SMTP_URL is not set: ${waiting} mail(s) wait in the outbox`;
  return `${result.sent} sent, ${result.retrying} to retry, ${result.failed} failed`;
}
