import type { Logger } from 'pino';
import type { Action, ActionKind, BuiltinParam, FieldType } from '../../../../contracts/automation';
import type { ActionResult } from '../../../../contracts/automation-runs';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { DbOrTx, Tx } from '../../platform/db/database';

/**
 * What the automation engine knows of the other domains: they register here (at module load,
 * from their `automation.ts`) their record types, the actions they carry out and their built-in
 * processes. Automation itself imports no other domain, so every domain may import automation's
 * index to register and to ask whether its built-in rule is enabled.
 */

/** A record as conditions and templates see it: plain fields, camelCase, money in cents. */
export type RecordValues = Record<string, unknown>;

export interface RecordFieldDef {
  /** `amountCents`, `segmentId`, `expectedCloseDate`. */
  name: string;
  type: FieldType;
  /** For `enum` fields. */
  options?: string[];
  /** update_field may set it (through the record type's `update`). */
  updatable?: boolean;
}

/** A related record reachable from this one: `company` via `companyId`, `owner` via `ownerId`. */
export interface RelatedDef {
  /** The name in paths: `company` → `company.name`. */
  name: string;
  /** A registered record type (`company`, `user`, `stage`, …). */
  type: string;
  /** The field of this record holding the related record's id. */
  via: string;
}

/** The person a record's e-mail goes to (the `contact` recipient). */
export interface MailContact {
  email: string;
  name: string;
  locale: 'de' | 'en';
}

/**
 * What the engine's caller reads of the loaded records: `fields` given, a loader may leave out the
 * fields not named that cost a query of their own (a company's `email`, from its contacts).
 */
export interface LoadHint {
  fields?: ReadonlySet<string>;
}

/** A column a condition can be compared on in SQL: its value is the field's value. */
export interface SqlColumn {
  column: string;
  type: 'text' | 'integer';
}

/**
 * The table a record type is loaded from, for the engine's SQL pre-check of conditions
 * (engine/prefilter.ts): the rows of `table` by `id`, their columns by field. Only fields whose value
 * is a column's own value have one; every other field leaves the SQL undecided (JavaScript decides).
 * The type's `load` must find every row of `table` by its id (no filter): a record it left out would
 * be "none" to the conditions but a row to the SQL.
 */
export interface RecordSql {
  table: string;
  column(field: string): SqlColumn | null;
}

export interface RecordTypeDef {
  /** `deal`, `company`, `contact`, `invoice`, `task`, `product`, `purchase_order`, or a related-only type (`user`, `team`, `stage`). */
  type: string;
  fields: RecordFieldDef[];
  related?: RelatedDef[];
  /** Loads records by id, set-based (one query for many ids); unknown ids are absent from the map. */
  load(db: DbOrTx, ids: string[], hint?: LoadHint): Promise<Map<string, RecordValues>>;
  /** A human label: "Müller GmbH", "RE-2026-00012", "Anna Schmidt". */
  label(values: RecordValues): string;
  /** Where `load` reads from, when conditions on this type may be pre-checked in SQL. */
  sql?: RecordSql;
  /** The field holding the record's owner (a user id): `ownerId`; a task's `assigneeId`. */
  ownerField?: string;
  /** The field holding the record's team, when it has one. */
  teamField?: string;
  /** For the `contact` recipient: who an e-mail about this record goes to. */
  contact?(db: DbOrTx, values: RecordValues): Promise<MailContact | null>;
  /** Date triggers: ids of records whose date `field` equals `date`, in id order after `after`. */
  findByDate?(
    db: DbOrTx,
    field: string,
    date: string,
    after: string | null,
    limit: number,
  ): Promise<string[]>;
  /** Dry runs without a chosen record: the most recently changed records (ids). */
  recent?(db: DbOrTx, limit: number): Promise<string[]>;
  /**
   * update_field: sets one updatable field through the domain's own service (its checks, audit
   * entry and events, acting as `ctx.actor`). Throws an AppError the run records when refused.
   */
  update?(ctx: ActionContext, id: string, field: string, value: unknown): Promise<void>;
}

