import type { z } from 'zod';
import { type ApiScope, scopesBeyond } from '../../../../contracts/api-scopes';
import type { ListQuery, ListResponse } from '../../../../contracts/common';
import type { ApiToken, CreateApiToken, CreatedApiToken } from '../../../../contracts/identity';
import { can, type Scope } from '../../../../contracts/permissions';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { AppError, missingScope, notFound } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import {
  findVisibleApiToken,
  insertApiToken,
  listApiTokens as listApiTokenRows,
  revokeApiToken as revokeApiTokenRow,
} from './api-tokens.repository';
import { serializeTokenScopes } from './api-tokens.scopes';
import { newApiToken, sha256 } from './credentials';
import { apiTokenAuditSnapshot, toApiToken } from './identity.mappers';
import { type ApiTokenRow, findUserById } from './identity.repository';
import type { IdentityDeps } from './users.service';

/** API tokens are personal: people see and revoke their own; whoever manages the system, all. */
export function apiTokenScope(actor: Actor): Scope {
  return !actor.role || can(actor.role, 'system.manage') ? 'all' : 'own';
}

export async function listApiTokens(
  deps: IdentityDeps,
  actor: Actor,
  query: ListQuery,
): Promise<ListResponse<ApiToken>> {
  const page = await listApiTokenRows(deps.db, actor, apiTokenScope(actor), {
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map(toApiToken), nextCursor: page.nextCursor };
}

/**
 * Creates an API token for the actor (or, for the system, `opts.userId`). The token is returned
 * this once; only its SHA-256 and a recognisable prefix are stored. `opts.creatorScopes`: the
 * scopes of the token the request came with (null: a session) — a token cannot make a wider one.
 */
export async function createApiToken(
  deps: IdentityDeps,
  actor: Actor,
  input: z.infer<typeof CreateApiToken>,
  opts: { userId?: string; creatorScopes?: readonly ApiScope[] | null } = {},
): Promise<CreatedApiToken> {
  const userId = opts.userId ?? actor.userId;
  if (!userId) throw new AppError('bad_request', 'identity.token_owner_missing', 'Say whose token this is');
  const wider = scopesBeyond(input.scopes, opts.creatorScopes ?? null);
  if (wider.length) throw missingScope(wider[0]!);
  const now = deps.clock.now();
  let expiresAt: string | null = null;
  if (input.expiresAt) {
    const at = new Date(input.expiresAt);
    if (at.getTime() <= now.getTime()) {
      throw new AppError(
        'bad_request',
        'identity.token_expiry_past',
        'The expiry date must be in the future',
        [{ path: 'expiresAt', message: 'Choose a moment in the future' }],
      );
    }
    // Stored as UTC ISO text, so it compares as text on both dialects.
    expiresAt = at.toISOString();
  }
  const { token, prefix } = newApiToken();
  const row: ApiTokenRow = {
    id: uuidv7(),
    token_hash: sha256(token),
    prefix,
    name: input.name.trim(),
    user_id: userId,
    created_at: now.toISOString(),
    last_used_at: null,
    expires_at: expiresAt,
    revoked_at: null,
    scopes: serializeTokenScopes(input.scopes),
  };
  await deps.db.transaction().execute(async (trx) => {
    const owner = await findUserById(trx, userId);
    if (!owner?.active) throw notFound('user', userId);
    await insertApiToken(trx, row);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'api_token',
      entityId: row.id,
      before: null,
      after: apiTokenAuditSnapshot(row),
    });
  });
  return { ...toApiToken(row), token };
}

/** Revokes a token the actor may see; it stops working at once. */
export async function revokeApiToken(deps: IdentityDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await findVisibleApiToken(trx, actor, apiTokenScope(actor), id);
    if (!row) throw notFound('api_token', id);
    if (!(await revokeApiTokenRow(trx, id, deps.clock.now().toISOString()))) throw notFound('api_token', id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'api_token',
      entityId: id,
      before: apiTokenAuditSnapshot(row),
      after: null,
    });
  });
}
