import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: `whsec_` + 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** What lists show of a secret: enough to recognise it, not to use it. */
export function secretHint(secret: string): string {
  return `${secret.slice(0, 10)}…`;
}

/** Hex HMAC-SHA256 of `<t>.<body>` with the secret (the whole `whsec_…` string is the key). */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The `Kontor-Signature` header: `t=<unix seconds>,v1=<hex>` and, while a rotated-out secret still
 * verifies, a second `v1=` made with it (receivers accept the delivery if any `v1` matches).
 */
export function signatureHeader(secrets: string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${signPayload(s, timestamp, body)}`)].join(',');
}
