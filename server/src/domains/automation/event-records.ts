import type { RecordType } from '../../../../contracts/automation';
import type { EventType } from '../../../../contracts/events';

/**
 * The record an event is about (a rule's "root record"): the type and the payload field with its id.
 * Events about no single record a rule could act on are absent (they can still trigger webhooks).
 */
export const EVENT_RECORDS: Partial<Record<EventType, { recordType: RecordType; idField: string }>> = {
  'company.created': { recordType: 'company', idField: 'companyId' },
  'company.updated': { recordType: 'company', idField: 'companyId' },
  'contact.created': { recordType: 'contact', idField: 'contactId' },
  'contact.updated': { recordType: 'contact', idField: 'contactId' },
  'deal.created': { recordType: 'deal', idField: 'dealId' },
  'deal.updated': { recordType: 'deal', idField: 'dealId' },
  'deal.stage_changed': { recordType: 'deal', idField: 'dealId' },
  'deal.won': { recordType: 'deal', idField: 'dealId' },
  'deal.lost': { recordType: 'deal', idField: 'dealId' },
  'deal.reopened': { recordType: 'deal', idField: 'dealId' },
  'task.created': { recordType: 'task', idField: 'taskId' },
  'task.assigned': { recordType: 'task', idField: 'taskId' },
  'task.completed': { recordType: 'task', idField: 'taskId' },
  'task.overdue': { recordType: 'task', idField: 'taskId' },
  'invoice.issued': { recordType: 'invoice', idField: 'invoiceId' },
  'invoice.paid': { recordType: 'invoice', idField: 'invoiceId' },
  'invoice.overdue': { recordType: 'invoice', idField: 'invoiceId' },
  'invoice.dunned': { recordType: 'invoice', idField: 'invoiceId' },
  'invoice.cancelled': { recordType: 'invoice', idField: 'invoiceId' },
  'product.created': { recordType: 'product', idField: 'productId' },
  'product.updated': { recordType: 'product', idField: 'productId' },
  'stock.below_minimum': { recordType: 'product', idField: 'productId' },
  'po.created': { recordType: 'purchase_order', idField: 'purchaseOrderId' },
  'po.approved': { recordType: 'purchase_order', idField: 'purchaseOrderId' },
  'po.sent': { recordType: 'purchase_order', idField: 'purchaseOrderId' },
  'po.cancelled': { recordType: 'purchase_order', idField: 'purchaseOrderId' },
  'po.received': { recordType: 'purchase_order', idField: 'purchaseOrderId' },
  'po.overdue': { recordType: 'purchase_order', idField: 'purchaseOrderId' },
};

/** Events whose payload lists the changed fields (`changed`): a trigger may filter on them. */
export const EVENTS_WITH_CHANGED_FIELDS: EventType[] = [
  'deal.updated',
  'company.updated',
  'contact.updated',
  'product.updated',
];
