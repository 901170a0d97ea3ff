import type { AgingBucketKey } from '../../../../../../contracts/receivables';

/** The business date `n` days after `date` (negative: before). */
function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The invoice list filtered to the open invoices of a bucket (by due date) and/or a company. */
export function openInvoicesLink(
  asOf: string,
  bucket: AgingBucketKey | 'overdue' | null,
  companyId?: string,
) {
  const p = new URLSearchParams({ open: 'true' });
  if (companyId) p.set('companyId', companyId);
  const range: Record<AgingBucketKey | 'overdue', [number | null, number | null]> = {
    notDue: [0, null],
    days1to30: [-30, -1],
    days31to60: [-60, -31],
    days61to90: [-90, -61],
    over90: [null, -91],
    overdue: [null, -1],
  };
  if (bucket) {
    const [from, to] = range[bucket];
    if (from !== null) p.set('dueFrom', addDays(asOf, from));
    if (to !== null) p.set('dueTo', addDays(asOf, to));
  }
  return `/invoices?${p.toString()}`;
}
