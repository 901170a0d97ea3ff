import { API_SCOPES, type ApiScope, normalizeScopes } from '../../../../contracts/api-scopes';

const KNOWN = new Set<string>(API_SCOPES);

/**
 * The stored `api_tokens.scopes` text as a list; null stays null (a token from before scopes: all
 * its user's role allows). A scope this version does not know grants nothing.
 */
export function parseTokenScopes(stored: string | null): ApiScope[] | null {
  if (stored === null) return null;
  const parsed: unknown = JSON.parse(stored);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((s): s is ApiScope => typeof s === 'string' && KNOWN.has(s));
}

/** Stored normalised: one entry per domain, in a fixed order. */
export function serializeTokenScopes(scopes: readonly string[]): string {
  return JSON.stringify(normalizeScopes(scopes));
}
