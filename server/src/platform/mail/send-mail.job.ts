import type { AppContext } from '../context';
import type { JobDefinition } from '../jobs/registry';
import { countMailInOutbox } from './mail.repository';
import { DEFAULT_MAIL_SETTINGS, describeSendResult, type MailSettings, sendPendingMail } from './send-mail';

export const SEND_MAIL_JOB = 'platform.send-mail';

/** Every minute: send due mail (new ones and retries). The dispatcher also kicks it after events. */
export function sendMailJob(settings: MailSettings = DEFAULT_MAIL_SETTINGS): JobDefinition {
  return {
    name: SEND_MAIL_JOB,
    description: 'Sends queued e-mail through SMTP_URL (without it, mail stays in the outbox)',
    cron: '* * * * *',
    async run(ctx) {
      const result = await sendPendingMail(ctx, settings);
      const summary = describeSendResult(result, result ? 0 : await countMailInOutbox(ctx.db));
      return { summary, idle: !result || result.sent + result.retrying + result.failed === 0 };
    },
  };
}

/**
 * Sends mail right after events were handled (a handler may have queued some), without waiting for
 * the next minute. Runs never overlap within the process.
 */
export function createMailKicker(
  ctx: Pick<AppContext, 'db' | 'dialect' | 'config' | 'log'>,
  settings: MailSettings,
) {
  let running: Promise<void> | null = null;
  let again = false;
  const loop = async () => {
    do {
      again = false;
      try {
        await sendPendingMail(ctx, settings);
      } catch (err) {
        ctx.log.error({ err }, 'sending mail failed');
      }
    } while (again);
  };
  return {
    kick() {
      if (!ctx.config.smtpUrl) return;
      if (running) {
        again = true;
        return;
      }
      running = loop().finally(() => {
        running = null;
      });
    },
    async stop() {
      again = false;
      await running;
    },
  };
}
