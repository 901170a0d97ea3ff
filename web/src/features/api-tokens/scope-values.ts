import {
  type ApiScope,
  roleLevelsIn,
  SCOPE_DOMAINS,
  type ScopeDomain,
  type ScopeLevel,
} from '../../../../contracts/api-scopes';
import type { Role } from '../../../../contracts/permissions';

export const LEVELS = ['none', 'read', 'write'] as const;
export type Level = (typeof LEVELS)[number];
export type DomainLevels = Partial<Record<ScopeDomain, Level>>;
export interface OfferedDomain {
  domain: ScopeDomain;
  /** The levels that mean something for the role there (never empty). */
  levels: ScopeLevel[];
}

/** The domains a role can use at all, with the levels worth offering (the picker offers only these). */
export function domainsForRole(role: Role): OfferedDomain[] {
  return SCOPE_DOMAINS.flatMap((domain) => {
    const levels = roleLevelsIn(role, domain);
    return levels.length ? [{ domain, levels }] : [];
  });
}

/** Least privilege by default: read-only on everything the role can read. */
export function defaultLevels(role: Role): DomainLevels {
  return Object.fromEntries(
    domainsForRole(role).map(({ domain, levels }) => [domain, levels.includes('read') ? 'read' : 'none']),
  ) as DomainLevels;
}

/** Everything readable read-only (the picker's "read-only everywhere"). */
export function allReadLevels(domains: OfferedDomain[]): DomainLevels {
  return Object.fromEntries(
    domains.map(({ domain, levels }) => [domain, levels.includes('read') ? 'read' : 'none']),
  ) as DomainLevels;
}

export function levelsToScopes(levels: DomainLevels): ApiScope[] {
  return SCOPE_DOMAINS.flatMap((d) => {
    const level = levels[d];
    return level && level !== 'none' ? [`${d}:${level}` as ApiScope] : [];
  });
}

/** For the list: `deals:write` → domain and level. */
export function parseScope(scope: ApiScope): { domain: ScopeDomain; level: ScopeLevel } {
  const [domain, level] = scope.split(':') as [ScopeDomain, ScopeLevel];
  return { domain, level };
}
