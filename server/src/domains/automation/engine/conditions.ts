import type {
  Condition,
  ConditionGroup,
  Conditions,
  ConditionValue,
} from '../../../../../contracts/automation';
import type { EvaluatedCondition } from '../../../../../contracts/automation-runs';
import type { RecordValues } from '../registry';

/** The records a run sees by path name (`deal`, `company`, `owner`, `event`). */
export type Scope = Record<string, RecordValues | null>;

/** The value at `deal.amountCents` / `event.toStageId` in a scope (undefined when absent). */
export function valueAt(scope: Scope, path: string): unknown {
  const dot = path.indexOf('.');
  if (dot < 0) return undefined;
  const record = scope[path.slice(0, dot)];
  return record ? record[path.slice(dot + 1)] : undefined;
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/** Text compares without case and surrounding spaces: people type "industrie" for "Industrie". */
const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);

function equals(actual: unknown, expected: ConditionValue | undefined): boolean {
  if (Array.isArray(actual)) return actual.some((a) => norm(a) === norm(expected));
  return norm(actual ?? null) === norm(expected ?? null);
}

function compare(actual: unknown, expected: ConditionValue | undefined): number | null {
  if (typeof actual === 'number' && typeof expected === 'number') return actual - expected;
  if (typeof actual === 'string' && typeof expected === 'string')
    return actual < expected ? -1 : actual > expected ? 1 : 0;
  return null;
}

function contains(actual: unknown, expected: ConditionValue | undefined): boolean {
  if (Array.isArray(actual)) return actual.some((a) => norm(a) === norm(expected));
  if (typeof actual !== 'string' || typeof expected !== 'string') return false;
  return actual.toLowerCase().includes(expected.trim().toLowerCase());
}

function inList(actual: unknown, expected: ConditionValue | undefined): boolean {
  if (!Array.isArray(expected) || actual === null || actual === undefined) return false;
  return expected.some((e) => norm(e) === norm(String(actual)));
}

/** Whether one condition holds for a value. */
export function conditionHolds(c: Condition, actual: unknown): boolean {
  switch (c.op) {
    case 'eq':
      return equals(actual, c.value);
    case 'neq':
      return !equals(actual, c.value);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const d = compare(actual, c.value);
      if (d === null) return false;
      return c.op === 'gt' ? d > 0 : c.op === 'gte' ? d >= 0 : c.op === 'lt' ? d < 0 : d <= 0;
    }
    case 'contains':
      return contains(actual, c.value);
    case 'not_contains':
      return !contains(actual, c.value);
    case 'in':
      return inList(actual, c.value);
    case 'not_in':
      return !inList(actual, c.value);
    case 'is_empty':
      return isEmpty(actual);
    case 'is_not_empty':
      return !isEmpty(actual);
  }
}

const isGroup = (item: Condition | ConditionGroup): item is ConditionGroup => 'match' in item;

type Predicate = (scope: Scope) => boolean;

/** Compiled conditions by their (parsed, cached: see engineRule) definition object. */
const compiled = new WeakMap<Conditions, Predicate>();

/**
 * Whether the conditions hold, short-circuited and without recording anything: the engine asks this
 * for every event and rule (most fail) and builds the explanation (evaluateConditions) only for runs.
 * The conditions are compiled to a predicate once per definition (paths split, groups as loops).
 */
export function conditionsHold(conditions: Conditions, scope: Scope): boolean {
  let predicate = compiled.get(conditions);
  if (!predicate) {
    predicate = compileGroup(conditions.match, conditions.items);
    compiled.set(conditions, predicate);
  }
  return predicate(scope);
}

function compileGroup(match: 'all' | 'any', items: Array<Condition | ConditionGroup>): Predicate {
  const parts = items.map((item) =>
    isGroup(item) ? compileGroup(item.match, item.items) : compileOne(item),
  );
  if (parts.length === 0) return () => true;
  if (match === 'all') {
    return (scope) => {
      for (const part of parts) if (!part(scope)) return false;
      return true;
    };
  }
  return (scope) => {
    for (const part of parts) if (part(scope)) return true;
    return false;
  };
}

function compileOne(c: Condition): Predicate {
  const dot = c.field.indexOf('.');
  if (dot < 0) return () => conditionHolds(c, undefined);
  const name = c.field.slice(0, dot);
  const key = c.field.slice(dot + 1);
  return (scope) => {
    const record = scope[name];
    return conditionHolds(c, record ? record[key] : undefined);
  };
}

/**
 * Evaluates the conditions against a scope: whether they hold, and every condition with the value
 * found (all are evaluated, also after the outcome is known, so the run history explains it).
 */
export function evaluateConditions(
  conditions: Conditions,
  scope: Scope,
): { passed: boolean; evaluated: EvaluatedCondition[] } {
  const evaluated: EvaluatedCondition[] = [];
  const one = (c: Condition): boolean => {
    const actual = valueAt(scope, c.field);
    const passed = conditionHolds(c, actual);
    evaluated.push({
      field: c.field,
      op: c.op,
      ...(c.value !== undefined ? { value: c.value } : {}),
      actual: actual ?? null,
      passed,
    });
    return passed;
  };
  const group = (match: 'all' | 'any', items: Array<Condition | ConditionGroup>): boolean => {
    if (items.length === 0) return true;
    const results = items.map((item) => (isGroup(item) ? group(item.match, item.items) : one(item)));
    return match === 'all' ? results.every(Boolean) : results.some(Boolean);
  };
  return { passed: group(conditions.match, conditions.items), evaluated };
}

/** The conditions as a flat list (validation, the catalogue of used paths). */
export function flatConditions(conditions: Conditions): Array<{ c: Condition; path: string }> {
  const out: Array<{ c: Condition; path: string }> = [];
  for (const [i, item] of conditions.items.entries()) {
    if (!isGroup(item)) {
      out.push({ c: item, path: `conditions.items.${i}` });
      continue;
    }
    for (const [j, c] of item.items.entries()) out.push({ c, path: `conditions.items.${i}.items.${j}` });
  }
  return out;
}
