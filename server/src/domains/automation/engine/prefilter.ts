import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { Condition, ConditionGroup } from '../../../../../contracts/automation';
import type { DomainEvent } from '../../../../../contracts/events';
import type { DbOrTx, Dialect } from '../../../platform/db/database';
import { recordTypeOf, type SqlColumn } from '../registry';
import { conditionHolds } from './conditions';
import type { EngineRule } from './rule-definition';

/**
 * The pre-check of a batch's events: which events may start a run at all. Most events meet no rule
 * (3 % start one in the benchmark), and loading every event's records as JavaScript objects to find
 * that out cost more than everything else the engine does. The check looks at the rows in the
 * database instead and returns only the events whose rules may hold; the engine then loads and
 * decides those exactly as before (conditions.ts stays the only judge of a condition).
 *
 * First in JavaScript, per event: the rules' trigger field filters and event conditions are decided
 * with conditions.ts (bits of the event's key), and every rule is reduced to what is left of it —
 * impossible, certain, or the SQL of its record conditions still open (a plan per key, made once).
 * An event no rule is left for is dropped without a query; one a rule holds for whatever its record
 * passes (the engine drops it if the record is gone). The other events are grouped by the SQL left,
 * and each group's records are checked in one query (per 1,000 records) that returns those the SQL
 * holds for: `select r.id from json_each(?) as t cross join deals as r where r.id = t.value and (…)`
 * (PostgreSQL: `where r.id = any(?)`). In that SQL the cheaper conditions stand first, and a condition
 * on a related record reads the related row in a subquery of its own, so most rows are decided on
 * their own columns without that lookup.
 *
 * The check may let an event through that no rule takes (the engine drops it), never the other way:
 * - a condition on the root record or a related record becomes SQL only where SQL compares as
 *   JavaScript does: a column whose value is the field's own (RecordTypeDef.sql); text only where it
 *   is ASCII (there lower() and JavaScript's toLowerCase() agree, and trim() is given the characters
 *   JavaScript's trim() removes; other text passes); equality, lists, emptiness, "contains" and
 *   number comparisons. Anything else counts as "may hold";
 * - conditions combine only with and/or (no "not"), so "may hold" can stand in for any part, and the
 *   order of an and/or's parts changes nothing but the work.
 */
export async function eventsThatMayStartRuns(
  db: DbOrTx,
  dialect: Dialect,
  rootType: string,
  rules: readonly EngineRule[],
  events: readonly DomainEvent[],
  idOf: (e: DomainEvent) => string | null,
): Promise<DomainEvent[]> {
  const check = checkFor(dialect, rootType, rules);
  if (!check) return [...events];
  const may = new Array<boolean>(events.length).fill(false);
  // the events left to SQL, by the SQL left of their rules: the record ids and the events' indexes
  const groups = new Map<Residual, { ids: Set<string>; indexes: number[]; idOf: string[] }>();
  events.forEach((event, index) => {
    const id = idOf(event);
    if (id === null) return;
    const left = check.left(db, event.payload as Record<string, unknown>);
    if (left === false) return;
    if (left === true) {
      may[index] = true;
      return;
    }
    let group = groups.get(left);
    if (!group) {
      group = { ids: new Set(), indexes: [], idOf: [] };
      groups.set(left, group);
    }
    group.ids.add(id);
    group.indexes.push(index);
    group.idOf.push(id);
  });
  for (const [residual, group] of groups) {
    const all = [...group.ids];
    const found = new Set<string>();
    for (let i = 0; i < all.length; i += IDS_PER_QUERY) {
      const result = await db.executeQuery(residual.query(all.slice(i, i + IDS_PER_QUERY)));
      for (const r of result.rows) found.add(r.id);
    }
    group.indexes.forEach((index, i) => {
      if (found.has(group.idOf[i]!)) may[index] = true;
    });
  }
  // in the order of the batch: runs are made in event order
  return events.filter((_, index) => may[index]);
}

/** Record ids per query (one parameter: a JSON array, a PostgreSQL array). */
const IDS_PER_QUERY = 1000;

/** Flags per integer of an event's key (bitwise operators take 32 bits). */
const FLAGS_PER_INT = 31;

/** Plans kept per rule set (one per combination of flags seen). */
const MAX_PLANS = 4096;

/** What is left of a batch's rules for an event: none (false), a certain one (true), or SQL. */
type Left = boolean | Residual;

/** The SQL some rule of an event may still hold by, on the event's root record. */
interface Residual {
  /** The query for these record ids: the ids it holds for. */
  query(ids: string[]): CompiledQuery<{ id: string }>;
}

