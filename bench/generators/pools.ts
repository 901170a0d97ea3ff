import { mulberry32, pool, seededFaker } from './random';

/**
 * German names and words for the CRM data, made once from faker's `de` locale (fixed seed) plus a
 * few fixed lists where faker's German data falls back to English (job titles, products). The
 * generators combine these with a seeded fast random source: calling faker a few million times
 * would take longer than inserting the rows.
 */
export interface NamePools {
  firstNames: string[];
  lastNames: string[];
  /** Last names with ä, ö, ü or ß (for search queries with umlauts). */
  umlautLastNames: string[];
  cities: string[];
  streets: string[];
  industries: string[];
  trades: string[];
  legalForms: { value: string; weight: number }[];
  positions: string[];
  products: string[];
  dealKinds: string[];
  mailDomains: string[];
}

/** Branch words that make company names ("Müller Maschinenbau GmbH", "Autohaus Wagner"). */
const TRADES = [
  'Maschinenbau',
  'Metallbau',
  'Elektrotechnik',
  'Logistik',
  'Haustechnik',
  'Bau',
  'Immobilien',
  'Software',
  'Systemhaus',
  'Druckerei',
  'Bäckerei',
  'Brauerei',
  'Möbelwerk',
  'Kunststofftechnik',
  'Medizintechnik',
  'Feinkost',
  'Spedition',
  'Steuerberatung',
  'Autohaus',
  'Gartenbau',
  'Sanitär',
  'Holzbau',
  'Präzisionstechnik',
  'Messtechnik',
  'Verpackungen',
  'Textil',
  'Feinmechanik',
  'Energietechnik',
  'Dachdeckerei',
  'Großhandel',
  'Gerüstbau',
  'Glaserei',
  'Küchenstudio',
  'Zahntechnik',
  'Fördertechnik',
  'Stahlhandel',
  'Umwelttechnik',
  'Werkzeugbau',
  'Lackiererei',
  'Schreinerei',
];

const INDUSTRIES = [
  'Maschinenbau',
  'Automobilzulieferer',
  'Lebensmittelherstellung',
  'Elektrotechnik',
  'Bauwesen',
  'Großhandel',
  'Einzelhandel',
  'Logistik',
  'IT-Dienstleistungen',
  'Gesundheitswesen',
  'Chemie',
  'Kunststoffverarbeitung',
  'Energieversorgung',
  'Handwerk',
  'Beratung',
  'Druck und Medien',
  'Möbelindustrie',
  'Textilindustrie',
  'Metallverarbeitung',
  'Gastgewerbe',
];

const POSITIONS = [
  'Geschäftsführer',
  'Geschäftsführerin',
  'Einkaufsleiter',
  'Einkaufsleiterin',
  'Einkäufer',
  'Einkäuferin',
  'Vertriebsleiter',
  'Vertriebsleiterin',
  'Leiter Technik',
  'Leiterin Technik',
  'Prokurist',
  'Prokuristin',
  'Buchhaltung',
  'Assistenz der Geschäftsführung',
  'Produktionsleiter',
  'Werksleiterin',
  'IT-Leiter',
  'Projektleiterin',
  'Qualitätsmanager',
  'Inhaber',
  'Inhaberin',
  'Teamleiter Instandhaltung',
  'Leiterin Controlling',
  'Marketingleiterin',
];

const PRODUCTS = [
  'Wartungsvertrag',
  'Ersatzteilpaket',
  'CNC-Fräse',
  'Drehmaschine',
  'Förderband',
  'Hydraulikpresse',
  'Schaltschrank',
  'Kompressor',
  'Lagerregale',
  'Gabelstapler',
  'Softwarelizenzen',
  'Servervirtualisierung',
  'Schulung',
  'Beratungspaket',
  'Photovoltaikanlage',
  'Wärmepumpe',
  'Klimatechnik',
  'Verpackungsmaschine',
  'Etikettendrucker',
  'Messgeräte',
  'Schweißroboter',
  'Lackieranlage',
  'Druckluftanlage',
  'Steuerungstechnik',
  'Büromöbel',
  'Fahrzeugflotte',
  'Reinigungsservice',
  'Arbeitskleidung',
  'Brandschutztüren',
  'Zutrittskontrolle',
];

const DEAL_KINDS = [
  'Rahmenvertrag',
  'Erstauftrag',
  'Erweiterung',
  'Nachbestellung',
  'Pilotprojekt',
  'Umrüstung',
  'Austausch',
  'Modernisierung',
  'Angebot',
  'Ausschreibung',
  'Jahresbedarf',
  'Zusatzbedarf',
];

const LEGAL_FORMS = [
  { value: 'GmbH', weight: 45 },
  { value: 'GmbH & Co. KG', weight: 15 },
  { value: 'AG', weight: 5 },
  { value: 'KG', weight: 8 },
  { value: 'e.K.', weight: 10 },
  { value: 'UG (haftungsbeschränkt)', weight: 6 },
  { value: 'OHG', weight: 4 },
  { value: 'GbR', weight: 3 },
  { value: '', weight: 4 },
];

const MAIL_DOMAINS = ['gmail.com', 'web.de', 'gmx.de', 't-online.de', 'outlook.de', 'posteo.de'];

export function makePools(seed: number): NamePools {
  const faker = seededFaker(seed + 1);
  const lastNames = pool(2500, () => faker.person.lastName());
  return {
    firstNames: pool(1500, () => faker.person.firstName()),
    lastNames,
    umlautLastNames: lastNames.filter((n) => /[äöüÄÖÜß]/.test(n)),
    cities: pool(1500, () => faker.location.city()),
    streets: pool(1000, () => faker.location.street()),
    industries: INDUSTRIES,
    trades: TRADES,
    legalForms: LEGAL_FORMS,
    positions: POSITIONS,
    products: PRODUCTS,
    dealKinds: DEAL_KINDS,
    mailDomains: MAIL_DOMAINS,
  };
}

/** A seeded fast random source with the helpers the generators need. */
export interface Rng {
  /** Float in [0, 1). */
  next(): number;
  uint32(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** Integer in [min, max]. */
  between(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  weighted<T>(xs: readonly { value: T; weight: number }[]): T;
  chance(p: number): boolean;
}

export function makeRng(seed: number): Rng {
  const u32 = mulberry32(seed);
  const next = () => u32() / 4_294_967_296;
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    uint32: u32,
    int,
    between: (min, max) => min + int(max - min + 1),
    pick: (xs) => xs[int(xs.length)]!,
    weighted(xs) {
      const total = xs.reduce((s, x) => s + x.weight, 0);
      let r = next() * total;
      for (const x of xs) {
        r -= x.weight;
        if (r < 0) return x.value;
      }
      return xs[xs.length - 1]!.value;
    },
    chance: (p) => next() < p,
  };
}

/** Lower-case ASCII for e-mail addresses and web domains: ä→ae, ß→ss, other marks and spaces dropped. */
export function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');
}
