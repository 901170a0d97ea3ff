import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { Condition, ConditionGroup } from '../../../../../contracts/automation';
import type { DomainEvent } from '../../../../../contracts/events';
import type { DbOrTx, Dialect } from '../../../platform/db/database';
import { type RecordSql, recordTypeOf, type SqlColumn } from '../registry';
import { conditionHolds } from './conditions';
import type { EngineRule } from './rule-definition';

/**
 * The SQL pre-check of a batch's events: which events may start a run at all. Most events meet no
 * rule (3 % start one in the benchmark), and loading every event's records as JavaScript objects to
 * find that out cost more than everything else the engine does. One query per batch looks at the
 * rows in the database instead and returns only the events whose rules may hold; the engine then
 * loads and decides those exactly as before (conditions.ts stays the only judge of a condition).
 *
 * The check may let an event through that no rule takes (the engine drops it), never the other way:
 * - event fields and trigger field filters are decided here in JavaScript, with conditions.ts, and
 *   handed to the query as bits of an integer per event (a flag per condition and rule filter);
 * - a condition on the root record or a related record becomes SQL only where SQL compares as
 *   JavaScript does: a column whose value is the field's own (RecordTypeDef.sql); text only where it
 *   is printable ASCII (SQL's lower() and trim() and JavaScript's agree there; any other text passes);
 *   equality, lists, emptiness, "contains" and number comparisons. Anything else counts as "may hold";
 * - conditions combine only with and/or (no "not"), so "may hold" can stand in for any part.
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
  const rows: unknown[][] = [];
  events.forEach((event, index) => {
    const id = idOf(event);
    const masks = id === null ? null : check.flags(event.payload as Record<string, unknown>);
    if (id !== null && masks !== null) rows.push([index, id, ...masks]);
  });
  const may = new Set<number>();
  for (let i = 0; i < rows.length; i += ROWS_PER_QUERY) {
    const result = await db.executeQuery<{ i: number | string }>(
      check.query(db, rows.slice(i, i + ROWS_PER_QUERY)),
    );
    for (const r of result.rows) may.add(Number(r.i));
  }
  // in the order of the batch: runs are made in event order
  return events.filter((_, index) => may.has(index));
}

/** Events per query (3 parameters and more each; SQLite takes 32,766). */
const ROWS_PER_QUERY = 500;

/** Row counts are padded to a multiple of this: a few statement texts per rule set to prepare. */
const ROWS_STEP = 50;

/** Flags per integer of an event's row: exact in a JavaScript number and a 64-bit integer. */
const FLAGS_PER_MASK = 52;

