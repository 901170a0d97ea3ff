import { z } from 'zod';
import { AuditAction, FieldChange } from './audit';
import { BusinessDate, Id, Instant, ListQuery, listResponse, Problem, Version } from './common';

/*
 * Companies, contacts, market segments and the market-coverage report.
 * Request schemas normalise what people type (trimmed text, '' → null, upper-case VAT IDs and IBANs,
 * websites with a scheme) so the server and the web forms agree on one shape and one message.
 */

// ─── shared field shapes ──────────────────────────────────────────────────────────────────────────
export const COMPANY_ROLES = ['customer', 'prospect', 'supplier', 'partner'] as const;
export const CompanyRole = z.enum(COMPANY_ROLES);
export type CompanyRole = z.infer<typeof CompanyRole>;

/** Annual revenue of a company, in EUR. */
export const REVENUE_BANDS = ['<1M', '1-10M', '10-50M', '50-250M', '>250M'] as const;
export const RevenueBand = z.enum(REVENUE_BANDS);
export type RevenueBand = z.infer<typeof RevenueBand>;

export const ContactLanguage = z.enum(['de', 'en']);

/** ISO 3166-1 alpha-2 codes. */
export const COUNTRY_CODES = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
  'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
  'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
  'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
  'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const COUNTRY_SET = new Set(COUNTRY_CODES);

export const CountryCode = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const code = v.toUpperCase();
    if (!COUNTRY_SET.has(code)) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: 'Use a two-letter ISO 3166 country code such as DE, AT or CH',
      });
      return z.NEVER;
    }
    return code;
  });

