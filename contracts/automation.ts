import { z } from 'zod';
import { BusinessDate, Id, Instant, Version } from './common';
import { EVENT_TYPES, type EventType } from './events';

/**
 * Automation (issue 7): rules = trigger + conditions + actions, their runs and e-mail templates
 * (webhooks: contracts/webhooks.ts). A rule is stored as JSON (trigger, conditions, actions); this file is its schema, for
 * the server (validation, OpenAPI) and the rule editor alike.
 */

// ─── records a rule works on ─────────────────────────────────────────────────────────────────────

/**
 * The kinds of record a trigger starts from (its "root record"). Each domain registers its record
 * type with the automation engine (fields, related records, how to load them).
 */
export const RECORD_TYPES = [
  'deal',
  'company',
  'contact',
  'invoice',
  'task',
  'product',
  'purchase_order',
] as const;
export const RecordType = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof RecordType>;

/** The type of a field, for conditions (which operators fit) and the editor (which input). */
export const FIELD_TYPES = [
  'string',
  'number',
  /** integer cents */
  'money',
  /** YYYY-MM-DD */
  'date',
  'boolean',
  /** one of `options` */
  'enum',
  /** ids: the editor offers a picker */
  'user',
  'team',
  'stage',
  'pipeline',
  'segment',
  'company',
] as const;
export const FieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldType>;

// ─── triggers ────────────────────────────────────────────────────────────────────────────────────

export const EventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

/** A domain event; for `*.updated` events `fields` narrows to changes of these fields. */
export const EventTrigger = z.strictObject({
  kind: z.literal('event'),
  event: EventTypeSchema,
  /** Only for events with a `changed` list (`deal.updated`, `company.updated`, …): any of these changed. */
  fields: z.array(z.string().min(1).max(60)).max(20).optional(),
});
/** A cron schedule (5 fields, minute precision) in the company time zone; no record. */
export const ScheduleTrigger = z.strictObject({
  kind: z.literal('schedule'),
  cron: z.string().trim().min(9).max(100),
});
/** Relative to a date field of records: "3 days before a deal's expectedCloseDate" = offsetDays −3. */
export const DateTrigger = z.strictObject({
  kind: z.literal('date'),
  recordType: RecordType,
  /** A field of type `date` of that record (e.g. `expectedCloseDate`, `dueDate`). */
  field: z.string().min(1).max(60),
  offsetDays: z.number().int().min(-365).max(365),
  /** Time of day (company time zone) the rule runs on that date. */
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .default('08:00'),
});
export const Trigger = z.discriminatedUnion('kind', [EventTrigger, ScheduleTrigger, DateTrigger]);
export type Trigger = z.infer<typeof Trigger>;

// ─── conditions ──────────────────────────────────────────────────────────────────────────────────

export const CONDITION_OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'not_contains',
  'in',
  'not_in',
  'is_empty',
  'is_not_empty',
] as const;
export const ConditionOp = z.enum(CONDITION_OPS);
export type ConditionOp = z.infer<typeof ConditionOp>;

export const ConditionValue = z.union([
  z.string().max(500),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200)).max(100),
  z.null(),
]);
export type ConditionValue = z.infer<typeof ConditionValue>;

/**
 * `field` is a path from the trigger's root record: `deal.amountCents`, `company.segmentId`,
 * `owner.name`, or `event.toStageId` (the event's payload). Money is compared in cents.
 */
export const Condition = z.strictObject({
  field: z.string().min(3).max(80),
  op: ConditionOp,
  value: ConditionValue.optional(),
});
export type Condition = z.infer<typeof Condition>;

export const ConditionGroup = z.strictObject({
  match: z.enum(['all', 'any']),
  items: z.array(Condition).max(20),
});
export type ConditionGroup = z.infer<typeof ConditionGroup>;

/** `all` (and) or `any` (or) of conditions and groups of conditions (two levels are enough for people). */
export const Conditions = z.strictObject({
  match: z.enum(['all', 'any']),
  items: z.array(z.union([Condition, ConditionGroup])).max(20),
});
export type Conditions = z.infer<typeof Conditions>;
export const NO_CONDITIONS: Conditions = { match: 'all', items: [] };

