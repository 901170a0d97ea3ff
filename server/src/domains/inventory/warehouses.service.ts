import type {
  CreateWarehouse,
  InventorySettings,
  UpdateInventorySettings,
  Warehouse,
} from '../../../../contracts/inventory';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { fromBool, isUniqueViolation, type Tx } from '../../platform/db/database';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import type { InventoryDeps } from './inventory.deps';
import { toInventorySettings, toWarehouse } from './inventory.mappers';

/** Warehouse codes are compared without case and surrounding spaces. */
export const codeKey = (code: string) => code.trim().toLowerCase();

const codeTaken = (code: string) =>
  new AppError(
    'unprocessable',
    'inventory.warehouse_code_taken',
    `A warehouse with code ${code} exists already`,
    [{ path: 'code', message: 'This code is taken' }],
  );

export async function listWarehouses(deps: Pick<InventoryDeps, 'db'>): Promise<{ items: Warehouse[] }> {
  const rows = await deps.db
    .selectFrom('warehouses')
    .selectAll()
    .orderBy('is_default', 'desc')
    .orderBy('code_key')
    .execute();
  return { items: rows.map(toWarehouse) };
}

/** The warehouse by id (404 when missing); a request's `warehouseId`, or the default warehouse. */
export async function resolveWarehouse(
  trx: Tx | InventoryDeps['db'],
  id: string | undefined,
): Promise<string> {
  const row = await (id
    ? trx.selectFrom('warehouses').select('id').where('id', '=', id)
    : trx.selectFrom('warehouses').select('id').where('is_default', '=', 1)
  ).executeTakeFirst();
  if (!row) {
    throw new AppError('unprocessable', 'inventory.unknown_warehouse', `Warehouse ${id} does not exist`, [
      { path: 'warehouseId', message: 'No such warehouse' },
    ]);
  }
  return row.id;
}

async function clearDefault(trx: Tx, exceptId: string, now: string) {
  await trx
    .updateTable('warehouses')
    .set((eb) => ({ is_default: 0, updated_at: now, version: eb('version', '+', 1) }))
    .where('is_default', '=', 1)
    .where('id', '!=', exceptId)
    .execute();
}

export async function createWarehouse(
  deps: InventoryDeps,
  actor: Actor,
  input: CreateWarehouse,
): Promise<Warehouse> {
  const now = deps.clock.now().toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const key = codeKey(input.code);
      const taken = await trx
        .selectFrom('warehouses')
        .select('id')
        .where('code_key', '=', key)
        .executeTakeFirst();
      if (taken) throw codeTaken(input.code.trim());
      const row = {
        id: uuidv7(),
        code: input.code.trim(),
        code_key: key,
        name: input.name.trim(),
        street: input.street ?? null,
        postal_code: input.postalCode ?? null,
        city: input.city ?? null,
        is_default: 0,
        active: 1,
        created_at: now,
        updated_at: now,
        version: 1,
      };
      if (input.isDefault) await clearDefault(trx, row.id, now);
      row.is_default = fromBool(Boolean(input.isDefault));
      await trx.insertInto('warehouses').values(row).execute();
      const w = toWarehouse(row);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'warehouse',
        entityId: w.id,
        before: null,
        after: w,
        label: `${w.code} ${w.name}`,
      });
      return w;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken(input.code.trim());
    throw err;
  }
}

