/** The business date `days` after `date` (YYYY-MM-DD; negative: before); calendar arithmetic, no time zone. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}
