import type { JobDefinition } from '../../platform/jobs/registry';
import { sendDailyDigests } from './daily-digest.service';

export const DAILY_DIGEST_JOB = 'work.daily-digest';

/** 07:00 company time: each user who wants it gets one e-mail of today's and overdue tasks. */
export function dailyDigestJob(): JobDefinition {
  return {
    name: DAILY_DIGEST_JOB,
    description: 'E-mails each user who turned it on a summary of their tasks due today and overdue',
    cron: '0 7 * * *',
    async run(ctx) {
      const r = await sendDailyDigests(ctx);
      return {
        summary: `${r.sent} digests for ${r.date} queued, ${r.empty} users had nothing due, ${r.already} had theirs already`,
        idle: r.sent === 0,
      };
    },
  };
}
