import type { CreateWarehouse, UpdateWarehouse, Warehouse } from '../../../../../contracts/inventory';

/** The warehouse form's values (texts as typed). */
export interface WarehouseValues {
  code: string;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  isDefault: boolean;
  active: boolean;
}

export function warehouseToValues(w: Warehouse | null): WarehouseValues {
  return {
    code: w?.code ?? '',
    name: w?.name ?? '',
    street: w?.street ?? '',
    postalCode: w?.postalCode ?? '',
    city: w?.city ?? '',
    isDefault: w?.isDefault ?? false,
    active: w?.active ?? true,
  };
}

/**
 * The form → `POST /api/warehouses` (a new one) or `PATCH /api/warehouses/:id` (only what changed,
 * with the version). Empty address fields are sent as null.
 */
export function warehouseToRequest(
  v: WarehouseValues,
  w: Warehouse | null,
): CreateWarehouse | UpdateWarehouse {
  const texts = {
    code: v.code.trim(),
    name: v.name.trim(),
    street: v.street.trim() || null,
    postalCode: v.postalCode.trim() || null,
    city: v.city.trim() || null,
  };
  if (!w) return { ...texts, isDefault: v.isDefault };
  const patch: Record<string, unknown> = { version: w.version };
  for (const [key, value] of Object.entries(texts)) {
    if (value !== (w[key as keyof typeof texts] ?? null)) patch[key] = value;
  }
  if (v.isDefault !== w.isDefault) patch.isDefault = v.isDefault;
  if (v.active !== w.active) patch.active = v.active;
  return patch as UpdateWarehouse;
}
