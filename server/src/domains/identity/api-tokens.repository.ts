import type { Scope } from '../../../../contracts/permissions';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { paginate } from '../../platform/db/pagination';
import { preparedQuery } from '../../platform/db/prepared-query';
import { visibleTo } from '../../platform/db/visibility';
import type { ApiTokenRow } from './identity.repository';

/** SQL of the API tokens (the table: identity.repository.ts). */

/** API tokens are personal: people see their own, whoever manages the system sees all. */
function tokensVisibleTo(actor: Actor, tokenScope: Scope) {
  return visibleTo(actor, { ownerColumn: 'api_tokens.user_id', scope: tokenScope });
}

export function insertApiToken(db: DbOrTx, row: ApiTokenRow) {
  return db.insertInto('api_tokens').values(row).execute();
}

/** A usable token (not revoked, not expired) of an active user, one row per team of the user. */
/** Runs on every bearer-authenticated request: compiled once (see preparedQuery). */
const tokenPrincipal = preparedQuery((db, p: { tokenHash: string; now: string }) =>
  db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .leftJoin('team_members', 'team_members.user_id', 'api_tokens.user_id')
    .select([
      'api_tokens.id as tokenId',
      'api_tokens.last_used_at',
      'api_tokens.scopes',
      'users.id as userId',
      'users.name',
      'users.role',
      'team_members.team_id',
    ])
    .where('api_tokens.token_hash', '=', p.tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', p.now)]))
    .where('users.active', '=', 1),
);

export function findTokenPrincipal(db: DbOrTx, tokenHash: string, now: string) {
  return tokenPrincipal(db, { tokenHash, now });
}

export function touchApiToken(db: DbOrTx, id: string, usedAt: string) {
  return db.updateTable('api_tokens').set({ last_used_at: usedAt }).where('id', '=', id).execute();
}

/** Tokens not revoked, newest first, limited to what the actor may see. */
export function listApiTokens(
  db: DbOrTx,
  actor: Actor,
  tokenScope: Scope,
  page: { limit: number; cursor?: string | undefined },
) {
  const q = db
    .selectFrom('api_tokens')
    .selectAll()
    .where('api_tokens.revoked_at', 'is', null)
    .where(tokensVisibleTo(actor, tokenScope));
  return paginate(q, {
    sort: { column: 'api_tokens.id', direction: 'desc' },
    idColumn: 'api_tokens.id',
    limit: page.limit,
    cursor: page.cursor,
    key: (r) => ({ value: r.id, id: r.id }),
  });
}

export function findVisibleApiToken(db: DbOrTx, actor: Actor, tokenScope: Scope, id: string) {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('api_tokens.id', '=', id)
    .where('api_tokens.revoked_at', 'is', null)
    .where(tokensVisibleTo(actor, tokenScope))
    .executeTakeFirst();
}

export async function revokeApiToken(db: DbOrTx, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every live token of the user; returns the revoked ones (for the audit trail). */
export async function revokeTokensOfUser(db: DbOrTx, userId: string, at: string) {
  const live = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
  if (live.length) {
    await db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  }
  return live;
}
