import { createHash, randomBytes } from 'node:crypto';

/** Sessions live 14 days after the last request (sliding). */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** last_seen_at / last_used_at are written at most this often, so reads stay reads. */
export const TOUCH_INTERVAL_MS = 60 * 1000;

export const API_TOKEN_PREFIX = 'kontor_';
/** Characters of a token kept in clear to recognise it: `kontor_` and the first 8 random ones. */
const API_TOKEN_SHOWN = API_TOKEN_PREFIX.length + 8;

/** 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Credentials are stored as SHA-256 only: they are long random values, so no slow hash is needed. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function newApiToken(): { token: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  return { token, prefix: token.slice(0, API_TOKEN_SHOWN) };
}

/** Cheap shape check before any database work (cookie and bearer values come from anyone). */
export function looksLikeSecret(value: string, prefix = ''): boolean {
  return (
    value.length === prefix.length + 43 &&
    value.startsWith(prefix) &&
    /^[A-Za-z0-9_-]+$/.test(value.slice(prefix.length))
  );
}