// ─── actions ─────────────────────────────────────────────────────────────────────────────────────

/** Who a task or notification goes to. `owner` = the root record's owner (a task's assignee). */
export const Assignee = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('user'), userId: Id }),
  z.strictObject({ kind: z.literal('team'), teamId: Id }),
  z.strictObject({ kind: z.literal('owner') }),
  /** The owner's manager (the user's "reports to"; else a manager of the owner's team). */
  z.strictObject({ kind: z.literal('owner_manager') }),
]);
export type Assignee = z.infer<typeof Assignee>;

/** Who an e-mail goes to: a person of the company, the record's contact, or a fixed address. */
export const Recipient = z.union([
  Assignee,
  /** The record's contact person (a deal's contact, an invoice's billing address, a company's e-mail). */
  z.strictObject({ kind: z.literal('contact') }),
  z.strictObject({ kind: z.literal('address'), email: z.email().max(254) }),
]);
export type Recipient = z.infer<typeof Recipient>;

/** Text with `{{path}}` variables (`{{company.name}}`, `{{invoice.number}}`, `{{deal.amountCents}}`). */
const TemplateText = z.string().trim().min(1).max(2000);

export const CreateTaskAction = z.strictObject({
  kind: z.literal('create_task'),
  /** A task type key (`call`, `todo`, …). */
  taskType: z.string().min(1).max(40),
  subject: TemplateText.max(200),
  notes: z.string().trim().max(4000).optional(),
  assignTo: Assignee,
  /** Due this many days after the rule ran (0 = the same day). */
  dueInDays: z.number().int().min(0).max(365),
  priority: z.enum(['low', 'normal', 'high']).default('normal'),
  /** `default`: the assignee's reminder settings; `none`: no reminder. */
  reminder: z.enum(['default', 'none']).default('default'),
});
export const SendEmailAction = z.strictObject({
  kind: z.literal('send_email'),
  templateId: Id,
  to: Recipient,
});
export const UpdateFieldAction = z.strictObject({
  kind: z.literal('update_field'),
  /** An updatable field of the root record, e.g. `deal.probability`, `company.ownerId`. */
  field: z.string().min(3).max(80),
  value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]),
});
export const CreateInvoiceAction = z.strictObject({ kind: z.literal('create_invoice_from_deal') });
export const CreatePoSuggestionAction = z.strictObject({ kind: z.literal('create_po_suggestion') });
export const NotifyAction = z.strictObject({
  kind: z.literal('notify'),
  to: Assignee,
  message: TemplateText.max(500),
});
export const CallWebhookAction = z.strictObject({ kind: z.literal('call_webhook'), webhookId: Id });
export const WaitAction = z.strictObject({
  kind: z.literal('wait'),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(90 * 24 * 60),
});

export const Action = z.discriminatedUnion('kind', [
  CreateTaskAction,
  SendEmailAction,
  UpdateFieldAction,
  CreateInvoiceAction,
  CreatePoSuggestionAction,
  NotifyAction,
  CallWebhookAction,
  WaitAction,
]);
export type Action = z.infer<typeof Action>;
export type ActionKind = Action['kind'];
export const ACTION_KINDS = Action.options.map((o) => o.shape.kind.value) as ActionKind[];

// ─── rules ───────────────────────────────────────────────────────────────────────────────────────

export const RuleDefinition = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).nullable().default(null),
  enabled: z.boolean().default(false),
  trigger: Trigger,
  conditions: Conditions.default(NO_CONDITIONS),
  actions: z.array(Action).min(1).max(20),
});
export type RuleDefinition = z.infer<typeof RuleDefinition>;
export type RuleDefinitionInput = z.input<typeof RuleDefinition>;

/** A parameter of a built-in rule that admins adjust (grace days, the team, a template). */
export const BuiltinParam = z.object({
  key: z.string(),
  type: z.enum(['days', 'minutes', 'time', 'team', 'template', 'boolean']),
  nullable: z.boolean(),
  min: z.number().int().optional(),
  max: z.number().int().optional(),
});
export type BuiltinParam = z.infer<typeof BuiltinParam>;

