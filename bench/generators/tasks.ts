import type SQLite from 'better-sqlite3';
import { businessDate } from '../../server/src/platform/clock';
import { CRM_END, dropIndexes, isoSeconds } from './crm';
import { uuidv7Factory } from './ids';
import { makeRng, type Rng } from './pools';

/**
 * The work data of the bench (issue 4), written straight into Kontor's migrated tables with
 * prepared statements like the CRM data (generators/crm.ts): teams with members, per-user reminder
 * settings, `tasks` activities and tasks, goals of the running month and eight weeks of workload
 * snapshots. Tasks are written in creation order (UUIDv7 ids and rowids grow with time).
 *
 * The mix: about 98 % are done (calls, e-mails, meetings, to-dos, a few collection and purchase
 * follow-ups) from 2023 to the CRM data's end, linked to a deal (55 %, then also to its company and
 * contact) or a company (30 %), mostly by their owner; about 2 % are open — most created in the last
 * 45 days, a few forgotten ones older — of which roughly a third are overdue, some due today, most in
 * the coming weeks, a few undated; 6 % of the open ones are team tasks, most of them unclaimed;
 * reminders on most dated open tasks (fired already where they lie in the past).
 *
 * Open tasks are due around the day the bench runs (`now`), not around the CRM data's fixed end,
 * so that the share of overdue tasks is the same on every run; everything else comes from the seed.
 */

export interface WorkOptions {
  tasks: number;
  seed: number;
  /** The run's "now" (ms): open tasks are due around it, reminders before it have fired. */
  now: number;
  timezone: string;
  /** The users who own the CRM data (companies, deals): they do the sales work. */
  ownerIds: readonly string[];
}

export interface BenchTeam {
  id: string;
  name: string;
  memberIds: string[];
}

export interface WorkData {
  tasks: number;
  open: number;
  overdue: number;
  dueToday: number;
  unclaimed: number;
  withOpenReminder: number;
  teams: BenchTeam[];
  teamMembers: number;
  goals: number;
  snapshots: number;
  /** Open tasks assigned to each user. */
  openPerUser: Map<string, number>;
  /** Active users with role `sales` among the owners, most open tasks first. */
  salesUsers: { id: string; email: string; open: number }[];
  /** The active owners: they get the due reminders of (9). */
  activeOwners: string[];
}

export interface WorkTimings {
  setup: number;
  tasks: number;
  indexes: number;
}

const DAY = 86_400_000;
const TASKS_FROM = Date.UTC(2023, 0, 1);
/** Open tasks are created in the last RECENT_DAYS of the data (most of them; see the mix above). */
const RECENT_DAYS = 45;

const SALES_TEAMS = [
  'Vertrieb Nord',
  'Vertrieb Süd',
  'Vertrieb West',
  'Vertrieb Ost',
  'Key Account',
  'Innendienst',
  'Außendienst Bayern',
  'Export',
];

const SUBJECTS: Record<string, readonly string[]> = {
  call: [
    'Bedarf klären',
    'Angebot nachfassen',
    'Rückruf zum Liefertermin',
    'Erstkontakt',
    'Preisgespräch',
    'Termin vereinbaren',
    'Zufriedenheit nach Lieferung erfragen',
    'Rückruf erbeten',
  ],
  meeting: [
    'Vor-Ort-Termin Fertigung',
    'Produktvorführung',
    'Abstimmung technische Details',
    'Jahresgespräch',
    'Projektbesprechung',
    'Messetermin',
  ],
  email: [
    'Angebot zugeschickt',
    'Datenblätter gesendet',
    'Referenzen geschickt',
    'Terminbestätigung',
    'Preisliste verschickt',
  ],
  todo: [
    'Angebot kalkulieren',
    'CRM-Daten pflegen',
    'Messebericht schreiben',
    'Wettbewerbsvergleich',
    'Vertrag vorbereiten',
    'Muster versenden',
  ],
  collection: ['Zahlungserinnerung telefonisch', 'Offene Posten klären', 'Ratenzahlung vereinbaren'],
  purchase_follow_up: ['Liefertermin beim Lieferanten erfragen', 'Auftragsbestätigung anfordern'],
};

