import { z } from 'zod';
import { AuditAction, FieldChange } from './audit';
import { Id, Instant, ListQuery, listResponse, Problem, Version } from './common';
import {
  Bic,
  CompanyRole,
  ContactLanguage,
  CountryCode,
  Iban,
  Name,
  RevenueBand,
  Roles,
  Tags,
  Text,
  VatId,
  Website,
} from './company-fields';

/*
 * Companies, their duplicates, notes and timeline, and contacts. The field shapes live in
 * ./company-fields, segments and the market-coverage report in ./segments; both are re-exported
 * here, so `contracts/companies` stays the one import of the companies domain.
 */

export {
  COMPANY_ROLES,
  COUNTRY_CODES,
  CompanyRole,
  ContactLanguage,
  CountryCode,
  normalizeVatId,
  normalizeWebsite,
  REVENUE_BANDS,
  RevenueBand,
  vatIdError,
} from './company-fields';
export * from './segments';

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