interface Check {
  /** What is left of the rules for an event (`db` compiles the SQL of a plan the first time). */
  left(db: DbOrTx, payload: Record<string, unknown>): Left;
}

/** Checks by rule set (id@version of each), rebuilt only when a rule changes. */
const checks = new Map<string, Check | null>();

function checkFor(dialect: Dialect, rootType: string, rules: readonly EngineRule[]): Check | null {
  const key = `${dialect}|${rootType}|${rules.map((r) => `${r.id}@${r.version}`).join(',')}`;
  let check = checks.get(key);
  if (check === undefined) {
    check = buildCheck(dialect, rootType, rules);
    if (checks.size > 500) checks.clear();
    checks.set(key, check);
  }
  return check;
}

/** One flag of an event: a rule's trigger filter, or an event condition. */
type Flag = (payload: Record<string, unknown>) => boolean;

/** A condition as SQL: `cost` orders the parts of an and/or (cheaper first). */
interface Part {
  sql: RawBuilder<unknown>;
  cost: number;
}

/**
 * The rules compiled: an event condition or trigger filter is a flag (decided per event), a record
 * condition SQL (or `true`, "may hold", where SQL cannot decide it); a condition whose outcome does
 * not depend on the event or record is a boolean.
 */
type Node = boolean | { flag: number } | Part | { match: 'all' | 'any'; items: Node[] };

/** What reading a related record adds to a condition's cost (a lookup by primary key). */
const COST_RELATED = 10;