/**
 * A built-in process (collection tasks, dunning, purchase follow-up, reminders, deal won →
 * invoice) shown as a rule: its trigger, conditions and steps are described (`builtin.steps`, i18n
 * keys of the web's `automation` namespace), its parameters are adjustable, it can be disabled.
 */
export const BuiltinInfo = z.object({
  key: z.string(),
  /** i18n keys: `builtin.<key>.trigger`, `.conditions`, `.steps` describe the process. */
  params: z.array(BuiltinParam),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  /** A page of the app where more of the process is set (the dunning levels). */
  settingsPath: z.string().nullable(),
});
export type BuiltinInfo = z.infer<typeof BuiltinInfo>;

export const Rule = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  enabled: z.boolean(),
  /** Null for built-in rules (their process is described by `builtin`). */
  trigger: Trigger.nullable(),
  conditions: Conditions,
  actions: z.array(Action),
  builtin: BuiltinInfo.nullable(),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
  lastRunAt: Instant.nullable(),
  /** Runs in the last 30 days, and how many of them failed. */
  runs30d: z.number().int(),
  failed30d: z.number().int(),
});
export type Rule = z.infer<typeof Rule>;
export const RuleList = z.object({ items: z.array(Rule) });

export const CreateRule = RuleDefinition;
export type CreateRule = z.input<typeof CreateRule>;
/** PUT /api/rules/:id: the whole definition again (a new version); built-in rules: `enabled` and `params`. */
export const UpdateRule = z.strictObject({
  version: Version,
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  enabled: z.boolean().optional(),
  trigger: Trigger.optional(),
  conditions: Conditions.optional(),
  actions: z.array(Action).min(1).max(20).optional(),
  /** Built-in rules only. */
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type UpdateRule = z.input<typeof UpdateRule>;

// ─── the editor's catalogue ──────────────────────────────────────────────────────────────────────

export const CatalogField = z.object({
  /** Path used in conditions: `deal.amountCents`. */
  path: z.string(),
  type: FieldType,
  options: z.array(z.string()).optional(),
  /** update_field may set it. */
  updatable: z.boolean(),
});
export const CatalogTrigger = z.object({
  event: z.string(),
  recordType: RecordType.nullable(),
  /** The event has a `changed` list (field filter possible). */
  hasChangedFields: z.boolean(),
});
/** GET /api/automation/catalog: what the editor offers (labels come from the web's i18n). */
export const AutomationCatalog = z.object({
  triggers: z.array(CatalogTrigger),
  /** Per root record type: its fields and those of its related records. */
  fields: z.record(z.string(), z.array(CatalogField)),
  /** Per root record type (and `none` for schedules): the actions that fit. */
  actions: z.record(z.string(), z.array(z.string())),
  /** Per root record type: the template variables (`{{company.name}}`). */
  variables: z.record(z.string(), z.array(z.string())),
  /** Date fields per record type (date triggers). */
  dateFields: z.record(z.string(), z.array(z.string())),
});
export type AutomationCatalog = z.infer<typeof AutomationCatalog>;

// ─── e-mail templates ────────────────────────────────────────────────────────────────────────────

export const EmailTemplate = z.object({
  id: Id,
  name: z.string(),
  subjectDe: z.string(),
  bodyDe: z.string(),
  subjectEn: z.string(),
  bodyEn: z.string(),
  version: Version,
  updatedAt: Instant,
});
export type EmailTemplate = z.infer<typeof EmailTemplate>;
export const EmailTemplateList = z.object({ items: z.array(EmailTemplate) });
export const CreateEmailTemplate = z.strictObject({
  name: z.string().trim().min(1).max(120),
  subjectDe: z.string().trim().min(1).max(300),
  bodyDe: z.string().trim().min(1).max(20000),
  subjectEn: z.string().trim().min(1).max(300),
  bodyEn: z.string().trim().min(1).max(20000),
});
export type CreateEmailTemplate = z.input<typeof CreateEmailTemplate>;
export const UpdateEmailTemplate = CreateEmailTemplate.partial().extend({ version: Version });
export type UpdateEmailTemplate = z.input<typeof UpdateEmailTemplate>;

export const RunDateQuery = z.object({ asOf: BusinessDate.optional() });
