import { describe, expect, it } from 'vitest';
import type { InvoiceSummary } from '../../../../../contracts/billing';
import type { LastContact } from '../../../../../contracts/goals';
import type { Task } from '../../../../../contracts/work';
import { chunks, collectionRows, daysBetween, filterAndSortRows } from './collections-values';

const invoice = (id: string, patch: Partial<InvoiceSummary>): InvoiceSummary =>
  ({
    id,
    kind: 'invoice',
    number: `RE-2026-000${id}`,
    companyId: `company-${id}`,
    dueDate: '2026-11-01',
    openCents: 10_000,
    dunningLevel: 0,
    dunningBlocked: false,
    ...patch,
  }) as InvoiceSummary;

const task = (id: string, invoiceId: string): Task => ({ id, invoiceId }) as Task;
const contact = (companyId: string, completedAt: string): LastContact =>
  ({ companyId, completedAt, type: 'call', typeName: 'Anruf' }) as LastContact;

describe('collections page rows', () => {
  const today = '2026-11-27';
  const invoices = [
    invoice('1', { dueDate: '2026-11-20', openCents: 50_000, dunningLevel: 1 }),
    invoice('2', { dueDate: '2026-10-01', openCents: 5_000, dunningLevel: 2 }),
    invoice('3', { dueDate: '2026-11-10', openCents: 20_000, dunningLevel: 0 }),
    invoice('4', { kind: 'credit_note', dueDate: '2026-09-01' }),
  ];
  const rows = collectionRows(
    invoices,
    [task('t1', '1'), task('t1b', '1'), task('t3', '3')],
    [contact('company-1', '2026-11-25T09:00:00.000Z'), contact('company-2', '2026-10-05T09:00:00.000Z')],
    today,
  );

  it('joins each overdue invoice (no credit notes) with its first open task and the last contact', () => {
    expect(rows.map((r) => r.invoice.id)).toEqual(['1', '2', '3']);
    expect(rows.map((r) => r.task?.id ?? null)).toEqual(['t1', null, 't3']);
    expect(rows.map((r) => r.lastContact?.completedAt.slice(0, 10) ?? null)).toEqual([
      '2026-11-25',
      '2026-10-05',
      null,
    ]);
    expect(rows.map((r) => r.daysOverdue)).toEqual([7, 57, 17]);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2); // across the change to summer time
  });

  it('sorts longest overdue first by default, and by open amount, level or last contact', () => {
    const ids = (sort: Parameters<typeof filterAndSortRows>[2]) =>
      filterAndSortRows(rows, '', sort).map((r) => r.invoice.id);
    expect(ids('-daysOverdue')).toEqual(['2', '3', '1']);
    expect(ids('daysOverdue')).toEqual(['1', '3', '2']);
    expect(ids('-open')).toEqual(['1', '3', '2']);
    expect(ids('-level')).toEqual(['2', '1', '3']);
    expect(ids('level')).toEqual(['3', '1', '2']);
    // never contacted counts as longest ago
    expect(ids('lastContact')).toEqual(['3', '2', '1']);
    expect(ids('-lastContact')).toEqual(['1', '2', '3']);
  });

  it('filters by dunning level, 0 being "not dunned yet"', () => {
    expect(filterAndSortRows(rows, '2', '-daysOverdue').map((r) => r.invoice.id)).toEqual(['2']);
    expect(filterAndSortRows(rows, '0', '-daysOverdue').map((r) => r.invoice.id)).toEqual(['3']);
    expect(filterAndSortRows(rows, '4', '-daysOverdue')).toEqual([]);
  });

  it('asks for the last contacts in pieces of 200 companies', () => {
    const ids = Array.from({ length: 401 }, (_, i) => `c${i}`);
    expect(chunks(ids, 200).map((c) => c.length)).toEqual([200, 200, 1]);
    expect(chunks([], 200)).toEqual([]);
  });
});
