import { Cron } from 'croner';
import type { Action, Condition, FieldType, RuleDefinition } from '../../../../contracts/automation';
import { UpdateCompany, UpdateContact } from '../../../../contracts/companies';
import { EVENT_TYPES, type EventType } from '../../../../contracts/events';
import { UpdateDeal } from '../../../../contracts/sales';
import { UpdateTask } from '../../../../contracts/work';
import type { DbOrTx } from '../../platform/db/database';
import { AppError, type FieldError } from '../../platform/http/errors';
import { flatConditions } from './engine/conditions';
import { type FieldPath, fieldsForTrigger, rootTypeOf } from './engine/fields';
import { templateVariables } from './engine/templates';
import { EVENT_RECORDS, EVENTS_WITH_CHANGED_FIELDS } from './event-records';
import { actionOf, recordTypeOf } from './registry';

type Definition = Pick<RuleDefinition, 'trigger' | 'conditions' | 'actions'>;

const ID_TYPES: FieldType[] = ['enum', 'user', 'team', 'stage', 'pipeline', 'segment', 'company'];
const OPS_BY_TYPE: Record<string, string[]> = {
  string: ['eq', 'neq', 'contains', 'not_contains', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'is_empty', 'is_not_empty'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
  date: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'is_empty', 'is_not_empty'],
  boolean: ['eq', 'neq', 'is_empty', 'is_not_empty'],
  id: ['eq', 'neq', 'in', 'not_in', 'is_empty', 'is_not_empty'],
};

/** Payload `changed` names that are no field of the record (a deal's lines). */
const EXTRA_CHANGED_FIELDS: Partial<Record<EventType, string[]>> = { 'deal.updated': ['lines'] };

/** The update schemas of the record types rules may change: what they accept is what update_field may set. */
const UPDATE_SCHEMAS: Record<
  string,
  { shape: Record<string, { safeParse(v: unknown): { success: boolean } }> }
> = { deal: UpdateDeal, company: UpdateCompany, contact: UpdateContact, task: UpdateTask };

/** The problem with update_field's value beyond its type: emptying a required field, an unknown or inactive user or team. */
async function updateValueProblem(db: DbOrTx, rootType: string, field: FieldPath, value: unknown) {
  const name = field.path.slice(rootType.length + 1);
  if (value === null) {
    const schema = UPDATE_SCHEMAS[rootType]?.shape[name];
    return schema && !schema.safeParse(null).success ? `${field.path} cannot be emptied` : null;
  }
  if ((field.type === 'user' || field.type === 'team') && typeof value === 'string') {
    const found = (await recordTypeOf(field.type)?.load(db, [value]))?.get(value);
    if (!found) return `There is no ${field.type} ${value}`;
    if (field.type === 'user' && found.active === false) return `The user ${String(found.name)} is inactive`;
  }
  return null;
}

/** Whether every run of the rule has a won deal: a `deal.won` trigger or a top-level `deal.status eq won`. */
function onlyWonDeals(def: Definition): boolean {
  if (def.trigger.kind === 'event' && def.trigger.event === 'deal.won') return true;
  const top = def.conditions.match === 'all' || def.conditions.items.length === 1 ? def.conditions.items : [];
  return top.some(
    (c) =>
      'field' in c &&
      c.field === 'deal.status' &&
      ((c.op === 'eq' && c.value === 'won') ||
        (c.op === 'in' && Array.isArray(c.value) && c.value.length > 0 && c.value.every((v) => v === 'won'))),
  );
}

const opsOf = (type: FieldType) => OPS_BY_TYPE[ID_TYPES.includes(type) ? 'id' : type] ?? [];

