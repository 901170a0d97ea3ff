import { type RawBuilder, sql } from 'kysely';
import { zonedInstant } from '../../platform/clock';
import type { Dialect } from '../../platform/db/database';

/**
 * Date arithmetic for reports, the one place where the dialects differ. Instants are ISO 8601 UTC
 * text and business dates `YYYY-MM-DD` text on both (docs/adr/0001), so comparisons and `substr`
 * work alike; only differences in time need a function of the dialect.
 */

/** Days from one ISO-instant column to another (fractional; null when either is null). */
export function daysBetween(
  dialect: Dialect,
  fromColumn: string,
  toColumn: string,
): RawBuilder<number | null> {
  const from = sql.ref(fromColumn);
  const to = sql.ref(toColumn);
  return dialect === 'sqlite'
    ? sql<number | null>`(julianday(${to}) - julianday(${from}))`
    : sql<
        number | null
      >`(extract(epoch from (cast(${to} as timestamptz) - cast(${from} as timestamptz))) / 86400.0)`;
}

/**
 * A column the planner must not read through an index (SQLite's unary `+`; PostgreSQL plans by its
 * statistics and needs no hint). For a filter that another table's index should drive.
 */
export function notIndexed(dialect: Dialect, column: string): RawBuilder<unknown> {
  return dialect === 'sqlite' ? sql`+${sql.ref(column)}` : sql`${sql.ref(column)}`;
}

/** The business date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `YYYY-MM` of the month `months` after the month of `date`. */
export function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The UTC instant (ISO) at which the business date begins in the company time zone. */
export function dayStartInstant(date: string, timezone: string): string {
  return zonedInstant(date, '00:00', timezone).toISOString();
}

/** A period of business dates (both inclusive) as a half-open range of instants [start, end). */
export function periodInstants(
  from: string | undefined,
  to: string | undefined,
  timezone: string,
): { start: string | null; end: string | null } {
  return {
    start: from ? dayStartInstant(from, timezone) : null,
    end: to ? dayStartInstant(addDays(to, 1), timezone) : null,
  };
}
