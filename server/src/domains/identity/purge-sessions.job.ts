import { purgeIdempotencyKeys } from '../../platform/http/idempotency.repository';
import type { JobDefinition } from '../../platform/jobs/registry';
import { purgeExpiredSessions } from './sessions.service';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Nightly: deletes expired sessions, and Idempotency-Keys older than a day (retries come sooner). */
export function purgeSessionsJob(): JobDefinition {
  return {
    name: 'identity.purge-sessions',
    description: 'Deletes expired sessions and idempotency keys older than 24 hours',
    cron: '17 3 * * *',
    async run(ctx) {
      const sessions = await purgeExpiredSessions(ctx);
      const dayAgo = new Date(ctx.clock.now().getTime() - DAY_MS).toISOString();
      const keys = Number((await purgeIdempotencyKeys(ctx.db, dayAgo)).numDeletedRows);
      return {
        summary: `deleted ${sessions} expired sessions and ${keys} idempotency keys`,
        idle: sessions + keys === 0,
      };
    },
  };
}
