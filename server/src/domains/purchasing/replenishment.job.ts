import { systemActor } from '../../platform/actor';
import type { JobDefinition } from '../../platform/jobs/registry';
import { type PassResult, runReplenishmentPass } from './replenishment.pass';

export const REPLENISHMENT_JOB = 'purchasing.replenishment';

/** "1200 products checked, 14 lines written, 2 removed, 3 draft purchase orders". */
export function replenishmentSummary(r: PassResult): string {
  return `${r.checked} products checked, ${r.linesWritten} lines written, ${r.linesRemoved} removed, ${r.purchaseOrderIds.length} draft purchase orders`;
}

/**
 * Nightly at 02:30 company time: the full replenishment pass over every warehouse (what the
 * `stock.changed` checks did not see: changed reorder settings or supplier terms, open deals moving
 * closer to their date when pipeline demand counts, automatic drafting switched on).
 * `npm run kontor -- run-job purchasing.replenishment --as-of 2026-12-01` runs it for a given day.
 * Registered by the purchasing module: `ctx.jobs.register(replenishmentJob(ctx))`.
 */
export function replenishmentJob(_ctx?: unknown): JobDefinition {
  return {
    name: REPLENISHMENT_JOB,
    description:
      'Replenishment pass: products below their reorder point get their line in the preferred supplier’s draft purchase order; lines no longer needed are removed',
    cron: '30 2 * * *',
    async run(ctx) {
      const r = await runReplenishmentPass(ctx, systemActor(`job:${REPLENISHMENT_JOB}`), {});
      return { summary: replenishmentSummary(r), idle: r.linesWritten === 0 && r.linesRemoved === 0 };
    },
  };
}
