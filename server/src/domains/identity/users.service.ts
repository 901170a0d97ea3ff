import type { z } from 'zod';
import type { ListResponse } from '../../../../contracts/common';
import type { CreateUser, UpdateUser, User, UserListQuery } from '../../../../contracts/identity';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import { type Db, fromBool, isUniqueViolation, type Tx } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { publish } from '../../platform/events/publish';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { revokeTokensOfUser } from './api-tokens.repository';
import { apiTokenAuditSnapshot, toUser, userAuditSnapshot } from './identity.mappers';
import {
  countOtherActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers as listUserRows,
  USER_SORT_COLUMNS,
  type UsersTable,
  updateUser as updateUserRow,
} from './identity.repository';
import { checkManager } from './managers';
import { hashPassword } from './passwords';
import { deleteSessionsOfUser } from './sessions.repository';

/** What the identity services need from the platform (an AppContext, a job's or handler's context). */
export interface IdentityDeps {
  db: Db;
  clock: Clock;
}

const emailTaken = (email: string) =>
  new AppError(
    'conflict',
    'identity.email_taken',
    `There is already a user with the e-mail address ${email}`,
    [{ path: 'email', message: 'This e-mail address is already in use' }],
  );

export async function getUser(deps: IdentityDeps, id: string): Promise<User> {
  const row = await findUserById(deps.db, id);
  if (!row) throw notFound('user', id);
  return toUser(row);
}

export async function listUsers(
  deps: IdentityDeps,
  query: z.infer<typeof UserListQuery>,
): Promise<ListResponse<User>> {
  const page = await listUserRows(
    deps.db,
    {
      q: query.q,
      role: query.role,
      active: query.active === undefined ? undefined : query.active === 'true',
    },
    { sort: parseSort(query.sort, USER_SORT_COLUMNS), limit: query.limit, cursor: query.cursor },
  );
  return { items: page.items.map(toUser), nextCursor: page.nextCursor };
}

/** Creates a user (raises `user.created`). The password is hashed before the transaction starts. */
export async function createUser(
  deps: IdentityDeps,
  actor: Actor,
  input: z.input<typeof CreateUser>,
): Promise<User> {
  const email = input.email.trim().toLowerCase();
  if (await findUserByEmail(deps.db, email)) throw emailTaken(email);
  if (input.managerId) await checkManager(deps.db, null, input.managerId);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.now().toISOString();
  const row: UsersTable = {
    id: uuidv7(),
    email,
    name: input.name.trim(),
    role: input.role,
    locale: input.locale ?? 'de',
    active: fromBool(true),
    password_hash: passwordHash,
    manager_id: input.managerId ?? null,
    created_at: now,
    updated_at: now,
    version: 1,
  };
  const user = toUser(row);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await insertUser(trx, row);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'user',
        entityId: user.id,
        before: null,
        after: userAuditSnapshot(user, 'new'),
      });
      await publish(trx, deps.clock, actor, 'user.created', {
        userId: user.id,
        email: user.email,
        name: user.name,
        locale: user.locale,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw emailTaken(email);
    throw err;
  }
  return user;
}

export interface UserChange {
  version: number;
  name?: string | undefined;
  role?: User['role'] | undefined;
  locale?: User['locale'] | undefined;
  active?: boolean | undefined;
  /** Already hashed. */
  passwordHash?: string | undefined;
  /** null clears it. */
  managerId?: string | null | undefined;
}

/**
 * Applies a change to a user in one transaction: the update (optimistic on `version`), its audit
 * entry, and what follows from it. Deactivating ends the user's sessions, revokes their API tokens
 * and raises `user.deactivated`; a new password ends their sessions but `keepSessionId`.
 */
export async function changeUser(
  deps: IdentityDeps,
  actor: Actor,
  id: string,
  change: UserChange,
  opts: { keepSessionId?: string | undefined } = {},
): Promise<User> {
  return deps.db.transaction().execute(async (trx) => {
    const beforeRow = await findUserById(trx, id);
    if (!beforeRow) throw notFound('user', id);
    const before = toUser(beforeRow);
    if (before.version !== change.version) throw staleVersion('user', id);
    await guardAdmins(trx, actor, before, change);
    if (change.managerId && change.managerId !== before.managerId) {
      await checkManager(trx, id, change.managerId);
    }

    const now = deps.clock.now().toISOString();
    const updated = await updateUserRow(trx, id, change.version, {
      ...(change.name !== undefined ? { name: change.name.trim() } : {}),
      ...(change.role !== undefined ? { role: change.role } : {}),
      ...(change.locale !== undefined ? { locale: change.locale } : {}),
      ...(change.active !== undefined ? { active: fromBool(change.active) } : {}),
      ...(change.passwordHash !== undefined ? { password_hash: change.passwordHash } : {}),
      ...(change.managerId !== undefined ? { manager_id: change.managerId } : {}),
      updated_at: now,
    });
    if (!updated) throw staleVersion('user', id);
    const afterRow = await findUserById(trx, id);
    if (!afterRow) throw notFound('user', id);
    const after = toUser(afterRow);

    const passwordChanged = change.passwordHash !== undefined;
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'user',
      entityId: id,
      before: userAuditSnapshot(before, passwordChanged ? 'old' : undefined),
      after: userAuditSnapshot(after, passwordChanged ? 'new' : undefined),
    });

    if (before.active && !after.active) {
      await deleteSessionsOfUser(trx, id);
      await revokeAllTokens(trx, deps.clock, actor, id, now);
      await publish(trx, deps.clock, actor, 'user.deactivated', { userId: id });
    } else if (passwordChanged) {
      await deleteSessionsOfUser(trx, id, opts.keepSessionId);
    }
    return after;
  });
}

/** An administrator edits a user (`users.manage`). */
export async function updateUser(
  deps: IdentityDeps,
  actor: Actor,
  id: string,
  input: z.infer<typeof UpdateUser>,
): Promise<User> {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return changeUser(deps, actor, id, {
    version: input.version,
    name: input.name,
    role: input.role,
    locale: input.locale,
    active: input.active,
    passwordHash,
    managerId: input.managerId,
  });
}

/** Nobody locks themselves out, and the company always keeps an active administrator. */
async function guardAdmins(trx: Tx, actor: Actor, before: User, change: UserChange): Promise<void> {
  const deactivates = change.active === false && before.active;
  const demotes = change.role !== undefined && change.role !== 'admin' && before.role === 'admin';
  if (actor.userId === before.id) {
    if (deactivates) {
      throw new AppError(
        'unprocessable',
        'identity.cannot_deactivate_self',
        'You cannot deactivate yourself',
        [{ path: 'active', message: 'Ask another administrator to deactivate your account' }],
      );
    }
    if (demotes) {
      throw new AppError(
        'unprocessable',
        'identity.cannot_demote_self',
        'You cannot take away your own admin role',
        [{ path: 'role', message: 'Ask another administrator to change your role' }],
      );
    }
  }
  if (before.role === 'admin' && before.active && (deactivates || demotes)) {
    if ((await countOtherActiveAdmins(trx, before.id)) === 0) {
      throw new AppError(
        'conflict',
        'identity.last_admin',
        `${before.name} is the last active administrator; make someone else an administrator first`,
      );
    }
  }
}

async function revokeAllTokens(trx: Tx, clock: Clock, actor: Actor, userId: string, now: string) {
  const revoked = await revokeTokensOfUser(trx, userId, now);
  for (const token of revoked) {
    await recordAudit(trx, clock, actor, {
      entityType: 'api_token',
      entityId: token.id,
      before: apiTokenAuditSnapshot(token),
      after: null,
    });
  }
}
