import { createHash, randomBytes } from 'node:crypto';
import type { Agenda, AgendaQuery, CalendarFeed, Task } from '../../../../contracts/work';
import { type Actor, scopeOf } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { businessDate } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getMemberIdsOfTeams, getUserSummary, listTeamIdsOfUser } from '../identity';
import { renderCalendar } from './calendar.ics';
import {
  type CalendarFeedRow,
  findActiveFeedByTokenHash,
  findActiveFeedOfUser,
  insertFeed,
  listAgendaTasks,
  listFeedTasks,
  listOverdueBefore,
  revokeFeedsOfUser,
  touchFeed,
} from './calendar.repository';
import { namesOf } from './tasks.links';
import { toTask } from './tasks.mappers';
import type { TaskMoment, TaskRow } from './tasks.repository';

export type CalendarDeps = Pick<AppContext, 'db' | 'clock' | 'config'>;

const DAY_MS = 86_400_000;
/** An agenda spans at most this many days (a quarter). */
const MAX_AGENDA_DAYS = 92;
/** The feed: tasks due from 30 days back to 180 days ahead, and done ones of the last 30 days. */
const FEED_DAYS_BACK = 30;
const FEED_DAYS_AHEAD = 180;
/** last_used_at is written at most once an hour. */
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function momentOf(deps: CalendarDeps): TaskMoment {
  const now = deps.clock.now();
  return { now: now.toISOString(), today: businessDate(now, deps.config.timezone) };
}

async function toTasks(db: DbOrTx, rows: TaskRow[], moment: TaskMoment): Promise<Task[]> {
  const names = await namesOf(db, rows);
  return rows.map((r) => toTask(r, names.get(r.id)!, moment));
}

// ─── agenda ──────────────────────────────────────────────────────────────────────────────────────

/** Whose agenda the actor may look at: their own; managers their team members'; admins anyone's. */
async function checkAgendaOwner(db: DbOrTx, actor: Actor, userId: string): Promise<void> {
  if (userId === actor.userId) return;
  const user = await getUserSummary(db, userId);
  if (!user) {
    throw new AppError('unprocessable', 'calendar.unknown_user', `User ${userId} does not exist`, [
      { path: 'assigneeId', message: 'No such user' },
    ]);
  }
  const scope = scopeOf(actor);
  if (scope === 'all') return;
  if (scope === 'team') {
    const members = await getMemberIdsOfTeams(db, actor.teamIds);
    if ([...members.values()].some((ids) => ids.includes(userId))) return;
  }
  throw new AppError(
    'forbidden',
    'auth.forbidden',
    scope === 'team'
      ? `You can see the agenda of your team members only, and ${user.name} is not one of them`
      : 'You can see only your own agenda',
  );
}

/**
 * A person's tasks due from `from` to `to` (their own and the unclaimed ones of their teams), and,
 * apart, the open tasks due before `from` that are overdue now.
 */
export async function getAgenda(deps: CalendarDeps, actor: Actor, query: AgendaQuery): Promise<Agenda> {
  if (query.to < query.from) {
    throw new AppError('unprocessable', 'calendar.range_reversed', 'The range ends before it starts', [
      { path: 'to', message: 'Must be on or after from' },
    ]);
  }
  if (Date.parse(query.to) - Date.parse(query.from) >= MAX_AGENDA_DAYS * DAY_MS) {
    throw new AppError(
      'unprocessable',
      'calendar.range_too_long',
      `An agenda spans at most ${MAX_AGENDA_DAYS} days`,
      [{ path: 'to', message: `At most ${MAX_AGENDA_DAYS} days after from` }],
    );
  }
  const userId = query.assigneeId === 'me' ? actor.userId : query.assigneeId;
  if (!userId) throw new AppError('unprocessable', 'calendar.no_user', 'Name a user (assigneeId)');
  await checkAgendaOwner(deps.db, actor, userId);
  const owner = {
    userId,
    teamIds: userId === actor.userId ? actor.teamIds : await listTeamIdsOfUser(deps.db, userId),
  };
  const moment = momentOf(deps);
  const [inRange, overdue] = await Promise.all([
    listAgendaTasks(deps.db, actor, owner, query),
    listOverdueBefore(deps.db, actor, owner, query.from, moment),
  ]);
  const [items, overdueItems] = await Promise.all([
    toTasks(deps.db, inRange, moment),
    toTasks(deps.db, overdue, moment),
  ]);
  return { items, overdue: overdueItems };
}

