import type { WorkSettings } from '../../../../contracts/work';
import { zonedInstant } from '../../platform/clock';

/**
 * When a task's default reminder fires: for a task with a time, `reminderMinutesBefore` before it;
 * for an all-day task, `allDayReminderTime` on the due day in the company time zone; null for a
 * task without a due date (nothing to remind of).
 */
export function reminderAtFor(
  task: { dueDate: string | null; dueAt: string | null },
  settings: Pick<WorkSettings, 'reminderMinutesBefore' | 'allDayReminderTime'>,
  timezone: string,
): string | null {
  if (task.dueAt) {
    return new Date(Date.parse(task.dueAt) - settings.reminderMinutesBefore * 60_000).toISOString();
  }
  if (task.dueDate) return zonedInstant(task.dueDate, settings.allDayReminderTime, timezone).toISOString();
  return null;
}
