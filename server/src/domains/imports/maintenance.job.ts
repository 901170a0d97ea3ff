import { rm } from 'node:fs/promises';
import type { JobDefinition } from '../../platform/jobs/registry';
import { storedFilePath } from './files';
import { findImportsInStates, updateImport } from './imports.repository';
import { isRunningHere } from './progress';
import { markInterrupted } from './run-import';

export const MAINTENANCE_JOB = 'imports.maintenance';
const HOUR_MS = 60 * 60_000;
/** Uploaded files not imported after this long are removed. */
export const KEEP_UPLOADS_DAYS = 7;
/** PostgreSQL: a running import whose progress was not saved for this long lost its process (pg-boss expires it after 2 h). */
const STALE_MS = 3 * HOUR_MS;

/**
 * Every 5 minutes: imports whose run was lost are marked failed, so people can start them again —
 * on SQLite those not queued or running in this (the only) process, e.g. after a restart; on
 * PostgreSQL those without progress for 3 hours. Uploads left for 7 days lose their file.
 */
export function importsMaintenanceJob(): JobDefinition {
  return {
    name: MAINTENANCE_JOB,
    description: 'Marks interrupted imports as failed and removes old uploaded files',
    cron: '*/5 * * * *',
    async run(ctx) {
      const now = ctx.clock.now();
      let interrupted = 0;
      for (const row of await findImportsInStates(ctx.db, ['validating', 'importing'])) {
        const lost =
          ctx.dialect === 'sqlite'
            ? !isRunningHere(row.id)
            : row.updated_at < new Date(now.getTime() - STALE_MS).toISOString();
        if (!lost) continue;
        await markInterrupted(ctx, row.id);
        interrupted++;
      }
      let removed = 0;
      const before = new Date(now.getTime() - KEEP_UPLOADS_DAYS * 24 * HOUR_MS).toISOString();
      for (const row of await findImportsInStates(ctx.db, ['uploaded', 'failed'])) {
        if (row.updated_at >= before || row.error?.startsWith('The uploaded file was removed')) continue;
        await rm(storedFilePath(ctx.config.dataDir, row.id), { force: true });
        await updateImport(ctx.db, row.id, {
          status: 'failed',
          error: `The uploaded file was removed after ${KEEP_UPLOADS_DAYS} days; upload it again`,
          updated_at: now.toISOString(),
        });
        removed++;
      }
      return {
        summary: `${interrupted} interrupted imports marked failed, ${removed} old uploads removed`,
        idle: interrupted === 0 && removed === 0,
      };
    },
  };
}
