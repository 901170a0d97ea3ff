import {
  IMPORT_FIELDS,
  type ImportEntityType,
  type ImportFieldSpec,
  type ImportMapping,
} from '../../../../contracts/imports';
import { AppError, type FieldError } from '../../platform/http/errors';
import { PRODUCT_ALIASES } from './product-words';

/**
 * Column headers people use for each field, German and English, as header keys (lower case,
 * umlauts spelled out, only letters and digits: "USt-IdNr." → "ustidnr", "E-Mail" → "email").
 */
const ALIASES: Record<ImportEntityType, Record<string, readonly string[]>> = {
  companies: {
    name: [
      'name',
      'firma',
      'firmenname',
      'unternehmen',
      'unternehmensname',
      'company',
      'companyname',
      'kunde',
      'kundenname',
      'account',
      'accountname',
      'organisation',
      'organization',
      'kurzname',
    ],
    legalName: [
      'legalname',
      'rechtlichername',
      'firmierung',
      'vollstaendigerfirmenname',
      'registeredname',
      'offiziellername',
      'firmennamelang',
    ],
    roles: ['roles', 'role', 'rolle', 'rollen', 'typ', 'type', 'art', 'kundentyp', 'beziehung'],
    street: [
      'street',
      'strasse',
      'str',
      'adresse',
      'address',
      'anschrift',
      'streetaddress',
      'strassehausnummer',
      'strasseundhausnummer',
      'strassenr',
      'addressline1',
    ],
    postalCode: ['postalcode', 'zip', 'zipcode', 'postcode', 'plz', 'postleitzahl'],
    city: ['city', 'ort', 'stadt', 'town', 'sitz', 'gemeinde'],
    country: ['country', 'land', 'countrycode', 'laendercode', 'staat', 'laenderkennzeichen'],
    industry: ['industry', 'branche', 'sector', 'sektor', 'wirtschaftszweig'],
    segment: ['segment', 'marktsegment', 'zielgruppe'],
    employees: [
      'employees',
      'mitarbeiter',
      'mitarbeiterzahl',
      'anzahlmitarbeiter',
      'beschaeftigte',
      'numberofemployees',
      'headcount',
    ],
    revenueBand: ['revenueband', 'umsatzklasse', 'umsatzgroesse', 'revenue', 'umsatz', 'jahresumsatz'],
    website: [
      'website',
      'webseite',
      'homepage',
      'url',
      'web',
      'internet',
      'internetseite',
      'www',
      'internetadresse',
      'domain',
    ],
    vatId: [
      'vatid',
      'vat',
      'vatnumber',
      'vatno',
      'ustidnr',
      'ustid',
      'ustidnummer',
      'umsatzsteuerid',
      'umsatzsteueridentifikationsnummer',
      'ustidentnr',
    ],
    iban: ['iban'],
    bic: ['bic', 'swift', 'swiftbic', 'swiftcode'],
    paymentTermsDays: [
      'paymenttermsdays',
      'paymentterms',
      'zahlungsziel',
      'zahlungszieltage',
      'zahlungsbedingungen',
      'zahlungsfrist',
    ],
    tags: [
      'tags',
      'tag',
      'schlagworte',
      'schlagwoerter',
      'stichworte',
      'labels',
      'kategorien',
      'kategorie',
      'merkmale',
    ],
    notes: [
      'notes',
      'note',
      'notizen',
      'notiz',
      'bemerkung',
      'bemerkungen',
      'anmerkungen',
      'anmerkung',
      'kommentar',
      'kommentare',
      'comments',
      'comment',
      'beschreibung',
      'description',
    ],
    ownerEmail: [
      'owneremail',
      'owner',
      'ownermail',
      'betreuer',
      'betreueremail',
      'zustaendig',
      'verantwortlich',
      'vertriebsmitarbeiter',
      'accountmanager',
      'kundenbetreuer',
    ],
  },
  contacts: {
    companyName: [
      'company',
      'companyname',
      'firma',
      'firmenname',
      'unternehmen',
      'unternehmensname',
      'organisation',
      'organization',
      'arbeitgeber',
      'account',
      'kunde',
    ],
    companyId: ['companyid', 'firmenid', 'unternehmensid'],
    firstName: ['firstname', 'vorname', 'givenname', 'first'],
    lastName: ['lastname', 'nachname', 'surname', 'familienname', 'name', 'last'],
    position: ['position', 'funktion', 'jobtitle', 'jobtitel', 'berufsbezeichnung', 'rolle', 'role'],
    emails: ['email', 'emails', 'emailadresse', 'emailadressen', 'mail', 'mailadresse', 'emailaddress'],
    phones: [
      'phone',
      'phones',
      'telefon',
      'tel',
      'telefonnummer',
      'mobile',
      'mobil',
      'handy',
      'mobilnummer',
      'phonenumber',
      'telephone',
      'festnetz',
    ],
    preferredLanguage: ['preferredlanguage', 'language', 'sprache', 'korrespondenzsprache'],
    emailConsent: [
      'emailconsent',
      'consent',
      'einwilligung',
      'emaileinwilligung',
      'newsletter',
      'werbeeinwilligung',
      'marketingeinwilligung',
      'optin',
    ],
    optOut: ['optout', 'widerspruch', 'abgemeldet', 'keinewerbung', 'werbewiderspruch', 'unsubscribed'],
    notes: [
      'notes',
      'note',
      'notizen',
      'notiz',
      'bemerkung',
      'bemerkungen',
      'anmerkungen',
      'kommentar',
      'comments',
    ],
    ownerEmail: [
      'owneremail',
      'owner',
      'betreuer',
      'betreueremail',
      'zustaendig',
      'verantwortlich',
      'kundenbetreuer',
    ],
  },
  deals: {
    title: [
      'title',
      'titel',
      'dealname',
      'deal',
      'name',
      'bezeichnung',
      'opportunity',
      'betreff',
      'vorgang',
      'projekt',
      'verkaufschance',
    ],
    companyName: [
      'company',
      'companyname',
      'firma',
      'firmenname',
      'unternehmen',
      'kunde',
      'kundenname',
      'account',
      'organisation',
    ],
    companyId: ['companyid', 'firmenid', 'unternehmensid'],
    contactEmail: [
      'contactemail',
      'contact',
      'kontakt',
      'kontaktemail',
      'ansprechpartner',
      'ansprechpartneremail',
      'email',
    ],
    amount: [
      'amount',
      'betrag',
      'wert',
      'value',
      'volumen',
      'umsatz',
      'dealvalue',
      'auftragswert',
      'summe',
      'nettobetrag',
      'amounteur',
      'betrageur',
      'dealwert',
    ],
    expectedCloseDate: [
      'expectedclosedate',
      'closedate',
      'abschlussdatum',
      'erwartetesabschlussdatum',
      'abschluss',
      'closingdate',
      'expectedclose',
      'geplanterabschluss',
      'zieldatum',
    ],
    source: ['source', 'quelle', 'herkunft', 'leadquelle', 'kanal', 'leadsource'],
    pipeline: ['pipeline', 'vertriebspipeline'],
    stage: ['stage', 'phase', 'stufe', 'dealstage', 'verkaufsphase', 'status'],
    ownerEmail: ['owneremail', 'owner', 'betreuer', 'zustaendig', 'verantwortlich', 'vertriebsmitarbeiter'],
  },
  products: PRODUCT_ALIASES,
};

