import { sql } from 'kysely';
import type { TimelineEntry } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { beforePosition, entryId, type TimelinePosition, type TimelineSource } from '../companies';
import { getUserSummaries } from '../identity';
import { tasksVisibleTo } from './tasks.access';

function companyTasks(db: DbOrTx, actor: Actor, companyId: string) {
  return db
    .selectFrom('tasks')
    .innerJoin('task_types', 'task_types.key', 'tasks.type')
    .select([
      'tasks.id',
      'tasks.type',
      'task_types.name as type_name',
      'tasks.subject',
      'tasks.status',
      'tasks.outcome',
      'tasks.due_date',
      'tasks.assignee_id',
      'tasks.created_by',
      'tasks.created_at',
      'tasks.completed_at',
      'tasks.completed_by',
      'tasks.contact_id',
      'tasks.deal_id',
    ])
    .where('tasks.company_id', '=', companyId)
    .where(tasksVisibleTo(actor));
}

/** Tasks planned about the company, at their creation (logged activities appear once, as done). */
function plannedPage(
  db: DbOrTx,
  actor: Actor,
  companyId: string,
  before: TimelinePosition | null,
  limit: number,
) {
  return companyTasks(db, actor, companyId)
    .where((eb) =>
      eb.or([
        eb('tasks.completed_at', 'is', null),
        eb('tasks.completed_at', '>', eb.ref('tasks.created_at')),
      ]),
    )
    .where(beforePosition('task', 'tasks.created_at', 'tasks.id', before))
    .orderBy('tasks.created_at', 'desc')
    .orderBy('tasks.id', 'desc')
    .limit(limit)
    .execute();
}

/** Activities and tasks done, at their completion. */
function donePage(
  db: DbOrTx,
  actor: Actor,
  companyId: string,
  before: TimelinePosition | null,
  limit: number,
) {
  return companyTasks(db, actor, companyId)
    .where('tasks.status', '=', 'done')
    .where(sql<boolean>`tasks.completed_at is not null`)
    .where(beforePosition('activity', 'tasks.completed_at', 'tasks.id', before))
    .orderBy('tasks.completed_at', 'desc')
    .orderBy('tasks.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * The company timeline's work entries: `task` when a task about the company (or one of its
 * contacts or deals) was planned, `activity` when a task or activity was done — a logged call shows
 * once, as done. Only tasks the viewer may see.
 */
export const taskTimelineSource: TimelineSource = {
  name: 'work.tasks',
  kinds: ['task', 'activity'],
  async load({ db, actor, companyId, before, limit }) {
    const [planned, done] = await Promise.all([
      plannedPage(db, actor, companyId, before, limit),
      donePage(db, actor, companyId, before, limit),
    ]);
    const users = await getUserSummaries(
      db,
      [...planned, ...done].flatMap((r) =>
        [r.created_by, r.completed_by, r.assignee_id].filter((x): x is string => !!x),
      ),
    );
    const nameOf = (id: string | null) => (id ? (users.get(id)?.name ?? null) : null);
    const data = (r: (typeof planned)[number]) => ({
      taskId: r.id,
      type: r.type,
      typeName: r.type_name,
      subject: r.subject,
      status: r.status,
      outcome: r.outcome,
      dueDate: r.due_date,
      assigneeId: r.assignee_id,
      assigneeName: nameOf(r.assignee_id),
      contactId: r.contact_id,
      dealId: r.deal_id,
    });
    const entries: TimelineEntry[] = [
      ...planned.map((r) => ({
        kind: 'task',
        id: entryId('task', r.id),
        at: r.created_at,
        actorId: r.created_by,
        actorName: nameOf(r.created_by),
        summary: `${r.type_name} planned: ${r.subject}${r.due_date ? ` (due ${r.due_date})` : ''}`,
        ref: { type: 'task', id: r.id },
        data: data(r),
      })),
      ...done.map((r) => ({
        kind: 'activity',
        id: entryId('activity', r.id),
        at: r.completed_at!,
        actorId: r.completed_by,
        actorName: nameOf(r.completed_by),
        summary: `${r.type_name} done: ${r.subject}${r.outcome ? ` (${r.outcome.replace(/_/g, ' ')})` : ''}`,
        ref: { type: 'task', id: r.id },
        data: data(r),
      })),
    ];
    return entries;
  },
};
