/** Calendar arithmetic on business dates (`YYYY-MM-DD`), at UTC midnight so no DST shifts creep in. */

export type AgendaView = 'day' | 'week';

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week containing `date` (weeks start on Monday in Germany, ISO 8601). */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The days the view shows around `date`. */
export function viewRange(view: AgendaView, date: string): { from: string; to: string; days: string[] } {
  const from = view === 'week' ? weekStart(date) : date;
  const count = view === 'week' ? 7 : 1;
  const days = Array.from({ length: count }, (_, i) => addDays(from, i));
  return { from, to: days[days.length - 1]!, days };
}

/** The same view one step earlier (−1) or later (+1). */
export function stepDate(view: AgendaView, date: string, step: -1 | 1): string {
  return addDays(date, step * (view === 'week' ? 7 : 1));
}
