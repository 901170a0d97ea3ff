import { recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/http/errors';
import { type ParamValue, registerBuiltinRule } from '../automation';
import { getWorkDefaults, saveWorkDefaults, type WorkDefaults } from './work-defaults.repository';

/**
 * The task reminders (job `work.fire-reminders`) shown as the built-in rule `work.reminders`: its
 * parameters are the company's reminder defaults (table `work_defaults`) that everyone without
 * settings of their own gets — a person's own settings still win; disabled, the job sends no
 * reminders (reminders falling due meanwhile are passed over, not sent late).
 */
export const WORK_REMINDERS_RULE = 'work.reminders';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_MINUTES = 7 * 24 * 60;

const invalid = (key: string, message: string) =>
  new AppError('unprocessable', 'work.reminder_defaults_invalid', message, [
    { path: `params.${key}`, message },
  ]);

/** Checks the values given (only known keys) and turns them into a patch of the defaults. */
export function reminderDefaultsPatch(values: Record<string, ParamValue>): Partial<WorkDefaults> {
  const patch: Partial<WorkDefaults> = {};
  for (const [key, value] of Object.entries(values)) {
    if (key === 'reminderMinutesBefore') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_MINUTES) {
        throw invalid(key, `Minutes before the due time must be a whole number from 0 to ${MAX_MINUTES}`);
      }
      patch.reminderMinutesBefore = value;
    } else if (key === 'allDayReminderTime') {
      if (typeof value !== 'string' || !TIME.test(value)) {
        throw invalid(key, 'The reminder time of all-day tasks must be HH:MM (e.g. 09:00)');
      }
      patch.allDayReminderTime = value;
    } else if (key === 'emailReminders') {
      if (typeof value !== 'boolean') throw invalid(key, 'E-mail reminders must be on or off (true/false)');
      patch.emailReminders = value;
    } else {
      throw invalid(key, `The reminder rule has no parameter "${key}"`);
    }
  }
  return patch;
}

registerBuiltinRule({
  key: WORK_REMINDERS_RULE,
  name: 'Erinnerungen an Aufgaben',
  order: 50,
  defaultEnabled: true,
  params: [
    { key: 'reminderMinutesBefore', type: 'minutes', nullable: false, min: 0, max: MAX_MINUTES },
    { key: 'allDayReminderTime', type: 'time', nullable: false },
    { key: 'emailReminders', type: 'boolean', nullable: false },
  ],
  // everyone's own settings are on their profile page
  settingsPath: '/profile',
  async readParams(db) {
    return { ...(await getWorkDefaults(db)) };
  },
  async writeParams(trx, actor, clock, values) {
    const patch = reminderDefaultsPatch(values);
    const before = await getWorkDefaults(trx);
    const after = await saveWorkDefaults(trx, patch, actor.userId, clock.now().toISOString());
    await recordAudit(trx, clock, actor, {
      entityType: 'work_defaults',
      entityId: 'company',
      before: { ...before },
      after: { ...after },
    });
  },
});