/** Optional text: trimmed, at most `max` characters; '' and null clear it (→ null). */
const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Use at most ${max} characters` })
    .transform((v) => v || null)
    .nullish();

const Name = z
  .string()
  .trim()
  .min(1, { message: 'Enter a name' })
  .max(200, { message: 'Use at most 200 characters' });

// ─── VAT IDs ──────────────────────────────────────────────────────────────────────────────────────
/** VAT identification number formats by prefix (EU member states as in VIES, plus CH, GB, XI). */
const VAT_FORMATS: Record<string, { country: string; pattern: RegExp; example: string; shape: string }> = {
  AT: {
    country: 'Austrian',
    pattern: /^ATU\d{8}$/,
    example: 'ATU12345678',
    shape: 'ATU followed by 8 digits',
  },
  BE: {
    country: 'Belgian',
    pattern: /^BE[01]\d{9}$/,
    example: 'BE0123456789',
    shape: 'BE followed by 10 digits starting with 0 or 1',
  },
  BG: {
    country: 'Bulgarian',
    pattern: /^BG\d{9,10}$/,
    example: 'BG123456789',
    shape: 'BG followed by 9 or 10 digits',
  },
  CH: {
    country: 'Swiss',
    pattern: /^CHE\d{9}(MWST|TVA|IVA)?$/,
    example: 'CHE123456789MWST',
    shape: 'CHE followed by 9 digits (and MWST, TVA or IVA)',
  },
  CY: {
    country: 'Cypriot',
    pattern: /^CY\d{8}[A-Z]$/,
    example: 'CY12345678X',
    shape: 'CY followed by 8 digits and a letter',
  },
  CZ: {
    country: 'Czech',
    pattern: /^CZ\d{8,10}$/,
    example: 'CZ12345678',
    shape: 'CZ followed by 8 to 10 digits',
  },
  DE: { country: 'German', pattern: /^DE\d{9}$/, example: 'DE123456789', shape: 'DE followed by 9 digits' },
  DK: { country: 'Danish', pattern: /^DK\d{8}$/, example: 'DK12345678', shape: 'DK followed by 8 digits' },
  EE: { country: 'Estonian', pattern: /^EE\d{9}$/, example: 'EE123456789', shape: 'EE followed by 9 digits' },
  EL: { country: 'Greek', pattern: /^EL\d{9}$/, example: 'EL123456789', shape: 'EL followed by 9 digits' },
  ES: {
    country: 'Spanish',
    pattern: /^ES[A-Z0-9]\d{7}[A-Z0-9]$/,
    example: 'ESX1234567X',
    shape: 'ES followed by 9 characters (letter or digit, 7 digits, letter or digit)',
  },
  FI: { country: 'Finnish', pattern: /^FI\d{8}$/, example: 'FI12345678', shape: 'FI followed by 8 digits' },
  FR: {
    country: 'French',
    pattern: /^FR[A-HJ-NP-Z0-9]{2}\d{9}$/,
    example: 'FR12345678901',
    shape: 'FR followed by 2 characters and 9 digits',
  },
  GB: {
    country: 'British',
    pattern: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
    example: 'GB123456789',
    shape: 'GB followed by 9 or 12 digits',
  },
  HR: {
    country: 'Croatian',
    pattern: /^HR\d{11}$/,
    example: 'HR12345678901',
    shape: 'HR followed by 11 digits',
  },
  HU: { country: 'Hungarian', pattern: /^HU\d{8}$/, example: 'HU12345678', shape: 'HU followed by 8 digits' },
  IE: {
    country: 'Irish',
    pattern: /^IE(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
    example: 'IE1234567T',
    shape: 'IE followed by 7 digits and one or two letters',
  },
  IT: {
    country: 'Italian',
    pattern: /^IT\d{11}$/,
    example: 'IT12345678901',
    shape: 'IT followed by 11 digits',
  },
  LT: {
    country: 'Lithuanian',
    pattern: /^LT(\d{9}|\d{12})$/,
    example: 'LT123456789',
    shape: 'LT followed by 9 or 12 digits',
  },
  LU: {
    country: 'Luxembourg',
    pattern: /^LU\d{8}$/,
    example: 'LU12345678',
    shape: 'LU followed by 8 digits',
  },
  LV: {
    country: 'Latvian',
    pattern: /^LV\d{11}$/,
    example: 'LV12345678901',
    shape: 'LV followed by 11 digits',
  },
  MT: { country: 'Maltese', pattern: /^MT\d{8}$/, example: 'MT12345678', shape: 'MT followed by 8 digits' },
  NL: {
    country: 'Dutch',
    pattern: /^NL\d{9}B\d{2}$/,
    example: 'NL123456789B01',
    shape: 'NL followed by 9 digits, B and 2 digits',
  },
  PL: {
    country: 'Polish',
    pattern: /^PL\d{10}$/,
    example: 'PL1234567890',
    shape: 'PL followed by 10 digits',
  },
  PT: {
    country: 'Portuguese',
    pattern: /^PT\d{9}$/,
    example: 'PT123456789',
    shape: 'PT followed by 9 digits',
  },
  RO: {
    country: 'Romanian',
    pattern: /^RO\d{2,10}$/,
    example: 'RO1234567890',
    shape: 'RO followed by 2 to 10 digits',
  },
  SE: {
    country: 'Swedish',
    pattern: /^SE\d{10}01$/,
    example: 'SE123456789001',
    shape: 'SE followed by 12 digits ending in 01',
  },
  SI: { country: 'Slovenian', pattern: /^SI\d{8}$/, example: 'SI12345678', shape: 'SI followed by 8 digits' },
  SK: {
    country: 'Slovak',
    pattern: /^SK\d{10}$/,
    example: 'SK1234567890',
    shape: 'SK followed by 10 digits',
  },
  XI: {
    country: 'Northern Irish',
    pattern: /^XI(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/,
    example: 'XI123456789',
    shape: 'XI followed by 9 or 12 digits',
  },
};

/** Upper case without spaces, dots and dashes ("de 123.456.789" → "DE123456789"). */
export function normalizeVatId(input: string): string {
  return input.replace(/[\s.\-/]/g, '').toUpperCase();
}

/** Why a (normalised) VAT ID is not valid, or null when its format is right. */
export function vatIdError(vatId: string): string | null {
  const prefix = vatId.slice(0, 2);
  if (prefix === 'GR') return 'Greek VAT IDs start with EL, not GR (e.g. EL123456789)';
  const format = VAT_FORMATS[prefix];
  if (!format) {
    return `A VAT ID starts with its country prefix such as DE, ATU or FR; "${prefix}" is not one we know`;
  }
  if (!format.pattern.test(vatId)) {
    return `${format.country} VAT IDs are ${format.shape} (e.g. ${format.example})`;
  }
  return null;
}

const VatId = z
  .string()
  .max(30, { message: 'A VAT ID has at most 30 characters' })
  .transform((v, ctx) => {
    const vat = normalizeVatId(v);
    if (!vat) return null;
    const message = vatIdError(vat);
    if (message) {
      ctx.issues.push({ code: 'custom', input: v, message });
      return z.NEVER;
    }
    return vat;
  })
  .nullish();

// ─── websites ─────────────────────────────────────────────────────────────────────────────────────
/**
 * "www.Mueller-GmbH.de/" → { url: "https://www.mueller-gmbh.de", domain: "mueller-gmbh.de" }.
 * The domain (host without `www.`) is what duplicate detection compares. Null when it is no web address.
 */
export function normalizeWebsite(input: string): { url: string; domain: string } | null {
  const trimmed = input.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || /^\d+(\.\d+)+$/.test(host)) return null;
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  return {
    url: `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}${path}${url.search}`,
    domain: host.replace(/^www\./, ''),
  };
}

const Website = z
  .string()
  .max(300, { message: 'Use at most 300 characters' })
  .transform((v, ctx) => {
    if (!v.trim()) return null;
    const site = normalizeWebsite(v);
    if (!site) {
      ctx.issues.push({ code: 'custom', input: v, message: 'Enter a web address such as www.example.de' });
      return z.NEVER;
    }
    return site.url;
  })
  .nullish();

// ─── bank details (checksums are checked on the server with ibantools) ────────────────────────────
const Iban = z
  .string()
  .max(50, { message: 'An IBAN has at most 34 characters' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase() || null)
  .nullish();
const Bic = z
  .string()
  .max(20, { message: 'A BIC has 8 or 11 characters' })
  .transform((v) => v.replace(/\s+/g, '').toUpperCase() || null)
  .nullish();

const Tags = z
  .array(
    z
      .string()
      .trim()
      .min(1, { message: 'A tag cannot be empty' })
      .max(50, { message: 'Use at most 50 characters' }),
  )
  .max(50, { message: 'Use at most 50 tags' })
  .transform((tags) => [...new Set(tags)]);

const Roles = z
  .array(CompanyRole)
  .min(1, { message: 'Choose at least one role: customer, prospect, supplier or partner' })
  .transform((roles) => COMPANY_ROLES.filter((r) => roles.includes(r)));

// ─── companies ────────────────────────────────────────────────────────────────────────────────────
export const Company = z.object({
  id: Id,
  /** Display name ("Müller Maschinenbau"). */
  name: z.string(),
  /** Registered name ("Müller Maschinenbau GmbH & Co. KG"). */
  legalName: z.string().nullable(),
  roles: z.array(CompanyRole),
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string(),
  industry: z.string().nullable(),
  segmentId: Id.nullable(),
  segmentName: z.string().nullable(),
  employees: z.number().int().nullable(),
  revenueBand: RevenueBand.nullable(),
  website: z.string().nullable(),
  /** The website's host without `www.`, used to find duplicates. */
  webDomain: z.string().nullable(),
  vatId: z.string().nullable(),
  iban: z.string().nullable(),
  bic: z.string().nullable(),
  /** Net payment term in days. */
  paymentTermsDays: z.number().int(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  teamId: Id.nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
  /** Set when this record was merged into another: follow the link to the surviving company. */
  mergedIntoId: Id.nullable(),
  mergedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Company = z.infer<typeof Company>;

const companyFields = {
  legalName: Text(300),
  street: Text(200),
  postalCode: Text(20),
  city: Text(100),
  industry: Text(100),
  segmentId: Id.nullish(),
  employees: z
    .number({ message: 'Enter the number of employees as a whole number' })
    .int({ message: 'Enter the number of employees as a whole number' })
    .min(0, { message: 'The number of employees cannot be negative' })
    .max(10_000_000)
    .nullish(),
  revenueBand: RevenueBand.nullish(),
  website: Website,
  vatId: VatId,
  iban: Iban,
  bic: Bic,
  teamId: Id.nullish(),
  notes: Text(10_000),
};

const PaymentTerms = z
  .number({ message: 'Enter the payment term in days' })
  .int({ message: 'Enter the payment term in whole days' })
  .min(0, { message: 'The payment term cannot be negative' })
  .max(365, { message: 'The payment term is at most 365 days' });

export const CreateCompany = z.strictObject({
  name: Name,
  roles: Roles,
  country: CountryCode.default('DE'),
  paymentTermsDays: PaymentTerms.default(14),
  /** Defaults to the user who creates the company. */
  ownerId: Id.nullish(),
  tags: Tags.default([]),
  ...companyFields,
});
export type CreateCompany = z.infer<typeof CreateCompany>;

export const UpdateCompany = z.strictObject({
  version: Version,
  name: Name.optional(),
  roles: Roles.optional(),
  country: CountryCode.optional(),
  paymentTermsDays: PaymentTerms.optional(),
  ownerId: Id.nullish(),
  tags: Tags.optional(),
  ...companyFields,
});
export type UpdateCompany = z.infer<typeof UpdateCompany>;

export const CompanySortField = z.enum([
  'name',
  '-name',
  'city',
  '-city',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
  'employees',
  '-employees',
]);

export const CompanyListQuery = ListQuery.extend({
  /** Searches name, legal name, city and website. */
  q: z.string().trim().max(200).optional(),
  role: CompanyRole.optional(),
  segmentId: Id.optional(),
  ownerId: Id.optional(),
  teamId: Id.optional(),
  tag: z.string().trim().max(50).optional(),
  country: z.string().trim().toUpperCase().length(2).optional(),
  sort: CompanySortField.default('name'),
});
export type CompanyListQuery = z.infer<typeof CompanyListQuery>;
export const CompanyList = listResponse(Company);

export const AllowDuplicateQuery = z.object({
  /** Create even though similar records exist (after the user looked at them). */
  allowDuplicate: z.enum(['true', 'false']).optional(),
});

// ─── duplicates ───────────────────────────────────────────────────────────────────────────────────
export const DuplicateReason = z.enum(['vat_id', 'web_domain', 'email_domain', 'similar_name', 'email']);
export type DuplicateReason = z.infer<typeof DuplicateReason>;

export const DuplicateCandidate = z.object({
  id: Id,
  name: z.string(),
  reason: DuplicateReason,
  /** Name similarity 0…1 for `similar_name`; 1 for exact matches. */
  score: z.number(),
  /** False when the record exists but is outside your visibility (ask its owner). */
  visible: z.boolean(),
  ownerName: z.string().nullable(),
  /** For contacts: the company the contact belongs to. */
  companyId: Id.nullable(),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

/** 409 `companies.possible_duplicate` / `contacts.possible_duplicate`: repeat with `?allowDuplicate=true`. */
export const DuplicateProblem = Problem.extend({ duplicates: z.array(DuplicateCandidate).optional() });
export type DuplicateProblem = z.infer<typeof DuplicateProblem>;

export const DuplicateCheckQuery = z.object({
  name: z.string().trim().max(200).optional(),
  website: z.string().trim().max(300).optional(),
  vatId: z.string().trim().max(30).optional(),
  /** A contact's e-mail address: its domain is compared with companies' web and e-mail domains. */
  email: z.string().trim().max(254).optional(),
  /** Leave this company out (when editing it). */
  excludeId: Id.optional(),
});
export const DuplicateCheckResult = z.object({ duplicates: z.array(DuplicateCandidate) });

export const MergeRequest = z.strictObject({
  /** The duplicate that is merged into the record in the URL (and then hidden). */
  sourceId: Id,
  /** Version of the record in the URL (the one that stays). */
  version: Version,
});

// ─── notes and timeline ───────────────────────────────────────────────────────────────────────────
export const CompanyNote = z.object({
  id: Id,
  companyId: Id,
  body: z.string(),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  createdAt: Instant,
});
export type CompanyNote = z.infer<typeof CompanyNote>;
export const CreateCompanyNote = z.strictObject({
  body: z.string().trim().min(1, { message: 'Write something' }).max(10_000),
});

const timelineBase = {
  /** `<kind>:<record id>`, unique within a timeline. */
  id: z.string(),
  at: Instant,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  /** One line for people ("Note by Julia Schneider", "Deal won: 12.400 €"). */
  summary: z.string(),
};

export const NoteEntry = z.object({
  ...timelineBase,
  kind: z.literal('note'),
  note: z.object({ id: Id, body: z.string() }),
});
export const ChangeEntry = z.object({
  ...timelineBase,
  kind: z.literal('change'),
  action: AuditAction,
  changes: z.array(FieldChange),
});
export const ContactEntry = z.object({
  ...timelineBase,
  kind: z.literal('contact'),
  contact: z.object({ id: Id, name: z.string() }),
});
export const MergeEntry = z.object({
  ...timelineBase,
  kind: z.literal('merge'),
  merged: z.object({ id: Id, name: z.string() }),
});
/**
 * Entries other domains contribute (deals, activities, invoices…): a kind of their own, a link to
 * their record and the figures they want to show.
 */
export const LinkedEntry = z.object({
  ...timelineBase,
  kind: z.string(),
  ref: z.object({ type: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()),
});
export const TimelineEntry = z.union([NoteEntry, ChangeEntry, ContactEntry, MergeEntry, LinkedEntry]);
export type TimelineEntry = z.infer<typeof TimelineEntry>;
export const TimelineQuery = ListQuery.extend({
  /** Only entries of these kinds (comma-separated: `note,change`). */
  kinds: z.string().max(200).optional(),
});
export const Timeline = listResponse(TimelineEntry);

// ─── contacts ─────────────────────────────────────────────────────────────────────────────────────
const ContactEmailInput = z.strictObject({
  address: z
    .email({ message: 'Enter a valid e-mail address' })
    .max(254)
    .transform((e) => e.toLowerCase()),
  label: Text(50),
});
const ContactPhoneInput = z.strictObject({
  number: z
    .string()
    .trim()
    .min(3, { message: 'Enter a phone number' })
    .max(40)
    .regex(/^\+?[0-9 ()/.-]+$/, { message: 'Use digits, spaces, +, -, / and parentheses only' }),
  label: Text(50),
});

const Emails = z
  .array(ContactEmailInput)
  .max(10, { message: 'Use at most 10 e-mail addresses' })
  .superRefine((emails, ctx) => {
    const seen = new Set<string>();
    emails.forEach((e, i) => {
      if (seen.has(e.address)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'address'],
          message: 'This e-mail address is listed twice',
        });
      }
      seen.add(e.address);
    });
  });
const Phones = z.array(ContactPhoneInput).max(10, { message: 'Use at most 10 phone numbers' });

export const ContactEmail = z.object({ address: z.string(), label: z.string().nullable() });
export const ContactPhone = z.object({ number: z.string(), label: z.string().nullable() });

export const Contact = z.object({
  id: Id,
  companyId: Id,
  companyName: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string(),
  /** "First Last". */
  name: z.string(),
  position: z.string().nullable(),
  /** The first is the primary address. */
  emails: z.array(ContactEmail),
  primaryEmail: z.string().nullable(),
  phones: z.array(ContactPhone),
  preferredLanguage: ContactLanguage,
  /** Consent to marketing e-mail (GDPR), with the instant it was given. */
  emailConsent: z.boolean(),
  consentAt: Instant.nullable(),
  /** The contact objected to being mailed: never mail them. */
  optOut: z.boolean(),
  /** May receive e-mail at all (has an address and has not opted out): check before any mail. */
  isMailable: z.boolean(),
  /** May receive marketing e-mail: mailable and consented. */
  marketingAllowed: z.boolean(),
  notes: z.string().nullable(),
  ownerId: Id.nullable(),
  ownerName: z.string().nullable(),
  mergedIntoId: Id.nullable(),
  mergedAt: Instant.nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Contact = z.infer<typeof Contact>;

const LastName = z
  .string()
  .trim()
  .min(1, { message: 'Enter a last name' })
  .max(100, { message: 'Use at most 100 characters' });

const contactFields = {
  firstName: Text(100),
  position: Text(100),
  notes: Text(10_000),
  /** When consent was given; defaults to now when `emailConsent` becomes true. */
  consentAt: Instant.nullish(),
};

export const CreateContact = z.strictObject({
  companyId: Id,
  lastName: LastName,
  emails: Emails.default([]),
  phones: Phones.default([]),
  preferredLanguage: ContactLanguage.default('de'),
  emailConsent: z.boolean().default(false),
  optOut: z.boolean().default(false),
  ownerId: Id.nullish(),
  ...contactFields,
});
export type CreateContact = z.infer<typeof CreateContact>;

export const UpdateContact = z.strictObject({
  version: Version,
  companyId: Id.optional(),
  lastName: LastName.optional(),
  emails: Emails.optional(),
  phones: Phones.optional(),
  preferredLanguage: ContactLanguage.optional(),
  emailConsent: z.boolean().optional(),
  optOut: z.boolean().optional(),
  ownerId: Id.nullish(),
  ...contactFields,
});
export type UpdateContact = z.infer<typeof UpdateContact>;

export const ContactListQuery = ListQuery.extend({
  companyId: Id.optional(),
  /** Searches first name, last name and e-mail addresses. */
  q: z.string().trim().max(200).optional(),
  ownerId: Id.optional(),
  sort: z
    .enum([
      'lastName',
      '-lastName',
      'firstName',
      '-firstName',
      'createdAt',
      '-createdAt',
      'updatedAt',
      '-updatedAt',
    ])
    .default('lastName'),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;
export const ContactList = listResponse(Contact);

// ─── segments (market data) ───────────────────────────────────────────────────────────────────────
export const Segment = z.object({
  id: Id,
  /** Unique, e.g. "Maschinenbau Süd KMU". */
  name: z.string(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  sizeClass: z.string().nullable(),
  /** Number of companies in this market. */
  marketCompanies: z.number().int().nullable(),
  /** Potential annual revenue in this market, in cents. */
  potentialRevenueCents: z.number().int().nullable(),
  currency: z.literal('EUR'),
  notes: z.string().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
});
export type Segment = z.infer<typeof Segment>;

const MarketCompanies = z
  .number({ message: 'Enter the number of companies as a whole number' })
  .int({ message: 'Enter the number of companies as a whole number' })
  .min(0, { message: 'The number of companies cannot be negative' })
  .max(100_000_000)
  .nullish();
const PotentialCents = z
  .number({ message: 'Enter the potential in cents as a whole number' })
  .int({ message: 'Enter the potential in cents as a whole number' })
  .min(0, { message: 'The potential cannot be negative' })
  .max(Number.MAX_SAFE_INTEGER)
  .nullish();

const segmentFields = {
  industry: Text(100),
  region: Text(100),
  sizeClass: Text(100),
  marketCompanies: MarketCompanies,
  potentialRevenueCents: PotentialCents,
  notes: Text(10_000),
};
export const CreateSegment = z.strictObject({ name: Name, ...segmentFields });
export type CreateSegment = z.infer<typeof CreateSegment>;
export const UpdateSegment = z.strictObject({ version: Version, name: Name.optional(), ...segmentFields });
export type UpdateSegment = z.infer<typeof UpdateSegment>;
export const DeleteSegmentQuery = z.object({ version: z.coerce.number().int().min(1) });
export const SegmentListQuery = ListQuery.extend({
  q: z.string().trim().max(200).optional(),
  industry: z.string().trim().max(100).optional(),
  region: z.string().trim().max(100).optional(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt']).default('name'),
});
export const SegmentList = listResponse(Segment);

/** Fields a segment CSV can fill; `mapping` names the CSV column for each (else headers are recognised). */
export const SEGMENT_IMPORT_FIELDS = [
  'name',
  'industry',
  'region',
  'sizeClass',
  'marketCompanies',
  'potentialRevenue',
  'notes',
] as const;
export const SegmentImportMapping = z.strictObject({
  name: z.string().max(200).optional(),
  industry: z.string().max(200).optional(),
  region: z.string().max(200).optional(),
  sizeClass: z.string().max(200).optional(),
  marketCompanies: z.string().max(200).optional(),
  /** Potential annual revenue in EUR (not cents): `1.234.567,89` and `1,234,567.89` are both read. */
  potentialRevenue: z.string().max(200).optional(),
  notes: z.string().max(200).optional(),
});
export const SegmentImportRequest = z.strictObject({
  /** The CSV text, with a header row; `;` or `,` separated (detected). */
  csv: z.string().min(1, { message: 'The CSV file is empty' }),
  mapping: SegmentImportMapping.optional(),
  /** Validate and report only; write nothing. */
  dryRun: z.boolean().default(false),
});
export const SegmentImportReport = z.object({
  dryRun: z.boolean(),
  /** True when the rows were written (all of them); false for a dry run or when any row was rejected. */
  committed: z.boolean(),
  /** Data rows read. */
  rows: z.number().int(),
  /** Segments created (dry run or rejected file: that would be created). */
  created: z.number().int(),
  /** Existing segments (same name) updated (or that would be). */
  updated: z.number().int(),
  /** Rows equal to an existing segment (nothing to change). */
  unchanged: z.number().int(),
  /** Rows with errors; `row` is the line number in the file (the header is line 1). */
  rejected: z.array(
    z.object({ row: z.number().int(), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
  ),
});
export type SegmentImportReport = z.infer<typeof SegmentImportReport>;
/** 422 `segments.import_rejected`: nothing was written; the report lists every rejected row. */
export const SegmentImportProblem = Problem.extend({ report: SegmentImportReport.optional() });

// ─── market coverage report ───────────────────────────────────────────────────────────────────────
const coverageFigures = {
  /** Companies of the segment you can see (merged duplicates not counted). */
  companiesKnown: z.number().int(),
  prospects: z.number().int(),
  customers: z.number().int(),
  marketCompanies: z.number().int().nullable(),
  potentialRevenueCents: z.number().int().nullable(),
  /** customers ÷ marketCompanies (0…1), null without market size. */
  penetration: z.number().nullable(),
  /** Sum of open deals of those companies, in cents. */
  openPipelineCents: z.number().int(),
  /** Sum of won deals of those companies (won in the period asked for), in cents. */
  wonRevenueCents: z.number().int(),
  /** wonRevenueCents ÷ potentialRevenueCents (0…1, may exceed 1), null without potential. */
  shareOfPotential: z.number().nullable(),
};
export const MarketCoverageRow = z.object({
  segmentId: Id,
  segmentName: z.string(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  sizeClass: z.string().nullable(),
  ...coverageFigures,
});
export type MarketCoverageRow = z.infer<typeof MarketCoverageRow>;
export const MarketCoverageReport = z.object({
  currency: z.literal('EUR'),
  items: z.array(MarketCoverageRow),
  /** Over the segments listed; penetration and share only over segments that have market figures. */
  totals: z.object(coverageFigures),
});
export type MarketCoverageReport = z.infer<typeof MarketCoverageReport>;
export const MarketCoverageQuery = z.object({
  segmentId: Id.optional(),
  /** Only companies of this owner / team. */
  ownerId: Id.optional(),
  teamId: Id.optional(),
  /** Won revenue counts deals won from `from` to `to` (inclusive, company time zone); default all time. */
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
});
