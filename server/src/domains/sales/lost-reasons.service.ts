import type { LostReason } from '../../../../contracts/sales';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { isUniqueViolation } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import {
  findLostReasonByName,
  insertLostReason,
  type LostReasonRow,
  listLostReasons as listLostReasonRows,
  nextLostReasonPosition,
} from './pipelines.repository';
import type { SalesDeps } from './pipelines.service';
import { toLostReason } from './sales.mappers';

const nameTaken = (name: string) =>
  new AppError('conflict', 'sales.lost_reason_taken', `There is already a lost reason "${name}"`, [
    { path: 'name', message: 'This lost reason already exists' },
  ]);

export async function listLostReasons(deps: SalesDeps): Promise<{ items: LostReason[] }> {
  return { items: (await listLostReasonRows(deps.db)).map(toLostReason) };
}

export async function createLostReason(
  deps: SalesDeps,
  actor: Actor,
  input: { name: string },
): Promise<LostReason> {
  const name = input.name.trim();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (await findLostReasonByName(trx, name)) throw nameTaken(name);
      const row: LostReasonRow = {
        id: uuidv7(),
        name,
        position: await nextLostReasonPosition(trx),
        created_at: deps.clock.now().toISOString(),
      };
      await insertLostReason(trx, row);
      const reason = toLostReason(row);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'lost_reason',
        entityId: row.id,
        before: null,
        after: { ...reason },
      });
      return reason;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}
