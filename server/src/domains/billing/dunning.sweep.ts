import type { Actor } from '../../platform/actor';
import { auditEntryRow, recordAudits } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { Db, Dialect } from '../../platform/db/database';
import { publishMany } from '../../platform/events/publish';
import { uuidv7 } from '../../platform/ids';
import { type BuiltinRun, recordBuiltinRuns } from '../automation';
// registers the built-in rule `billing.dunning` even where the sweep is used without billing's index
import './automation';
import { addDays, daysBetween } from './business-dates';
import { lockDueSweep } from './due-sweep.repository';
import { noticeAmounts } from './dunning.amounts';
import { flag } from './dunning.mappers';
import {
  advanceDunningLevel,
  type DunningLevelRow,
  type DunningNoticeRow,
  findDunningCandidates,
  getDunningConfig,
  insertNotices,
} from './dunning.repository';
import { formatDate, formatEuro } from './pdf-blocks';

export interface DunningStepDeps {
  db: Db;
  dialect: Dialect;
  clock: Clock;
}

export interface DunningStepResult {
  /** false: dunning is switched off in the settings, nothing was written. */
  enabled: boolean;
  /** Notices written now (each raised `invoice.dunned` once). */
  notices: number;
  /** Notices written now per level (1…4). */
  byLevel: Record<number, number>;
}

/**
 * The dunning step of the due sweep, after the overdue marking: moves unpaid overdue invoices up
 * the schedule of the dunning levels and writes one notice (letter) per invoice and level.
 *
 * For level k the candidates are issued invoices with money open, not blocked, at level k − 1, due
 * on or before as-of − days_after_due(k) and — from level 2 on — last dunned on or before as-of −
 * (days(k) − days(k − 1)). Levels run from 4 down to 1, so an invoice moved now (its last_dunned_on
 * is today) is not moved again in the same run: at most one level per invoice and run.
 *
 * Batched and set-based like the marking, one transaction per batch: the conditional UPDATE
 * (`dunning_level = k − 1`) decides, the notices are inserted (unique (invoice_id, level) guards
 * again), and the audit entries (the invoice's history) and `invoice.dunned` events are written in
 * the same commit. Running it twice for a day, on two workers at once or again after a crash
 * therefore writes each level (and its letter) once.
 */
