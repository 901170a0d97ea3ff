import { de, Faker } from '@faker-js/faker';
import type { GoalMetric } from '../../../../contracts/goals';
import type { Deal } from '../../../../contracts/sales';
import type { TaskOutcome } from '../../../../contracts/work';
import { type Actor, systemActor } from '../../platform/actor';
import { businessDate, zonedInstant } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { insertRows } from '../../platform/db/bulk-insert';
import { uuidv7 } from '../../platform/ids';
import { getCompanySummaries, listCompanyIdsVisibleTo } from '../companies';
import { listDealsOfCompany } from '../sales';
import type { GoalsTable, TasksTable, WorkloadSnapshotsTable } from './work.tables';
import { SNAPSHOT_MARKER } from './workload-snapshot.repository';

/** The seed's view of the demo data made before it (see server/src/seed.ts DemoData). */
interface DemoRefs {
  users: Record<string, string>;
  teams: Record<string, string>;
}

const DAY = 86_400_000;
/** Days of workload snapshots (8 weeks and today), so the trend has something to show. */
const SNAPSHOT_DAYS = 57;
const SELLERS = ['sales', 'sales2', 'manager'] as const;

type TaskRow = TasksTable;

const SUBJECTS: Record<string, string[]> = {
  call: ['Bedarf klären', 'Angebot nachfassen', 'Rückruf zum Liefertermin', 'Erstkontakt', 'Preisgespräch'],
  meeting: [
    'Vor-Ort-Termin Fertigung',
    'Produktvorführung',
    'Abstimmung technische Details',
    'Jahresgespräch',
  ],
  email: ['Angebot zugeschickt', 'Datenblätter gesendet', 'Referenzen geschickt', 'Terminbestätigung'],
  todo: ['Angebot kalkulieren', 'CRM-Daten pflegen', 'Messebericht schreiben', 'Wettbewerbsvergleich'],
};

/**
 * The work seeder of the demo company (SEEDERS in seed.ts, after sales): activities done in the past
 * on the demo deals and companies (so the activity conversion has plausible figures), open tasks
 * (some overdue, team tasks nobody claimed, a weekly recurring one, reminders set), goals for this
 * month and quarter, and 8 weeks of workload snapshots computed from those tasks. Rows are written
 * in bulk in one transaction; deterministic (fixed faker seed). Skips what exists: tasks (with
 * their snapshots) when there are tasks, goals when there are goals.
 */
export async function seedWork(ctx: AppContext, _actor: Actor, demo: DemoRefs): Promise<void> {
  const users = demo.users;
  const sellers = SELLERS.filter((k) => users[k]);
  if (sellers.length === 0) return;
  const hasTasks = await ctx.db.selectFrom('tasks').select('id').limit(1).executeTakeFirst();
  const hasGoals = await ctx.db.selectFrom('goals').select('id').limit(1).executeTakeFirst();
  const now = ctx.clock.now().getTime();
  const tz = ctx.config.timezone;
  const today = businessDate(new Date(now), tz);
  const f = new Faker({ locale: [de] });
  f.seed(20261127);

  const tasks = hasTasks ? [] : await demoTasks(ctx, f, demo, now);
  const goals = hasGoals ? [] : demoGoals(demo, today, now);
  const snapshots = tasks.length ? demoSnapshots(tasks, now, tz) : [];
  await ctx.db.transaction().execute(async (trx) => {
    await insertRows(trx, 'tasks', tasks);
    await insertRows(trx, 'goals', goals);
    await insertRows(trx, 'workload_snapshots', snapshots);
  });
  if (tasks.length || goals.length) {
    ctx.log.info(
      { tasks: tasks.length, goals: goals.length, snapshots: snapshots.length },
      'demo work seeded',
    );
  }
}