/** Everything an action gets when it runs: one transaction, committed with the action's "done" mark. */
export interface ActionContext {
  trx: Tx;
  clock: Clock;
  config: Config;
  log: Logger;
  /** The rule acting: `systemActor('rule:<id>@<version>')` (chained with the event's rule origin). */
  actor: Actor;
  rule: { id: string; name: string; version: number };
  run: { id: string; reason: string; triggerKey: string; eventId: string | null };
  /** Unique per rule run and action: use it as the idempotency key of what the action makes. */
  actionRunId: string;
  actionIndex: number;
  /** The root record, or null (schedules). */
  root: { type: string; id: string } | null;
  /**
   * The records the run saw, by path name: `{ deal: {...}, company: {...}, owner: {...}, event: {...} }`
   * (the root under its type name, related records under their names, the event payload as `event`).
   */
  scope: Record<string, RecordValues | null>;
  /** Resolves `owner` / `owner_manager` / `user` / `team` of the rule to ids (null: nobody found). */
  resolveAssignee(assignee: Extract<Action, { kind: 'create_task' }>['assignTo']): Promise<{
    userId: string | null;
    teamId: string | null;
  }>;
  /** Renders `{{company.name}}` text in a locale (money and dates formatted for it). */
  render(template: string, locale: 'de' | 'en'): string;
  /** "Regel „Große Deals“: weil …": for `origin_label`s and notes of what the action makes. */
  explanation: string;
  /**
   * Looks `key` up once for all actions of the same pass over a batch of runs (engine/action-context.ts
   * LookupMemo), with `load` the first time. Only for what actions read again and again and never
   * change themselves (a task type, a user's name and language). Absent (an action run on its own,
   * a test): every lookup loads.
   */
  lookup?: <T>(key: string, load: () => Promise<T>) => Promise<T>;
}

export interface ActionImpl<K extends ActionKind = ActionKind> {
  kind: K;
  /** Root record types it works on; `any` includes schedules (no record). */
  recordTypes: string[] | 'any';
  /**
   * Checks made when a rule is saved, so a rule that could never run is refused (an unknown task
   * type, an inactive user, a deleted template). Returns a message, or null when fine.
   */
  validate?(
    db: DbOrTx,
    action: Extract<Action, { kind: K }>,
    rootType: string | null,
  ): Promise<string | null>;
  /** For the dry run: what it would do now, in words, and what would stop it (null: nothing). */
  describe(
    ctx: Omit<ActionContext, 'trx'> & { db: DbOrTx },
    action: Extract<Action, { kind: K }>,
  ): Promise<{ description: string; problem: string | null }>;
  /**
   * Does it in `ctx.trx`. Idempotent by `ctx.actionRunId` (a retry after a crash must not make
   * a second task). Returns what it made (linked in the run history), or null.
   */
  execute(ctx: ActionContext, action: Extract<Action, { kind: K }>): Promise<ActionResult | null>;
}

export type ParamValue = string | number | boolean | null;

/**
 * A built-in process shown as a rule. The domain runs it (its sweep, its handler) and asks
 * `isBuiltinRuleEnabled` before acting and `recordBuiltinRuns` after; its parameters stay where the
 * domain keeps them (billing's grace days) and are read and written through these functions.
 */
export interface BuiltinRuleDef {
  /** `billing.collection`, `billing.dunning`, `billing.deal-won-invoice`, `purchasing.follow-up`, `work.reminders`. */
  key: string;
  /** Default German name (the web shows its own translation of `builtin.<key>.name`). */
  name: string;
  /** Position in the rule list. */
  order: number;
  defaultEnabled: boolean;
  params: BuiltinParam[];
  /** A page of the app where more of the process is set (dunning levels), or null. */
  settingsPath: string | null;
  readParams(db: DbOrTx): Promise<Record<string, ParamValue>>;
  /** Validates and stores changed values (only the keys given), audited as `actor`. */
  writeParams(trx: Tx, actor: Actor, clock: Clock, values: Record<string, ParamValue>): Promise<void>;
  /** When the domain keeps the on/off switch itself (billing's `autoInvoiceOnWon`). */
  enabled?: {
    read(db: DbOrTx): Promise<boolean>;
    write(trx: Tx, actor: Actor, clock: Clock, on: boolean): Promise<void>;
  };
}

const recordTypes = new Map<string, RecordTypeDef>();
const actions = new Map<string, ActionImpl>();
const builtins = new Map<string, BuiltinRuleDef>();

export function registerRecordType(def: RecordTypeDef): void {
  if (recordTypes.has(def.type)) throw new Error(`Record type "${def.type}" is registered twice`);
  recordTypes.set(def.type, def);
}

export function registerAction<K extends ActionKind>(impl: ActionImpl<K>): void {
  if (actions.has(impl.kind)) throw new Error(`Action "${impl.kind}" is registered twice`);
  actions.set(impl.kind, impl as unknown as ActionImpl);
}

export function registerBuiltinRule(def: BuiltinRuleDef): void {
  if (builtins.has(def.key)) throw new Error(`Built-in rule "${def.key}" is registered twice`);
  builtins.set(def.key, def);
}

export const recordTypeOf = (type: string) => recordTypes.get(type);
export const allRecordTypes = () => [...recordTypes.values()];
export const actionOf = (kind: string) => actions.get(kind);
export const allActions = () => [...actions.values()];
export const builtinRuleOf = (key: string) => builtins.get(key);
export const allBuiltinRules = () => [...builtins.values()].sort((a, b) => a.order - b.order);