export async function updateWarehouse(
  deps: InventoryDeps,
  actor: Actor,
  id: string,
  input: {
    version: number;
    code?: string | undefined;
    name?: string | undefined;
    street?: string | null | undefined;
    postalCode?: string | null | undefined;
    city?: string | null | undefined;
    isDefault?: boolean | undefined;
    active?: boolean | undefined;
  },
): Promise<Warehouse> {
  const now = deps.clock.now().toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('warehouses').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('warehouse', id);
      if (row.version !== input.version) throw staleVersion('warehouse', id);
      const before = toWarehouse(row);
      const next = { ...row };
      if (input.code !== undefined) {
        const key = codeKey(input.code);
        if (key !== row.code_key) {
          const taken = await trx
            .selectFrom('warehouses')
            .select('id')
            .where('code_key', '=', key)
            .executeTakeFirst();
          if (taken) throw codeTaken(input.code.trim());
        }
        next.code = input.code.trim();
        next.code_key = key;
      }
      if (input.name !== undefined) next.name = input.name.trim();
      if (input.street !== undefined) next.street = input.street ?? null;
      if (input.postalCode !== undefined) next.postal_code = input.postalCode ?? null;
      if (input.city !== undefined) next.city = input.city ?? null;
      if (input.active !== undefined) next.active = fromBool(input.active);
      if (input.isDefault === false && row.is_default === 1) {
        throw new AppError(
          'unprocessable',
          'inventory.default_warehouse_required',
          'One warehouse must be the default: make another warehouse the default instead',
          [{ path: 'isDefault', message: 'Make another warehouse the default instead' }],
        );
      }
      if (input.isDefault === true) next.is_default = 1;
      if (next.is_default === 1 && next.active === 0) {
        throw new AppError(
          'unprocessable',
          'inventory.default_warehouse_inactive',
          'The default warehouse cannot be deactivated',
          [{ path: 'active', message: 'Make another warehouse the default first' }],
        );
      }
      if (next.is_default === 1 && row.is_default !== 1) await clearDefault(trx, id, now);
      next.updated_at = now;
      next.version = row.version + 1;
      await trx
        .updateTable('warehouses')
        .set({
          code: next.code,
          code_key: next.code_key,
          name: next.name,
          street: next.street,
          postal_code: next.postal_code,
          city: next.city,
          is_default: next.is_default,
          active: next.active,
          updated_at: now,
          version: next.version,
        })
        .where('id', '=', id)
        .execute();
      const w = toWarehouse(next);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'warehouse',
        entityId: id,
        before: { ...before, version: undefined },
        after: { ...w, version: undefined },
        label: `${w.code} ${w.name}`,
      });
      return w;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw codeTaken((input.code ?? '').trim());
    throw err;
  }
}

export async function readInventorySettings(deps: Pick<InventoryDeps, 'db'>): Promise<InventorySettings> {
  const row = await deps.db
    .selectFrom('inventory_settings')
    .selectAll()
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return toInventorySettings(row);
}

export async function updateInventorySettings(
  deps: InventoryDeps,
  actor: Actor,
  input: UpdateInventorySettings,
): Promise<InventorySettings> {
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('inventory_settings')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    if (row.version !== input.version) throw staleVersion('inventory_settings', '1');
    const next = {
      ...row,
      allow_back_orders:
        input.allowBackOrders === undefined ? row.allow_back_orders : fromBool(input.allowBackOrders),
      deliver_on_invoice_issue:
        input.deliverOnInvoiceIssue === undefined
          ? row.deliver_on_invoice_issue
          : fromBool(input.deliverOnInvoiceIssue),
      updated_at: now,
      version: row.version + 1,
    };
    await trx
      .updateTable('inventory_settings')
      .set({
        allow_back_orders: next.allow_back_orders,
        deliver_on_invoice_issue: next.deliver_on_invoice_issue,
        updated_at: now,
        version: next.version,
      })
      .where('id', '=', 1)
      .execute();
    const before = toInventorySettings(row);
    const after = toInventorySettings(next);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'inventory_settings',
      entityId: '1',
      before: {
        allowBackOrders: before.allowBackOrders,
        deliverOnInvoiceIssue: before.deliverOnInvoiceIssue,
      },
      after: { allowBackOrders: after.allowBackOrders, deliverOnInvoiceIssue: after.deliverOnInvoiceIssue },
      label: 'Inventory settings',
    });
    return after;
  });
}
