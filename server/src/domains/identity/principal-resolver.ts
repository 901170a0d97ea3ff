import type { Role } from '../../../../contracts/permissions';
import type { Actor } from '../../platform/actor';
import type { Principal, PrincipalResolver } from '../../platform/http/auth';
import { findTokenPrincipal, touchApiToken } from './api-tokens.repository';
import { parseTokenScopes } from './api-tokens.scopes';
import { API_TOKEN_PREFIX, looksLikeSecret, SESSION_TTL_MS, sha256, TOUCH_INTERVAL_MS } from './credentials';
import { findSessionPrincipal, touchSession } from './sessions.repository';
import type { IdentityDeps } from './users.service';

interface PrincipalRow {
  userId: string;
  name: string;
  role: Role;
  team_id: string | null;
}

/** The rows of the principal query are one per team of the user (team_id null when there is none). */
function actorOf(rows: PrincipalRow[]): Actor {
  const first = rows[0]!;
  return {
    userId: first.userId,
    name: first.name,
    role: first.role,
    teamIds: rows.flatMap((r) => (r.team_id ? [r.team_id] : [])),
    origin: null,
  };
}

function due(lastAt: string | null, now: Date): boolean {
  return !lastAt || now.getTime() - Date.parse(lastAt) >= TOUCH_INTERVAL_MS;
}

/**
 * Authenticates every request: the credential's SHA-256 is looked up together with its user and the
 * user's teams in one indexed query; no password hashing. Expiry slides with use, but the session
 * (or token) row is written at most once a minute.
 */
export function createPrincipalResolver(deps: IdentityDeps): PrincipalResolver {
  return {
    async fromSession(cookieValue: string): Promise<Principal | null> {
      if (!looksLikeSecret(cookieValue)) return null;
      const now = deps.clock.now();
      const rows = await findSessionPrincipal(deps.db, sha256(cookieValue), now.toISOString());
      const first = rows[0];
      if (!first) return null;
      if (due(first.last_seen_at, now)) {
        const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
        await touchSession(deps.db, first.sessionId, now.toISOString(), expiresAt);
      }
      return {
        actor: actorOf(rows),
        via: 'session',
        credentialId: first.sessionId,
        csrfToken: first.csrf_token,
        scopes: null,
      };
    },

    async fromBearer(token: string): Promise<Principal | null> {
      if (!looksLikeSecret(token, API_TOKEN_PREFIX)) return null;
      const now = deps.clock.now();
      const rows = await findTokenPrincipal(deps.db, sha256(token), now.toISOString());
      const first = rows[0];
      if (!first) return null;
      if (due(first.last_used_at, now)) await touchApiToken(deps.db, first.tokenId, now.toISOString());
      return {
        actor: actorOf(rows),
        via: 'token',
        credentialId: first.tokenId,
        csrfToken: null,
        scopes: parseTokenScopes(first.scopes),
      };
    },
  };
}
