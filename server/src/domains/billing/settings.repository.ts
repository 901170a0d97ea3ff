import type { Updateable } from 'kysely';
import type { BillingSettings } from '../../../../contracts/billing';
import type { DbOrTx } from '../../platform/db/database';
import type { BillingSettingsTable } from './billing.tables';
import { toBillingSettings } from './invoices.mappers';

/** The one settings row (created by the migration with placeholder seller data). */
export async function getBillingSettings(db: DbOrTx): Promise<BillingSettings> {
  const row = await db
    .selectFrom('billing_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return toBillingSettings(row);
}

export async function updateBillingSettingsRow(
  db: DbOrTx,
  version: number,
  patch: Omit<Updateable<BillingSettingsTable>, 'id' | 'version'>,
): Promise<boolean> {
  const result = await db
    .updateTable('billing_settings')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', 1)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
