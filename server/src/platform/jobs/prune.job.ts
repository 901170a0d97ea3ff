import type { JobDefinition } from './registry';

const DAY_MS = 24 * 60 * 60_000;

export const PRUNE_JOB = 'platform.prune';

/** How long finished background records are kept. */
export interface Retention {
  eventsDays: number;
  jobRunsDays: number;
  mailDays: number;
}

export const DEFAULT_RETENTION: Retention = { eventsDays: 30, jobRunsDays: 90, mailDays: 90 };

/**
 * Nightly: deletes what is finished and old — handled deliveries and their outbox events, job runs,
 * sent and failed mail. Dead letters and anything still pending are kept.
 */
export function pruneJob(retention: Retention = DEFAULT_RETENTION): JobDefinition {
  return {
    name: PRUNE_JOB,
    description: 'Deletes old handled events, job runs and sent mail',
    cron: '30 3 * * *',
    async run({ db, clock }) {
      const before = (days: number) => new Date(clock.now().getTime() - days * DAY_MS).toISOString();
      const events = before(retention.eventsDays);
      const deliveries = await db
        .deleteFrom('event_deliveries')
        .where('status', 'in', ['done', 'discarded'])
        .where('updated_at', '<', events)
        .executeTakeFirst();
      const outbox = await db
        .deleteFrom('outbox')
        .where('dispatched_at', '<', events)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('event_deliveries as d').select('d.id').whereRef('d.event_id', '=', 'outbox.id'),
            ),
          ),
        )
        .executeTakeFirst();
      const runs = await db
        .deleteFrom('job_runs')
        .where('started_at', '<', before(retention.jobRunsDays))
        .where('status', '<>', 'running')
        .executeTakeFirst();
      const mail = await db
        .deleteFrom('mail_outbox')
        .where('status', 'in', ['sent', 'failed'])
        .where('updated_at', '<', before(retention.mailDays))
        .executeTakeFirst();
      const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
      const total = n(deliveries) + n(outbox) + n(runs) + n(mail);
      return {
        summary: `deleted ${n(outbox)} events, ${n(deliveries)} deliveries, ${n(runs)} job runs, ${n(mail)} mails`,
        idle: total === 0,
      };
    },
  };
}
