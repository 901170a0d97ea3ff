import { CreateProduct, type CreateProductInput } from '../../../../contracts/catalog';
import { CreateCompany } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import type { AppContext } from '../../platform/context';
import { createCompany } from '../companies';
import { countProducts } from './products.repository';
import { createProduct } from './products.service';

/** The demo company's suppliers (companies with the supplier role). */
const DEMO_SUPPLIERS = [
  {
    key: 'hydraulik',
    name: 'Hansa Hydraulik & Antriebstechnik GmbH',
    street: 'Billstraße 80',
    postalCode: '20539',
    city: 'Hamburg',
    vatId: 'DE287654321',
  },
  {
    key: 'kugellager',
    name: 'Kugellager Hofmann KG',
    street: 'Industriestraße 14',
    postalCode: '97421',
    city: 'Schweinfurt',
    vatId: 'DE176543219',
  },
  {
    key: 'schmierstoffe',
    name: 'Rhein-Schmierstoffe GmbH',
    street: 'Hafenweg 3',
    postalCode: '47119',
    city: 'Duisburg',
    vatId: 'DE265432198',
  },
] as const;
type SupplierKey = (typeof DEMO_SUPPLIERS)[number]['key'];

/** [sku, name, unit, sales €, purchase €, kind, suppliers (first preferred), vat] */
type DemoProduct = [
  string,
  string,
  string,
  number,
  number | null,
  'stock' | 'service',
  SupplierKey[],
  number?,
];

/** Spare parts, consumables and service hours of a machine builder; deterministic. */
const DEMO_PRODUCTS: DemoProduct[] = [
  ['ET-1001', 'Rillenkugellager 6204-2RS', 'C62', 12.9, 5.4, 'stock', ['kugellager']],
  ['ET-1002', 'Rillenkugellager 6306-2Z', 'C62', 24.5, 10.2, 'stock', ['kugellager']],
  ['ET-1003', 'Pendelrollenlager 22210 E', 'C62', 189.0, 96.0, 'stock', ['kugellager']],
  ['ET-1004', 'Kegelrollenlager 30207', 'C62', 38.7, 17.5, 'stock', ['kugellager']],
  ['ET-1005', 'Stehlagereinheit UCP 205', 'C62', 44.9, 21.3, 'stock', ['kugellager']],
  ['ET-1006', 'Linearführung Wagen HGH20', 'C62', 132.0, 68.0, 'stock', ['kugellager', 'hydraulik']],
  ['ET-1007', 'Kugelgewindetrieb SFU1605, 1 m', 'C62', 249.0, 131.0, 'stock', ['kugellager']],
  ['ET-1008', 'Wellendichtring 40x62x7', 'C62', 4.6, 1.5, 'stock', ['kugellager', 'hydraulik']],
  ['ET-1009', 'O-Ring-Sortiment NBR 70 (382 Stk.)', 'SET', 39.9, 16.8, 'stock', ['hydraulik']],
  ['ET-1010', 'Zahnriemen HTD 8M-1200-30', 'C62', 58.0, 24.0, 'stock', ['kugellager']],
  ['ET-1011', 'Keilriemen SPA 1250', 'C62', 17.8, 6.9, 'stock', ['kugellager']],
  ['ET-1012', 'Kupplung Klauenkupplung GR 28', 'C62', 64.5, 29.9, 'stock', ['hydraulik']],
  ['ET-1013', 'Hydraulikpumpe Zahnrad 8 cm³', 'C62', 389.0, 214.0, 'stock', ['hydraulik']],
  ['ET-1014', 'Hydraulikzylinder 50/30-200', 'C62', 429.0, 238.0, 'stock', ['hydraulik']],
  ['ET-1015', 'Wegeventil 4/3 NG6 24 V', 'C62', 312.0, 171.0, 'stock', ['hydraulik']],
  ['ET-1016', 'Druckbegrenzungsventil DBD 10', 'C62', 146.0, 77.0, 'stock', ['hydraulik']],
  ['ET-1017', 'Hydraulikschlauch DN10 2SN', 'MTR', 14.8, 6.2, 'stock', ['hydraulik']],
  ['ET-1018', 'Schlauchanschluss DKOL 12L', 'C62', 6.9, 2.6, 'stock', ['hydraulik']],
  ['ET-1019', 'Rücklauffilter-Element 10 µm', 'C62', 48.5, 21.0, 'stock', ['hydraulik', 'schmierstoffe']],
  ['ET-1020', 'Manometer 0–250 bar, Glyzerin', 'C62', 29.9, 12.4, 'stock', ['hydraulik']],
  ['ET-1021', 'Drehstrommotor 1,5 kW IE3', 'C62', 398.0, 229.0, 'stock', ['hydraulik']],
  ['ET-1022', 'Frequenzumrichter 2,2 kW', 'C62', 465.0, 271.0, 'stock', ['hydraulik']],
  ['ET-1023', 'Näherungsschalter M12 PNP', 'C62', 27.4, 11.1, 'stock', ['hydraulik']],
  ['ET-1024', 'Sicherheitsschalter mit Zuhaltung', 'C62', 158.0, 83.0, 'stock', ['hydraulik']],
  ['ET-1025', 'Not-Halt-Taster 40 mm', 'C62', 33.5, 13.9, 'stock', ['hydraulik']],
  ['ET-1026', 'Schütz 3-polig 18 A 24 V DC', 'C62', 54.0, 24.5, 'stock', ['hydraulik']],
  ['ET-1027', 'Förderbandgurt PVC 500 mm', 'MTR', 46.0, 22.0, 'stock', ['kugellager']],
  ['ET-1028', 'Förderbandrolle Ø 50 x 500', 'C62', 21.5, 9.4, 'stock', ['kugellager']],
  ['ET-1029', 'Spannsatz RfN 7012 30x55', 'C62', 36.9, 15.8, 'stock', ['kugellager']],
  ['ET-1030', 'Gasdruckfeder 400 N', 'C62', 19.9, 7.8, 'stock', ['hydraulik']],
  ['VM-2001', 'Hydrauliköl HLP 46', 'LTR', 4.9, 2.35, 'stock', ['schmierstoffe', 'hydraulik']],
  ['VM-2002', 'Getriebeöl CLP 220', 'LTR', 7.4, 3.6, 'stock', ['schmierstoffe']],
  ['VM-2003', 'Mehrzweckfett EP2, Kartusche 400 g', 'C62', 8.9, 3.7, 'stock', ['schmierstoffe']],
  ['VM-2004', 'Kühlschmierstoff-Konzentrat', 'LTR', 9.8, 4.9, 'stock', ['schmierstoffe']],
  ['VM-2005', 'Kettenspray 400 ml', 'C62', 11.5, 4.6, 'stock', ['schmierstoffe']],
  ['VM-2006', 'Industriereiniger, Kanister 10 l', 'C62', 36.0, 16.5, 'stock', ['schmierstoffe']],
  ['VM-2007', 'Putztuchrolle, blau', 'C62', 24.9, 11.2, 'stock', ['schmierstoffe']],
  ['VM-2008', 'Schleifscheibe 125 mm K60', 'C62', 3.2, 1.1, 'stock', ['schmierstoffe']],
  ['VM-2009', 'Schweißdraht SG2 1,0 mm', 'KGM', 6.8, 3.1, 'stock', ['schmierstoffe']],
  ['VM-2010', 'Schraubensicherung mittelfest 50 ml', 'C62', 18.9, 7.9, 'stock', ['schmierstoffe']],
  ['VM-2011', 'Sechskantschrauben M10x40 8.8 (100 Stk.)', 'SET', 14.5, 5.8, 'stock', ['kugellager']],
  ['VM-2012', 'Kabelbinder 4,8 x 300 (100 Stk.)', 'SET', 7.9, 2.9, 'stock', ['hydraulik']],
  ['DL-3001', 'Servicetechniker vor Ort', 'HUR', 98.0, null, 'service', []],
  ['DL-3002', 'Inbetriebnahme und Einweisung', 'HUR', 115.0, null, 'service', []],
  ['DL-3003', 'Wartungspauschale Jahresinspektion', 'LS', 890.0, null, 'service', []],
  ['DL-3004', 'Konstruktionsstunde CAD', 'HUR', 92.0, null, 'service', []],
  ['DL-3005', 'Fernwartung je Stunde', 'HUR', 79.0, null, 'service', []],
  ['DL-3006', 'Anfahrtspauschale bis 50 km', 'LS', 65.0, null, 'service', []],
  ['DL-3007', 'Schulung Bedienpersonal (Tag)', 'DAY', 780.0, null, 'service', []],
  ['DL-3008', 'Fachbuch Hydraulik in der Praxis', 'C62', 49.9, 32.0, 'stock', ['hydraulik'], 7],
];