const DONE_TYPES = [
  { value: 'call', weight: 38 },
  { value: 'email', weight: 25 },
  { value: 'meeting', weight: 15 },
  { value: 'todo', weight: 17 },
  { value: 'collection', weight: 3 },
  { value: 'purchase_follow_up', weight: 2 },
];
const OPEN_TYPES = [
  { value: 'call', weight: 25 },
  { value: 'meeting', weight: 15 },
  { value: 'email', weight: 8 },
  { value: 'todo', weight: 40 },
  { value: 'collection', weight: 7 },
  { value: 'purchase_follow_up', weight: 5 },
];
const PRIORITIES = [
  { value: 'low', weight: 15 },
  { value: 'normal', weight: 70 },
  { value: 'high', weight: 15 },
];
const DURATION: Record<string, number> = {
  call: 15,
  meeting: 60,
  email: 10,
  todo: 30,
  collection: 15,
  purchase_follow_up: 15,
};
const CALL_OUTCOMES = [
  { value: 'connected', weight: 60 },
  { value: 'no_answer', weight: 18 },
  { value: 'left_message', weight: 14 },
  { value: 'busy', weight: 6 },
  { value: 'wrong_number', weight: 2 },
];
const MEETING_OUTCOMES = [
  { value: 'held', weight: 88 },
  { value: 'rescheduled', weight: 8 },
  { value: 'no_show', weight: 4 },
];
const SLOTS = ['08:30', '09:00', '09:30', '10:00', '11:00', '13:30', '14:00', '15:00', '16:00', '16:30'];

/** Task columns in insert order (the migrated table's, all of them). */
export const TASK_COLUMNS = [
  'id',
  'type',
  'subject',
  'notes',
  'due_date',
  'due_at',
  'duration_minutes',
  'priority',
  'status',
  'outcome',
  'assignee_id',
  'team_id',
  'company_id',
  'contact_id',
  'deal_id',
  'origin',
  'origin_ref',
  'origin_label',
  'recurrence',
  'recurrence_interval',
  'recurrence_until',
  'series_id',
  'reminder_at',
  'reminder_fired_at',
  'completed_at',
  'completed_by',
  'cancelled_at',
  'closed_at',
  'created_by',
  'created_at',
  'updated_at',
  'version',
] as const;

export function prepareTaskInsert(sqlite: SQLite.Database): SQLite.Statement {
  return sqlite.prepare(
    `INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) VALUES (${TASK_COLUMNS.map(() => '?').join(', ')})`,
  );
}

/** Cached instants of "date at HH:MM in the company time zone" (a few hundred distinct dates). */
export function zonedClock(timezone: string) {
  const offsets = new Map<string, number>();
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  /** The zone's offset (ms) on a date, taken at noon (no DST switch happens at noon). */
  const offsetOn = (date: string) => {
    let off = offsets.get(date);
    if (off === undefined) {
      const noon = Date.parse(`${date}T12:00:00Z`);
      const p = Object.fromEntries(fmt.formatToParts(new Date(noon)).map((x) => [x.type, x.value]));
      const wall = Date.UTC(
        Number(p.year),
        Number(p.month) - 1,
        Number(p.day),
        Number(p.hour),
        Number(p.minute),
      );
      off = wall - noon;
      offsets.set(date, off);
    }
    return off;
  };
  return {
    /** The instant of `time` (HH:MM) on `date` in the zone, in ms. */
    at(date: string, time: string): number {
      return Date.parse(`${date}T${time}:00Z`) - offsetOn(date);
    },
    /** The business date of an instant. */
    date: (ms: number) => businessDate(new Date(ms), timezone),
  };
}

// ─── teams, settings ─────────────────────────────────────────────────────────────────────────────

interface UserInfo {
  id: string;
  email: string;
  role: string;
  active: number;
}