/** The problem with a condition's value for its field, or null. */
function valueProblem(c: Condition, field: FieldPath): string | null {
  const v = c.value;
  if (c.op === 'is_empty' || c.op === 'is_not_empty') {
    return v === undefined || v === null ? null : `"${c.op}" takes no value`;
  }
  if (c.op === 'in' || c.op === 'not_in') {
    if (!Array.isArray(v) || v.length === 0) return `"${c.op}" needs a list of values`;
    if (field.type === 'enum' && field.options) {
      const bad = v.find((x) => !field.options?.includes(x));
      if (bad !== undefined) return `"${bad}" is not one of ${field.options.join(', ')}`;
    }
    return null;
  }
  if (v === undefined || v === null) {
    return c.op === 'eq' || c.op === 'neq' ? null : `"${c.op}" needs a value`;
  }
  switch (field.type) {
    case 'number':
    case 'money':
      return typeof v === 'number' && Number.isFinite(v)
        ? field.type === 'money' && !Number.isInteger(v)
          ? 'Money is compared in cents (a whole number)'
          : null
        : `${field.path} is a ${field.type === 'money' ? 'money amount (cents)' : 'number'}; the value must be a number`;
    case 'boolean':
      return typeof v === 'boolean' ? null : `${field.path} is yes/no; the value must be true or false`;
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)
        ? null
        : `${field.path} is a date; the value must be YYYY-MM-DD`;
    case 'enum':
      if (typeof v !== 'string') return `${field.path} takes one of ${field.options?.join(', ')}`;
      return field.options && !field.options.includes(v)
        ? `"${v}" is not one of ${field.options.join(', ')}`
        : null;
    default:
      return typeof v === 'string' ? null : `${field.path} takes a text value`;
  }
}

/** The template texts of an action (subject, notes, message) with their paths. */
function actionTexts(action: Action, path: string): Array<{ text: string; path: string }> {
  switch (action.kind) {
    case 'create_task':
      return [
        { text: action.subject, path: `${path}.subject` },
        ...(action.notes ? [{ text: action.notes, path: `${path}.notes` }] : []),
      ];
    case 'notify':
      return [{ text: action.message, path: `${path}.message` }];
    default:
      return [];
  }
}

/** The recipient/assignee of an action, when it names one. */
function recipientOf(action: Action): { kind: string } | null {
  if (action.kind === 'create_task') return action.assignTo;
  if (action.kind === 'notify' || action.kind === 'send_email') return action.to;
  return null;
}

/**
 * Refuses a rule that could never run (422 `automation.invalid_rule` with a message per path):
 * an unknown event, a field filter the event cannot honour, a cron that does not parse, a date
 * trigger without a date field, condition paths, operators and values that do not fit, actions that
 * do not fit the trigger's record, recipients it does not have, unknown template variables, waits
 * at the end — and each action's own check (unknown template, inactive user, archived task type).
 */
export async function validateRule(db: DbOrTx, def: Definition, timezone: string): Promise<void> {
  const errors = await ruleProblems(db, def, timezone);
  if (errors.length) {
    throw new AppError(
      'unprocessable',
      'automation.invalid_rule',
      `The rule could never run as it is: ${errors.map((e) => e.message).join('; ')}`,
      errors,
    );
  }
}