interface Check {
  /** An event's flags as integers (bit per rule trigger filter and event condition), or null when no rule is left. */
  flags(payload: Record<string, unknown>): number[] | null;
  /** The query for these events' rows (`[index, rootId, ...masks]`): the indexes any rule may hold for. */
  query(db: DbOrTx, rows: unknown[][]): CompiledQuery<{ i: number | string }>;
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

function buildCheck(dialect: Dialect, rootType: string, rules: readonly EngineRule[]): Check | null {
  const root = recordTypeOf(rootType);
  if (!root?.sql || rules.length === 0) return null;
  const rootSql = root.sql;
  const flags: Flag[] = [];
  const flag = (f: Flag): RawBuilder<unknown> => {
    const k = flags.push(f) - 1;
    const column = `t.column${3 + Math.floor(k / FLAGS_PER_MASK)}`;
    return sql`(${sql.ref(column)} & ${sql.lit(2 ** (k % FLAGS_PER_MASK))}) <> 0`;
  };
  // related records a condition reads, joined once each: `company` → companies via r.company_id
  const joins: RawBuilder<unknown>[] = [];
  const aliases = new Map<string, string>();
  const aliasOf = (name: string): { alias: string; sql: RecordSql } | null => {
    if (name === rootType) return { alias: 'r', sql: rootSql };
    const rel = root.related?.find((r) => r.name === name);
    const relSql = rel ? recordTypeOf(rel.type)?.sql : undefined;
    const via = rel ? rootSql.column(rel.via) : null;
    if (!rel || !relSql || via?.type !== 'text') return null;
    let alias = aliases.get(name);
    if (alias === undefined) {
      alias = `j${aliases.size}`;
      aliases.set(name, alias);
      joins.push(
        sql`left join ${sql.table(relSql.table)} as ${sql.raw(alias)} on ${sql.ref(`${alias}.id`)} = ${sql.ref(`r.${via.column}`)}`,
      );
    }
    return { alias, sql: relSql };
  };

  const condition = (c: Condition): RawBuilder<unknown> | null => {
    const dot = c.field.indexOf('.');
    const name = c.field.slice(0, dot);
    const field = c.field.slice(dot + 1);
    if (name === 'event') return flag((payload) => conditionHolds(c, payload[field]));
    const source = dot > 0 ? aliasOf(name) : null;
    const column = source?.sql.column(field);
    if (!source || !column) return null;
    return compare(dialect, sql.ref(`${source.alias}.${column.column}`), column, c);
  };
  const group = (
    match: 'all' | 'any',
    items: Array<Condition | ConditionGroup>,
  ): RawBuilder<unknown> | null => {
    const parts: RawBuilder<unknown>[] = [];
    for (const item of items) {
      const part = 'match' in item ? group(item.match, item.items) : condition(item);
      // "may hold": drops out of an `all`, makes an `any` hold
      if (part) parts.push(part);
      else if (match === 'any') return null;
    }
    if (parts.length === 0) return null;
    return sql`(${sql.join(parts, sql.raw(match === 'all' ? ' and ' : ' or '))})`;
  };

  // per rule: its trigger filter's flag (whether the rule is left for the event) and its conditions
  const ruleFlags = new Set<number>();
  const perRule = rules.map((rule) => {
    const conditions = group(rule.conditions.match, rule.conditions.items);
    const fields = rule.trigger.kind === 'event' ? rule.trigger.fields : undefined;
    const active = flag((payload) => {
      if (!fields?.length) return true;
      const changed = Array.isArray(payload.changed) ? (payload.changed as unknown[]) : [];
      return changed.some((f) => typeof f === 'string' && fields.includes(f));
    });
    ruleFlags.add(flags.length - 1);
    return conditions ? sql`(${active} and ${conditions})` : active;
  });
  const count = flags.length;
  const masks = Math.ceil(count / FLAGS_PER_MASK);
  // the rows' placeholder is replaced per query (its row count varies); the rest compiles once
  const ROWS = '/*rows*/';
  const statement = sql`select t.column1 as i from (values ${sql.raw(ROWS)}) as t cross join ${sql.table(rootSql.table)} as r ${sql.join(joins, sql.raw(' '))} where r.id = t.column2 and (${sql.join(perRule, sql.raw(' or '))})`;
  let compiled: CompiledQuery | undefined;
  /** The statement's text by its number of rows. */
  const texts = new Map<number, string>();
  const pad = [-1, '', ...new Array<number>(masks).fill(0)];
  return {
    flags(payload) {
      const out = new Array<number>(masks).fill(0);
      let anyRule = false;
      for (let k = 0; k < count; k++) {
        if (!flags[k]!(payload)) continue;
        if (ruleFlags.has(k)) anyRule = true;
        out[Math.floor(k / FLAGS_PER_MASK)]! += 2 ** (k % FLAGS_PER_MASK);
      }
      return anyRule ? out : null;
    },
    query(db, rows) {
      compiled ??= statement.compile(db);
      const { parameters } = compiled;
      // padded to a multiple of ROWS_STEP with rows that find nothing: a few statement texts per rule
      // set, each prepared once (preparing one costs more than running it)
      const padded = [...rows];
      while (padded.length % ROWS_STEP) padded.push(pad);
      let text = texts.get(padded.length);
      if (!text) {
        const values = valuesText(dialect, padded.length, 2 + masks, parameters.length);
        // a function: `$12` in the text is no replacement pattern
        text = compiled.sql.replace(ROWS, () => values);
        texts.set(padded.length, text);
      }
      // PostgreSQL numbers its parameters (the rows' come after the rules'); SQLite takes them in
      // the order they stand (the rows' come first)
      const flat = padded.flat();
      return CompiledQuery.raw(
        text,
        dialect === 'postgres' ? [...parameters, ...flat] : [...flat, ...parameters],
      ) as CompiledQuery<{ i: number | string }>;
    },
  };
}

/** `(?, ?, ?), …` for `rows` rows of an index, a root id and integers; PostgreSQL's numbered after `before`. */
function valuesText(dialect: Dialect, rows: number, width: number, before: number): string {
  let n = before;
  const types = ['integer', 'text', ...new Array<string>(width - 2).fill('bigint')];
  const row = () =>
    `(${types.map((type) => (dialect === 'postgres' ? `cast($${++n} as ${type})` : '?')).join(', ')})`;
  return Array.from({ length: rows }, row).join(', ');
}

/** Text SQL's lower() and trim() treat as JavaScript does: printable ASCII (space to tilde). */
const PLAIN = /^[ -~]*$/;

/** The column has text outside printable ASCII (then the SQL comparison is left undecided). */
const unusual = (dialect: Dialect, x: RawBuilder<unknown>) =>
  dialect === 'postgres' ? sql`${x} ~ '[^ -~]'` : sql`${x} glob '*[^ -~]*'`;

const normText = (x: RawBuilder<unknown>) => sql`lower(trim(${x}))`;

/**
 * A condition on a column as SQL that holds wherever conditions.ts's `conditionHolds` does (it may
 * hold more often), or null ("may hold": no such SQL). See conditions.ts for the semantics matched.
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
  const plain = (s: unknown): s is string => typeof s === 'string' && PLAIN.test(s);
  switch (c.op) {
    case 'eq':
      return plain(v) ? sql`(${normText(x)} = ${v.trim().toLowerCase()} or ${odd})` : null;
    case 'neq':
      return plain(v) ? sql`(${x} is null or ${odd} or ${normText(x)} <> ${v.trim().toLowerCase()})` : null;
    case 'in':
    case 'not_in': {
      // numbers in the list never equal a text (conditions.ts compares them as numbers)
      if (!Array.isArray(v) || !v.every((e) => typeof e !== 'string' || plain(e))) return null;
      const list = v.filter((e): e is string => typeof e === 'string').map((e) => e.trim().toLowerCase());
      if (list.length === 0) return null;
      const values = sql.join(list);
      return c.op === 'in'
        ? sql`(${x} is not null and (${odd} or ${normText(x)} in (${values})))`
        : sql`(${x} is null or ${odd} or ${normText(x)} not in (${values}))`;
    }
    case 'contains':
    case 'not_contains': {
      if (!plain(v) || v.trim() === '') return null;
      const needle = v.trim().toLowerCase();
      const at =
        dialect === 'postgres' ? sql`strpos(lower(${x}), ${needle})` : sql`instr(lower(${x}), ${needle})`;
      return c.op === 'contains' ? sql`(${odd} or ${at} > 0)` : sql`(${x} is null or ${odd} or ${at} = 0)`;
    }
    default:
      // text order differs between JavaScript and a database's collation
      return null;
  }
}
