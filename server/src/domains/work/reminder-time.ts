import type { WorkSettings } from '../../../../contracts/work';

/** One formatter per time zone: making an Intl.DateTimeFormat costs far more than formatting with it. */
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** Offset of `timezone` from UTC at the instant `ms`, in ms (positive east of Greenwich). */
function zoneOffsetMs(ms: number, timezone: string): number {
  let format = wallClockFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClockFormats.set(timezone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock time (`HH:MM`) on a business date in `timezone`, e.g.
 * 2026-03-30 09:00 Europe/Berlin → 07:00Z (summer time), 2026-03-27 09:00 → 08:00Z (winter time).
 * The offset is read at the result, so the day's own offset counts, not the previous night's.
 * A time in the spring-forward gap (02:30 on the last Sunday of March) lands an hour later.
 */
export function zonedInstant(date: string, time: string, timezone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  let at = wall - zoneOffsetMs(wall, timezone);
  at = wall - zoneOffsetMs(at, timezone);
  return new Date(at);
}

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
