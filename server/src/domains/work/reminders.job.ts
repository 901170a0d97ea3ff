import type { JobDefinition } from '../../platform/jobs/registry';
import { fireDueReminders } from './reminders.service';

export const FIRE_REMINDERS_JOB = 'work.fire-reminders';

/** Every minute: fires the task reminders that are due (in-app notification and, if wanted, e-mail). */
export function fireRemindersJob(): JobDefinition {
  return {
    name: FIRE_REMINDERS_JOB,
    description: 'Fires due task reminders: a notification per recipient and, where wanted, an e-mail',
    cron: '* * * * *',
    async run(ctx) {
      const r = await fireDueReminders(ctx);
      if (!r.enabled) {
        return {
          summary: `reminders are off (rule work.reminders disabled): passed over ${r.tasks} due reminders`,
          idle: r.tasks === 0,
        };
      }
      return {
        summary: `fired ${r.tasks} reminders: ${r.notifications} notifications, ${r.mails} e-mails queued`,
        idle: r.tasks === 0,
      };
    },
  };
}
