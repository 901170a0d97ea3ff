import { base, de, en, Faker } from '@faker-js/faker';
import {
  type CompanyRole,
  CreateCompany,
  CreateContact,
  type RevenueBand,
  type Segment,
} from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import type { Clock } from '../../platform/clock';
import type { AppContext } from '../../platform/context';
import { publish } from '../../platform/events/publish';
import { companySearchDocument, contactSearchDocument, indexDocuments } from '../search';
import { bankDetailsErrors } from './bank-details';
import {
  companyAuditSnapshot,
  contactAuditSnapshot,
  toCompany,
  toContact,
  toSegment,
} from './companies.mappers';
import { type CompanyRow, countCompanies, insertCompanies, insertCompanyTags } from './companies.repository';
import { newCompanyRow } from './companies.service';
import { type ContactRow, insertContactEmails, insertContacts } from './contacts.repository';
import { emailRows, newContactRow } from './contacts.service';
import { foldText } from './name-similarity';
import { findSegmentByName } from './segments.repository';
import { createSegment } from './segments.service';

/** The seed's view of the demo data made before it (see server/src/seed.ts DemoData). */
interface DemoRefs {
  users: Record<string, string>;
  teams: Record<string, string>;
}

const DEMO_SEGMENTS = [
  {
    name: 'Maschinenbau Süd KMU',
    industry: 'Maschinenbau',
    region: 'Bayern, Baden-Württemberg',
    sizeClass: 'KMU (10–249 Mitarbeitende)',
    marketCompanies: 2_850,
    potentialRevenueCents: 42_500_000_00,
    notes:
      'Mittelständische Maschinen- und Anlagenbauer im Süden; Quelle: VDMA-Landesverbände, eigene Schätzung.',
  },
  {
    name: 'Lebensmittel Nord',
    industry: 'Lebensmittelherstellung',
    region: 'Hamburg, Bremen, Niedersachsen, Schleswig-Holstein',
    sizeClass: 'alle Größen',
    marketCompanies: 1_420,
    potentialRevenueCents: 18_750_000_00,
    notes: 'Lebensmittel- und Getränkehersteller im Norden.',
  },
  {
    name: 'Automotive Zulieferer',
    industry: 'Automobilzulieferer',
    region: 'Deutschland',
    sizeClass: '50–999 Mitarbeitende',
    marketCompanies: 950,
    potentialRevenueCents: 61_200_000_00,
    notes: 'Tier-1- und Tier-2-Zulieferer; Schwerpunkt Zerspanung und Kunststofftechnik.',
  },
] as const;

const COMPANY_COUNT = 200;
const BATCH = 50;

const SEGMENT_WORDS: Record<string, string[]> = {
  'Maschinenbau Süd KMU': [
    'Maschinenbau',
    'Anlagenbau',
    'Präzisionstechnik',
    'Fördertechnik',
    'Antriebstechnik',
  ],
  'Lebensmittel Nord': ['Feinkost', 'Backwaren', 'Fischverarbeitung', 'Molkerei', 'Getränke'],
  'Automotive Zulieferer': ['Automotive', 'Kunststofftechnik', 'Zerspanung', 'Drehteile', 'Fahrzeugteile'],
};
const OTHER_WORDS = ['Logistik', 'Elektrotechnik', 'Metallbau', 'Handel', 'Verpackung', 'Systemtechnik'];
const SUPPLIER_WORDS = ['Industriebedarf', 'Stahlhandel', 'Normteile', 'Elektronik', 'Werkzeuge'];
const LEGAL_FORMS = ['GmbH', 'GmbH', 'GmbH', 'GmbH & Co. KG', 'AG', 'KG', 'e.K.', 'UG (haftungsbeschränkt)'];
const POSITIONS = [
  'Geschäftsführer',
  'Einkaufsleiterin',
  'Technischer Leiter',
  'Leiterin Buchhaltung',
  'Werksleiter',
  'Assistenz der Geschäftsführung',
];
const TAGS = ['A-Kunde', 'Messe 2026', 'Newsletter', 'Rahmenvertrag', 'Key Account', 'Empfehlung'];

function bandOf(employees: number): RevenueBand {
  if (employees < 10) return '<1M';
  if (employees < 60) return '1-10M';
  if (employees < 250) return '10-50M';
  if (employees < 1000) return '50-250M';
  return '>250M';
}