function insertTeams(
  sqlite: SQLite.Database,
  rng: Rng,
  uuid: (ms: number) => string,
  owners: UserInfo[],
  staff: { accounting: string[]; purchasing: string[] },
): { teams: BenchTeam[]; teamOf: Map<string, string>; members: number } {
  const insertTeam = sqlite.prepare(
    'INSERT INTO teams (id, name, description, created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, 1)',
  );
  const insertMember = sqlite.prepare(
    'INSERT INTO team_members (team_id, user_id, added_at) VALUES (?, ?, ?)',
  );
  const at = isoSeconds(TASKS_FROM - 30 * DAY);
  const teams: BenchTeam[] = [];
  const make = (name: string, i: number, memberIds: string[]) => {
    const team = { id: uuid(TASKS_FROM - 30 * DAY + i), name, memberIds };
    insertTeam.run(team.id, name, null, at, at);
    for (const userId of memberIds) insertMember.run(team.id, userId, at);
    teams.push(team);
    return team;
  };
  // every owner in one sales team (round robin), one in ten in a second one as well
  const sales = SALES_TEAMS.map((name, i) => ({ name, i, members: [] as string[] }));
  const teamOf = new Map<string, string>();
  owners.forEach((u, i) => {
    sales[i % sales.length]!.members.push(u.id);
    if (rng.chance(0.1)) {
      const other = sales[(i + 1 + rng.int(sales.length - 1)) % sales.length]!;
      other.members.push(u.id);
    }
  });
  for (const s of sales) {
    const team = make(s.name, s.i, s.members);
    for (const userId of s.members) if (!teamOf.has(userId)) teamOf.set(userId, team.id);
  }
  const accounting = make('Buchhaltung', sales.length, staff.accounting);
  const purchasing = make('Einkauf', sales.length + 1, staff.purchasing);
  for (const userId of staff.accounting) teamOf.set(userId, accounting.id);
  for (const userId of staff.purchasing) teamOf.set(userId, purchasing.id);
  return { teams, teamOf, members: teams.reduce((s, t) => s + t.memberIds.length, 0) };
}