// ─── feed ────────────────────────────────────────────────────────────────────────────────────────

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function toFeed(row: CalendarFeedRow | undefined, url?: string): CalendarFeed {
  return {
    active: Boolean(row),
    createdAt: row?.created_at ?? null,
    lastUsedAt: row?.last_used_at ?? null,
    ...(url ? { url } : {}),
  };
}

function requireUser(actor: Actor): string {
  if (!actor.userId) throw new AppError('forbidden', 'auth.forbidden', 'Only people have a calendar');
  return actor.userId;
}

export async function getFeedStatus(deps: CalendarDeps, actor: Actor): Promise<CalendarFeed> {
  return toFeed(await findActiveFeedOfUser(deps.db, requireUser(actor)));
}

/**
 * A new secret feed URL for the actor; the one before stops working. Only the token's SHA-256 is
 * stored, so the URL is shown this once. `baseUrl`: where the API is reached (scheme://host).
 */
export async function createFeed(deps: CalendarDeps, actor: Actor, baseUrl: string): Promise<CalendarFeed> {
  const userId = requireUser(actor);
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now().toISOString();
  const row: CalendarFeedRow = {
    id: uuidv7(),
    user_id: userId,
    token_hash: hashToken(token),
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  await deps.db.transaction().execute(async (trx) => {
    const before = await findActiveFeedOfUser(trx, userId);
    await revokeFeedsOfUser(trx, userId, now);
    await insertFeed(trx, row);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'calendar_feed',
      entityId: row.id,
      label: 'Calendar subscription',
      before: null,
      after: { userId, createdAt: now, replaces: before?.id ?? null },
    });
  });
  return toFeed(row, `${baseUrl}/api/calendar/${token}.ics`);
}

export async function revokeFeed(deps: CalendarDeps, actor: Actor): Promise<CalendarFeed> {
  const userId = requireUser(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await findActiveFeedOfUser(trx, userId);
    if (!before) return;
    await revokeFeedsOfUser(trx, userId, deps.clock.now().toISOString());
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'calendar_feed',
      entityId: before.id,
      label: 'Calendar subscription',
      before: { userId, createdAt: before.created_at },
      after: null,
    });
  });
  return toFeed(undefined);
}

/**
 * The iCalendar text of the feed with this token, or null when no active feed has it (unknown,
 * revoked, or its person deactivated).
 */
export async function renderFeed(
  deps: CalendarDeps,
  token: string,
  urls: { baseUrl: string; host: string },
): Promise<string | null> {
  const feed = await findActiveFeedByTokenHash(deps.db, hashToken(token));
  if (!feed) return null;
  const user = await getUserSummary(deps.db, feed.user_id);
  if (!user?.active) return null;
  const moment = momentOf(deps);
  const now = deps.clock.now();
  await touchFeed(deps.db, feed.id, moment.now, new Date(now.getTime() - TOUCH_INTERVAL_MS).toISOString());
  const rows = await listFeedTasks(deps.db, feed.user_id, {
    from: addDays(moment.today, -FEED_DAYS_BACK),
    to: addDays(moment.today, FEED_DAYS_AHEAD),
    doneSince: new Date(now.getTime() - FEED_DAYS_BACK * DAY_MS).toISOString(),
  });
  return renderCalendar({
    name: `Kontor – ${user.name}`,
    tasks: await toTasks(deps.db, rows, moment),
    appUrl: urls.baseUrl,
    host: urls.host,
  });
}
