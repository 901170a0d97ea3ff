import type { ListResponse } from '../../../../contracts/common';
import type {
  Contact,
  ContactListQuery,
  CreateContact,
  UpdateContact,
} from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { type DbOrTx, fromBool, type Tx } from '../../platform/db/database';
import { parseSort } from '../../platform/db/pagination';
import { publish } from '../../platform/events/publish';
import { AppError, notFound, staleVersion } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getUserSummary } from '../identity';
import { indexContacts } from '../search';
import type { CompaniesDeps } from './access';
import { changedFields, isImport } from './change-events';
import { contactAuditSnapshot, toContact, userNames } from './companies.mappers';
import { findCompany } from './companies.repository';
import { mergedAway } from './companies.service';
import {
  CONTACT_SORT_COLUMNS,
  type ContactEmailsTable,
  type ContactRow,
  type ContactsTable,
  findContact,
  insertContact,
  insertContactEmails,
  listContacts as listContactRows,
  replaceContactEmails,
  updateContact as updateContactRow,
} from './contacts.repository';
import { duplicatesError, findContactDuplicates } from './duplicates';
import { emailDomain } from './name-similarity';

/** A contact whose company the actor may see (merged contacts too), else 404. */
export async function loadContact(db: DbOrTx, id: string, actor?: Actor): Promise<Contact> {
  const row = await findContact(db, id, actor);
  if (!row) throw notFound('contact', id);
  return toContact(row, await userNames(db, [row.owner_id]));
}

export function getContact(deps: CompaniesDeps, actor: Actor, id: string): Promise<Contact> {
  return loadContact(deps.db, id, actor);
}

export async function listContacts(
  deps: CompaniesDeps,
  actor: Actor,
  query: ContactListQuery,
): Promise<ListResponse<Contact>> {
  const page = await listContactRows(
    deps.db,
    actor,
    { companyId: query.companyId, q: query.q, ownerId: query.ownerId },
    { sort: parseSort(query.sort, CONTACT_SORT_COLUMNS), limit: query.limit, cursor: query.cursor },
  );
  const names = await userNames(
    deps.db,
    page.items.map((r) => r.owner_id),
  );
  return { items: page.items.map((r) => toContact(r, names)), nextCursor: page.nextCursor };
}

/** The company a contact is put in: visible to the actor and not merged away. */
async function checkCompany(db: DbOrTx, actor: Actor, companyId: string) {
  const company = await findCompany(db, companyId, actor);
  if (!company) {
    throw new AppError(
      'unprocessable',
      'contacts.unknown_company',
      `Company ${companyId} does not exist or is not visible to you`,
      [{ path: 'companyId', message: 'No such company' }],
    );
  }
  if (company.merged_into_id) {
    throw new AppError(
      'unprocessable',
      'contacts.company_merged',
      `${company.name} was merged into ${company.merged_into_id}; add the contact there`,
      [{ path: 'companyId', message: 'This company was merged into another one' }],
    );
  }
}

async function checkOwner(db: DbOrTx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const owner = await getUserSummary(db, ownerId);
  if (!owner?.active) {
    throw new AppError(
      'unprocessable',
      'contacts.unknown_owner',
      `User ${ownerId} does not exist or is deactivated`,
      [{ path: 'ownerId', message: 'No such active user' }],
    );
  }
}

/**
 * GDPR flags: opting out withdraws consent; consent carries the instant it was given (now unless
 * stated). Consent and opt-out sent together as true contradict each other.
 */
export function consentState(
  before: { emailConsent: boolean; consentAt: string | null; optOut: boolean } | null,
  input: {
    emailConsent?: boolean | undefined;
    consentAt?: string | null | undefined;
    optOut?: boolean | undefined;
  },
  now: string,
): { emailConsent: boolean; consentAt: string | null; optOut: boolean } {
  if (input.emailConsent === true && input.optOut === true) {
    throw new AppError(
      'bad_request',
      'contacts.consent_conflict',
      'A contact cannot consent to e-mail and opt out at the same time',
      [{ path: 'optOut', message: 'Clear the opt-out to record consent' }],
    );
  }
  const optOut = input.optOut ?? before?.optOut ?? false;
  const emailConsent = !optOut && (input.emailConsent ?? before?.emailConsent ?? false);
  let consentAt: string | null = null;
  if (emailConsent) {
    consentAt =
      input.consentAt ??
      (before?.emailConsent && input.emailConsent !== false ? before.consentAt : null) ??
      now;
  }
  return { emailConsent, consentAt, optOut };
}

export function emailRows(
  contactId: string,
  emails: ReadonlyArray<{ address: string }>,
): ContactEmailsTable[] {
  return emails.map((e, position) => ({
    contact_id: contactId,
    address: e.address,
    domain: emailDomain(e.address),
    position,
  }));
}

