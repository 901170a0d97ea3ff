import type { Company } from '../../../../contracts/companies';
import { COMPANY_ROLES } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { publish } from '../../platform/events/publish';
import { AppError, staleVersion } from '../../platform/http/errors';
import { indexCompanyMerge } from '../search';
import type { CompaniesDeps } from './access';
import { companyAuditSnapshot, contactAuditSnapshot, roleColumns } from './companies.mappers';
import {
  type CompaniesTable,
  moveCompanyNotes,
  replaceCompanyTags,
  repointMergedCompanies,
  updateCompany,
} from './companies.repository';
import { loadCompany, mergedAway } from './companies.service';
import { listContactsOfCompany, moveContacts } from './contacts.repository';
import { loadContact } from './contacts.service';
import { companyNameKey } from './name-similarity';

/** Fields taken over from the duplicate where the surviving company has none. */
const FILLABLE: Array<[keyof Company, keyof CompaniesTable]> = [
  ['legalName', 'legal_name'],
  ['industry', 'industry'],
  ['segmentId', 'segment_id'],
  ['employees', 'employees'],
  ['revenueBand', 'revenue_band'],
  ['vatId', 'vat_id'],
  ['iban', 'iban'],
  ['bic', 'bic'],
  ['ownerId', 'owner_id'],
  ['teamId', 'team_id'],
  ['notes', 'notes'],
];

/**
 * Merges the duplicate `sourceId` into `targetId`: empty target fields are filled from the source
 * (the address as a whole), roles and tags are united, the source's contacts and notes move to the
 * target, and the source is kept, hidden, with `mergedIntoId` (records merged into the source now
 * point to the target). Both records get an audit entry; `company.merged` lets other domains
 * re-point their links. One transaction.
 */
export async function mergeCompanies(
  deps: CompaniesDeps,
  actor: Actor,
  targetId: string,
  input: { sourceId: string; version: number },
): Promise<Company> {
  if (input.sourceId === targetId) {
    throw new AppError('unprocessable', 'companies.merge_self', 'A company cannot be merged into itself', [
      { path: 'sourceId', message: 'Choose another company' },
    ]);
  }
  return deps.db.transaction().execute(async (trx) => {
    const target = await loadCompany(trx, targetId, actor);
    const source = await loadCompany(trx, input.sourceId, actor);
    if (target.mergedIntoId) throw mergedAway('company', targetId, target.mergedIntoId);
    if (source.mergedIntoId) {
      throw new AppError(
        'conflict',
        'companies.already_merged',
        `${source.name} was already merged into ${source.mergedIntoId}`,
        [{ path: 'sourceId', message: 'Already merged' }],
      );
    }
    if (target.version !== input.version) throw staleVersion('company', targetId);
    const now = deps.clock.now().toISOString();

    const patch: Partial<CompaniesTable> = { updated_at: now };
    for (const [field, column] of FILLABLE) {
      if (target[field] === null && source[field] !== null) {
        (patch as Record<string, unknown>)[column] = source[field];
      }
    }
    if (patch.legal_name) patch.legal_name_key = companyNameKey(patch.legal_name);
    if (!target.website && source.website) {
      patch.website = source.website;
      patch.web_domain = source.webDomain;
    }
    if (!target.street && !target.postalCode && !target.city) {
      Object.assign(patch, {
        street: source.street,
        postal_code: source.postalCode,
        city: source.city,
        country: source.country,
      });
    }
    Object.assign(
      patch,
      roleColumns(COMPANY_ROLES.filter((r) => target.roles.includes(r) || source.roles.includes(r))),
    );
    const tags = [...new Set([...target.tags, ...source.tags])];
    patch.tags = JSON.stringify(tags);
    if (!(await updateCompany(trx, targetId, input.version, patch))) throw staleVersion('company', targetId);
    await replaceCompanyTags(trx, targetId, tags);

    // Contacts and notes follow the company; each moved contact's history says so.
    const contacts = await listContactsOfCompany(trx, source.id);
    await moveContacts(trx, source.id, targetId, now);
    for (const c of contacts) {
      const moved = await loadContact(trx, c.id);
      await recordAudit(trx, deps.clock, actor, {
        entityType: 'contact',
        entityId: c.id,
        before: contactAuditSnapshot({ ...moved, companyId: source.id }),
        after: contactAuditSnapshot(moved),
      });
    }
    await moveCompanyNotes(trx, source.id, targetId);

    if (
      !(await updateCompany(trx, source.id, source.version, {
        merged_into_id: targetId,
        merged_at: now,
        updated_at: now,
      }))
    ) {
      throw staleVersion('company', source.id);
    }
    await repointMergedCompanies(trx, source.id, targetId);
    await indexCompanyMerge(trx, source.id, targetId);

    const after = await loadCompany(trx, targetId);
    const sourceAfter = await loadCompany(trx, source.id);
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'company',
      entityId: targetId,
      before: { ...companyAuditSnapshot(target), mergedFrom: null },
      after: {
        ...companyAuditSnapshot(after),
        mergedFrom: { id: source.id, name: source.name, contacts: contacts.length },
      },
    });
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'company',
      entityId: source.id,
      before: companyAuditSnapshot(source),
      after: companyAuditSnapshot(sourceAfter),
    });
    await publish(trx, deps.clock, actor, 'company.merged', { targetId, sourceId: source.id });
    return after;
  });
}
