import type { Invoice, InvoiceListQuery, InvoiceSummary } from '../../../../contracts/billing';
import type { ListResponse } from '../../../../contracts/common';
import type { Actor } from '../../platform/actor';
import { businessDate } from '../../platform/clock';
import type { DbOrTx } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { AppError, notFound } from '../../platform/http/errors';
import { getCompanyNames } from '../companies';
import { toInvoice, toInvoiceSummary } from './invoices.mappers';
import {
  findInvoice,
  findLinesOfInvoice,
  INVOICE_SORT_COLUMNS,
  type InvoiceRow,
  listInvoiceRows,
} from './invoices.repository';
import type { BillingDeps } from './settings.service';

export const unprocessable = (code: string, message: string, path?: string, fieldMessage = message) =>
  new AppError('unprocessable', code, message, path ? [{ path, message: fieldMessage }] : undefined);

export const issuedImmutable = () =>
  new AppError(
    'conflict',
    'billing.invoice_immutable',
    'Issued invoices cannot be changed; cancel with a credit note',
  );

export function today(deps: BillingDeps): string {
  return businessDate(deps.clock.now(), deps.config.timezone);
}

// ─── reading ──────────────────────────────────────────────────────────────────────────────────────

/** An invoice the actor may see (404 otherwise); no actor: the system. */
export async function loadInvoiceRow(db: DbOrTx, id: string, actor?: Actor): Promise<InvoiceRow> {
  const row = await findInvoice(db, id, actor);
  if (!row) throw notFound('invoice', id);
  return row;
}

/** The invoice contract of a row: lines, VAT breakdown, company name. */
export async function invoiceOf(db: DbOrTx, row: InvoiceRow, todayDate: string): Promise<Invoice> {
  const [lines, names] = await Promise.all([
    findLinesOfInvoice(db, row.id),
    getCompanyNames(db, [row.company_id]),
  ]);
  return toInvoice(row, lines, { companyName: names.get(row.company_id) ?? null, today: todayDate });
}

export async function getInvoice(deps: BillingDeps, actor: Actor, id: string): Promise<Invoice> {
  return invoiceOf(deps.db, await loadInvoiceRow(deps.db, id, actor), today(deps));
}

export async function listInvoices(
  deps: BillingDeps,
  actor: Actor,
  query: InvoiceListQuery,
): Promise<ListResponse<InvoiceSummary>> {
  const todayDate = today(deps);
  const page = await listInvoiceRows(
    deps.db,
    actor,
    { ...query, today: todayDate },
    {
      sort: parseSort(query.sort, INVOICE_SORT_COLUMNS as Record<string, string>),
      limit: query.limit,
      cursor: query.cursor,
    },
  );
  const names = await getCompanyNames(
    deps.db,
    page.items.map((r) => r.company_id),
  );
  return {
    items: page.items.map((r) =>
      toInvoiceSummary(r, { companyName: names.get(r.company_id) ?? null, today: todayDate }),
    ),
    nextCursor: page.nextCursor,
  };
}
