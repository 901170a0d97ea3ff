import type { ApiToken, Team, User } from '../../../../contracts/identity';
import { toBool } from '../../platform/db/database';
import { parseTokenScopes } from './api-tokens.scopes';
import type { ApiTokenRow, TeamRow, UserRow } from './identity.repository';

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    active: toBool(row.active),
    managerId: row.manager_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export type TeamMember = Team['members'][number];

export function toTeam(row: TeamRow, members: TeamMember[]): Team {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    members,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toApiToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    userId: row.user_id,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    scopes: parseTokenScopes(row.scopes),
  };
}

/**
 * A user as the audit trail records it: the API shape, plus a `password` marker when the password
 * was set or changed (the audit masks it as `***`; neither the password nor its hash is written).
 */
export function userAuditSnapshot(user: User, password?: 'old' | 'new'): Record<string, unknown> {
  return password ? { ...user, password } : { ...user };
}

/** Membership is audited as the team's `members` field: who, by id and name. */
export function teamAuditSnapshot(team: Team): Record<string, unknown> {
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    members: team.members.map((m) => ({ id: m.id, name: m.name })),
    createdAt: team.createdAt,
  };
}

export function apiTokenAuditSnapshot(row: ApiTokenRow): Record<string, unknown> {
  return { ...toApiToken(row), revokedAt: row.revoked_at };
}