function buildCheck(dialect: Dialect, rootType: string, rules: readonly EngineRule[]): Check | null {
  const root = recordTypeOf(rootType);
  if (!root?.sql || rules.length === 0) return null;
  const rootSql = root.sql;
  const flags: Flag[] = [];
  const flag = (f: Flag): Node => ({ flag: flags.push(f) - 1 });

  // a related record (`company` → companies via r.company_id): its condition reads the row in a
  // subquery, only where the cheaper parts before it leave the outcome open
  const relations = new Map<string, string>();
  const related = (name: string, field: string, c: Condition): Node => {
    const rel = root.related?.find((r) => r.name === name);
    const relSql = rel ? recordTypeOf(rel.type)?.sql : undefined;
    const via = rel ? rootSql.column(rel.via) : null;
    const column = relSql?.column(field);
    if (!rel || !relSql || via?.type !== 'text' || !column) return true;
    let alias = relations.get(name);
    if (alias === undefined) {
      alias = `j${relations.size}`;
      relations.set(name, alias);
    }
    const part = compare(dialect, sql.ref(`${alias}.${column.column}`), column, c);
    if (!part) return true;
    // no related row (or a null column): the condition as conditions.ts decides it for no value
    const none = conditionHolds(c, undefined) ? sql.raw('true') : sql.raw('false');
    return {
      sql: sql`coalesce((select ${part} from ${sql.table(relSql.table)} as ${sql.raw(alias)} where ${sql.ref(`${alias}.id`)} = ${sql.ref(`r.${via.column}`)}), ${none})`,
      cost: COST_RELATED + costOf(column, c),
    };
  };
  const condition = (c: Condition): Node => {
    const dot = c.field.indexOf('.');
    // conditions.ts finds no value at a path without a dot
    if (dot < 0) return conditionHolds(c, undefined);
    const name = c.field.slice(0, dot);
    const field = c.field.slice(dot + 1);
    if (name === 'event') {
      const holds = byValue((v) => conditionHolds(c, v));
      return flag((payload) => holds(payload[field]));
    }
    if (name !== rootType) return related(name, field, c);
    const column = rootSql.column(field);
    const part = column ? compare(dialect, sql.ref(`r.${column.column}`), column, c) : null;
    return column && part ? { sql: part, cost: costOf(column, c) } : true;
  };
  const group = (match: 'all' | 'any', items: Array<Condition | ConditionGroup>): Node => ({
    match,
    items: items.map((item) => ('match' in item ? group(item.match, item.items) : condition(item))),
  });

  // per rule: its trigger filter (a flag) and its conditions; the event: any of its rules
  const ruleNodes = rules.map((rule): Node => {
    const conditions = group(rule.conditions.match, rule.conditions.items);
    const fields = rule.trigger.kind === 'event' ? rule.trigger.fields : undefined;
    if (!fields?.length) return conditions;
    const filter = flag((payload) => {
      const changed = Array.isArray(payload.changed) ? (payload.changed as unknown[]) : [];
      return changed.some((f) => typeof f === 'string' && fields.includes(f));
    });
    return { match: 'all', items: [filter, conditions] };
  });
  const count = flags.length;
  const ints = Math.ceil(count / FLAGS_PER_INT);

  // the statement per SQL left: the ids' parameter first (replaced per query), then the conditions'
  const ids: RawBuilder<unknown> =
    dialect === 'postgres'
      ? sql`from ${sql.table(rootSql.table)} as r where r.id = any(cast(${[]} as text[]))`
      : // cross join: the ids first, each row by its primary key (not by an index a condition could use)
        sql`from json_each(${'[]'}) as t cross join ${sql.table(rootSql.table)} as r where r.id = t.value`;
  const residuals = new Map<string, Residual>();
  const residual = (db: DbOrTx, part: Part): Residual => {
    const compiled = sql`select r.id as id ${ids} and (${part.sql})`.compile(db);
    const key = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}`;
    let found = residuals.get(key);
    if (!found) {
      const rest = compiled.parameters.slice(1);
      found = {
        query: (list) =>
          CompiledQuery.raw(compiled.sql, [
            dialect === 'postgres' ? list : JSON.stringify(list),
            ...rest,
          ]) as CompiledQuery<{ id: string }>,
      };
      residuals.set(key, found);
    }
    return found;
  };

  const plans = new Map<number | string, Left>();
  return {
    left(db, payload) {
      // the event's flags as integers of 31 bits; the key of its plan
      const bits = new Array<number>(ints).fill(0);
      for (let k = 0; k < count; k++) {
        if (flags[k]!(payload)) bits[(k / FLAGS_PER_INT) | 0]! |= 1 << (k % FLAGS_PER_INT);
      }
      const key = ints === 1 ? bits[0]! : bits.join(',');
      let plan = plans.get(key);
      if (plan === undefined) {
        const on = (k: number) => (bits[(k / FLAGS_PER_INT) | 0]! & (1 << (k % FLAGS_PER_INT))) !== 0;
        const rest = reduce({ match: 'any', items: ruleNodes }, on);
        plan = typeof rest === 'boolean' ? rest : residual(db, rest);
        if (plans.size >= MAX_PLANS) {
          plans.clear();
          residuals.clear();
        }
        plans.set(key, plan);
      }
      return plan;
    },
  };
}

/**
 * What is left of a node once the event's flags are known: true or false where that decides it,
 * else its SQL, the parts that are left (cheaper first) of an and/or.
 */
function reduce(node: Node, on: (flag: number) => boolean): boolean | Part {
  if (typeof node === 'boolean') return node;
  if ('flag' in node) return on(node.flag);
  if ('sql' in node) return node;
  // as conditions.ts: an empty group holds
  if (node.items.length === 0) return true;
  const any = node.match === 'any';
  const parts: Part[] = [];
  for (const item of node.items) {
    const part = reduce(item, on);
    // true decides an `any`, false an `all`; the other drops out
    if (part === any) return any;
    if (typeof part !== 'boolean') parts.push(part);
  }
  if (parts.length === 0) return !any;
  if (parts.length === 1) return parts[0]!;
  parts.sort((a, b) => a.cost - b.cost);
  return {
    sql: sql`(${sql.join(
      parts.map((p) => p.sql),
      sql.raw(any ? ' or ' : ' and '),
    )})`,
    cost: parts.reduce((sum, p) => sum + p.cost, 0),
  };
}

/** Values remembered per event condition (a field's few values: stages, ids); beyond that it starts over. */
const VALUES_PER_FLAG = 64;

/** A test of a payload value, remembered per value (other than an object or array). */
function byValue(test: (v: unknown) => boolean): (v: unknown) => boolean {
  const known = new Map<unknown, boolean>();
  return (v) => {
    if (typeof v === 'object' && v !== null) return test(v);
    let holds = known.get(v);
    if (holds === undefined) {
      holds = test(v);
      if (known.size >= VALUES_PER_FLAG) known.clear();
      known.set(v, holds);
    }
    return holds;
  };
}

/** A condition's cost on a column of its row: a null test or number 1, text 2, "contains" 3. */
function costOf(column: SqlColumn, c: Condition): number {
  if (column.type === 'integer' || c.op === 'is_empty' || c.op === 'is_not_empty') return 1;
  if (c.value === null || c.value === undefined) return 1;
  return c.op === 'contains' || c.op === 'not_contains' ? 3 : 2;
}

/** The ASCII characters JavaScript's trim() removes (tab, line feed, vertical tab, form feed, carriage return, space). */
const ASCII_SPACE = ' \t\n\v\f\r';

/** Printable ASCII: the condition values compared in SQL (any other leaves the condition to JavaScript). */
const PLAIN = /^[ -~]*$/;

/**
 * The column's text is not all ASCII: then the SQL comparison is left undecided (lower() leaves
 * "Ä" as it is, JavaScript's trim() removes a no-break space). SQLite: fewer characters than bytes
 * (UTF-8; a NUL, which length() stops at, counts too; in a UTF-16 database all text would: no harm);
 * PostgreSQL: any character but printable ASCII and ASCII_SPACE (other control characters count too).
 */
const unusual = (dialect: Dialect, x: RawBuilder<unknown>) =>
  dialect === 'postgres' ? sql`${x} ~ '[^\\t-\\r -~]'` : sql`length(${x}) <> octet_length(${x})`;

/** Text as conditions.ts's `norm` makes it, for ASCII: lower case, no surrounding spaces. */
const normText = (dialect: Dialect, x: RawBuilder<unknown>) =>
  dialect === 'postgres' ? sql`lower(btrim(${x}, ${ASCII_SPACE}))` : sql`lower(trim(${x}, ${ASCII_SPACE}))`;

/**
 * A condition on a column as SQL that holds wherever conditions.ts's `conditionHolds` does (it may
 * hold more often), or null ("may hold": no such SQL). See conditions.ts for the semantics matched.
 * The test for unusual text stands last: it is needed only where the plain comparison fails.
 */
function compare(
  dialect: Dialect,
  x: RawBuilder<unknown>,
  column: SqlColumn,
  c: Condition,
): RawBuilder<unknown> | null {
  const v = c.value;
  if (c.op === 'is_empty')
    return column.type === 'text' ? sql`(${x} is null or ${x} = '')` : sql`${x} is null`;
  if (c.op === 'is_not_empty')
    return column.type === 'text' ? sql`(${x} is not null and ${x} <> '')` : sql`${x} is not null`;
  if ((c.op === 'eq' || c.op === 'neq') && (v === null || v === undefined))
    return c.op === 'eq' ? sql`${x} is null` : sql`${x} is not null`;
  if (column.type === 'integer') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    const n = sql`cast(${String(v)} as numeric)`;
    switch (c.op) {
      case 'eq':
        return sql`${x} = ${n}`;
      case 'neq':
        return sql`(${x} is null or ${x} <> ${n})`;
      case 'gt':
        return sql`${x} > ${n}`;
      case 'gte':
        return sql`${x} >= ${n}`;
      case 'lt':
        return sql`${x} < ${n}`;
      case 'lte':
        return sql`${x} <= ${n}`;
      default:
        return null;
    }
  }
  // text: compared without case and surrounding spaces, as conditions.ts's `norm`
  const odd = unusual(dialect, x);
  const norm = normText(dialect, x);
  const plain = (s: unknown): s is string => typeof s === 'string' && PLAIN.test(s);
  switch (c.op) {
    case 'eq':
      return plain(v) ? sql`(${norm} = ${v.trim().toLowerCase()} or ${odd})` : null;
    case 'neq':
      return plain(v) ? sql`(${x} is null or ${norm} <> ${v.trim().toLowerCase()} or ${odd})` : null;
    case 'in':
    case 'not_in': {
      // numbers in the list never equal a text (conditions.ts compares them as numbers)
      if (!Array.isArray(v) || !v.every((e) => typeof e !== 'string' || plain(e))) return null;
      const list = v.filter((e): e is string => typeof e === 'string').map((e) => e.trim().toLowerCase());
      if (list.length === 0) return null;
      const values = sql.join(list);
      return c.op === 'in'
        ? sql`(${x} is not null and (${norm} in (${values}) or ${odd}))`
        : sql`(${x} is null or ${norm} not in (${values}) or ${odd})`;
    }
    case 'contains':
    case 'not_contains': {
      if (!plain(v) || v.trim() === '') return null;
      const needle = v.trim().toLowerCase();
      const at =
        dialect === 'postgres' ? sql`strpos(lower(${x}), ${needle})` : sql`instr(lower(${x}), ${needle})`;
      return c.op === 'contains' ? sql`(${at} > 0 or ${odd})` : sql`(${x} is null or ${at} = 0 or ${odd})`;
    }
    default:
      // text order differs between JavaScript and a database's collation
      return null;
  }
}
