import { can, PERMISSIONS, type Permission, type Role } from './permissions';

/**
 * Scopes of API tokens: per domain none, read, or write (write includes read). A token's request
 * is allowed only when its user's role has the permission AND the token has the permission's
 * scope. The scope of a permission follows from this table: `*.read` and report permissions are
 * read, everything else is write. The server enforces it; the web's token dialog shows it.
 */
export const SCOPE_DOMAINS = [
  'companies',
  'deals',
  'tasks',
  'invoices',
  'products',
  'stock',
  'purchasing',
  'automation',
  'webhooks',
  'users',
  'audit',
  'system',
] as const;
export type ScopeDomain = (typeof SCOPE_DOMAINS)[number];

export const SCOPE_LEVELS = ['read', 'write'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/** `deals:read`, `deals:write`, … */
export type ApiScope = `${ScopeDomain}:${ScopeLevel}`;
export const API_SCOPES = SCOPE_DOMAINS.flatMap((d) => SCOPE_LEVELS.map((l) => `${d}:${l}` as ApiScope));

/** Which domain each permission belongs to (reports belong to the domain they report on). */
export const PERMISSION_SCOPE_DOMAIN = {
  'users.read': 'users',
  'users.manage': 'users',
  'teams.read': 'users',
  'teams.manage': 'users',
  'apiTokens.manage': 'users',
  'audit.read': 'audit',
  'system.manage': 'system',

  'companies.read': 'companies',
  'companies.write': 'companies',
  'companies.merge': 'companies',
  'segments.read': 'companies',
  'segments.manage': 'companies',
  'reports.marketCoverage': 'companies',

  'deals.read': 'deals',
  'deals.write': 'deals',
  'pipelines.manage': 'deals',
  'salesReports.read': 'deals',

  'tasks.read': 'tasks',
  'tasks.write': 'tasks',
  'taskTypes.manage': 'tasks',
  'goals.read': 'tasks',
  'goals.manage': 'tasks',
  'reports.workload': 'tasks',

  'invoices.read': 'invoices',
  'invoices.write': 'invoices',
  'invoices.issue': 'invoices',
  'payments.write': 'invoices',
  'billing.settings': 'invoices',
  'reports.receivables': 'invoices',

  'products.read': 'products',
  'products.write': 'products',

  'stock.read': 'stock',
  'stock.write': 'stock',
  'deliveries.write': 'stock',
  'inventory.settings': 'stock',
  'reports.stock': 'stock',

  'purchaseOrders.read': 'purchasing',
  'purchaseOrders.write': 'purchasing',
  'purchaseOrders.approve': 'purchasing',
  'purchasing.settings': 'purchasing',

  'automation.read': 'automation',
  'automation.manage': 'automation',
  'automation.builtins': 'automation',
  'webhooks.manage': 'webhooks',
} as const satisfies Record<Permission, ScopeDomain>;

export function scopeLevelOf(permission: Permission): ScopeLevel {
  return permission.endsWith('.read') || permission.startsWith('reports.') ? 'read' : 'write';
}

/** The scope a token needs for the permission: `deals:write` for `deals.write`. */
export function scopeFor(permission: Permission): ApiScope {
  return `${PERMISSION_SCOPE_DOMAIN[permission]}:${scopeLevelOf(permission)}`;
}

/** Whether the token's scopes cover the permission; `null` (tokens from before scopes) covers all. */
export function scopesAllow(scopes: readonly string[] | null, permission: Permission): boolean {
  if (scopes === null) return true;
  const domain = PERMISSION_SCOPE_DOMAIN[permission];
  if (scopes.includes(`${domain}:write`)) return true;
  return scopeLevelOf(permission) === 'read' && scopes.includes(`${domain}:read`);
}

/** The level a token grants on a domain (write includes read). */
export function scopeLevelIn(scopes: readonly string[] | null, domain: ScopeDomain): ScopeLevel | 'none' {
  if (scopes === null || scopes.includes(`${domain}:write`)) return 'write';
  return scopes.includes(`${domain}:read`) ? 'read' : 'none';
}

/** One entry per domain with a level, in the order of SCOPE_DOMAINS (`deals:write` drops `deals:read`). */
export function normalizeScopes(scopes: readonly string[]): ApiScope[] {
  return SCOPE_DOMAINS.flatMap((d) => {
    const level = scopeLevelIn(scopes, d);
    return level === 'none' ? [] : [`${d}:${level}` as ApiScope];
  });
}

/** The scopes of `inner` that grant more than `outer` (a token creating a token cannot widen its own). */
export function scopesBeyond(inner: readonly string[], outer: readonly string[] | null): ApiScope[] {
  const order = { none: 0, read: 1, write: 2 } as const;
  return normalizeScopes(inner).filter((s) => {
    const [domain, level] = s.split(':') as [ScopeDomain, ScopeLevel];
    return order[level] > order[scopeLevelIn(outer, domain)];
  });
}

/**
 * The levels that mean something for a role on a domain (what the token dialog offers): read only
 * where the role has a read permission there (webhooks and system have none), write where it may write.
 */
export function roleLevelsIn(role: Role, domain: ScopeDomain): ScopeLevel[] {
  const perms = (Object.keys(PERMISSIONS) as Permission[]).filter(
    (p) => PERMISSION_SCOPE_DOMAIN[p] === domain && can(role, p),
  );
  return SCOPE_LEVELS.filter((level) => perms.some((p) => scopeLevelOf(p) === level));
}

/** The most a role can use on a domain. */
export function roleLevelIn(role: Role, domain: ScopeDomain): ScopeLevel | 'none' {
  return roleLevelsIn(role, domain).at(-1) ?? 'none';
}
