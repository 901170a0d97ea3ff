import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';

/**
 * "Reports to" (`users.manager_id`): the checks an administrator's choice must pass, and the
 * effective manager the automation engine uses (`owner_manager` assignees, `owner.managerId`).
 */

const invalid = (code: string, message: string, fieldMessage: string) =>
  new AppError('unprocessable', code, message, [{ path: 'managerId', message: fieldMessage }]);

/** Chains longer than this are certainly broken data; stop walking instead of looping forever. */
const MAX_CHAIN = 100;

/**
 * `managerId` may be the manager of `userId` (null for a new user): an active user, not the user
 * itself, and not someone who (through their managers) reports to the user — that would be a cycle.
 */
export async function checkManager(db: DbOrTx, userId: string | null, managerId: string): Promise<void> {
  if (managerId === userId) {
    throw invalid('identity.manager_self', 'A user cannot report to themselves', 'Choose another user');
  }
  const manager = await db
    .selectFrom('users')
    .select(['id', 'name', 'active', 'manager_id'])
    .where('id', '=', managerId)
    .executeTakeFirst();
  if (!manager) {
    throw invalid('identity.unknown_manager', `User ${managerId} does not exist`, 'No such user');
  }
  if (!manager.active) {
    throw invalid('identity.manager_inactive', `${manager.name} is deactivated`, 'Choose an active user');
  }
  if (!userId) return;
  // walk up from the new manager: meeting the user again means the user would manage their manager
  const seen = new Set<string>([manager.id]);
  let next = manager.manager_id;
  while (next && seen.size < MAX_CHAIN) {
    if (next === userId) {
      throw invalid(
        'identity.manager_cycle',
        `${manager.name} reports (directly or through others) to this user; that would be a cycle`,
        'Choose someone this user does not manage',
      );
    }
    if (seen.has(next)) return;
    seen.add(next);
    const row = await db.selectFrom('users').select('manager_id').where('id', '=', next).executeTakeFirst();
    next = row?.manager_id ?? null;
  }
}

/**
 * The effective manager of each user: `manager_id` when set and that user is still active (a
 * deactivated manager reads no mail and works no tasks); otherwise an active user with role
 * `manager` in one of the user's teams (the one first by name, then id, so the choice is stable;
 * never the user themselves); otherwise null. At most three queries for any number of users.
 */
export async function effectiveManagers(
  db: DbOrTx,
  users: ReadonlyArray<{ id: string; manager_id: string | null }>,
): Promise<Map<string, string | null>> {
  const result = new Map<string, string | null>();
  const setManagers = [...new Set(users.flatMap((u) => (u.manager_id ? [u.manager_id] : [])))];
  const activeManagers = new Set(
    setManagers.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select('id')
            .where('id', 'in', setManagers)
            .where('active', '=', 1)
            .execute()
        ).map((r) => r.id),
  );
  const withoutManager: string[] = [];
  for (const u of users) {
    const manager = u.manager_id && activeManagers.has(u.manager_id) ? u.manager_id : null;
    result.set(u.id, manager);
    if (!manager) withoutManager.push(u.id);
  }
  if (withoutManager.length === 0) return result;
  const rows = await db
    .selectFrom('team_members as mine')
    .innerJoin('team_members as theirs', 'theirs.team_id', 'mine.team_id')
    .innerJoin('users as m', 'm.id', 'theirs.user_id')
    .select(['mine.user_id as userId', 'm.id as managerId'])
    .where('mine.user_id', 'in', withoutManager)
    .where('m.role', '=', 'manager')
    .where('m.active', '=', 1)
    .whereRef('m.id', '<>', 'mine.user_id')
    .orderBy('m.name')
    .orderBy('m.id')
    .execute();
  for (const r of rows) {
    if (!result.get(r.userId)) result.set(r.userId, r.managerId);
  }
  return result;
}
