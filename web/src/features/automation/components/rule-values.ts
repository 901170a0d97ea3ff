import type {
  Action,
  ActionKind,
  AutomationCatalog,
  Condition,
  ConditionGroup,
  ConditionOp,
  Conditions,
  FieldType,
  Rule,
  RuleDefinitionInput,
  Trigger,
} from '../../../../../contracts/automation';

/** The rule as the editor holds it: the contract's definition, description as plain text. */
export interface RuleDraft {
  name: string;
  description: string;
  enabled: boolean;
  trigger: Trigger;
  conditions: Conditions;
  actions: Action[];
}

export const EMPTY_DRAFT: RuleDraft = {
  name: '',
  description: '',
  enabled: false,
  trigger: { kind: 'event', event: 'deal.stage_changed' },
  conditions: { match: 'all', items: [] },
  actions: [],
};

export function draftOf(rule: Rule): RuleDraft {
  return {
    name: rule.name,
    description: rule.description ?? '',
    enabled: rule.enabled,
    trigger: rule.trigger ?? EMPTY_DRAFT.trigger,
    conditions: rule.conditions,
    actions: rule.actions,
  };
}

/** The definition sent to the server (an empty description is none). */
export function definitionOf(draft: RuleDraft): RuleDefinitionInput {
  return {
    name: draft.name.trim(),
    description: draft.description.trim() || null,
    enabled: draft.enabled,
    trigger: draft.trigger,
    conditions: draft.conditions,
    actions: draft.actions,
  };
}

/** The record a trigger starts from (null: a schedule has none). */
export function rootRecordType(trigger: Trigger, catalog: AutomationCatalog | undefined): string | null {
  if (trigger.kind === 'date') return trigger.recordType;
  if (trigger.kind === 'schedule') return null;
  const known = catalog?.triggers.find((t) => t.event === trigger.event);
  if (known) return known.recordType;
  // before the catalog loads: `deal.won` is about a deal
  const prefix = trigger.event.split('.')[0] ?? '';
  return prefix === 'po' ? 'purchase_order' : prefix;
}

export function isGroup(item: Condition | ConditionGroup): item is ConditionGroup {
  return 'items' in item;
}

// ─── operators and values ────────────────────────────────────────────────────────────────────────

const COMPARABLE: ConditionOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'];
const CHOICE: ConditionOp[] = ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'];
const TEXT: ConditionOp[] = [
  'eq',
  'neq',
  'contains',
  'not_contains',
  'in',
  'not_in',
  'is_empty',
  'is_not_empty',
];

/** The operators that make sense for a field type. */
export function opsFor(type: FieldType | undefined): ConditionOp[] {
  switch (type) {
    case 'number':
    case 'money':
    case 'date':
      return COMPARABLE;
    case 'boolean':
      return ['eq', 'neq'];
    case 'string':
    case undefined:
      return TEXT;
    default:
      return CHOICE;
  }
}

export const takesNoValue = (op: ConditionOp) => op === 'is_empty' || op === 'is_not_empty';
export const takesList = (op: ConditionOp) => op === 'in' || op === 'not_in';

/** A fresh value when the field or operator changes (the old one rarely fits). */
export function defaultValue(type: FieldType | undefined, op: ConditionOp): Condition['value'] {
  if (takesNoValue(op)) return undefined;
  if (takesList(op)) return [];
  if (type === 'boolean') return true;
  if (type === 'number' || type === 'money') return 0;
  return '';
}

/** Euros as typed (a number or "10.000,50") to integer cents; null when not a number. */
export function eurosToCents(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 100) : null;
  const cleaned = value.trim().replace(/\s|€/g, '');
  if (!cleaned) return null;
  // German input: dots group thousands, the comma is the decimal separator
  const normalized = cleaned.includes(',') ? cleaned.replace(/\./g, '').replace(',', '.') : cleaned;
  const n = Number(normalized);
  return Number.isFinite(n) ? Math.round(n * 100) : null;
}

export function centsToEuros(cents: unknown): number | '' {
  return typeof cents === 'number' ? cents / 100 : '';
}

/** The record a path starts with: `company.segmentId` → `company`; `amountCents` → the root. */
export function fieldGroup(path: string, root: string | null): string {
  const dot = path.indexOf('.');
  return dot < 0 ? (root ?? '') : path.slice(0, dot);
}

export function fieldName(path: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? path : path.slice(dot + 1);
}