/** Own reminder settings for 40 % of the people (the rest keep the defaults: 15 min, 09:00, e-mail). */
function insertWorkSettings(sqlite: SQLite.Database, rng: Rng, userIds: readonly string[]): number {
  const insert = sqlite.prepare(
    `INSERT INTO work_settings (user_id, reminder_minutes_before, all_day_reminder_time, email_reminders, daily_digest, updated_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const at = isoSeconds(CRM_END - 100 * DAY);
  let n = 0;
  for (const userId of userIds) {
    if (!rng.chance(0.4)) continue;
    insert.run(
      userId,
      rng.pick([5, 10, 15, 15, 30, 60]),
      rng.pick(['08:00', '08:30', '09:00', '09:00', '10:00']),
      rng.chance(0.5) ? 1 : 0,
      rng.chance(0.3) ? 1 : 0,
      at,
    );
    n++;
  }
  return n;
}

// ─── tasks ───────────────────────────────────────────────────────────────────────────────────────

interface Deals {
  n: number;
  id: string[];
  company: string[];
  contact: (string | null)[];
  owner: string[];
  createdMs: Float64Array;
}

function readDeals(sqlite: SQLite.Database): Deals {
  const rows = sqlite
    .prepare('SELECT id, company_id, contact_id, owner_id, created_at FROM deals ORDER BY rowid')
    .raw()
    .all() as [string, string, string | null, string, string][];
  const d: Deals = {
    n: rows.length,
    id: new Array(rows.length),
    company: new Array(rows.length),
    contact: new Array(rows.length),
    owner: new Array(rows.length),
    createdMs: new Float64Array(rows.length),
  };
  rows.forEach((r, i) => {
    d.id[i] = r[0];
    d.company[i] = r[1];
    d.contact[i] = r[2];
    d.owner[i] = r[3];
    d.createdMs[i] = Date.parse(r[4]);
  });
  return d;
}

function readCompanies(sqlite: SQLite.Database) {
  const rows = sqlite
    .prepare('SELECT id, owner_id, created_at FROM companies ORDER BY rowid')
    .raw()
    .all() as [string, string | null, string][];
  return {
    n: rows.length,
    id: rows.map((r) => r[0]),
    owner: rows.map((r) => r[1]),
    firstMs: rows.length ? Date.parse(rows[0]![2]) : 0,
    lastMs: rows.length ? Date.parse(rows[rows.length - 1]![2]) : 0,
  };
}

interface Counters {
  open: number;
  overdue: number;
  dueToday: number;
  unclaimed: number;
  withOpenReminder: number;
  openPerUser: Map<string, number>;
  /** Open tasks per `assignee|team|type`, for the workload snapshots. */
  openGroups: Map<string, { open: number; overdue: number }>;
}

function insertTasks(
  sqlite: SQLite.Database,
  opts: WorkOptions,
  rng: Rng,
  uuid: (ms: number) => string,
  people: {
    owners: UserInfo[];
    teamOf: Map<string, string>;
    teams: BenchTeam[];
    accounting: string[];
    purchasing: string[];
    managers: string[];
  },
): Counters {
  const deals = readDeals(sqlite);
  const companies = readCompanies(sqlite);
  const insert = prepareTaskInsert(sqlite);
  const zone = zonedClock(opts.timezone);
  const today = zone.date(opts.now);
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const dateIn = (days: number) => isoSeconds(todayMs + days * DAY).slice(0, 10);
  const ownerIds = people.owners.map((u) => u.id);
  const accountingTeam = people.teams.find((t) => t.name === 'Buchhaltung')!.id;
  const purchasingTeam = people.teams.find((t) => t.name === 'Einkauf')!.id;
  const c: Counters = {
    open: 0,
    overdue: 0,
    dueToday: 0,
    unclaimed: 0,
    withOpenReminder: 0,
    openPerUser: new Map(),
    openGroups: new Map(),
  };
  const end = CRM_END - DAY; // the last task is created a day before the data's end
  const days = Math.floor((end - TASKS_FROM) / DAY);
  const recentFrom = CRM_END - RECENT_DAYS * DAY;
  let dealPointer = 0;
  const n = opts.tasks;
  const row: unknown[] = new Array(TASK_COLUMNS.length);
  for (let i = 0; i < n; i++) {
    // creation time: day by day, within working hours (06:00–17:00 UTC), in order
    const x = (i * days) / n;
    const day = Math.floor(x);
    const created = TASKS_FROM + day * DAY + 6 * 3_600_000 + Math.floor((x - day) * 11 * 3600) * 1000;
    const id = uuid(created);
    const open = created >= recentFrom ? rng.chance(0.6) : rng.chance(0.0012);
    const type = rng.weighted(open ? OPEN_TYPES : DONE_TYPES);

    // what it is about and who does it
    while (dealPointer < deals.n && deals.createdMs[dealPointer]! <= created) dealPointer++;
    let assignee: string | null;
    let team: string | null = null;
    let company: string | null = null;
    let contact: string | null = null;
    let deal: string | null = null;
    let origin = 'manual';
    let originRef: string | null = null;
    let originLabel: string | null = null;
    const link = rng.next();
    if (type === 'collection' || type === 'purchase_follow_up') {
      const known = Math.max(
        1,
        Math.min(
          companies.n,
          Math.floor(
            ((created - companies.firstMs) / (companies.lastMs - companies.firstMs || 1)) * companies.n,
          ),
        ),
      );
      company = companies.id[rng.int(known)] ?? null;
      const staff = type === 'collection' ? people.accounting : people.purchasing;
      assignee = staff.length ? rng.pick(staff) : rng.pick(ownerIds);
      team = type === 'collection' ? accountingTeam : purchasingTeam;
      origin = type === 'collection' ? 'system' : 'rule';
      originRef =
        type === 'collection'
          ? `RE-${new Date(created).getUTCFullYear()}-${String(rng.between(1, 99_999)).padStart(5, '0')}`
          : `BE-${String(rng.between(1, 99_999)).padStart(5, '0')}`;
      originLabel = type === 'collection' ? `Rechnung ${originRef} überfällig` : `Bestellung ${originRef}`;
    } else if (link < 0.55 && dealPointer > 0) {
      // a deal made in the last months before the task (recent ones more often)
      const window = Math.min(dealPointer, Math.max(1, Math.round(deals.n / 16)));
      const d = dealPointer - 1 - Math.floor(rng.next() ** 2 * window);
      deal = deals.id[d]!;
      company = deals.company[d]!;
      contact = deals.contact[d]!;
      assignee = rng.chance(0.9) ? deals.owner[d]! : rng.pick(ownerIds);
    } else if (link < 0.85 && companies.n > 0) {
      const known = Math.max(
        1,
        Math.min(
          companies.n,
          Math.floor(
            ((created - companies.firstMs) / (companies.lastMs - companies.firstMs || 1)) * companies.n,
          ),
        ),
      );
      const k = rng.int(known);
      company = companies.id[k]!;
      assignee = rng.chance(0.85) ? (companies.owner[k] ?? rng.pick(ownerIds)) : rng.pick(ownerIds);
    } else {
      assignee = rng.pick(ownerIds);
    }
    let createdBy: string | null = assignee;

    const subject = rng.pick(SUBJECTS[type]!);
    const priority = rng.weighted(PRIORITIES);
    let status = 'done';
    let dueDate: string | null;
    let dueAt: string | null = null;
    let outcome: string | null = null;
    let reminderAt: string | null = null;
    let reminderFiredAt: string | null = null;
    let completedAt: string | null = null;
    let completedBy: string | null = null;
    let cancelledAt: string | null = null;
    let notes: string | null = null;
    let version = 1;
    let updated = created;

    if (open) {
      status = 'open';
      // team tasks: mostly not claimed yet (the assignee stays empty until a member claims one)
      if (team) {
        if (rng.chance(0.6)) assignee = null;
      } else if (rng.chance(0.06) && assignee) {
        team = people.teamOf.get(assignee) ?? null;
        if (team && rng.chance(0.65)) {
          createdBy = people.managers.length ? rng.pick(people.managers) : assignee;
          assignee = null;
        }
      }
      const r = rng.next();
      if (created < recentFrom) {
        // forgotten: due a few days after it was made, long ago
        dueDate = isoSeconds(created + rng.between(1, 10) * DAY).slice(0, 10);
      } else if (r < 0.3) dueDate = dateIn(-Math.min(40, 1 + Math.floor(-Math.log(1 - rng.next()) * 7)));
      else if (r < 0.37) dueDate = today;
      else if (r < 0.95) dueDate = dateIn(rng.between(1, 30));
      else dueDate = null;
      if (dueDate && (type === 'meeting' ? rng.chance(0.85) : type === 'call' && rng.chance(0.3))) {
        dueAt = new Date(zone.at(dueDate, rng.pick(SLOTS))).toISOString();
      }
      if (dueDate && rng.chance(0.7)) {
        const at = dueAt ? Date.parse(dueAt) - 15 * 60_000 : zone.at(dueDate, '09:00');
        if (at <= opts.now) {
          // fired already (reminders of the past must not fire again when the server starts)
          reminderAt = isoSeconds(at);
          reminderFiredAt = isoSeconds(at + 20_000);
        } else if (at > opts.now + 3 * 3_600_000) {
          // still to fire (not during the bench: the server's reminder job runs every minute)
          reminderAt = isoSeconds(at);
          c.withOpenReminder++;
        }
      }
      const overdue =
        dueDate !== null &&
        (dueDate < today || (dueDate === today && dueAt !== null && dueAt < isoSeconds(opts.now)));
      c.open++;
      if (overdue) c.overdue++;
      if (dueDate === today) c.dueToday++;
      if (!assignee) c.unclaimed++;
      else c.openPerUser.set(assignee, (c.openPerUser.get(assignee) ?? 0) + 1);
      const key = `${assignee ?? ''}|${team ?? ''}|${type}`;
      const g = c.openGroups.get(key) ?? { open: 0, overdue: 0 };
      g.open++;
      if (overdue) g.overdue++;
      c.openGroups.set(key, g);
    } else {
      // done (or cancelled): logged as it happened, or planned and done a few days later
      const planned = type === 'todo' || type === 'collection' || rng.chance(0.45);
      const doneAt = planned
        ? Math.min(end, created + Math.max(600, Math.round(-Math.log(1 - rng.next()) * 3 * DAY)))
        : created;
      dueDate = isoSeconds(planned ? created + rng.between(0, 7) * DAY : created).slice(0, 10);
      if (planned && type === 'meeting') dueAt = isoSeconds(doneAt);
      if (planned && rng.chance(0.5)) {
        const at = Math.max(created, doneAt - 15 * 60_000);
        reminderAt = isoSeconds(at);
        reminderFiredAt = isoSeconds(at + 20_000);
      }
      if (assignee === null) assignee = rng.pick(ownerIds);
      if (rng.chance(0.02)) {
        status = 'cancelled';
        cancelledAt = isoSeconds(doneAt);
      } else {
        completedAt = isoSeconds(doneAt);
        completedBy = assignee;
        if (type === 'call') outcome = rng.weighted(CALL_OUTCOMES);
        else if (type === 'meeting') outcome = rng.weighted(MEETING_OUTCOMES);
        if (rng.chance(0.2)) notes = 'Gesprächsnotiz: Interesse bestätigt, Unterlagen folgen.';
      }
      updated = doneAt;
      version = planned ? 2 : 1;
    }

    row[0] = id;
    row[1] = type;
    row[2] = subject;
    row[3] = notes;
    row[4] = dueDate;
    row[5] = dueAt;
    row[6] = DURATION[type]!;
    row[7] = priority;
    row[8] = status;
    row[9] = outcome;
    row[10] = assignee;
    row[11] = team;
    row[12] = company;
    row[13] = contact;
    row[14] = deal;
    row[15] = origin;
    row[16] = originRef;
    row[17] = originLabel;
    row[18] = 'none';
    row[19] = 1;
    row[20] = null;
    row[21] = null;
    row[22] = reminderAt;
    row[23] = reminderFiredAt;
    row[24] = completedAt;
    row[25] = completedBy;
    row[26] = cancelledAt;
    row[27] = completedAt ?? cancelledAt;
    row[28] = createdBy;
    row[29] = isoSeconds(created);
    row[30] = isoSeconds(updated);
    row[31] = version;
    insert.run(row);
  }
  return c;
}

// ─── goals and workload snapshots ────────────────────────────────────────────────────────────────

/** Goals of the running month: revenue and activities per sales team, activities for one in ten people. */
function insertGoals(
  sqlite: SQLite.Database,
  rng: Rng,
  uuid: (ms: number) => string,
  teams: BenchTeam[],
  ownerIds: readonly string[],
  today: string,
  now: number,
): number {
  const insert = sqlite.prepare(
    `INSERT INTO goals (id, name, user_id, team_id, metric, task_type, period_kind, period_start, period_end, target,
       created_by, created_at, updated_at, version)
     VALUES (?, ?, ?, ?, ?, ?, 'month', ?, ?, ?, NULL, ?, ?, 1)`,
  );
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = `${today.slice(0, 7)}-01`;
  const end = `${today.slice(0, 7)}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
  const at = isoSeconds(Date.parse(`${start}T08:00:00Z`));
  let n = 0;
  const add = (
    name: string,
    userId: string | null,
    teamId: string | null,
    metric: string,
    taskType: string | null,
    target: number,
  ) => {
    insert.run(uuid(now - 20 * DAY + n), name, userId, teamId, metric, taskType, start, end, target, at, at);
    n++;
  };
  for (const t of teams.filter((x) => SALES_TEAMS.includes(x.name))) {
    add(`Umsatz ${t.name}`, null, t.id, 'revenue_won', null, rng.between(20, 200) * 10_000_00);
    add(`Aktivitäten ${t.name}`, null, t.id, 'activities_completed', null, rng.between(200, 2000));
  }
  for (const userId of ownerIds) {
    if (rng.chance(0.1))
      add('Anrufe im Monat', userId, null, 'activities_completed', 'call', rng.between(20, 200));
  }
  return n;
}

/** Snapshots of the last eight Mondays and today, from the open tasks with some drift. */
function insertSnapshots(
  sqlite: SQLite.Database,
  rng: Rng,
  groups: Map<string, { open: number; overdue: number }>,
  today: string,
): number {
  const insert = sqlite.prepare(
    'INSERT OR REPLACE INTO workload_snapshots (day, assignee_id, team_id, type, open_count, overdue_count) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const weekday = new Date(todayMs).getUTCDay();
  const lastMonday = todayMs - ((weekday + 6) % 7) * DAY;
  const days = [
    today,
    ...Array.from({ length: 9 }, (_, i) => isoSeconds(lastMonday - i * 7 * DAY).slice(0, 10)),
  ];
  let n = 0;
  for (const day of new Set(days)) {
    insert.run(day, '', '', '', 0, 0); // the marker: the job ran that day
    n++;
    for (const [key, g] of groups) {
      const [assignee, team, type] = key.split('|') as [string, string, string];
      const drift = day === today ? 1 : 0.8 + rng.next() * 0.4;
      insert.run(day, assignee, team, type, Math.round(g.open * drift), Math.round(g.overdue * drift));
      n++;
    }
  }
  return n;
}

// ─── all of it ──────────────────────────────────────────────────────────────────────────────────

function inTransaction<T>(sqlite: SQLite.Database, fn: () => T): T {
  sqlite.exec('BEGIN');
  try {
    const result = fn();
    sqlite.exec('COMMIT');
    return result;
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
}

/**
 * Fills teams (eight sales teams of the owners, accounting, purchasing), reminder settings, tasks,
 * goals and snapshots. The secondary indexes of `tasks` are dropped for the load and built again at
 * the end (what a bulk load does; the schema afterwards is exactly the migrated one).
 */
export function insertWorkData(
  sqlite: SQLite.Database,
  opts: WorkOptions,
): { data: WorkData; timings: WorkTimings } {
  const rng = makeRng(opts.seed ^ 0x7a5c);
  const uuid = uuidv7Factory(makeRng(opts.seed ^ 0x7a5d).uint32);
  const timings: WorkTimings = { setup: 0, tasks: 0, indexes: 0 };
  const timed = <T>(key: keyof WorkTimings, fn: () => T): T => {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      timings[key] += (performance.now() - t0) / 1000;
    }
  };
  const owners = (
    sqlite
      .prepare(`SELECT id, email, role, active FROM users WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(opts.ownerIds)) as UserInfo[]
  ).sort((a, b) => opts.ownerIds.indexOf(a.id) - opts.ownerIds.indexOf(b.id));
  const ownerSet = new Set(opts.ownerIds);
  const staffOf = (role: string) =>
    (
      sqlite
        .prepare(`SELECT id FROM users WHERE role = ? AND active = 1 ORDER BY rowid LIMIT 40`)
        .all(role) as { id: string }[]
    )
      .map((r) => r.id)
      .filter((id) => !ownerSet.has(id))
      .slice(0, 8);
  const accounting = staffOf('accounting');
  const purchasing = staffOf('purchasing');
  const today = businessDate(new Date(opts.now), opts.timezone);

  const { teams, teamOf, members } = timed('setup', () =>
    inTransaction(sqlite, () => {
      const t = insertTeams(sqlite, rng, uuid, owners, { accounting, purchasing });
      insertWorkSettings(sqlite, rng, [...opts.ownerIds, ...accounting, ...purchasing]);
      return t;
    }),
  );
  const managers = owners.filter((u) => u.role === 'manager' && u.active).map((u) => u.id);
  const restore = dropIndexes(sqlite, ['tasks']);
  const counters = timed('tasks', () =>
    inTransaction(sqlite, () =>
      insertTasks(sqlite, opts, rng, uuid, { owners, teamOf, teams, accounting, purchasing, managers }),
    ),
  );
  timed('indexes', () => inTransaction(sqlite, restore));
  const { goals, snapshots } = timed('setup', () =>
    inTransaction(sqlite, () => ({
      goals: insertGoals(sqlite, rng, uuid, teams, opts.ownerIds, today, opts.now),
      snapshots: insertSnapshots(sqlite, rng, counters.openGroups, today),
    })),
  );
  const salesUsers = owners
    .filter((u) => u.role === 'sales' && u.active)
    .map((u) => ({ id: u.id, email: u.email, open: counters.openPerUser.get(u.id) ?? 0 }))
    .sort((a, b) => b.open - a.open);
  return {
    data: {
      tasks: opts.tasks,
      open: counters.open,
      overdue: counters.overdue,
      dueToday: counters.dueToday,
      unclaimed: counters.unclaimed,
      withOpenReminder: counters.withOpenReminder,
      teams,
      teamMembers: members,
      goals,
      snapshots,
      openPerUser: counters.openPerUser,
      salesUsers,
      activeOwners: owners.filter((u) => u.active).map((u) => u.id),
    },
    timings,
  };
}

/**
 * (9)'s reminders: `count` open tasks whose reminder is due (between two hours and a minute before
 * `now`) and has not fired — 98 % assigned to an active owner, 2 % unclaimed tasks of a sales team
 * (their reminder goes to every member). Written like the other tasks, in creation order.
 */
export function insertDueReminderTasks(
  sqlite: SQLite.Database,
  opts: {
    count: number;
    seed: number;
    now: number;
    timezone: string;
    assignees: readonly string[];
    teams: BenchTeam[];
  },
): void {
  const rng = makeRng(opts.seed ^ 0x9e11);
  const uuid = uuidv7Factory(makeRng(opts.seed ^ 0x9e12).uint32);
  const insert = prepareTaskInsert(sqlite);
  const zone = zonedClock(opts.timezone);
  const today = zone.date(opts.now);
  const salesTeams = opts.teams.filter((t) => SALES_TEAMS.includes(t.name) && t.memberIds.length);
  const row: unknown[] = new Array(TASK_COLUMNS.length);
  inTransaction(sqlite, () => {
    for (let i = 0; i < opts.count; i++) {
      const created = opts.now - 10 * DAY + Math.floor((i * 9 * DAY) / opts.count);
      const reminder = opts.now - 60_000 - Math.floor(rng.next() * 2 * 3_600_000);
      const type = rng.weighted(
        OPEN_TYPES.filter((t) => t.value !== 'collection' && t.value !== 'purchase_follow_up'),
      );
      const teamTask = rng.chance(0.02) && salesTeams.length > 0;
      const assignee = teamTask ? null : rng.pick(opts.assignees);
      const timed = type === 'meeting' || (type === 'call' && rng.chance(0.3));
      row.fill(null);
      row[0] = uuid(created);
      row[1] = type;
      row[2] = rng.pick(SUBJECTS[type]!);
      row[4] = timed ? zone.date(reminder + 15 * 60_000) : today;
      row[5] = timed ? isoSeconds(reminder + 15 * 60_000) : null;
      row[6] = DURATION[type]!;
      row[7] = rng.weighted(PRIORITIES);
      row[8] = 'open';
      row[10] = assignee;
      row[11] = teamTask ? rng.pick(salesTeams).id : null;
      row[15] = 'manual';
      row[18] = 'none';
      row[19] = 1;
      row[22] = isoSeconds(reminder);
      row[28] = assignee;
      row[29] = isoSeconds(created);
      row[30] = isoSeconds(created);
      row[31] = 1;
      insert.run(row);
    }
  });
}