export async function ruleProblems(db: DbOrTx, def: Definition, timezone: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const add = (path: string, message: string) => errors.push({ path, message });
  const { trigger } = def;

  if (trigger.kind === 'event') {
    if (!EVENT_TYPES.includes(trigger.event as EventType))
      add('trigger.event', `Unknown event "${trigger.event}"`);
    if (trigger.fields?.length) {
      if (!EVENTS_WITH_CHANGED_FIELDS.includes(trigger.event)) {
        add(
          'trigger.fields',
          `"${trigger.event}" does not say which fields changed; remove the field filter`,
        );
      } else {
        const root = EVENT_RECORDS[trigger.event]?.recordType;
        const known = new Set([
          ...(recordTypeOf(root ?? '')?.fields.map((f) => f.name) ?? []),
          ...(EXTRA_CHANGED_FIELDS[trigger.event as EventType] ?? []),
        ]);
        trigger.fields.forEach((f, i) => {
          if (known.size && !known.has(f)) add(`trigger.fields.${i}`, `A ${root} has no field "${f}"`);
        });
      }
    }
  } else if (trigger.kind === 'schedule') {
    const fields = trigger.cron.trim().split(/\s+/);
    if (fields.length !== 5) add('trigger.cron', 'A schedule has 5 fields: minute hour day month weekday');
    else {
      try {
        // croner parses dates that never come (31 February): such a schedule would never run
        if (!new Cron(trigger.cron, { timezone, paused: true }).nextRun()) {
          add('trigger.cron', `The schedule "${trigger.cron}" never comes round (no such date)`);
        }
      } catch (err) {
        add('trigger.cron', `The schedule "${trigger.cron}" does not parse: ${(err as Error).message}`);
      }
    }
  } else {
    const def = recordTypeOf(trigger.recordType);
    const field = def?.fields.find((f) => f.name === trigger.field);
    if (!def?.findByDate)
      add('trigger.recordType', `Date triggers are not available for ${trigger.recordType}`);
    else if (!field) add('trigger.field', `A ${trigger.recordType} has no field "${trigger.field}"`);
    else if (field.type !== 'date') add('trigger.field', `${trigger.field} is not a date field`);
  }

  const rootType = rootTypeOf(trigger);
  const fields = fieldsForTrigger(trigger);

  for (const { c, path } of flatConditions(def.conditions)) {
    if (trigger.kind === 'schedule') {
      add(`${path}.field`, 'A schedule has no record to check conditions on; remove the conditions');
      continue;
    }
    const field = fields.get(c.field);
    if (!field) {
      add(`${path}.field`, `Unknown field "${c.field}" for this trigger`);
      continue;
    }
    if (!opsOf(field.type).includes(c.op)) {
      add(`${path}.op`, `"${c.op}" does not fit ${c.field} (${field.type})`);
      continue;
    }
    const problem = valueProblem(c, field);
    if (problem) add(`${path}.value`, problem);
  }

  const rootDef = rootType ? recordTypeOf(rootType) : undefined;
  const nonWait = def.actions.filter((a) => a.kind !== 'wait');
  if (nonWait.length === 0) add('actions', 'A rule needs at least one action besides waiting');
  else if (def.actions[def.actions.length - 1]?.kind === 'wait') {
    add(
      `actions.${def.actions.length - 1}`,
      'A rule cannot end with a wait; remove it or add an action after it',
    );
  }

  for (const [i, action] of def.actions.entries()) {
    const path = `actions.${i}`;
    const impl = actionOf(action.kind);
    if (!impl) {
      add(`${path}.kind`, `The action "${action.kind}" is not available`);
      continue;
    }
    if (impl.recordTypes !== 'any' && (!rootType || !impl.recordTypes.includes(rootType))) {
      add(
        `${path}.kind`,
        rootType
          ? `"${action.kind}" does not work on a ${rootType} (only: ${impl.recordTypes.join(', ')})`
          : `"${action.kind}" needs a record; a schedule has none`,
      );
      continue;
    }
    const to = recipientOf(action);
    if (to && (to.kind === 'owner' || to.kind === 'owner_manager') && !rootDef?.ownerField) {
      add(
        `${path}.${action.kind === 'create_task' ? 'assignTo' : 'to'}`,
        `The trigger's record has no owner`,
      );
    }
    if (to?.kind === 'contact' && !rootDef?.contact) {
      add(`${path}.to`, `The trigger's record has no contact to write to`);
    }
    if (action.kind === 'update_field') {
      const field = fields.get(action.field);
      if (!field || !rootType || !action.field.startsWith(`${rootType}.`) || !field.updatable) {
        add(`${path}.field`, `${action.field} cannot be changed by a rule`);
      } else {
        const problem =
          valueProblem({ field: action.field, op: 'eq', value: action.value }, field) ??
          (await updateValueProblem(db, rootType, field, action.value));
        if (problem) add(`${path}.value`, problem);
      }
    }
    if (action.kind === 'create_invoice_from_deal' && rootType === 'deal' && !onlyWonDeals(def)) {
      add(
        `${path}.kind`,
        'An invoice is made only from a won deal: use the trigger "deal.won" or the condition deal.status = won',
      );
    }
    for (const t of actionTexts(action, path)) {
      for (const v of templateVariables(t.text)) {
        if (!fields.has(v)) add(t.path, `Unknown variable {{${v}}}`);
      }
    }
    const own = await impl.validate?.(db, action as never, rootType);
    if (own) add(path, own);
  }
  return errors;
}