// ─── schedules ───────────────────────────────────────────────────────────────────────────────────

export type ScheduleFrequency = 'daily' | 'weekly' | 'monthly' | 'custom';

export interface SchedulePreset {
  frequency: ScheduleFrequency;
  /** HH:MM */
  time: string;
  /** cron weekday 0–6 (0 = Sunday) for weekly */
  weekday: number;
  /** 1–28 for monthly */
  monthDay: number;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function cronOf(p: SchedulePreset): string {
  const [h = '8', m = '0'] = p.time.split(':');
  const minute = Number(m);
  const hour = Number(h);
  switch (p.frequency) {
    case 'weekly':
      return `${minute} ${hour} * * ${p.weekday}`;
    case 'monthly':
      return `${minute} ${hour} ${p.monthDay} * *`;
    default:
      return `${minute} ${hour} * * *`;
  }
}

/** Reads a cron expression back as a preset; anything else is `custom` (the raw field). */
export function presetOf(cron: string): SchedulePreset {
  const fallback: SchedulePreset = { frequency: 'custom', time: '08:00', weekday: 1, monthDay: 1 };
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return fallback;
  const [min, hour, dom, mon, dow] = parts as [string, string, string, string, string];
  if (!/^\d{1,2}$/.test(min) || !/^\d{1,2}$/.test(hour) || mon !== '*') return fallback;
  const time = `${pad(Number(hour))}:${pad(Number(min))}`;
  if (dom === '*' && dow === '*') return { ...fallback, frequency: 'daily', time };
  if (dom === '*' && /^[0-6]$/.test(dow))
    return { ...fallback, frequency: 'weekly', time, weekday: Number(dow) };
  if (dow === '*' && /^\d{1,2}$/.test(dom) && Number(dom) >= 1 && Number(dom) <= 28) {
    return { ...fallback, frequency: 'monthly', time, monthDay: Number(dom) };
  }
  return fallback;
}

// ─── waits ───────────────────────────────────────────────────────────────────────────────────────

export type WaitUnit = 'minutes' | 'hours' | 'days';
const UNIT_MINUTES: Record<WaitUnit, number> = { minutes: 1, hours: 60, days: 24 * 60 };

/** A wait in the largest unit that divides it evenly (1440 → 1 day). */
export function waitOf(minutes: number): { amount: number; unit: WaitUnit } {
  if (minutes > 0 && minutes % UNIT_MINUTES.days === 0)
    return { amount: minutes / UNIT_MINUTES.days, unit: 'days' };
  if (minutes > 0 && minutes % UNIT_MINUTES.hours === 0)
    return { amount: minutes / UNIT_MINUTES.hours, unit: 'hours' };
  return { amount: minutes, unit: 'minutes' };
}

export const minutesOf = (amount: number, unit: WaitUnit) => Math.round(amount * UNIT_MINUTES[unit]);

// ─── actions ─────────────────────────────────────────────────────────────────────────────────────

/** A new action of a kind with sensible defaults (ids left empty: the form asks for them). */
export function newAction(kind: ActionKind): Action {
  switch (kind) {
    case 'create_task':
      return {
        kind,
        taskType: 'call',
        subject: '',
        assignTo: { kind: 'owner' },
        dueInDays: 1,
        priority: 'normal',
        reminder: 'default',
      };
    case 'send_email':
      return { kind, templateId: '', to: { kind: 'owner' } };
    case 'update_field':
      return { kind, field: '', value: null };
    case 'notify':
      return { kind, to: { kind: 'owner' }, message: '' };
    case 'call_webhook':
      return { kind, webhookId: '' };
    case 'wait':
      return { kind, minutes: 24 * 60 };
    default:
      return { kind } as Action;
  }
}

/** Moves an item of a list one place up (−1) or down (+1). */
export function move<T>(items: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= items.length) return [...items];
  const out = [...items];
  const [item] = out.splice(index, 1) as [T];
  out.splice(to, 0, item);
  return out;
}

/** The errors under a path prefix (`actions.0.` → `assignTo`), for one action's form. */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === prefix.slice(0, -1)) out._self = message;
    else if (key.startsWith(prefix)) out[key.slice(prefix.length)] = message;
  }
  return out;
}

/** The first error at or below a field (`assignTo` also catches `assignTo.userId`). */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const below = Object.keys(errors).find((k) => k.startsWith(`${path}.`));
  return below ? errors[below] : undefined;
}
