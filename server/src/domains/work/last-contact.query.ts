import { sql } from 'kysely';
import type { LastContact } from '../../../../contracts/goals';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { getUserNames } from '../identity';
import { tasksVisibleTo } from './tasks.access';

/** At most this many companies per request (a page of the collections list). */
export const LAST_CONTACT_MAX_COMPANIES = 200;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `a,b,c` → the distinct ids; 422 naming the problem for a bad id or too many. */
export function parseCompanyIds(raw: string): string[] {
  const ids = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  const bad = ids.find((id) => !UUID.test(id));
  const problem = bad
    ? `"${bad.slice(0, 40)}" is not a company id`
    : ids.length === 0
      ? 'Name at least one company id'
      : ids.length > LAST_CONTACT_MAX_COMPANIES
        ? `At most ${LAST_CONTACT_MAX_COMPANIES} company ids per request (got ${ids.length})`
        : null;
  if (problem) {
    throw new AppError('unprocessable', 'work.invalid_company_ids', problem, [
      { path: 'companyIds', message: problem },
    ]);
  }
  return ids;
}

/**
 * The latest completed activity (a done task of an activity type — call, meeting, e-mail, … — not
 * to-dos or collection tasks) per company, among the tasks the actor may see: one query, ranked per
 * company by completion time with a window function (SQLite ≥ 3.25 and PostgreSQL alike).
 */
export async function lastContacts(
  db: DbOrTx,
  actor: Actor,
  companyIds: readonly string[],
): Promise<LastContact[]> {
  if (companyIds.length === 0) return [];
  const ranked = db
    .selectFrom('tasks')
    .innerJoin('task_types', 'task_types.key', 'tasks.type')
    .where('tasks.company_id', 'in', [...companyIds])
    .where('tasks.status', '=', 'done')
    .where('tasks.completed_at', 'is not', null)
    .where('task_types.is_activity', '=', 1)
    .where(tasksVisibleTo(actor))
    .select([
      'tasks.id',
      'tasks.company_id',
      'tasks.type',
      'task_types.name as type_name',
      'tasks.subject',
      'tasks.completed_at',
      'tasks.assignee_id',
      sql<number>`row_number() over (partition by tasks.company_id order by tasks.completed_at desc, tasks.id desc)`.as(
        'rn',
      ),
    ]);
  const rows = await db
    .selectFrom(ranked.as('r'))
    .selectAll('r')
    .where('r.rn', '=', 1)
    .orderBy('r.company_id')
    .execute();
  const assignees = rows.flatMap((r) => (r.assignee_id ? [r.assignee_id] : []));
  const names = assignees.length ? await getUserNames(db, assignees) : new Map<string, string>();
  return rows.map((r) => ({
    companyId: r.company_id as string,
    taskId: r.id,
    type: r.type,
    typeName: r.type_name,
    subject: r.subject,
    completedAt: new Date(r.completed_at as string).toISOString(),
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_id ? (names.get(r.assignee_id) ?? null) : null,
  }));
}
