import type { DbOrTx } from '../db/database';

export interface IdempotencyKeysTable {
  /** `<principal credential>:<key>` — keys are per caller, never shared. */
  id: string;
  method: string;
  path: string;
  /** null while the first request is still running. */
  status_code: number | null;
  response_body: string | null;
  created_at: string;
}

declare module '../db/database' {
  interface Database {
    idempotency_keys: IdempotencyKeysTable;
  }
}

export function findIdempotencyKey(db: DbOrTx, id: string) {
  return db.selectFrom('idempotency_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertIdempotencyKey(db: DbOrTx, row: IdempotencyKeysTable) {
  return db.insertInto('idempotency_keys').values(row).execute();
}

export function completeIdempotencyKey(db: DbOrTx, id: string, statusCode: number, body: string) {
  return db
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response_body: body })
    .where('id', '=', id)
    .execute();
}

export function deleteIdempotencyKey(db: DbOrTx, id: string) {
  return db.deleteFrom('idempotency_keys').where('id', '=', id).execute();
}

export function purgeIdempotencyKeys(db: DbOrTx, olderThan: string) {
  return db.deleteFrom('idempotency_keys').where('created_at', '<', olderThan).executeTakeFirst();
}
