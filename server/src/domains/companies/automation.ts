import type { z } from 'zod';
import { COMPANY_ROLES, type Contact, UpdateCompany, UpdateContact } from '../../../../contracts/companies';
import { AppError, notFound } from '../../platform/http/errors';
import { projection, type RecordTypeDef, type RecordValues, registerRecordType } from '../automation';
import {
  type CompanyForRules,
  companyRecipient,
  contactRecipient,
  findCompaniesForRules,
  findRecentCompanyIds,
  findRecentContactIds,
  findSegmentsForRules,
} from './automation.repository';
import { rolesOf, toContact } from './companies.mappers';
import { findCompany } from './companies.repository';
import { applyCompanyUpdate } from './companies.service';
import { findContact, findContactsByIds, findFirstMailableContacts } from './contacts.repository';
import { applyContactUpdate } from './contacts.service';

/**
 * What the companies domain offers the automation engine (see automation/registry.ts): record
 * types `company`, `contact` and the related-only `segment`. Values are camelCase; rules change
 * records only through the services the API uses (their checks, audit entries and events).
 */

/** A field value a rule wants to set, checked by the API's own schema (422 naming the field). */
export function parsedChange<T>(
  schema: z.ZodType<T>,
  version: number,
  field: string,
  value: unknown,
  code: string,
): T {
  const parsed = schema.safeParse({ version, [field]: value });
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues[0]?.message ?? 'Invalid value';
  throw new AppError('unprocessable', code, `${field}: ${message}`, [{ path: field, message }]);
}

const notUpdatable = (type: string, field: string) =>
  new AppError('unprocessable', 'automation.field_not_updatable', `Rules cannot change ${type}.${field}`, [
    { path: field, message: 'Not updatable by rules' },
  ]);

const COMPANY_UPDATABLE = new Set(['ownerId', 'teamId', 'segmentId', 'city', 'industry', 'paymentTermsDays']);

type Company = Partial<CompanyForRules>;

/** The company's fields for rules, each made of its columns (loaded only when a rule reads them). */
const COMPANY_FIELDS = projection<Company>(
  {
    id: { columns: ['id'], value: (r) => r.id, sql: 'text' },
    name: { columns: ['name'], value: (r) => r.name, sql: 'text' },
    legalName: { columns: ['legal_name'], value: (r) => r.legal_name, sql: 'text' },
    roles: {
      columns: ['role_customer', 'role_prospect', 'role_supplier', 'role_partner'],
      value: (r) => rolesOf(r as CompanyForRules),
    },
    segmentId: { columns: ['segment_id'], value: (r) => r.segment_id, sql: 'text' },
    segmentName: { columns: ['segment_name'], value: (r) => r.segment_name },
    street: { columns: ['street'], value: (r) => r.street, sql: 'text' },
    postalCode: { columns: ['postal_code'], value: (r) => r.postal_code, sql: 'text' },
    city: { columns: ['city'], value: (r) => r.city, sql: 'text' },
    country: { columns: ['country'], value: (r) => r.country, sql: 'text' },
    industry: { columns: ['industry'], value: (r) => r.industry, sql: 'text' },
    employees: { columns: ['employees'], value: (r) => r.employees, sql: 'integer' },
    website: { columns: ['website'], value: (r) => r.website, sql: 'text' },
    vatId: { columns: ['vat_id'], value: (r) => r.vat_id, sql: 'text' },
    paymentTermsDays: { columns: ['payment_terms_days'], value: (r) => r.payment_terms_days, sql: 'integer' },
    // made of the contacts (load), not of a column
    email: { columns: [], value: () => null },
    ownerId: { columns: ['owner_id'], value: (r) => r.owner_id, sql: 'text' },
    teamId: { columns: ['team_id'], value: (r) => r.team_id, sql: 'text' },
    mergedIntoId: { columns: ['merged_into_id'], value: (r) => r.merged_into_id, sql: 'text' },
    createdAt: { columns: ['created_at'], value: (r) => r.created_at, sql: 'text' },
    updatedAt: { columns: ['updated_at'], value: (r) => r.updated_at, sql: 'text' },
  },
  // the id, and the name the engine labels runs with
  ['id', 'name'],
);

