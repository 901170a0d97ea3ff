import {
  CompiledQuery,
  PostgresAdapter,
  type RawBuilder,
  type Selectable,
  sql,
  type Updateable,
} from 'kysely';
import type { TaskOrigin, TaskStatus } from '../../../../contracts/work';
import type { Actor } from '../../platform/actor';
import { insertRows } from '../../platform/db/bulk-insert';
import type { DbOrTx } from '../../platform/db/database';
import { preparedQuery } from '../../platform/db/prepared-query';
import { AppError } from '../../platform/http/errors';
import { tasksVisibleTo } from './tasks.access';
import type { TasksTable } from './work.tables';

export type TaskRowBase = Selectable<TasksTable>;
/** A task with the name of its type. */
export type TaskRow = TaskRowBase & { type_name: string };

function selectTasks(db: DbOrTx) {
  return db
    .selectFrom('tasks')
    .innerJoin('task_types', 'task_types.key', 'tasks.type')
    .selectAll('tasks')
    .select('task_types.name as type_name');
}

/** One new task (its SQL text made once: rules insert tasks by the thousand in a relay batch). */
export function insertTaskRow(db: DbOrTx, row: TaskRowBase): Promise<void> {
  return insertRows(db, 'tasks', [row]);
}

/**
 * Inserts the next occurrence of a series unless the series has one on that due date already
 * (unique index tasks_series_due): completing a recurring task twice makes one successor.
 * Returns whether the row was inserted.
 */
export async function insertOccurrence(db: DbOrTx, row: TaskRowBase): Promise<boolean> {
  const result = await db
    .insertInto('tasks')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['series_id', 'due_date']).where(sql<boolean>`series_id is not null`).doNothing(),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

/**
 * Inserts a task made by the system unless one with its `origin_ref` exists (unique partial index
 * tasks_system_origin_ref): the same event delivered twice makes one task. Returns whether inserted.
 */