function taskRow(row: Partial<TaskRow> & Pick<TaskRow, 'type' | 'subject' | 'created_at'>): TaskRow {
  return {
    id: uuidv7(),
    notes: null,
    due_date: null,
    due_at: null,
    duration_minutes: null,
    priority: 'normal',
    status: 'open',
    outcome: null,
    assignee_id: null,
    team_id: null,
    company_id: null,
    contact_id: null,
    deal_id: null,
    invoice_id: null,
    origin: 'manual',
    origin_ref: null,
    origin_label: null,
    recurrence: 'none',
    recurrence_interval: 1,
    recurrence_until: null,
    series_id: null,
    reminder_at: null,
    reminder_fired_at: null,
    completed_at: null,
    completed_by: null,
    cancelled_at: null,
    closed_at: null,
    created_by: row.assignee_id ?? null,
    updated_at: row.closed_at ?? row.created_at,
    version: 1,
    ...row,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Done activities on the demo deals and companies, and the open tasks of today. */
async function demoTasks(ctx: AppContext, f: Faker, demo: DemoRefs, now: number): Promise<TaskRow[]> {
  const tz = ctx.config.timezone;
  const dateOf = (ms: number) => businessDate(new Date(ms), tz);
  const sellerIds = new Set(SELLERS.map((k) => demo.users[k]).filter(Boolean) as string[]);
  const companyIds = await listCompanyIdsVisibleTo(ctx.db, systemActor('seed'));
  const companies = [...(await getCompanySummaries(ctx.db, companyIds)).values()]
    .filter((c) => !c.mergedIntoId && c.ownerId && sellerIds.has(c.ownerId))
    .sort((a, b) => a.name.localeCompare(b.name));
  const deals: Deal[] = [];
  for (const c of companies) deals.push(...(await listDealsOfCompany(ctx.db, c.id, 500)));
  deals.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.title.localeCompare(b.title));

  const rows: TaskRow[] = [];
  const outcomeOf = (type: string): TaskOutcome | null =>
    type === 'call'
      ? f.helpers.weightedArrayElement<TaskOutcome>([
          { weight: 6, value: 'connected' },
          { weight: 2, value: 'no_answer' },
          { weight: 2, value: 'left_message' },
        ])
      : type === 'meeting'
        ? 'held'
        : null;
  const activityType = () =>
    f.helpers.weightedArrayElement([
      { weight: 5, value: 'call' },
      { weight: 3, value: 'email' },
      { weight: 2, value: 'meeting' },
    ]);
  /** A done activity; half were planned a few days ahead (open until done, sometimes late). */
  const done = (type: string, at: number, fields: Partial<TaskRow>) => {
    const planned = f.datatype.boolean({ probability: 0.5 });
    const createdAt = planned ? at - f.number.int({ min: 1, max: 10 }) * DAY : at;
    const due = planned ? at + f.number.int({ min: -3, max: 2 }) * DAY : at;
    rows.push(
      taskRow({
        type,
        subject: f.helpers.arrayElement(SUBJECTS[type]!),
        status: 'done',
        outcome: outcomeOf(type),
        due_date: dateOf(due),
        duration_minutes: type === 'meeting' ? 60 : type === 'call' ? 15 : 10,
        created_at: iso(createdAt),
        completed_at: iso(at),
        completed_by: fields.assignee_id ?? null,
        closed_at: iso(at),
        ...fields,
      }),
    );
  };

  // Activities on deals: won deals had more of them, all before they were closed.
  for (const d of deals) {
    const start = Date.parse(d.createdAt);
    const end = d.closedAt ? Date.parse(d.closedAt) : now - DAY;
    if (end <= start) continue;
    const count =
      d.status === 'won'
        ? f.number.int({ min: 2, max: 7 })
        : f.number.int({ min: 0, max: d.status === 'lost' ? 2 : 3 });
    for (let i = 0; i < count; i++) {
      done(activityType(), f.number.int({ min: start, max: end }), {
        assignee_id: d.ownerId,
        company_id: d.companyId,
        contact_id: d.contactId,
        deal_id: d.id,
      });
    }
  }
  // Prospecting: calls and e-mails to companies without a deal yet, over the last year.
  for (const c of companies) {
    for (let i = f.number.int({ min: 0, max: 2 }); i > 0; i--) {
      done(
        f.helpers.arrayElement(['call', 'call', 'email']),
        now - f.number.int({ min: 1, max: 365 }) * DAY,
        {
          assignee_id: c.ownerId,
          company_id: c.id,
        },
      );
    }
  }

  // Open tasks of each seller: due from ten days ago (overdue) to two weeks ahead, reminders set.
  const openDeals = deals.filter((d) => d.status === 'open');
  const reminder = (dueDate: string, dueAt: string | null) => {
    const at = dueAt ? Date.parse(dueAt) - 15 * 60_000 : zonedInstant(dueDate, '09:00', tz).getTime();
    // reminders of the past count as fired, so starting the demo sends no flood of old reminders
    return { reminder_at: iso(at), reminder_fired_at: at <= now ? iso(at) : null };
  };
  for (const key of SELLERS) {
    const userId = demo.users[key];
    if (!userId) continue;
    const mine = openDeals.filter((d) => d.ownerId === userId);
    for (let i = 0; i < 12; i++) {
      const type = f.helpers.weightedArrayElement([
        { weight: 4, value: 'call' },
        { weight: 2, value: 'meeting' },
        { weight: 1, value: 'email' },
        { weight: 3, value: 'todo' },
      ]);
      const dueDate = dateOf(now + f.number.int({ min: -10, max: 14 }) * DAY);
      const dueAt =
        type === 'meeting'
          ? zonedInstant(dueDate, f.helpers.arrayElement(['09:30', '11:00', '14:00']), tz)
          : null;
      const deal = mine.length && type !== 'todo' ? f.helpers.arrayElement(mine) : null;
      rows.push(
        taskRow({
          type,
          subject: f.helpers.arrayElement(SUBJECTS[type]!),
          assignee_id: userId,
          priority: f.helpers.weightedArrayElement([
            { weight: 1, value: 'low' as const },
            { weight: 4, value: 'normal' as const },
            { weight: 1, value: 'high' as const },
          ]),
          due_date: dueDate,
          due_at: dueAt ? dueAt.toISOString() : null,
          duration_minutes: type === 'meeting' ? 60 : null,
          company_id: deal?.companyId ?? null,
          contact_id: deal?.contactId ?? null,
          deal_id: deal?.id ?? null,
          created_at: iso(now - f.number.int({ min: 12, max: 40 }) * DAY),
          ...reminder(dueDate, dueAt ? dueAt.toISOString() : null),
        }),
      );
    }
  }

  // Team tasks nobody has claimed yet.
  const teamTasks: Array<[string, string, string, number]> = [
    ['Vertrieb Nord', 'call', 'Messeanfragen SMM Hamburg nachfassen', -2],
    ['Vertrieb Nord', 'email', 'Rückrufbitte vom Empfang beantworten', 0],
    ['Vertrieb Süd', 'call', 'Leads aus der Webinar-Anmeldung anrufen', 3],
    ['Vertrieb Süd', 'todo', 'Preisliste 2027 prüfen', -4],
    ['Buchhaltung', 'collection', 'Offene Posten Q3 klären', -1],
    ['Einkauf', 'purchase_follow_up', 'Liefertermin Spindeln beim Lieferanten erfragen', 1],
  ];
  for (const [team, type, subject, inDays] of teamTasks) {
    const teamId = demo.teams[team];
    if (!teamId) continue;
    const dueDate = dateOf(now + inDays * DAY);
    rows.push(
      taskRow({
        type,
        subject,
        team_id: teamId,
        due_date: dueDate,
        created_by: demo.users.manager ?? null,
        created_at: iso(now - 7 * DAY),
        ...reminder(dueDate, null),
      }),
    );
  }

  // The manager's weekly planning, next Monday, every week.
  if (demo.users.manager) {
    const weekday = new Date(`${dateOf(now)}T00:00:00Z`).getUTCDay();
    const monday = dateOf(now + ((8 - weekday) % 7 || 7) * DAY);
    const id = uuidv7();
    rows.push(
      taskRow({
        id,
        type: 'meeting',
        subject: 'Wochenplanung Vertrieb',
        assignee_id: demo.users.manager,
        team_id: demo.teams['Vertrieb Nord'] ?? null,
        due_date: monday,
        due_at: zonedInstant(monday, '08:30', tz).toISOString(),
        duration_minutes: 45,
        recurrence: 'weekly',
        series_id: id,
        created_at: iso(now - 30 * DAY),
        ...reminder(monday, zonedInstant(monday, '08:30', tz).toISOString()),
      }),
    );
  }
  return rows;
}

/** Goals of this month and quarter for the demo sellers and the sales teams. */
function demoGoals(demo: DemoRefs, today: string, now: number): GoalsTable[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  const month = {
    kind: 'month' as const,
    start: `${y}-${pad(m)}-01`,
    end: `${y}-${pad(m)}-${pad(lastDay(y, m))}`,
  };
  const q = Math.floor((m - 1) / 3) * 3 + 1;
  const quarter = {
    kind: 'quarter' as const,
    start: `${y}-${pad(q)}-01`,
    end: `${y}-${pad(q + 2)}-${pad(lastDay(y, q + 2))}`,
  };
  const at = new Date(now).toISOString();
  const goals: GoalsTable[] = [];
  const add = (
    name: string,
    owner: { user_id?: string | undefined; team_id?: string | undefined },
    metric: GoalMetric,
    target: number,
    period: typeof month | typeof quarter,
    taskType: string | null = null,
  ) => {
    if (!owner.user_id && !owner.team_id) return;
    goals.push({
      id: uuidv7(),
      name,
      user_id: owner.user_id ?? null,
      team_id: owner.team_id ?? null,
      metric,
      task_type: taskType,
      period_kind: period.kind,
      period_start: period.start,
      period_end: period.end,
      target,
      created_by: demo.users.manager ?? null,
      created_at: at,
      updated_at: at,
      version: 1,
    });
  };
  add('Umsatz Vertrieb Nord', { team_id: demo.teams['Vertrieb Nord'] }, 'revenue_won', 25_000_000, month);
  add('Umsatz Vertrieb Süd', { team_id: demo.teams['Vertrieb Süd'] }, 'revenue_won', 60_000_000, quarter);
  for (const key of ['sales', 'sales2'] as const) {
    const user_id = demo.users[key];
    add('Abschlüsse', { user_id }, 'deals_won', 4, month);
    add('Anrufe', { user_id }, 'activities_completed', 40, month, 'call');
    add('Neue Chancen', { user_id }, 'deals_created', 8, month);
  }
  add(
    'Kundentermine Team Nord',
    { team_id: demo.teams['Vertrieb Nord'] },
    'activities_completed',
    12,
    month,
    'meeting',
  );
  return goals;
}

/**
 * The snapshots the nightly job would have written over the last weeks, computed from the seeded
 * tasks' history: a task was open on a day's morning when it was created before and closed after it.
 */
function demoSnapshots(tasks: TaskRow[], now: number, tz: string): WorkloadSnapshotsTable[] {
  const rows: WorkloadSnapshotsTable[] = [];
  const today = businessDate(new Date(now), tz);
  for (let back = SNAPSHOT_DAYS - 1; back >= 0; back--) {
    const day = businessDate(new Date(Date.parse(`${today}T12:00:00Z`) - back * DAY), tz);
    const at = zonedInstant(day, '00:05', tz).toISOString();
    const groups = new Map<string, WorkloadSnapshotsTable>();
    for (const t of tasks) {
      if (t.created_at > at || (t.closed_at && t.closed_at <= at)) continue;
      const assignee = t.assignee_id ?? '';
      const team = t.team_id ?? '';
      const key = `${assignee}|${team}|${t.type}`;
      const g =
        groups.get(key) ??
        groups
          .set(key, {
            day,
            assignee_id: assignee,
            team_id: team,
            type: t.type,
            open_count: 0,
            overdue_count: 0,
          })
          .get(key)!;
      g.open_count += 1;
      if ((t.due_date && t.due_date < day) || (t.due_at && t.due_at < at)) g.overdue_count += 1;
    }
    rows.push({ day, ...SNAPSHOT_MARKER, open_count: 0, overdue_count: 0 }, ...groups.values());
  }
  return rows;
}
