import type { z } from 'zod';
import type { LoginRequest, Me, UpdateMe, User } from '../../../../contracts/identity';
import { can, PERMISSIONS, type Permission, type Role } from '../../../../contracts/permissions';
import type { Actor } from '../../platform/actor';
import { AppError, notFound } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { newSecret, SESSION_TTL_MS, sha256 } from './credentials';
import { toUser } from './identity.mappers';
import { findUserByEmail, findUserById, listTeamRefsOfUser } from './identity.repository';
import { hashPassword, verifyDummyPassword, verifyPassword } from './passwords';
import { deleteExpiredSessions, deleteSession, insertSession } from './sessions.repository';
import { changeUser, type IdentityDeps } from './users.service';

const badCredentials = () =>
  new AppError('unauthorized', 'identity.bad_credentials', 'E-mail or password is wrong');

/** Every permission the role holds (the web app hides what the user cannot do). */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(role, p));
}

async function meOf(deps: IdentityDeps, user: User, csrfToken: string | null): Promise<Me> {
  const teams = await listTeamRefsOfUser(deps.db, user.id);
  return { user, teams, permissions: permissionsOf(user.role), csrfToken };
}

/**
 * Checks e-mail and password and opens a session. Unknown e-mail, wrong password and inactive
 * user all answer the same, after the same work. Returns the cookie value (stored only as hash).
 */
export async function login(
  deps: IdentityDeps,
  input: z.infer<typeof LoginRequest>,
): Promise<{ me: Me; sessionToken: string; expiresAt: string }> {
  const row = await findUserByEmail(deps.db, input.email);
  if (!row) {
    await verifyDummyPassword(input.password);
    throw badCredentials();
  }
  const ok = await verifyPassword(row.password_hash, input.password);
  if (!ok || !row.active) throw badCredentials();

  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await insertSession(deps.db, {
    id: uuidv7(),
    token_hash: sha256(sessionToken),
    user_id: row.id,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: expiresAt,
  });
  return { me: await meOf(deps, toUser(row), csrfToken), sessionToken, expiresAt };
}

export async function logout(deps: IdentityDeps, sessionId: string): Promise<void> {
  await deleteSession(deps.db, sessionId);
}

/** The signed-in user, their teams and permissions. */
export async function getMe(deps: IdentityDeps, actor: Actor, csrfToken: string | null): Promise<Me> {
  if (!actor.userId) throw new AppError('unauthorized', 'auth.unauthenticated', 'Log in first');
  const row = await findUserById(deps.db, actor.userId);
  if (!row) throw notFound('user', actor.userId);
  return meOf(deps, toUser(row), csrfToken);
}

/**
 * A user changes their own name, language or password. A new password needs the current one and
 * ends the user's other sessions (the one making the change stays signed in).
 */
export async function updateMe(
  deps: IdentityDeps,
  actor: Actor,
  input: z.infer<typeof UpdateMe>,
  opts: { sessionId?: string | undefined } = {},
): Promise<User> {
  if (!actor.userId) throw new AppError('unauthorized', 'auth.unauthenticated', 'Log in first');
  let passwordHash: string | undefined;
  if (input.password !== undefined) {
    if (!input.currentPassword) {
      throw new AppError('bad_request', 'identity.current_password_required', 'Enter your current password', [
        { path: 'currentPassword', message: 'Enter your current password to set a new one' },
      ]);
    }
    const row = await findUserById(deps.db, actor.userId);
    if (!row) throw notFound('user', actor.userId);
    if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
      throw new AppError('bad_request', 'identity.current_password_wrong', 'The current password is wrong', [
        { path: 'currentPassword', message: 'The current password is wrong' },
      ]);
    }
    passwordHash = await hashPassword(input.password);
  }
  return changeUser(
    deps,
    actor,
    actor.userId,
    { version: input.version, name: input.name, locale: input.locale, passwordHash },
    { keepSessionId: opts.sessionId },
  );
}

/** Deletes sessions past their expiry; returns how many. */
export function purgeExpiredSessions(deps: IdentityDeps): Promise<number> {
  return deleteExpiredSessions(deps.db, deps.clock.now().toISOString());
}
