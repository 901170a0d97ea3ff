import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { scopesAllow } from '../../../../contracts/api-scopes';
import { IdParams, ListQuery, Ok } from '../../../../contracts/common';
import {
  AddTeamMember,
  ApiTokenList,
  CreateApiToken,
  CreatedApiToken,
  CreateTeam,
  CreateUser,
  LoginRequest,
  Me,
  Team,
  TeamList,
  TeamListQuery,
  TeamMemberParams,
  UpdateMe,
  UpdateTeam,
  UpdateUser,
  User,
  UserList,
  UserListQuery,
} from '../../../../contracts/identity';
import type { Permission } from '../../../../contracts/permissions';
import type { AppContext } from '../../platform/context';
import { principalOf, requirePermission, requireScope, SESSION_COOKIE } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service';
import { SESSION_TTL_MS } from './credentials';
import { getMe, login, logout, updateMe } from './sessions.service';
import { addTeamMember, createTeam, getTeam, listTeams, removeTeamMember, updateTeam } from './teams.service';
import { createUser, getUser, listUsers, updateUser } from './users.service';

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string) {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

/** Ten login attempts a minute per client address and e-mail address. */
const LOGIN_RATE_LIMIT = {
  max: 10,
  timeWindow: '1 minute',
  // After body parsing, so the key can include the e-mail address.
  hook: 'preHandler' as const,
  keyGenerator: (request: FastifyRequest) => {
    const email = (request.body as { email?: unknown } | undefined)?.email;
    return `login:${request.ip}:${typeof email === 'string' ? email.toLowerCase() : ''}`;
  },
};

export function identityRoutes(app: App, ctx: AppContext) {
  // ─── auth ───────────────────────────────────────────────────────────────────────────────────────
  app.post(
    '/api/auth/login',
    {
      config: { public: true, rateLimit: LOGIN_RATE_LIMIT },
      schema: {
        tags: ['auth'],
        summary: 'Log in with e-mail and password; sets the session cookie',
        security: [],
        description:
          'Answers the signed-in user with the CSRF token to send as X-CSRF-Token on every state-changing request. At most 10 attempts a minute per address and e-mail.',
        body: LoginRequest,
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      const { me, sessionToken } = await login(ctx, request.body);
      setSessionCookie(request, reply, sessionToken);
      return me;
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session and clear its cookie',
        response: { 200: Ok },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      if (principal.via === 'session') await logout(ctx, principal.credentialId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, their teams, permissions and CSRF token',
        response: { 200: Me },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      // The server-side expiry slides with use; keep the cookie's lifetime in step.
      const cookie = request.cookies[SESSION_COOKIE];
      if (principal.via === 'session' && cookie) setSessionCookie(request, reply, cookie);
      const me = await getMe(ctx, principal.actor, principal.csrfToken);
      // With an API token: what the token may do (its role narrowed by its scopes).
      const { scopes } = principal;
      if (!scopes) return me;
      return { ...me, permissions: me.permissions.filter((p) => scopesAllow(scopes, p as Permission)) };
    },
  );

  app.patch(
    '/api/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your own name, language or password',
        description: 'A new password needs `currentPassword` and ends your other sessions.',
        body: UpdateMe,
        response: { 200: User },
      },
    },
    async (request) => {
      // An API token changes its user's account only with users:write.
      requireScope(request, 'users:write');
      const principal = principalOf(request);
      return updateMe(ctx, principal.actor, request.body, {
        sessionId: principal.via === 'session' ? principal.credentialId : undefined,
      });
    },
  );

  // ─── users ──────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'The user directory',
        description: '`q` searches name and e-mail.',
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (request) => {
      requirePermission(request, 'users.read', 'see the user directory');
      return listUsers(ctx, request.query);
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (administrators)',
        body: CreateUser,
        response: { 201: User },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'users.manage', 'manage users');
      const user = await createUser(ctx, actor, request.body);
      return reply.status(201).send(user);
    },
  );

  app.get(
    '/api/users/:id',
    { schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: User } } },
    async (request) => {
      requirePermission(request, 'users.read', 'see the user directory');
      return getUser(ctx, request.params.id);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user (administrators)',
        description:
          'Deactivating (`active: false`) ends the user’s sessions and revokes their API tokens. Administrators cannot deactivate or demote themselves, and the last active administrator stays.',
        params: IdParams,
        body: UpdateUser,
        response: { 200: User },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'users.manage', 'manage users');
      return updateUser(ctx, actor, request.params.id, request.body);
    },
  );

  // ─── teams ──────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/teams',
    {
      schema: {
        tags: ['teams'],
        summary: 'Teams with their members',
        querystring: TeamListQuery,
        response: { 200: TeamList },
      },
    },
    async (request) => {
      requirePermission(request, 'teams.read', 'see teams');
      return listTeams(ctx, request.query);
    },
  );

  app.post(
    '/api/teams',
    { schema: { tags: ['teams'], summary: 'Create a team', body: CreateTeam, response: { 201: Team } } },
    async (request, reply) => {
      const actor = requirePermission(request, 'teams.manage', 'manage teams');
      return reply.status(201).send(await createTeam(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'One team with its members',
        params: IdParams,
        response: { 200: Team },
      },
    },
    async (request) => {
      requirePermission(request, 'teams.read', 'see teams');
      return getTeam(ctx, request.params.id);
    },
  );

  app.patch(
    '/api/teams/:id',
    {
      schema: {
        tags: ['teams'],
        summary: 'Rename a team or change its description',
        params: IdParams,
        body: UpdateTeam,
        response: { 200: Team },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'teams.manage', 'manage teams');
      return updateTeam(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/teams/:id/members',
    {
      schema: {
        tags: ['teams'],
        summary: 'Add a member to a team',
        description: 'Adding someone who is already a member changes nothing.',
        params: IdParams,
        body: AddTeamMember,
        response: { 200: Team },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'teams.manage', 'manage teams');
      return addTeamMember(ctx, actor, request.params.id, request.body.userId);
    },
  );

  app.delete(
    '/api/teams/:id/members/:userId',
    {
      schema: {
        tags: ['teams'],
        summary: 'Remove a member from a team',
        params: TeamMemberParams,
        response: { 200: Team },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'teams.manage', 'manage teams');
      return removeTeamMember(ctx, actor, request.params.id, request.params.userId);
    },
  );

  // ─── API tokens ─────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'API tokens (your own; administrators see all)',
        querystring: ListQuery,
        response: { 200: ApiTokenList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'apiTokens.manage', 'manage API tokens');
      return listApiTokens(ctx, actor, request.query);
    },
  );

  app.post(
    '/api/api-tokens',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Create an API token for yourself',
        description: 'The token is in this response only; send it as `Authorization: Bearer <token>`.',
        body: CreateApiToken,
        response: { 201: CreatedApiToken },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'apiTokens.manage', 'manage API tokens');
      const creatorScopes = principalOf(request).scopes;
      return reply.status(201).send(await createApiToken(ctx, actor, request.body, { creatorScopes }));
    },
  );

  app.delete(
    '/api/api-tokens/:id',
    {
      schema: {
        tags: ['api-tokens'],
        summary: 'Revoke an API token',
        params: IdParams,
        response: { 204: z.null().describe('Revoked') },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'apiTokens.manage', 'manage API tokens');
      await revokeApiToken(ctx, actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
}
