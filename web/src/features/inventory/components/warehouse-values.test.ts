import { describe, expect, it } from 'vitest';
import { CreateWarehouse, UpdateWarehouse, type Warehouse } from '../../../../../contracts/inventory';
import { warehouseToRequest, warehouseToValues } from './warehouse-values';

const main: Warehouse = {
  id: '0190a000-0000-7000-8000-0000000000a1',
  code: 'HL',
  name: 'Hauptlager',
  street: null,
  postalCode: null,
  city: 'Köln',
  isDefault: true,
  active: true,
  version: 2,
};

describe('warehouse form', () => {
  it('creates with trimmed texts and empty address fields as null', () => {
    const body = warehouseToRequest(
      { ...warehouseToValues(null), code: ' AL ', name: 'Außenlager', city: ' ' },
      null,
    );
    expect(body).toEqual({
      code: 'AL',
      name: 'Außenlager',
      street: null,
      postalCode: null,
      city: null,
      isDefault: false,
    });
    expect(CreateWarehouse.safeParse(body).success).toBe(true);
  });

  it('edits only what changed, with the version', () => {
    const values = { ...warehouseToValues(main), name: 'Zentrallager', street: 'Hafenstr. 1' };
    const body = warehouseToRequest(values, main);
    expect(body).toEqual({ version: 2, name: 'Zentrallager', street: 'Hafenstr. 1' });
    expect(UpdateWarehouse.safeParse(body).success).toBe(true);
    expect(warehouseToRequest(warehouseToValues(main), main)).toEqual({ version: 2 });
  });

  it('an empty name is refused by the contract', () => {
    const body = warehouseToRequest({ ...warehouseToValues(main), name: '  ' }, main);
    expect(UpdateWarehouse.safeParse(body).success).toBe(false);
  });
});
