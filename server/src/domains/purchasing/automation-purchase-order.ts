import { type RecordTypeDef, type RecordValues, registerRecordType } from '../automation';
import { getCompanyMailAddresses, getCompanyNames } from '../companies';
import {
  findOpenOrderIdsExpectedOn,
  findOrdersByIds,
  findRecentOrderIds,
  type PurchaseOrderRow,
} from './automation.repository';

/** A purchase order as rules see it: camelCase, money in cents. */
export function purchaseOrderValues(r: PurchaseOrderRow): RecordValues {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    origin: r.origin,
    supplierId: r.supplier_id,
    warehouseId: r.warehouse_id,
    currency: r.currency,
    netCents: Number(r.net_cents),
    expectedDate: r.expected_date,
    approvedBy: r.approved_by,
    approvedAt: r.approved_at,
    sentAt: r.sent_at,
    sentTo: r.sent_to,
    receivedAt: r.received_at,
    cancelledAt: r.cancelled_at,
    overdue: r.follow_up_raised_at !== null && ['approved', 'sent', 'partially_received'].includes(r.status),
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/**
 * Record type `purchase_order`. Its "owner" is the person who approved it (the one the purchase
 * follow-up falls back to); a draft has none. No field is updatable by rules: an order changes
 * through its own steps (approve, send, receive).
 */
export const purchaseOrderRecordType: RecordTypeDef = {
  type: 'purchase_order',
  fields: [
    { name: 'number', type: 'string' },
    {
      name: 'status',
      type: 'enum',
      options: ['draft', 'approved', 'sent', 'partially_received', 'received', 'cancelled'],
    },
    { name: 'origin', type: 'enum', options: ['manual', 'replenishment'] },
    { name: 'supplierId', type: 'company' },
    { name: 'currency', type: 'string' },
    { name: 'netCents', type: 'money' },
    { name: 'expectedDate', type: 'date' },
    { name: 'approvedBy', type: 'user' },
    { name: 'sentTo', type: 'string' },
    { name: 'overdue', type: 'boolean' },
    { name: 'createdBy', type: 'user' },
  ],
  related: [
    { name: 'supplier', type: 'company', via: 'supplierId' },
    { name: 'approver', type: 'user', via: 'approvedBy' },
  ],
  ownerField: 'approvedBy',
  async load(db, ids) {
    const rows = await findOrdersByIds(db, ids);
    return new Map(rows.map((r) => [r.id, purchaseOrderValues(r)]));
  },
  label: (v) => String(v.number ?? ''),
  /** The address the order was sent to, else the supplier's first mailable contact. */
  async contact(db, v) {
    const supplierId = String(v.supplierId ?? '');
    const name = (await getCompanyNames(db, [supplierId])).get(supplierId) ?? '';
    const email =
      typeof v.sentTo === 'string' && v.sentTo
        ? v.sentTo
        : (await getCompanyMailAddresses(db, [supplierId])).get(supplierId);
    return email ? { email, name, locale: 'de' } : null;
  },
  findByDate(db, field, date, after, limit) {
    if (field !== 'expectedDate') return Promise.resolve([]);
    return findOpenOrderIdsExpectedOn(db, date, after, limit);
  },
  recent: findRecentOrderIds,
};

export function registerPurchaseOrderRecordType(): void {
  registerRecordType(purchaseOrderRecordType);
}
