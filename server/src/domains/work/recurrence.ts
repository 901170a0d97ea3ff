import type { Recurrence } from '../../../../contracts/work';

function parseDate(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

function formatDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * The due date of the next occurrence: `interval` days, weeks or months after `dueDate`. Monthly
 * series keep the day of month of their first occurrence (`anchorDay`), clamped to the month's
 * length: a series from 31 January is due 28/29 February, 31 March, 30 April …
 */
export function nextDueDate(
  dueDate: string,
  recurrence: Exclude<Recurrence, 'none'>,
  interval: number,
  anchorDay?: number,
): string {
  const [y, m, d] = parseDate(dueDate);
  if (recurrence === 'daily' || recurrence === 'weekly') {
    const days = recurrence === 'daily' ? interval : interval * 7;
    const next = new Date(Date.UTC(y, m - 1, d + days));
    return formatDate(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  }
  const months = y * 12 + (m - 1) + interval;
  const ny = Math.floor(months / 12);
  const nm = (months % 12) + 1;
  return formatDate(ny, nm, Math.min(anchorDay ?? d, daysInMonth(ny, nm)));
}

/** The wall-clock time (HH:MM) of an instant in `timezone`: a timed series keeps its local time. */
export function localTimeOf(instant: string, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(instant));
}
