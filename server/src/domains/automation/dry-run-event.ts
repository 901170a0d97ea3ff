import type { Condition, Conditions } from '../../../../contracts/automation';
import type { EvaluatedCondition } from '../../../../contracts/automation-runs';
import { EventPayloads, type EventType } from '../../../../contracts/events';
import { evaluateConditions, type Scope } from './engine/conditions';
import type { RecordValues } from './registry';

/**
 * A dry run has a record but no event: the `event.*` values it can derive from the record, and
 * conditions on the rest marked as unknown (they depend on what the event will carry).
 */

/** Shown as the `actual` value of a condition on an event field the record cannot tell. */
export const EVENT_ONLY = '(nur beim Ereignis bekannt)';

/** Payload keys that the record holds under another name. */
const ALIASES: Partial<Record<EventType, Record<string, string>>> = {
  'deal.stage_changed': { toStageId: 'stageId' },
  'deal.lost': { reason: 'lostReason' },
  'invoice.dunned': { level: 'dunningLevel' },
};

/**
 * The event payload as far as the record tells it: the record's id, the payload keys the record
 * has under the same name (`companyId`, `amountCents`, an invoice's `number`, `dueDate`,
 * `openCents`, …) and the aliases above (`deal.stage_changed`: `toStageId` is the deal's stage now).
 */
export function eventPayloadFromRecord(
  event: string,
  idField: string,
  id: string,
  values: RecordValues | null | undefined,
): RecordValues {
  const out: RecordValues = { [idField]: id };
  const schema = EventPayloads[event as EventType] as unknown as { shape?: Record<string, unknown> };
  if (!schema?.shape || !values) return out;
  const aliases = ALIASES[event as EventType] ?? {};
  for (const key of Object.keys(schema.shape)) {
    if (key === idField) continue;
    const from = aliases[key] ?? key;
    if (values[from] !== undefined) out[key] = values[from];
  }
  return out;
}

/**
 * The conditions evaluated against a dry run's scope. A condition on an event field the payload
 * lacks is not evaluated: it counts as met (so the case shows what the rest of the rule would do)
 * and its `actual` says that only the event will tell.
 */
export function evaluateDryRunConditions(
  conditions: Conditions,
  scope: Scope,
): { passed: boolean; evaluated: EvaluatedCondition[] } {
  const event = scope.event;
  const unknown = (field: string) =>
    field.startsWith('event.') && (!event || event[field.slice('event.'.length)] === undefined);
  const evaluated: EvaluatedCondition[] = [];
  const one = (c: Condition): boolean => {
    if (!unknown(c.field)) {
      const result = evaluateConditions({ match: 'all', items: [c] }, scope);
      evaluated.push(...result.evaluated);
      return result.passed;
    }
    evaluated.push({
      field: c.field,
      op: c.op,
      ...(c.value !== undefined ? { value: c.value } : {}),
      actual: EVENT_ONLY,
      passed: true,
    });
    return true;
  };
  const group = (match: 'all' | 'any', items: Conditions['items']): boolean => {
    if (items.length === 0) return true;
    const results = items.map((item) => ('items' in item ? group(item.match, item.items) : one(item)));
    return match === 'all' ? results.every(Boolean) : results.some(Boolean);
  };
  return { passed: group(conditions.match, conditions.items), evaluated };
}