/** The row of a new contact from validated input (API, demo seed, imports). */
export function newContactRow(
  input: CreateContact,
  ctx: { id?: string; now: string; ownerId: string | null },
): ContactRow {
  const consent = consentState(null, input, ctx.now);
  const emails = input.emails.map((e) => ({ address: e.address, label: e.label ?? null }));
  return {
    id: ctx.id ?? uuidv7(),
    company_id: input.companyId,
    first_name: input.firstName ?? null,
    last_name: input.lastName,
    position: input.position ?? null,
    emails: JSON.stringify(emails),
    primary_email: emails[0]?.address ?? null,
    phones: JSON.stringify(input.phones.map((p) => ({ number: p.number, label: p.label ?? null }))),
    preferred_language: input.preferredLanguage,
    email_consent: fromBool(consent.emailConsent),
    consent_at: consent.consentAt,
    opt_out: fromBool(consent.optOut),
    notes: input.notes ?? null,
    owner_id: ctx.ownerId,
    merged_into_id: null,
    merged_at: null,
    created_at: ctx.now,
    updated_at: ctx.now,
    version: 1,
  };
}

/** Creates a contact; one with an e-mail address another contact has is refused (409) unless allowed. */
export async function createContact(
  deps: CompaniesDeps,
  actor: Actor,
  input: CreateContact,
  opts: { allowDuplicate?: boolean } = {},
): Promise<Contact> {
  await checkCompany(deps.db, actor, input.companyId);
  const ownerId = input.ownerId === undefined ? actor.userId : input.ownerId;
  await checkOwner(deps.db, ownerId);
  if (!opts.allowDuplicate && input.emails.length) {
    const duplicates = await findContactDuplicates(
      deps.db,
      actor,
      input.emails.map((e) => e.address),
    );
    if (duplicates.length) throw duplicatesError('contacts', duplicates);
  }
  const row = newContactRow(input, { now: deps.clock.now().toISOString(), ownerId });
  return deps.db.transaction().execute(async (trx) => {
    await insertContact(trx, row);
    await insertContactEmails(trx, emailRows(row.id, input.emails));
    await indexContacts(trx, [row.id]);
    const contact = await loadContact(trx, row.id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'contact',
      entityId: row.id,
      before: null,
      after: contactAuditSnapshot(contact),
    });
    await publish(trx, deps.clock, actor, 'contact.created', {
      contactId: row.id,
      companyId: contact.companyId,
    });
    return contact;
  });
}

export async function updateContact(
  deps: CompaniesDeps,
  actor: Actor,
  id: string,
  input: UpdateContact,
): Promise<Contact> {
  return deps.db.transaction().execute((trx) => applyContactUpdate(trx, deps, actor, id, input));
}

/** updateContact in the caller's transaction (imports update many contacts in one). */
export async function applyContactUpdate(
  trx: Tx,
  deps: Pick<CompaniesDeps, 'clock'>,
  actor: Actor,
  id: string,
  input: UpdateContact,
): Promise<Contact> {
  const before = await loadContact(trx, id, actor);
  if (before.mergedIntoId) throw mergedAway('contact', id, before.mergedIntoId);
  if (before.version !== input.version) throw staleVersion('contact', id);
  if (input.companyId !== undefined && input.companyId !== before.companyId) {
    await checkCompany(trx, actor, input.companyId);
  }
  if (input.ownerId !== undefined) await checkOwner(trx, input.ownerId);
  const now = deps.clock.now().toISOString();
  const consent = consentState(before, input, now);
  const patch: Partial<ContactsTable> = {
    updated_at: now,
    email_consent: fromBool(consent.emailConsent),
    consent_at: consent.consentAt,
    opt_out: fromBool(consent.optOut),
  };
  if (input.companyId !== undefined) patch.company_id = input.companyId;
  if (input.firstName !== undefined) patch.first_name = input.firstName ?? null;
  if (input.lastName !== undefined) patch.last_name = input.lastName;
  if (input.position !== undefined) patch.position = input.position ?? null;
  if (input.emails !== undefined) {
    const emails = input.emails.map((e) => ({ address: e.address, label: e.label ?? null }));
    patch.emails = JSON.stringify(emails);
    patch.primary_email = emails[0]?.address ?? null;
  }
  if (input.phones !== undefined) {
    patch.phones = JSON.stringify(input.phones.map((p) => ({ number: p.number, label: p.label ?? null })));
  }
  if (input.preferredLanguage !== undefined) patch.preferred_language = input.preferredLanguage;
  if (input.notes !== undefined) patch.notes = input.notes ?? null;
  if (input.ownerId !== undefined) patch.owner_id = input.ownerId ?? null;

  if (!(await updateContactRow(trx, id, input.version, patch))) throw staleVersion('contact', id);
  if (input.emails !== undefined) await replaceContactEmails(trx, id, emailRows(id, input.emails));
  await indexContacts(trx, [id]);
  const after = await loadContact(trx, id);
  const beforeSnapshot = contactAuditSnapshot(before);
  const afterSnapshot = contactAuditSnapshot(after);
  await recordAudit(trx, deps.clock, actor, {
    entityType: 'contact',
    entityId: id,
    before: beforeSnapshot,
    after: afterSnapshot,
  });
  // an import raises one `import.completed` for the whole file instead of an event per row
  const changed = isImport(actor) ? [] : changedFields(beforeSnapshot, afterSnapshot);
  if (changed.length) {
    await publish(trx, deps.clock, actor, 'contact.updated', {
      contactId: id,
      companyId: after.companyId,
      changed,
    });
  }
  return after;
}
