import { sql } from 'kysely';
import type { InvoiceKind } from '../../../../contracts/billing';
import type { Tx } from '../../platform/db/database';

/**
 * Gapless invoice numbers: one counter row per kind and year (`invoice:2026`, `credit_note:2026`)
 * in invoice_number_series, incremented in the issuing transaction. On PostgreSQL the UPDATE takes
 * the row lock, so concurrent issuers queue behind each other and each gets the next number; a
 * transaction that fails rolls its increment back, so no number is skipped. SQLite has one writer.
 */
export async function nextInvoiceNumber(trx: Tx, kind: InvoiceKind, year: number): Promise<number> {
  const series = `${kind}:${year}`;
  await trx
    .insertInto('invoice_number_series')
    .values({ series, next_number: 1 })
    .onConflict((oc) => oc.column('series').doNothing())
    .execute();
  const row = await trx
    .updateTable('invoice_number_series')
    .set({ next_number: sql`next_number + 1` })
    .where('series', '=', series)
    .returning('next_number')
    .executeTakeFirstOrThrow();
  return Number(row.next_number) - 1;
}

/**
 * Formats a number: `{YYYY}` the year, `{YY}` its last two digits, `{NNNNN}` the running number
 * zero-padded to as many digits as there are Ns (longer numbers are not cut).
 * formatInvoiceNumber('RE-{YYYY}-{NNNNN}', 2026, 7) → 'RE-2026-00007'.
 */
export function formatInvoiceNumber(format: string, year: number, n: number): string {
  return format
    .replace(/\{YYYY\}/g, String(year))
    .replace(/\{YY\}/g, String(year % 100).padStart(2, '0'))
    .replace(/\{(N+)\}/g, (_m, ns: string) => String(n).padStart(ns.length, '0'));
}