export async function insertSystemTaskUnlessExists(db: DbOrTx, row: TaskRowBase): Promise<boolean> {
  const result = await db
    .insertInto('tasks')
    .values(row)
    .onConflict((oc) => oc.column('origin_ref').where(sql<boolean>`origin = 'system'`).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export function findSystemTask(db: DbOrTx, originRef: string): Promise<TaskRowBase | undefined> {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('origin', '=', 'system')
    .where('origin_ref', '=', originRef)
    .executeTakeFirst();
}

const ruleTaskByRef = preparedQuery((db, p: { ref: string }) =>
  db
    .selectFrom('tasks')
    .select(['id', 'subject'])
    // a literal, as in the unique partial index tasks_rule_origin_ref
    .where(sql<boolean>`origin = 'rule'`)
    .where('origin_ref', '=', p.ref),
);

/** The task a rule's action made (origin_ref `rule:<actionRunId>`), if it made one. */
export async function findRuleTask(
  db: DbOrTx,
  originRef: string,
): Promise<{ id: string; subject: string } | undefined> {
  const [row] = await ruleTaskByRef(db, { ref: originRef });
  return row;
}

/** The open tasks of a type linked to an invoice (collection tasks to close when it is paid). */
export function findOpenTasksOfInvoice(db: DbOrTx, invoiceId: string, type: string): Promise<TaskRow[]> {
  return selectTasks(db)
    .where('tasks.invoice_id', '=', invoiceId)
    .where('tasks.status', '=', 'open')
    .where('tasks.type', '=', type)
    .orderBy('tasks.id')
    .execute();
}

/** One task, if the actor may see it (no actor: the system, sees all). */
export function findTask(db: DbOrTx, id: string, actor?: Actor): Promise<TaskRow | undefined> {
  let q = selectTasks(db).where('tasks.id', '=', id);
  if (actor) q = q.where(tasksVisibleTo(actor));
  return q.executeTakeFirst();
}

export function findOccurrence(db: DbOrTx, seriesId: string, dueDate: string): Promise<TaskRow | undefined> {
  return selectTasks(db)
    .where('tasks.series_id', '=', seriesId)
    .where('tasks.due_date', '=', dueDate)
    .executeTakeFirst();
}

/** Optimistic update: true when the row still had `version` (and now has version + 1). */
export async function updateTaskRow(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Omit<Updateable<TasksTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('tasks')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ─── lists ────────────────────────────────────────────────────────────────────────────────────────

export interface TaskFilter {
  assigneeId?: string | undefined;
  teamId?: string | undefined;
  /** Tasks of some teams: their team tasks and the tasks of their members. */
  ofTeams?: { teamIds: string[]; memberIds: string[] } | undefined;
  unclaimed?: boolean | undefined;
  types?: string[] | undefined;
  status?: TaskStatus | undefined;
  overdue?: boolean | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  companyId?: string | undefined;
  contactId?: string | undefined;
  dealId?: string | undefined;
  invoiceId?: string | undefined;
  origin?: TaskOrigin | undefined;
  q?: string | undefined;
}

/** "Now" for overdue: today's business date and the current instant. */
export interface TaskMoment {
  today: string;
  now: string;
}

/**
 * Sort keys as expressions that are never null, so keyset pagination works alike on both dialects
 * (SQLite sorts nulls first, PostgreSQL last): tasks without a due date come after all dated ones,
 * all-day tasks before the timed ones of the same day; priority high > normal > low.
 */
const SORT_KEYS: Record<string, RawBuilder<string | number>> = {
  dueDate: sql<string>`(coalesce(tasks.due_date, '9999-12-31') || coalesce(tasks.due_at, ''))`,
  createdAt: sql<string>`tasks.created_at`,
  updatedAt: sql<string>`tasks.updated_at`,
  completedAt: sql<string>`coalesce(tasks.completed_at, '')`,
  priority: sql<number>`(case tasks.priority when 'high' then 3 when 'normal' then 2 else 1 end)`,
};

/**
 * Open, with a due date before today or (for a timed task) a due time before now. The null checks
 * keep it true or false, never null, so that `not overdue` finds the undated and all-day tasks too.
 */
export function overdueCondition(moment: TaskMoment) {
  return sql<boolean>`(tasks.status = 'open' and tasks.due_date is not null and tasks.due_date <= ${moment.today} and (tasks.due_date < ${moment.today} or (tasks.due_at is not null and tasks.due_at < ${moment.now})))`;
}

function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string | number, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') {
      return parsed as [string | number, string];
    }
  } catch {
    // the error below
  }
  throw new AppError(
    'bad_request',
    'list.bad_cursor',
    'The cursor is not valid; start again from the first page',
  );
}

