import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { type ApiScope, scopeFor, scopesAllow } from '../../../../contracts/api-scopes';
import { can, type Permission } from '../../../../contracts/permissions';
import type { Actor } from '../actor';
import { AppError, forbidden, missingScope } from './errors';
import type { App } from './types';

export const SESSION_COOKIE = 'kontor_session';
export const CSRF_HEADER = 'x-csrf-token';

/** The authenticated caller of a request. */
export interface Principal {
  actor: Actor;
  via: 'session' | 'token';
  /** Session or API token id, so logout/revocation know what to end. */
  credentialId: string;
  csrfToken: string | null;
  /**
   * An API token's scopes: they narrow what the role allows. Null for sessions and for tokens made
   * before scopes existed (those may do all their user's role allows).
   */
  scopes: readonly ApiScope[] | null;
}

/** Provided by the identity domain: turns a cookie or bearer token into a principal (or null). */
export interface PrincipalResolver {
  fromSession(token: string): Promise<Principal | null>;
  fromBearer(token: string): Promise<Principal | null>;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Route answers without authentication (health, login, OpenAPI). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * Authenticates every /api request that is not marked public: `Authorization: Bearer <token>` or
 * the session cookie. Cookie-authenticated state changes must carry the session's CSRF token.
 */
export function registerAuth(app: App, resolver: PrincipalResolver) {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.public) return;
    const principal = await resolve(request, resolver);
    if (!principal) {
      throw new AppError('unauthorized', 'auth.unauthenticated', 'Log in first, or send a valid API token');
    }
    if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
        throw new AppError(
          'forbidden',
          'auth.csrf',
          `Missing or wrong ${CSRF_HEADER} header for this session`,
        );
      }
    }
    request.principal = principal;
  });
}

async function resolve(request: FastifyRequest, resolver: PrincipalResolver): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) {
      throw new AppError(
        'unauthorized',
        'auth.bad_header',
        'The Authorization header must be "Bearer <token>"',
      );
    }
    return resolver.fromBearer(match[1]);
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  return cookie ? resolver.fromSession(cookie) : null;
}

/** The principal of an authenticated route (the hook guarantees one). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthorized', 'auth.unauthenticated', 'Log in first');
  return request.principal;
}

export function actorOf(request: FastifyRequest): Actor {
  return principalOf(request).actor;
}

/**
 * Throws 403 unless the caller's role has the permission and, for an API token, its scopes cover
 * it: a token never does more than its user may.
 */
export function requirePermission(request: FastifyRequest, permission: Permission, what: string): Actor {
  const { actor, scopes } = principalOf(request);
  if (!actor.role || !can(actor.role, permission)) throw forbidden(what);
  if (!scopesAllow(scopes, permission)) throw missingScope(scopeFor(permission));
  return actor;
}

/** Whether the caller may use the permission (role and token scopes), for routes that filter rather than refuse. */
export function hasPermission(request: FastifyRequest, permission: Permission): boolean {
  const { actor, scopes } = principalOf(request);
  return (actor.role === null || can(actor.role, permission)) && scopesAllow(scopes, permission);
}

/** Throws 403 when an API token lacks the scope (for routes that need no role permission, e.g. your own account). */
export function requireScope(request: FastifyRequest, scope: ApiScope): void {
  const { scopes } = principalOf(request);
  if (scopes === null || scopes.includes(scope)) return;
  const [domain, level] = scope.split(':');
  if (level === 'read' && scopes.includes(`${domain}:write` as ApiScope)) return;
  throw missingScope(scope);
}
