import type { Selectable } from 'kysely';
import type { Payment } from '../../../../contracts/billing';
import type { DbOrTx } from '../../platform/db/database';
import type { PaymentAllocationsTable, PaymentsTable } from './billing.tables';
import { toPayment } from './invoices.mappers';

export type PaymentRow = Selectable<PaymentsTable>;

export async function insertPayment(
  db: DbOrTx,
  row: PaymentRow,
  allocations: Selectable<PaymentAllocationsTable>[],
): Promise<void> {
  await db.insertInto('payments').values(row).execute();
  if (allocations.length) await db.insertInto('payment_allocations').values(allocations).execute();
}

/** The payments allocated to an invoice (oldest first), each with all of its allocations. */
export async function findPaymentsOfInvoice(db: DbOrTx, invoiceId: string): Promise<Payment[]> {
  const payments = await db
    .selectFrom('payments')
    .selectAll('payments')
    .where('payments.id', 'in', (eb) =>
      eb.selectFrom('payment_allocations').select('payment_id').where('invoice_id', '=', invoiceId),
    )
    .orderBy('payments.date')
    .orderBy('payments.id')
    .execute();
  if (payments.length === 0) return [];
  const allocations = await db
    .selectFrom('payment_allocations')
    .innerJoin('invoices', 'invoices.id', 'payment_allocations.invoice_id')
    .select([
      'payment_allocations.payment_id',
      'payment_allocations.invoice_id',
      'payment_allocations.amount_cents',
      'invoices.number',
    ])
    .where(
      'payment_allocations.payment_id',
      'in',
      payments.map((p) => p.id),
    )
    .orderBy('payment_allocations.created_at')
    .execute();
  return payments.map((p) =>
    toPayment(
      p,
      allocations
        .filter((a) => a.payment_id === p.id)
        .map((a) => ({
          invoiceId: a.invoice_id,
          invoiceNumber: a.number,
          amountCents: Number(a.amount_cents),
        })),
    ),
  );
}
