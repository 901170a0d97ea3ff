import type { InvoiceSummary } from '../../../../../contracts/billing';
import type { LastContact } from '../../../../../contracts/goals';
import type { Task } from '../../../../../contracts/work';

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const COLLECTION_SORTS = [
  'daysOverdue',
  '-daysOverdue',
  'open',
  '-open',
  'level',
  '-level',
  'lastContact',
  '-lastContact',
] as const;
export type CollectionSort = (typeof COLLECTION_SORTS)[number];
/** Longest overdue first: the page's default. */
export const DEFAULT_COLLECTION_SORT: CollectionSort = '-daysOverdue';

/** One line of the collections page: the invoice, its open collection task and the last contact. */
export interface CollectionRow {
  invoice: InvoiceSummary;
  daysOverdue: number;
  task: Task | undefined;
  lastContact: LastContact | undefined;
}

/**
 * The overdue invoices (not credit notes) joined with their first open collection task (by invoice
 * id) and the last contact with their company (by company id).
 */
export function collectionRows(
  invoices: readonly InvoiceSummary[],
  tasks: readonly Task[],
  lastContacts: readonly LastContact[],
  today: string,
): CollectionRow[] {
  const taskOf = new Map<string, Task>();
  for (const task of tasks) {
    if (task.invoiceId && !taskOf.has(task.invoiceId)) taskOf.set(task.invoiceId, task);
  }
  const contactOf = new Map(lastContacts.map((c) => [c.companyId, c]));
  return invoices
    .filter((i) => i.kind === 'invoice')
    .map((invoice) => ({
      invoice,
      daysOverdue: invoice.dueDate ? daysBetween(invoice.dueDate, today) : 0,
      task: taskOf.get(invoice.id),
      lastContact: contactOf.get(invoice.companyId),
    }));
}

function compare(a: CollectionRow, b: CollectionRow, field: string): number {
  switch (field) {
    case 'open':
      return a.invoice.openCents - b.invoice.openCents;
    case 'level':
      return a.invoice.dunningLevel - b.invoice.dunningLevel;
    case 'lastContact': {
      // never contacted counts as the longest ago
      const x = a.lastContact?.completedAt ?? '';
      const y = b.lastContact?.completedAt ?? '';
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return a.daysOverdue - b.daysOverdue;
  }
}

/**
 * Rows at a dunning level (`''` = all; `'0'` = not dunned yet), sorted by the field (`-` for
 * descending); ties keep the longest overdue first, then the invoice number.
 */
export function filterAndSortRows(
  rows: readonly CollectionRow[],
  level: string,
  sort: CollectionSort,
): CollectionRow[] {
  const wanted = level === '' ? null : Number(level);
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  return rows
    .filter((r) => wanted === null || r.invoice.dunningLevel === wanted)
    .sort((a, b) => {
      const primary = compare(a, b, field) * (desc ? -1 : 1);
      if (primary !== 0) return primary;
      const days = b.daysOverdue - a.daysOverdue;
      if (days !== 0) return days;
      return (a.invoice.number ?? '').localeCompare(b.invoice.number ?? '');
    });
}

/** `ids` in pieces of at most `size` (the last-contact API takes 200 companies a request). */
export function chunks<T>(ids: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}