export async function listTaskRows(
  db: DbOrTx,
  actor: Actor,
  filter: TaskFilter,
  moment: TaskMoment,
  page: { sort: string; limit: number; cursor?: string | undefined },
): Promise<{ items: TaskRow[]; nextCursor: string | null }> {
  let q = selectTasks(db).where(tasksVisibleTo(actor));
  if (filter.assigneeId) q = q.where('tasks.assignee_id', '=', filter.assigneeId);
  if (filter.teamId) q = q.where('tasks.team_id', '=', filter.teamId);
  if (filter.ofTeams) {
    const teamIds = filter.ofTeams.teamIds.length ? filter.ofTeams.teamIds : ['-'];
    const memberIds = filter.ofTeams.memberIds.length ? filter.ofTeams.memberIds : ['-'];
    q = q.where((eb) =>
      eb.or([eb('tasks.team_id', 'in', teamIds), eb('tasks.assignee_id', 'in', memberIds)]),
    );
  }
  if (filter.unclaimed) q = q.where('tasks.assignee_id', 'is', null).where('tasks.team_id', 'is not', null);
  if (filter.types?.length) q = q.where('tasks.type', 'in', filter.types);
  if (filter.status) q = q.where('tasks.status', '=', filter.status);
  if (filter.overdue === true) q = q.where(overdueCondition(moment));
  if (filter.overdue === false) q = q.where(sql<boolean>`not ${overdueCondition(moment)}`);
  if (filter.dueFrom) q = q.where('tasks.due_date', '>=', filter.dueFrom);
  if (filter.dueTo) q = q.where('tasks.due_date', '<=', filter.dueTo);
  if (filter.companyId) q = q.where('tasks.company_id', '=', filter.companyId);
  if (filter.contactId) q = q.where('tasks.contact_id', '=', filter.contactId);
  if (filter.dealId) q = q.where('tasks.deal_id', '=', filter.dealId);
  if (filter.invoiceId) q = q.where('tasks.invoice_id', '=', filter.invoiceId);
  if (filter.origin) q = q.where('tasks.origin', '=', filter.origin);
  if (filter.q) q = q.where(sql<boolean>`lower(tasks.subject) like ${likePattern(filter.q)} escape '\\'`);

  const desc = page.sort.startsWith('-');
  const field = page.sort.replace(/^-/, '');
  const key = SORT_KEYS[field];
  if (!key) {
    throw new AppError(
      'bad_request',
      'list.bad_sort',
      `Cannot sort by "${field}"; use one of: ${Object.keys(SORT_KEYS).join(', ')}`,
    );
  }
  if (page.cursor) {
    const [value, lastId] = decodeCursor(page.cursor);
    q = desc
      ? q.where(sql<boolean>`(${key} < ${value} or (${key} = ${value} and tasks.id < ${lastId}))`)
      : q.where(sql<boolean>`(${key} > ${value} or (${key} = ${value} and tasks.id > ${lastId}))`);
  }
  const rows = await q
    .select(key.as('sort_key'))
    .orderBy(key, desc ? 'desc' : 'asc')
    .orderBy('tasks.id', desc ? 'desc' : 'asc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > page.limit && last ? encodeCursor(last.sort_key, last.id) : null;
  return { items: items.map(({ sort_key: _, ...row }) => row), nextCursor };
}

/** The first occurrence of a series (its id is the series id): the day of month monthly tasks keep. */
export function findSeriesHead(db: DbOrTx, seriesId: string) {
  return db.selectFrom('tasks').select(['id', 'due_date']).where('id', '=', seriesId).executeTakeFirst();
}

/**
 * insertSystemTaskUnlessExists for many tasks at once: multi-row inserts (the SQL text of a batch
 * size made once, values bound as parameters, no query builder per row) that skip rows whose
 * `origin_ref` a system task has already (or an earlier row of the same call). Returns the ids of
 * the rows inserted.
 */
export async function insertSystemTasksUnlessExist(
  db: DbOrTx,
  rows: readonly TaskRowBase[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  const first = rows[0];
  if (!first) return inserted;
  const columns = Object.keys(first) as Array<keyof TaskRowBase>;
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const count = Math.min(perStatement, rows.length - i);
    const params: unknown[] = [];
    for (let r = i; r < i + count; r++) for (const c of columns) params.push(rows[r]![c] ?? null);
    const result = await db.executeQuery<{ id: string }>(
      CompiledQuery.raw(systemTaskInsert(postgres, columns, count), params),
    );
    for (const r of result.rows) inserted.add(r.id);
  }
  return inserted;
}

const systemTaskInserts = new Map<string, string>();

function systemTaskInsert(postgres: boolean, columns: readonly string[], rows: number): string {
  const key = `${postgres}|${columns.join(',')}|${rows}`;
  let text = systemTaskInserts.get(key);
  if (!text) {
    let n = 0;
    const ph = postgres ? () => `$${++n}` : () => '?';
    const tuples: string[] = [];
    for (let r = 0; r < rows; r++) tuples.push(`(${columns.map(ph).join(', ')})`);
    text =
      `insert into "tasks" (${columns.map((c) => `"${c}"`).join(', ')}) values ${tuples.join(', ')} ` +
      `on conflict ("origin_ref") where origin = 'system' do nothing returning "id"`;
    if (systemTaskInserts.size > 50) systemTaskInserts.clear();
    systemTaskInserts.set(key, text);
  }
  return text;
}
