import { type Actor, systemActor } from '../../platform/actor';
import { businessDate, type Clock } from '../../platform/clock';
import type { Db, Dialect } from '../../platform/db/database';
import { publishMany } from '../../platform/events/publish';
import { addDays, daysBetween } from './business-dates';
import { findOverdueCandidates, lockDueSweep, markOverdue } from './due-sweep.repository';
import { dunOverdueInvoices } from './dunning.sweep';
import { getBillingSettings } from './settings.repository';

export const DUE_SWEEP_ACTOR: Actor = systemActor('job:billing.due-sweep');

/**
 * Invoices per transaction: each batch marks its invoices and writes their `invoice.overdue` events
 * in one commit, so a run that dies half-way leaves whole batches done and the rest for the rerun.
 */
export const DUE_SWEEP_BATCH_SIZE = 2000;

export interface DueSweepDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: { timezone: string };
}

export interface DueSweepResult {
  /** The business date the sweep ran as of (company time zone). */
  asOf: string;
  /** Invoices due before this date are overdue (as-of date − grace days). */
  dueBefore: string;
  /** Invoices marked overdue now (each raised `invoice.overdue` once). */
  marked: number;
  /** false: dunning is off in the dunning settings (no notices). */
  dunning: boolean;
  /** Dunning notices written now (each raised `invoice.dunned` once), in all and per level. */
  notices: number;
  noticesByLevel: Record<number, number>;
}

/**
 * The daily due sweep: issued invoices with an open amount whose due date + the settings' grace
 * days lies before today (company time zone) are marked overdue (`overdue_at`, `overdue_since`) and
 * raise `invoice.overdue` — in the same transaction, batch by batch. The conditional UPDATE decides
 * which invoices are new, so running it twice for a day, on two workers at once or again after a
 * crash raises each invoice's event once; the collection task is the work domain's reaction.
 *
 * Then the dunning step (dunning.sweep.ts) moves unpaid overdue invoices up the dunning levels
 * (at most one level per invoice and run) and writes their notices, exactly-once in the same way.
 * `afterBatch` is called after each committed batch of either step (tests crash there).
 */
export async function sweepDueInvoices(
  deps: DueSweepDeps,
  opts: {
    batchSize?: number;
    afterBatch?: (count: number, step: 'overdue' | 'dunning') => void | Promise<void>;
    /** Who the audit entries name (default: the job); the demo seed sweeps as itself. */
    actor?: Actor;
  } = {},
): Promise<DueSweepResult> {
  const batchSize = opts.batchSize ?? DUE_SWEEP_BATCH_SIZE;
  const now = deps.clock.now();
  const asOf = businessDate(now, deps.config.timezone);
  const settings = await getBillingSettings(deps.db);
  const dueBefore = addDays(asOf, -settings.graceDays);
  let marked = 0;
  let after: { dueDate: string; id: string } | null = null;
  for (;;) {
    const cursor: { dueDate: string; id: string } | null = after;
    const batch = await deps.db.transaction().execute(async (trx) => {
      await lockDueSweep(trx, deps.dialect);
      const candidates = await findOverdueCandidates(trx, dueBefore, batchSize, cursor);
      if (candidates.length === 0) return null;
      const rows = await markOverdue(
        trx,
        candidates.map((c) => c.id),
        { now: now.toISOString(), today: asOf },
      );
      // one multi-row insert for the batch's events (a publish per invoice cost ~80 µs)
      await publishMany(
        trx,
        deps.clock,
        opts.actor ?? DUE_SWEEP_ACTOR,
        'invoice.overdue',
        rows.map((row) => ({
          invoiceId: row.id,
          number: row.number ?? '',
          companyId: row.company_id,
          ownerId: row.owner_id,
          teamId: row.team_id,
          openCents: Number(row.open_cents),
          dueDate: row.due_date ?? asOf,
          daysOverdue: daysBetween(row.due_date ?? asOf, asOf),
          overdueSince: asOf,
        })),
      );
      const last = candidates[candidates.length - 1]!;
      return { seen: candidates.length, marked: rows.length, last: { dueDate: last.due_date!, id: last.id } };
    });
    if (!batch) break;
    marked += batch.marked;
    after = batch.last;
    await opts.afterBatch?.(batch.marked, 'overdue');
    if (batch.seen < batchSize) break;
  }
  const dunning = await dunOverdueInvoices(deps, opts.actor ?? DUE_SWEEP_ACTOR, asOf, {
    batchSize,
    afterBatch: opts.afterBatch,
  });
  return {
    asOf,
    dueBefore,
    marked,
    dunning: dunning.enabled,
    notices: dunning.notices,
    noticesByLevel: dunning.byLevel,
  };
}
