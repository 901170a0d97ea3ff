import type { Selectable } from 'kysely';
import type { DbOrTx } from '../../platform/db/database';
import { preparedQuery } from '../../platform/db/prepared-query';
import type { SessionsTable } from './identity.repository';

/** SQL of the login sessions (the table: identity.repository.ts). */

export function insertSession(db: DbOrTx, row: Selectable<SessionsTable>) {
  return db.insertInto('sessions').values(row).execute();
}

/**
 * The live session with this token hash and its (active) user, one row per team of the user
 * (at least one row): a single indexed query per request.
 */
/** Runs on every cookie-authenticated request: compiled once (see preparedQuery). */
const sessionPrincipal = preparedQuery((db, p: { tokenHash: string; now: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('team_members', 'team_members.user_id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'users.id as userId',
      'users.name',
      'users.role',
      'team_members.team_id',
    ])
    .where('sessions.token_hash', '=', p.tokenHash)
    .where('sessions.expires_at', '>', p.now)
    .where('users.active', '=', 1),
);

export function findSessionPrincipal(db: DbOrTx, tokenHash: string, now: string) {
  return sessionPrincipal(db, { tokenHash, now });
}

export function touchSession(db: DbOrTx, id: string, lastSeenAt: string, expiresAt: string) {
  return db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export function deleteSession(db: DbOrTx, id: string) {
  return db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends the user's sessions (all, or all but one). */
export function deleteSessionsOfUser(db: DbOrTx, userId: string, exceptSessionId?: string) {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  return q.execute();
}

export async function deleteExpiredSessions(db: DbOrTx, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