export async function dunOverdueInvoices(
  deps: DunningStepDeps,
  actor: Actor,
  asOf: string,
  opts: {
    batchSize: number;
    afterBatch?: ((count: number, step: 'overdue' | 'dunning') => void | Promise<void>) | undefined;
  },
): Promise<DunningStepResult> {
  const { settings, levels } = await getDunningConfig(deps.db);
  const result: DunningStepResult = { enabled: flag(settings.enabled), notices: 0, byLevel: {} };
  if (!result.enabled) return result;
  const byLevel = new Map(levels.map((l) => [l.level, l]));
  const now = deps.clock.now().toISOString();
  for (const level of [...levels].sort((a, b) => b.level - a.level)) {
    const prev = byLevel.get(level.level - 1) ?? null;
    if (level.level > 1 && !prev) continue;
    const query = {
      level: level.level,
      dueOnOrBefore: addDays(asOf, -level.days_after_due),
      lastDunnedOnOrBefore: prev ? addDays(asOf, -(level.days_after_due - prev.days_after_due)) : null,
      limit: opts.batchSize,
    };
    let after: { dueDate: string; id: string } | null = null;
    for (;;) {
      const cursor: { dueDate: string; id: string } | null = after;
      const batch = await deps.db.transaction().execute(async (trx) => {
        await lockDueSweep(trx, deps.dialect);
        const candidates = await findDunningCandidates(trx, { ...query, after: cursor });
        if (candidates.length === 0) return null;
        const prevOf = new Map(candidates.map((c) => [c.id, c]));
        const moved = await advanceDunningLevel(
          trx,
          candidates.map((c) => c.id),
          level.level,
          { now, today: asOf },
        );
        const notices: DunningNoticeRow[] = moved.map((row) => {
          const c = prevOf.get(row.id);
          const openCents = Number(row.open_cents);
          const daysOverdue = daysBetween(row.due_date ?? asOf, asOf);
          const amounts = noticeAmounts({
            openCents,
            daysOverdue,
            consumer: flag(row.buyer_is_consumer),
            baseRateBp: settings.base_rate_bp,
            level: {
              feeCents: Number(level.fee_cents),
              chargeInterest: flag(level.charge_interest),
              chargeLumpSum: flag(level.charge_lump_sum),
            },
            previous:
              c && c.prev_fee_cents !== null
                ? { feeCents: Number(c.prev_fee_cents), lumpSumCents: Number(c.prev_lump_sum_cents ?? 0) }
                : null,
          });
          return {
            id: uuidv7(),
            invoice_id: row.id,
            level: level.level,
            level_name: level.name,
            letter_text: level.letter_text,
            notice_date: asOf,
            payment_deadline: addDays(asOf, level.payment_days),
            days_overdue: daysOverdue,
            open_cents: openCents,
            fee_cents: amounts.feeCents,
            interest_rate_bp: amounts.interestRateBp,
            interest_cents: amounts.interestCents,
            lump_sum_cents: amounts.lumpSumCents,
            total_cents: amounts.totalCents,
            created_by: null,
            created_at: now,
          };
        });
        const inserted = await insertNotices(trx, notices);
        const written = notices.filter((n) => inserted.has(n.invoice_id));
        const rowOf = new Map(moved.map((r) => [r.id, r]));
        await recordAudits(
          trx,
          written.map((n) => noticeAudit(now, actor, level, n, rowOf.get(n.invoice_id)!.number)),
        );
        await publishMany(
          trx,
          deps.clock,
          actor,
          'invoice.dunned',
          written.map((n) => {
            const row = rowOf.get(n.invoice_id)!;
            return {
              invoiceId: row.id,
              number: row.number ?? '',
              companyId: row.company_id,
              ownerId: row.owner_id,
              teamId: row.team_id,
              noticeId: n.id,
              level: n.level,
              levelName: n.level_name,
              noticeDate: n.notice_date,
              paymentDeadline: n.payment_deadline,
              openCents: n.open_cents,
              totalCents: n.total_cents,
              dueDate: row.due_date ?? asOf,
              daysOverdue: n.days_overdue,
            };
          }),
        );
        // the built-in rule "Mahnstufen" shows each notice as a run (one insert for the batch)
        await recordBuiltinRuns(
          trx,
          deps.clock,
          'billing.dunning',
          written.map((n) => dunningRun(n, rowOf.get(n.invoice_id)!.number)),
        );
        const last = candidates[candidates.length - 1]!;
        return {
          seen: candidates.length,
          written: written.length,
          last: { dueDate: last.due_date!, id: last.id },
        };
      });
      if (!batch) break;
      result.notices += batch.written;
      result.byLevel[level.level] = (result.byLevel[level.level] ?? 0) + batch.written;
      after = batch.last;
      await opts.afterBatch?.(batch.written, 'dunning');
      if (batch.seen < opts.batchSize) break;
    }
  }
  return result;
}

/**
 * A notice as a run of the built-in rule `billing.dunning`: once per invoice and level. The sweep,
 * not an event, starts it (its own `invoice.dunned` is an effect), so no event is named.
 */
function dunningRun(n: DunningNoticeRow, number: string | null): BuiltinRun {
  const label = number ?? n.invoice_id;
  const days = n.days_overdue === 1 ? '1 Tag' : `${n.days_overdue} Tage`;
  return {
    triggerKey: `dunning:${n.invoice_id}:${n.level}`,
    recordType: 'invoice',
    recordId: n.invoice_id,
    recordLabel: label,
    reason: `Rechnung ${label} ist ${days} überfällig (offen ${formatEuro(n.open_cents)}): ${n.level_name}, zahlbar bis ${formatDate(n.payment_deadline)}`,
    results: [
      {
        kind: 'dunning_notice',
        result: { entityType: 'dunning_notice', entityId: n.id, label: `${n.level_name} ${label}` },
      },
    ],
  };
}

/** The invoice's history entry of a notice (the invoice page shows the audit trail). */
function noticeAudit(
  now: string,
  actor: Actor,
  level: DunningLevelRow,
  n: DunningNoticeRow,
  number: string | null,
) {
  return auditEntryRow(now, actor, {
    entityType: 'invoice',
    entityId: n.invoice_id,
    label: number ?? undefined,
    before: { dunningLevel: level.level - 1 },
    after: {
      dunningLevel: level.level,
      dunningNotice: `${n.level_name} vom ${formatDate(n.notice_date)}, zahlbar bis ${formatDate(n.payment_deadline)}: ${formatEuro(n.total_cents)}`,
      dunningTotalCents: n.total_cents,
    },
  });
}
