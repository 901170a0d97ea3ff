import { z } from 'zod';
import { Id } from './common';

/**
 * The event catalogue. Each event is `<aggregate>.<past-tense verb>` with a typed payload.
 * Events are written to the outbox in the transaction of the change that raised them.
 */
export const EventPayloads = {
  'user.created': z.object({ userId: Id, email: z.string(), name: z.string(), locale: z.enum(['de', 'en']) }),
  'user.deactivated': z.object({ userId: Id }),
  'team.member_added': z.object({ teamId: Id, userId: Id }),
  'team.member_removed': z.object({ teamId: Id, userId: Id }),

  'company.created': z.object({ companyId: Id, name: z.string(), roles: z.array(z.string()) }),
  /** Duplicates were merged into `targetId`; domains holding links to `sourceId` re-point them. */
  'company.merged': z.object({ targetId: Id, sourceId: Id }),
  'contact.merged': z.object({ targetId: Id, sourceId: Id }),
  /** The fields that changed (camelCase, e.g. `segmentId`, `ownerId`). */
  'company.updated': z.object({ companyId: Id, changed: z.array(z.string()) }),
  'contact.created': z.object({ contactId: Id, companyId: Id.nullable() }),
  'contact.updated': z.object({ contactId: Id, companyId: Id.nullable(), changed: z.array(z.string()) }),

  'deal.created': z.object({
    dealId: Id,
    pipelineId: Id,
    stageId: Id,
    companyId: Id.nullable(),
    amountCents: z.number().int(),
  }),
  'deal.stage_changed': z.object({
    dealId: Id,
    pipelineId: Id,
    fromStageId: Id.nullable(),
    toStageId: Id,
    amountCents: z.number().int(),
  }),
  'deal.won': z.object({
    dealId: Id,
    companyId: Id.nullable(),
    amountCents: z.number().int(),
    currency: z.string(),
  }),
  'deal.lost': z.object({ dealId: Id, companyId: Id.nullable(), reason: z.string() }),
  /** Fields of an open deal were edited (not stage moves, wins or losses: those have their own events). */
  'deal.updated': z.object({
    dealId: Id,
    companyId: Id.nullable(),
    /** The fields that changed (camelCase, e.g. `amountCents`, `ownerId`, `expectedCloseDate`). */
    changed: z.array(z.string()),
  }),
  /** A won or lost deal was opened again (releases what winning reserved). */
  'deal.reopened': z.object({ dealId: Id }),

  'task.created': z.object({
    taskId: Id,
    type: z.string(),
    assigneeId: Id.nullable(),
    teamId: Id.nullable(),
    dealId: Id.nullable(),
    companyId: Id.nullable(),
  }),
  /** A task was given to another person or team (not on create). */
  'task.assigned': z.object({ taskId: Id, assigneeId: Id.nullable(), teamId: Id.nullable() }),
  'task.completed': z.object({
    taskId: Id,
    type: z.string(),
    assigneeId: Id.nullable(),
    teamId: Id.nullable(),
    dealId: Id.nullable(),
    companyId: Id.nullable(),
    outcome: z.string().nullable(),
  }),

  /**
   * An open task passed its due date (the work domain's overdue sweep; raised once per task and due
   * date: moving the due date and missing it again raises it again).
   */
  'task.overdue': z.object({
    taskId: Id,
    type: z.string(),
    assigneeId: Id.nullable(),
    teamId: Id.nullable(),
    dueDate: z.string(),
  }),

  'invoice.issued': z.object({
    invoiceId: Id,
    number: z.string(),
    kind: z.enum(['invoice', 'credit_note']),
    companyId: Id,
    dealId: Id.nullable(),
    grossCents: z.number().int(),
    dueDate: z.string(),
  }),
  /** The open amount reached zero. */
  'invoice.paid': z.object({ invoiceId: Id, number: z.string(), companyId: Id, paidAt: z.string() }),
  /**
   * The due sweep found the invoice unpaid past its due date + grace days (raised once per invoice).
   * `overdueSince` is the business date the sweep ran as of; `daysOverdue` counts from the due date.
   */
  'invoice.overdue': z.object({
    invoiceId: Id,
    number: z.string(),
    companyId: Id,
    ownerId: Id.nullable(),
    teamId: Id.nullable(),
    openCents: z.number().int(),
    dueDate: z.string(),
    daysOverdue: z.number().int(),
    overdueSince: z.string(),
  }),
  /**
   * The due sweep moved the invoice to a dunning level and wrote its notice (once per invoice and
   * level); the work domain creates or updates the collection task.
   */
  'invoice.dunned': z.object({
    invoiceId: Id,
    number: z.string(),
    companyId: Id,
    ownerId: Id.nullable(),
    teamId: Id.nullable(),
    noticeId: Id,
    level: z.number().int(),
    levelName: z.string(),
    noticeDate: z.string(),
    paymentDeadline: z.string(),
    openCents: z.number().int(),
    totalCents: z.number().int(),
    dueDate: z.string(),
    daysOverdue: z.number().int(),
  }),
  /** Cancelled by the credit note `creditNoteId`. */
  'invoice.cancelled': z.object({ invoiceId: Id, creditNoteId: Id }),

  /** A product was created or changed (inventory and purchasing keep their own copies in step). */
  'product.created': z.object({
    productId: Id,
    sku: z.string(),
    name: z.string(),
    kind: z.enum(['stock', 'service']),
  }),
  'product.updated': z.object({
    productId: Id,
    sku: z.string(),
    kind: z.enum(['stock', 'service']),
    active: z.boolean(),
    /** The fields that changed (camelCase, e.g. `salesPriceCents`, `suppliers`). */
    changed: z.array(z.string()),
  }),

  /**
   * Stock moves were written for products in a warehouse (one event per change, for all its lines):
   * purchasing checks those products against their reorder points.
   */
  'stock.changed': z.object({
    warehouseId: Id,
    productIds: z.array(Id),
    moveIds: z.array(Id),
    /** What caused the moves: `deal`, `delivery`, `purchase_order`, `goods_receipt`, `adjustment`, `count`. */
    sourceType: z.string(),
    sourceId: Id,
  }),
  /** A product's projected stock (on hand − reserved + on order) fell below its reorder point. */
  'stock.below_minimum': z.object({
    productId: Id,
    warehouseId: Id,
    projectedMilli: z.number().int(),
    reorderPointMilli: z.number().int(),
  }),
  /** Goods were delivered to a customer (a delivery note). */
  'delivery.created': z.object({
    deliveryId: Id,
    number: z.string(),
    dealId: Id.nullable(),
    invoiceId: Id.nullable(),
    companyId: Id.nullable(),
  }),
  'po.created': z.object({ purchaseOrderId: Id, number: z.string(), supplierId: Id, origin: z.string() }),
  'po.approved': z.object({
    purchaseOrderId: Id,
    number: z.string(),
    supplierId: Id,
    netCents: z.number().int(),
  }),
  'po.sent': z.object({ purchaseOrderId: Id, number: z.string(), supplierId: Id, sentTo: z.string() }),
  'po.cancelled': z.object({ purchaseOrderId: Id, number: z.string(), supplierId: Id }),
  /** A goods receipt was booked; `complete` when every line is fully received. */
  'po.received': z.object({
    purchaseOrderId: Id,
    number: z.string(),
    supplierId: Id,
    goodsReceiptId: Id,
    complete: z.boolean(),
  }),
  /**
   * The follow-up sweep found the order past its expected date and not fully received (raised once
   * per order); the work domain creates the purchase follow-up task.
   */
  'po.overdue': z.object({
    purchaseOrderId: Id,
    number: z.string(),
    supplierId: Id,
    supplierName: z.string(),
    expectedDate: z.string(),
    /** The business date the sweep ran as of (`run-job --as-of`): the task is due that day. */
    overdueSince: z.string(),
    teamId: Id.nullable(),
    assigneeId: Id.nullable(),
  }),

  /**
   * A CSV import wrote its rows (one event for the whole file, not one `company.created` /
   * `deal.created` per row): the records are those with audit origin `import:<importId>`.
   */
  'import.completed': z.object({
    importId: Id,
    entityType: z.enum(['companies', 'contacts', 'deals', 'products']),
    created: z.number().int(),
    updated: z.number().int(),
    skipped: z.number().int(),
    rejected: z.number().int(),
  }),
} as const;

export type EventType = keyof typeof EventPayloads;
export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloads)[T]>;

export const EVENT_TYPES = Object.keys(EventPayloads) as EventType[];

/** An event as stored in the outbox and handed to subscribers. */
export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  type: T;
  payload: EventPayload<T>;
  occurredAt: string;
  actorId: string | null;
  /**
   * Who raised it when not a person: `rule:<id>@<version>` (chained with `<` when a rule's action
   * was itself caused by another rule's: `rule:B@1<rule:A@3`), `job:<name>`, `event:<type>`, … The
   * automation engine stops a rule that appears in the chain of the event it reacts to (a loop).
   */
  origin: string | null;
}