const slug = (s: string) =>
  foldText(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * Demo market data and customers: 3 segments with German market figures, ~200 companies (prospects
 * and customers mostly, some suppliers and partners) owned by the demo sales people, 1–3 contacts each.
 * Deterministic (fixed faker seed). Rows are written in batches, each with its audit entries and
 * `company.created` events. Skips the companies when there are any already.
 */
export async function seedCompanies(ctx: AppContext, actor: Actor, demo: DemoRefs): Promise<void> {
  const segments: Segment[] = [];
  for (const s of DEMO_SEGMENTS) {
    const existing = await findSegmentByName(ctx.db, s.name);
    segments.push(existing ? toSegment(existing) : await createSegment(ctx, actor, { ...s }));
  }
  if ((await countCompanies(ctx.db)) > 0) return;

  const faker = new Faker({ locale: [de, en, base] });
  faker.seed(20261126);
  const now = ctx.clock.now();
  const seller = (i: number) => {
    const key = ['sales', 'sales2', 'sales', 'sales2', 'manager'][i % 5]!;
    const team =
      key === 'sales'
        ? 'Vertrieb Nord'
        : key === 'sales2'
          ? 'Vertrieb Süd'
          : faker.helpers.arrayElement(['Vertrieb Nord', 'Vertrieb Süd']);
    return { ownerId: demo.users[key] ?? null, teamId: demo.teams[team] ?? null };
  };

  const usedNames = new Set<string>();
  const companies: Array<{
    row: CompanyRow;
    contacts: Array<{ row: ContactRow; emails: Array<{ address: string }> }>;
  }> = [];
  for (let i = 0; i < COMPANY_COUNT; i++) {
    const r = faker.number.float();
    const roles: CompanyRole[] =
      r < 0.55
        ? ['prospect']
        : r < 0.88
          ? ['customer']
          : r < 0.93
            ? ['customer', 'partner']
            : r < 0.97
              ? ['supplier']
              : ['partner'];
    const segment =
      roles.includes('supplier') || faker.number.float() < 0.25 ? null : faker.helpers.arrayElement(segments);
    const word = roles.includes('supplier')
      ? faker.helpers.arrayElement(SUPPLIER_WORDS)
      : segment
        ? faker.helpers.arrayElement(SEGMENT_WORDS[segment.name] ?? OTHER_WORDS)
        : faker.helpers.arrayElement(OTHER_WORDS);
    let name = '';
    do {
      name = faker.number.float() < 0.5 ? `${faker.person.lastName()} ${word}` : `${faker.company.name()}`;
    } while (usedNames.has(name.toLowerCase()));
    usedNames.add(name.toLowerCase());
    const legalForm = faker.helpers.arrayElement(LEGAL_FORMS);
    const domain = `${slug(name).slice(0, 40)}.${faker.helpers.arrayElement(['de', 'de', 'de', 'com', 'eu'])}`;
    const country = faker.helpers.weightedArrayElement([
      { weight: 90, value: 'DE' },
      { weight: 6, value: 'AT' },
      { weight: 4, value: 'CH' },
    ]);
    const employees = faker.helpers.weightedArrayElement([
      { weight: 15, value: faker.number.int({ min: 3, max: 9 }) },
      { weight: 45, value: faker.number.int({ min: 10, max: 59 }) },
      { weight: 30, value: faker.number.int({ min: 60, max: 249 }) },
      { weight: 10, value: faker.number.int({ min: 250, max: 2500 }) },
    ]);
    const owner = roles.includes('supplier')
      ? { ownerId: demo.users.purchasing ?? null, teamId: demo.teams.Einkauf ?? null }
      : seller(i);
    const vatId =
      faker.number.float() < 0.7
        ? country === 'DE'
          ? `DE${faker.string.numeric(9)}`
          : country === 'AT'
            ? `ATU${faker.string.numeric(8)}`
            : `CHE${faker.string.numeric(9)}MWST`
        : null;
    const input = CreateCompany.parse({
      name,
      legalName: `${name} ${legalForm}`,
      roles,
      street: faker.location.streetAddress(),
      postalCode: country === 'DE' ? faker.location.zipCode('#####') : faker.location.zipCode('####'),
      city: faker.location.city(),
      country,
      industry: segment?.industry ?? word,
      segmentId: segment?.id ?? null,
      employees,
      revenueBand: bandOf(employees),
      website: `www.${domain}`,
      vatId,
      iban: roles.includes('supplier') ? faker.finance.iban({ countryCode: 'DE' }) : null,
      bic: roles.includes('supplier') ? `${faker.string.alpha({ length: 4, casing: 'upper' })}DEFFXXX` : null,
      paymentTermsDays: faker.helpers.arrayElement([14, 14, 30, 30, 7, 60]),
      tags: faker.helpers.arrayElements(TAGS, { min: 0, max: 2 }),
      notes: faker.number.float() < 0.2 ? 'Kontakt über Messe entstanden.' : null,
    });
    const bankErrors = bankDetailsErrors(input.iban, input.bic);
    if (bankErrors.length) throw new Error(`demo seed made bad bank details: ${JSON.stringify(bankErrors)}`);
    const createdAt = new Date(
      now.getTime() - faker.number.int({ min: 1, max: 540 }) * 86_400_000 - i * 60_000,
    );
    const row = newCompanyRow(input, {
      now: createdAt.toISOString(),
      ownerId: owner.ownerId,
      teamId: owner.teamId,
    });

    const contacts: Array<{ row: ContactRow; emails: Array<{ address: string }> }> = [];
    const count = faker.number.int({ min: 1, max: 3 });
    for (let c = 0; c < count; c++) {
      const sex = faker.person.sexType();
      const firstName = faker.person.firstName(sex);
      const lastName = faker.person.lastName();
      const optOut = faker.number.float() < 0.05;
      const contactInput = CreateContact.parse({
        companyId: row.id,
        firstName,
        lastName,
        position: faker.helpers.arrayElement(POSITIONS),
        emails: [{ address: `${slug(firstName)}.${slug(lastName)}@${domain}`, label: 'Büro' }],
        phones: [{ number: `+49 ${faker.string.numeric(3)} ${faker.string.numeric(7)}`, label: 'Büro' }],
        preferredLanguage:
          country === 'DE' && faker.number.float() < 0.9 ? 'de' : faker.helpers.arrayElement(['de', 'en']),
        emailConsent: !optOut && faker.number.float() < 0.45,
        optOut,
        consentAt: null,
      });
      const contactAt = new Date(createdAt.getTime() + (c + 1) * 3_600_000).toISOString();
      contacts.push({
        row: newContactRow(contactInput, { now: contactAt, ownerId: owner.ownerId }),
        emails: contactInput.emails,
      });
    }
    companies.push({ row, contacts });
  }

  const segmentNames = new Map(segments.map((s) => [s.id, s.name]));
  for (let i = 0; i < companies.length; i += BATCH) {
    const batch = companies.slice(i, i + BATCH);
    await ctx.db.transaction().execute(async (trx) => {
      await insertCompanies(
        trx,
        batch.map((b) => b.row),
      );
      await insertCompanyTags(
        trx,
        batch.flatMap((b) =>
          (JSON.parse(b.row.tags) as string[]).map((tag) => ({ company_id: b.row.id, tag })),
        ),
      );
      await insertContacts(
        trx,
        batch.flatMap((b) => b.contacts.map((c) => c.row)),
      );
      await insertContactEmails(
        trx,
        batch.flatMap((b) => b.contacts.flatMap((c) => emailRows(c.row.id, c.emails))),
      );
      await indexDocuments(
        trx,
        batch.flatMap((b) => [
          companySearchDocument(b.row),
          ...b.contacts.map((c) => contactSearchDocument(c.row, b.row)),
        ]),
      );
      for (const { row, contacts } of batch) {
        const at: Clock = { now: () => new Date(row.created_at) };
        const company = toCompany(
          { ...row, segment_name: row.segment_id ? (segmentNames.get(row.segment_id) ?? null) : null },
          new Map(),
        );
        await recordAudit(trx, at, actor, {
          entityType: 'company',
          entityId: row.id,
          before: null,
          after: companyAuditSnapshot(company),
        });
        await publish(trx, at, actor, 'company.created', {
          companyId: row.id,
          name: row.name,
          roles: company.roles,
        });
        for (const c of contacts) {
          const contact = toContact({ ...c.row, company_name: row.name }, new Map());
          await recordAudit(trx, { now: () => new Date(c.row.created_at) }, actor, {
            entityType: 'contact',
            entityId: c.row.id,
            before: null,
            after: contactAuditSnapshot(contact),
          });
        }
      }
    });
  }
}