export const companyRecordType: RecordTypeDef = {
  type: 'company',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'legalName', type: 'string' },
    { name: 'roles', type: 'enum', options: [...COMPANY_ROLES] },
    { name: 'segmentId', type: 'segment', updatable: true },
    { name: 'segmentName', type: 'string' },
    { name: 'street', type: 'string' },
    { name: 'postalCode', type: 'string' },
    { name: 'city', type: 'string', updatable: true },
    { name: 'country', type: 'string' },
    { name: 'industry', type: 'string', updatable: true },
    { name: 'employees', type: 'number' },
    { name: 'website', type: 'string' },
    { name: 'vatId', type: 'string' },
    { name: 'paymentTermsDays', type: 'number', updatable: true },
    { name: 'email', type: 'string' },
    { name: 'ownerId', type: 'user', updatable: true },
    { name: 'teamId', type: 'team', updatable: true },
    { name: 'createdAt', type: 'string' },
  ],
  related: [
    { name: 'owner', type: 'user', via: 'ownerId' },
    { name: 'segment', type: 'segment', via: 'segmentId' },
    { name: 'team', type: 'team', via: 'teamId' },
  ],
  ownerField: 'ownerId',
  teamField: 'teamId',
  async load(db, ids, hint) {
    const fields = COMPANY_FIELDS.fields(hint);
    const rows = await findCompaniesForRules(db, ids, COMPANY_FIELDS.columns(fields));
    // `email`: the company has no address of its own; mail goes to its first mailable contact (a
    // query over the contacts, only when the caller reads `email`: events by the ten thousand)
    const mails = fields.includes('email')
      ? await findFirstMailableContacts(
          db,
          rows.map((r) => r.id as string),
        )
      : [];
    const emailOf = new Map<string, string>();
    for (const m of mails)
      if (m.primary_email && !emailOf.has(m.company_id)) emailOf.set(m.company_id, m.primary_email);
    return new Map(
      rows.map((r): [string, RecordValues] => {
        const values = COMPANY_FIELDS.values(fields, r);
        if (fields.includes('email')) values.email = emailOf.get(r.id as string) ?? null;
        return [r.id as string, values];
      }),
    );
  },
  label: (v) => String(v.name ?? ''),
  sql: { table: 'companies', column: COMPANY_FIELDS.sqlColumn },
  contact: (db, v) => (typeof v.id === 'string' ? companyRecipient(db, v.id) : Promise.resolve(null)),
  recent: findRecentCompanyIds,
  async update(ctx, id, field, value) {
    if (!COMPANY_UPDATABLE.has(field)) throw notUpdatable('company', field);
    const row = await findCompany(ctx.trx, id);
    if (!row) throw notFound('company', id);
    const input = parsedChange(UpdateCompany, row.version, field, value, 'companies.invalid_value');
    await applyCompanyUpdate(ctx.trx, ctx, ctx.actor, id, input);
  },
};

const CONTACT_UPDATABLE = new Set(['ownerId', 'position', 'preferredLanguage']);

export const contactRecordType: RecordTypeDef = {
  type: 'contact',
  fields: [
    { name: 'firstName', type: 'string' },
    { name: 'lastName', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'position', type: 'string', updatable: true },
    { name: 'email', type: 'string' },
    { name: 'phone', type: 'string' },
    { name: 'locale', type: 'enum', options: ['de', 'en'] },
    { name: 'preferredLanguage', type: 'enum', options: ['de', 'en'], updatable: true },
    { name: 'emailConsent', type: 'boolean' },
    { name: 'optOut', type: 'boolean' },
    { name: 'companyId', type: 'company' },
    { name: 'companyName', type: 'string' },
    { name: 'ownerId', type: 'user', updatable: true },
    { name: 'createdAt', type: 'string' },
  ],
  related: [
    { name: 'company', type: 'company', via: 'companyId' },
    { name: 'owner', type: 'user', via: 'ownerId' },
  ],
  ownerField: 'ownerId',
  async load(db, ids) {
    const rows = await findContactsByIds(db, ids);
    // owner names are not part of a rule's view of a contact (the `owner` relation has them)
    return new Map(rows.map((r) => [r.id, contactValues(toContact(r, new Map()))]));
  },
  label: (v) => String(v.name ?? ''),
  contact: (db, v) => (typeof v.id === 'string' ? contactRecipient(db, v.id) : Promise.resolve(null)),
  recent: findRecentContactIds,
  async update(ctx, id, field, value) {
    if (!CONTACT_UPDATABLE.has(field)) throw notUpdatable('contact', field);
    const row = await findContact(ctx.trx, id);
    if (!row) throw notFound('contact', id);
    const input = parsedChange(UpdateContact, row.version, field, value, 'contacts.invalid_value');
    await applyContactUpdate(ctx.trx, ctx, ctx.actor, id, input);
  },
};

function contactValues(c: Contact): RecordValues {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    name: c.name,
    position: c.position,
    email: c.primaryEmail,
    phone: c.phones[0]?.number ?? null,
    locale: c.preferredLanguage,
    preferredLanguage: c.preferredLanguage,
    emailConsent: c.emailConsent,
    optOut: c.optOut,
    companyId: c.companyId,
    companyName: c.companyName,
    ownerId: c.ownerId,
    mergedIntoId: c.mergedIntoId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

export const segmentRecordType: RecordTypeDef = {
  type: 'segment',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'industry', type: 'string' },
    { name: 'region', type: 'string' },
  ],
  async load(db, ids) {
    const rows = await findSegmentsForRules(db, ids);
    return new Map(
      rows.map((r) => [r.id, { id: r.id, name: r.name, industry: r.industry, region: r.region }]),
    );
  },
  label: (v) => String(v.name ?? ''),
};

registerRecordType(companyRecordType);
registerRecordType(contactRecordType);
registerRecordType(segmentRecordType);