const cents = (euros: number) => Math.round(euros * 100);

/**
 * ~50 products of the demo machine builder with three suppliers. Through the catalog's own service
 * (audit entries, `product.created`); skipped when products exist.
 */
export async function seedCatalog(ctx: AppContext, actor: Actor): Promise<void> {
  if ((await countProducts(ctx.db)) > 0) return;
  const supplierIds = {} as Record<SupplierKey, string>;
  for (const s of DEMO_SUPPLIERS) {
    const company = await createCompany(
      ctx,
      actor,
      CreateCompany.parse({
        name: s.name,
        roles: ['supplier'],
        street: s.street,
        postalCode: s.postalCode,
        city: s.city,
        country: 'DE',
        vatId: s.vatId,
        paymentTermsDays: 30,
        tags: ['Lieferant'],
      }),
      { allowDuplicate: true },
    );
    supplierIds[s.key] = company.id;
  }
  for (const [i, [sku, name, unit, sales, purchase, kind, suppliers, vat]] of DEMO_PRODUCTS.entries()) {
    const input: CreateProductInput = {
      sku,
      name,
      unit,
      salesPriceCents: cents(sales),
      purchasePriceCents: purchase === null ? null : cents(purchase),
      vatRate: (vat ?? 19) as 19 | 7 | 0,
      kind,
      suppliers: suppliers.map((key, n) => ({
        companyId: supplierIds[key],
        supplierSku: `${key.slice(0, 3).toUpperCase()}-${sku.replace(/\D/g, '')}`,
        purchasePriceCents: purchase === null ? null : cents(purchase * (n === 0 ? 1 : 1.08)),
        minOrderQty: unit === 'LTR' ? 20 : unit === 'MTR' ? 10 : i % 3 === 0 ? 5 : 1,
        packSize: unit === 'LTR' ? 20 : i % 4 === 0 ? 10 : 1,
        leadTimeDays: key === 'kugellager' ? 5 : key === 'hydraulik' ? 10 : 3,
        preferred: n === 0,
      })),
    };
    await createProduct(ctx, actor, CreateProduct.parse(input));
  }
}