const SPELLED_OUT: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** "USt-IdNr." → "ustidnr", "Straße" → "strasse", "Betrag (€)" → "betrag". */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => SPELLED_OUT[c] ?? c)
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

export function fieldsOf(entityType: ImportEntityType): readonly ImportFieldSpec[] {
  return IMPORT_FIELDS[entityType];
}

/**
 * Header names made unique and never empty ("Column 3", "E-Mail (2)"), so a mapping can name
 * each column by its header.
 */
export function uniqueHeaders(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const base = raw.trim() || `Column ${i + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * A first mapping from the headers: each column whose header is a known name of a field (German or
 * English) maps to it; a field takes the first such column, list fields (e-mails, phones, tags)
 * every one ("E-Mail", "E-Mail 2"). Other columns are left out (null).
 */
export function suggestMapping(entityType: ImportEntityType, headers: readonly string[]): ImportMapping {
  const specs = fieldsOf(entityType);
  const aliases = ALIASES[entityType];
  const taken = new Set<string>();
  const mapping: ImportMapping = {};
  for (const header of headers) {
    const key = headerKey(header);
    const candidates = [key, key.replace(/\d+$/, '')];
    const spec = specs.find(
      (s) => (s.list || !taken.has(s.name)) && candidates.some((k) => k && aliases[s.name]?.includes(k)),
    );
    mapping[header] = spec ? spec.name : null;
    if (spec) taken.add(spec.name);
  }
  return mapping;
}

/** Field → the columns (index and header) mapped to it. */
export type ColumnsByField = Map<string, Array<{ index: number; header: string }>>;

/**
 * Checks a mapping against the file's headers and the entity's fields: every column named exists,
 * every field is known, only list fields take several columns, required fields are mapped.
 * Returns the columns per field; 400 with field errors otherwise.
 */
export function checkMapping(
  entityType: ImportEntityType,
  headers: readonly string[],
  mapping: ImportMapping,
): ColumnsByField {
  const specs = new Map(fieldsOf(entityType).map((s) => [s.name, s]));
  const errors: FieldError[] = [];
  const columns: ColumnsByField = new Map();
  for (const [header, field] of Object.entries(mapping)) {
    if (field === null || field === '') continue;
    const index = headers.indexOf(header);
    if (index < 0) {
      errors.push({ path: `mapping.${header}`, message: `The file has no column "${header}"` });
      continue;
    }
    const spec = specs.get(field);
    if (!spec) {
      errors.push({
        path: `mapping.${header}`,
        message: `"${field}" is not a field of ${entityType}; use one of: ${[...specs.keys()].join(', ')}`,
      });
      continue;
    }
    const list = columns.get(field) ?? [];
    if (list.length && !spec.list) {
      errors.push({
        path: `mapping.${header}`,
        message: `${field} is already mapped to the column "${list[0]!.header}"; map each field to one column`,
      });
      continue;
    }
    list.push({ index, header });
    columns.set(field, list);
  }
  for (const spec of specs.values()) {
    if (spec.required === true && !columns.has(spec.name)) {
      errors.push({ path: `mapping`, message: `Map a column to the required field ${spec.name}` });
    }
  }
  const refs = [...specs.values()].filter((s) => s.required === 'companyRef').map((s) => s.name);
  if (refs.length && !refs.some((f) => columns.has(f))) {
    errors.push({
      path: 'mapping',
      message: `Map a column to ${refs.join(' or ')}: each row needs its company`,
    });
  }
  if (errors.length) {
    throw new AppError(
      'bad_request',
      'imports.bad_mapping',
      `The mapping is not valid — ${errors.map((e) => e.message).join('; ')}`,
      errors,
    );
  }
  return columns;
}
