import type { GoalPeriodKind } from '../../../../contracts/goals';

/**
 * Goal periods as business dates (YYYY-MM-DD, both ends inclusive). All arithmetic is on calendar
 * dates at UTC midnight, never on local clock times, so a DST switch inside a period changes nothing.
 */

export interface Period {
  start: string;
  end: string;
}

function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

function ymd(year: number, month: number, day: number): string {
  // Date.UTC normalises overflow (month 13 → January of the next year, day 0 → last day before).
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

/** The calendar month, quarter or year that contains `date`. */
export function calendarPeriod(kind: Exclude<GoalPeriodKind, 'custom'>, date: string): Period {
  const [y, m] = parts(date);
  if (kind === 'month') return { start: ymd(y, m, 1), end: ymd(y, m + 1, 0) };
  if (kind === 'quarter') {
    const first = Math.floor((m - 1) / 3) * 3 + 1;
    return { start: ymd(y, first, 1), end: ymd(y, first + 3, 0) };
  }
  return { start: ymd(y, 1, 1), end: ymd(y, 12, 31) };
}

/** Calendar days from `from` to `to`, both counted (1 for the same day; 0 when `to` is before `from`). */
export function daysInclusive(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  const days = Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000) + 1;
  return Math.max(0, days);
}

/** `2026-11`, `Q4 2026`, `2026`, or `2026-11-01 – 2026-12-15`: for default goal names. */
export function periodLabel(kind: GoalPeriodKind, period: Period): string {
  const [y, m] = parts(period.start);
  if (kind === 'month') return period.start.slice(0, 7);
  if (kind === 'quarter') return `Q${Math.floor((m - 1) / 3) + 1} ${y}`;
  if (kind === 'year') return String(y);
  return `${period.start} – ${period.end}`;
}
