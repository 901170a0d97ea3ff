import { z } from 'zod';
import { API_SCOPES, type ApiScope, SCOPE_DOMAINS } from './api-scopes';
import { Id, Instant, ListQuery, listResponse, Version } from './common';
import { ROLES } from './permissions';

export const Locale = z.enum(['de', 'en']);
export type Locale = z.infer<typeof Locale>;
export const RoleSchema = z.enum(ROLES);

const Email = z
  .email({ message: 'Enter a valid e-mail address' })
  .max(254)
  .transform((e) => e.toLowerCase());
const Password = z.string().min(10, { message: 'Use at least 10 characters' }).max(200);
const Name = z.string().trim().min(1, { message: 'Enter a name' }).max(200);

export const LoginRequest = z.strictObject({ email: Email, password: z.string().min(1).max(200) });

export const User = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  locale: Locale,
  active: z.boolean(),
  /** Whom the user reports to ("Vorgesetzte(r)"): an active user, or null. */
  managerId: Id.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type User = z.infer<typeof User>;

export const TeamRef = z.object({ id: Id, name: z.string() });

export const Me = z.object({
  user: User,
  teams: z.array(TeamRef),
  permissions: z.array(z.string()),
  /** Send in the X-CSRF-Token header on every state-changing request made with the session cookie. */
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const CreateUser = z.strictObject({
  email: Email,
  name: Name,
  password: Password,
  role: RoleSchema,
  locale: Locale.default('de'),
  /** Whom the user reports to: an active user. */
  managerId: Id.nullish(),
});
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z.strictObject({
  version: Version,
  name: Name.optional(),
  role: RoleSchema.optional(),
  locale: Locale.optional(),
  active: z.boolean().optional(),
  password: Password.optional(),
  /** Whom the user reports to (an active user, not the user itself, no cycle); null clears it. */
  managerId: Id.nullish(),
});
export type UpdateUser = z.infer<typeof UpdateUser>;

/** A user changes their own name, language and password. */
export const UpdateMe = z.strictObject({
  version: Version,
  name: Name.optional(),
  locale: Locale.optional(),
  password: Password.optional(),
  currentPassword: z.string().max(200).optional(),
});

export const UserListQuery = ListQuery.extend({
  q: z.string().max(200).optional(),
  role: RoleSchema.optional(),
  active: z.enum(['true', 'false']).optional(),
  sort: z.enum(['name', '-name', 'email', '-email', 'createdAt', '-createdAt']).default('name'),
});
export const UserList = listResponse(User);

export const Team = z.object({
  id: Id,
  name: z.string(),
  description: z.string().nullable(),
  members: z.array(z.object({ id: Id, name: z.string(), email: z.string(), role: RoleSchema })),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Team = z.infer<typeof Team>;

export const CreateTeam = z.strictObject({
  name: Name,
  description: z.string().trim().max(2000).nullish(),
});
export const UpdateTeam = z.strictObject({
  version: Version,
  name: Name.optional(),
  description: z.string().trim().max(2000).nullish(),
});
export const TeamListQuery = ListQuery.extend({
  q: z.string().max(200).optional(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
});
export const TeamList = listResponse(Team);
export const AddTeamMember = z.strictObject({ userId: Id });
export const TeamMemberParams = z.object({ id: Id, userId: Id });

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  userId: Id,
  /** First characters of the token, to recognise it; the token itself is shown only once. */
  prefix: z.string(),
  createdAt: Instant,
  lastUsedAt: Instant.nullable(),
  expiresAt: Instant.nullable(),
  /** `deals:read`, `deals:write` (write includes read), …; null: everything its user's role allows (tokens made before scopes). */
  scopes: z.array(z.enum(API_SCOPES as [ApiScope, ...ApiScope[]])).nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const CreateApiToken = z.strictObject({
  name: Name,
  expiresAt: Instant.nullish(),
  /** Least privilege: say what the token may do, per domain (see contracts/api-scopes.ts). */
  scopes: z
    .array(
      z.enum(API_SCOPES as [ApiScope, ...ApiScope[]], {
        message: `Use scopes like "deals:read" or "deals:write"; domains: ${SCOPE_DOMAINS.join(', ')}`,
      }),
      { message: 'Choose the scopes of the token, e.g. ["companies:write", "deals:read"]' },
    )
    .min(1, { message: 'Choose at least one scope, e.g. "deals:read"' })
    .max(API_SCOPES.length * 2),
});
export const CreatedApiToken = ApiToken.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;
export const ApiTokenList = listResponse(ApiToken);
