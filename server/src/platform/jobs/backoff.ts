/**
 * Exponential backoff for background work that fails (event deliveries, e-mail):
 * attempt 1 fails → wait baseDelayMs, attempt 2 fails → base·factor, … ; after maxAttempts it gives up.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  factor: number;
}

/** Events: 5 attempts, waits 1 s, 4 s, 16 s, 64 s between them. */
export const EVENT_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, factor: 4 };

/** Mail: 5 attempts, waits 1 min, 4 min, 16 min, 64 min (SMTP servers are down for minutes, not ms). */
export const MAIL_RETRY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 60_000, factor: 4 };

/** The wait after the `attempts`-th failed attempt (attempts ≥ 1). */
export function retryDelayMs(policy: RetryPolicy, attempts: number): number {
  return policy.baseDelayMs * policy.factor ** Math.max(0, attempts - 1);
}

/** One line for the `last_error` column; the full error goes to the log. */
export function errorLine(err: unknown): string {
  const text =
    err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.length > 2000 ? `${text.slice(0, 1997)}...` : text;
}
