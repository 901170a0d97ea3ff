import type { Contact } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { fromBool } from '../../platform/db/database';
import { publish } from '../../platform/events/publish';
import { AppError, staleVersion } from '../../platform/http/errors';
import { indexContactMerge } from '../search';
import type { CompaniesDeps } from './access';
import { contactAuditSnapshot } from './companies.mappers';
import { mergedAway } from './companies.service';
import {
  type ContactsTable,
  replaceContactEmails,
  repointMergedContacts,
  updateContact,
} from './contacts.repository';
import { emailRows, loadContact } from './contacts.service';

/**
 * Merges the duplicate contact `sourceId` into `targetId`: empty fields are filled, e-mail addresses
 * and phone numbers united (the target's primary address stays primary), and an opt-out of either
 * wins over consent. The source is kept, hidden, with `mergedIntoId`; both get an audit entry and
 * `contact.merged` lets other domains re-point their links. One transaction.
 */
export async function mergeContacts(
  deps: CompaniesDeps,
  actor: Actor,
  targetId: string,
  input: { sourceId: string; version: number },
): Promise<Contact> {
  if (input.sourceId === targetId) {
    throw new AppError('unprocessable', 'contacts.merge_self', 'A contact cannot be merged into itself', [
      { path: 'sourceId', message: 'Choose another contact' },
    ]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const target = await loadContact(trx, targetId, actor);
    const source = await loadContact(trx, input.sourceId, actor);
    if (target.mergedIntoId) throw mergedAway('contact', targetId, target.mergedIntoId);
    if (source.mergedIntoId) {
      throw new AppError(
        'conflict',
        'contacts.already_merged',
        `${source.name} was already merged into ${source.mergedIntoId}`,
        [{ path: 'sourceId', message: 'Already merged' }],
      );
    }
    if (target.version !== input.version) throw staleVersion('contact', targetId);
    const now = deps.clock.now().toISOString();

    const emails = [...target.emails];
    for (const e of source.emails) if (!emails.some((x) => x.address === e.address)) emails.push(e);
    const phones = [...target.phones];
    for (const p of source.phones) if (!phones.some((x) => x.number === p.number)) phones.push(p);
    const optOut = target.optOut || source.optOut;
    const emailConsent = !optOut && (target.emailConsent || source.emailConsent);
    const consentAt = emailConsent ? (target.emailConsent ? target.consentAt : source.consentAt) : null;
    const patch: Partial<ContactsTable> = {
      first_name: target.firstName ?? source.firstName,
      position: target.position ?? source.position,
      notes: target.notes ?? source.notes,
      owner_id: target.ownerId ?? source.ownerId,
      emails: JSON.stringify(emails),
      primary_email: emails[0]?.address ?? null,
      phones: JSON.stringify(phones),
      email_consent: fromBool(emailConsent),
      consent_at: consentAt,
      opt_out: fromBool(optOut),
      updated_at: now,
    };
    if (!(await updateContact(trx, targetId, input.version, patch))) throw staleVersion('contact', targetId);
    await replaceContactEmails(trx, targetId, emailRows(targetId, emails));
    if (
      !(await updateContact(trx, source.id, source.version, {
        merged_into_id: targetId,
        merged_at: now,
        updated_at: now,
      }))
    ) {
      throw staleVersion('contact', source.id);
    }
    await repointMergedContacts(trx, source.id, targetId);
    await indexContactMerge(trx, source.id, targetId);

    const after = await loadContact(trx, targetId);
    const sourceAfter = await loadContact(trx, source.id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'contact',
      entityId: targetId,
      before: { ...contactAuditSnapshot(target), mergedFrom: null },
      after: { ...contactAuditSnapshot(after), mergedFrom: { id: source.id, name: source.name } },
    });
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'contact',
      entityId: source.id,
      before: contactAuditSnapshot(source),
      after: contactAuditSnapshot(sourceAfter),
    });
    await publish(trx, deps.clock, actor, 'contact.merged', { targetId, sourceId: source.id });
    return after;
  });
}
