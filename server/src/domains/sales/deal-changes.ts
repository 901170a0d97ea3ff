import type { Actor } from '../../platform/actor';
import type { DealLineRow, DealRow, DealsTable } from './deals.repository';

/** Edited columns → the camelCase names `deal.updated` lists (stage, status, lost reason: own events). */
const EVENT_FIELDS = {
  title: 'title',
  source: 'source',
  expected_close_date: 'expectedCloseDate',
  owner_id: 'ownerId',
  team_id: 'teamId',
  company_id: 'companyId',
  contact_id: 'contactId',
  amount_cents: 'amountCents',
} as const satisfies Partial<Record<keyof DealsTable, string>>;

/** An import (origin `import:<id>`) raises one `import.completed` instead of an event per row. */
export const isImport = (actor: Actor) => actor.origin?.startsWith('import:') === true;

/** The camelCase fields `deal.updated` lists for a change (empty: nothing was edited). */
export function changedDealFields(
  before: DealRow,
  patch: Partial<DealsTable>,
  beforeLines: DealLineRow[] | undefined,
  newLines: DealLineRow[] | null,
): string[] {
  const changed: string[] = [];
  for (const [column, name] of Object.entries(EVENT_FIELDS) as [keyof typeof EVENT_FIELDS, string][]) {
    if (patch[column] !== undefined && patch[column] !== before[column]) changed.push(name);
  }
  if (newLines && beforeLines && !sameLines(beforeLines, newLines)) changed.push('lines');
  return changed;
}

/** Lines are replaced wholesale (new ids): compare what they say, not their ids. */
function sameLines(a: DealLineRow[], b: DealLineRow[]): boolean {
  const key = (l: DealLineRow) =>
    [l.product_id, l.description, l.quantity_milli, l.unit_price_cents, l.discount_bp, l.vat_rate].join(
      '\u0001',
    );
  return a.length === b.length && a.every((l, i) => key(l) === key(b[i]!));
}
