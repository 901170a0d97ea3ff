import type { DuplicateCandidate, DuplicateReason } from '../../../../contracts/companies';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { AppError, type FieldError } from '../../platform/http/errors';
import { userNames } from './companies.mappers';
import { filterVisibleCompanyIds } from './companies.repository';
import { findContactsByEmails } from './contacts.repository';
import {
  type CandidateRow,
  findCompaniesByContactEmailDomain,
  findCompaniesByNameKey,
  findCompaniesByNamePrefix,
  findCompaniesByVatId,
  findCompaniesByWebDomain,
} from './duplicate-candidates.repository';
import {
  companyNameKey,
  emailDomain,
  FREEMAIL_DOMAINS,
  nameSimilarity,
  SIMILAR_NAME_THRESHOLD,
} from './name-similarity';

/** 409 with the records that look like the one being created; the client may repeat with allowDuplicate. */
export class PossibleDuplicatesError extends AppError {
  constructor(
    code: string,
    message: string,
    readonly duplicates: DuplicateCandidate[],
    errors: FieldError[],
  ) {
    super('conflict', code, message, errors);
  }
}

/** What a new or edited company is compared by (all normalised). */
export interface CompanyProbe {
  name?: string | null | undefined;
  legalName?: string | null | undefined;
  vatId?: string | null | undefined;
  webDomain?: string | null | undefined;
  /** Domains of the e-mail addresses of its contacts (or of a contact being entered). */
  emailDomains?: readonly string[] | undefined;
  excludeId?: string | undefined;
}

const REASON_RANK: Record<DuplicateReason, number> = {
  vat_id: 0,
  email: 1,
  web_domain: 2,
  email_domain: 3,
  similar_name: 4,
};

/** How many same-bucket names are compared per key (the bucket is the first two characters). */
const NAME_CANDIDATE_LIMIT = 5000;

const companyDomains = (domains: ReadonlyArray<string | null | undefined>) => [
  ...new Set(domains.filter((d): d is string => !!d && !FREEMAIL_DOMAINS.has(d))),
];

/**
 * Live companies that may be the same as the probe: same VAT ID, same web domain, a contact e-mail
 * domain equal to the web domain (or the other way round), or a similar name. Includes companies the
 * actor cannot see (flagged `visible: false`), so nobody creates a second record of a colleague's customer.
 */
export async function findCompanyDuplicates(
  db: DbOrTx,
  actor: Actor,
  probe: CompanyProbe,
): Promise<DuplicateCandidate[]> {
  const found = new Map<string, { row: CandidateRow; reason: DuplicateReason; score: number }>();
  const add = (
    rows: CandidateRow[],
    reason: DuplicateReason,
    score: (r: CandidateRow) => number = () => 1,
  ) => {
    for (const row of rows) {
      const s = score(row);
      const prev = found.get(row.id);
      if (!prev || REASON_RANK[reason] < REASON_RANK[prev.reason])
        found.set(row.id, { row, reason, score: s });
    }
  };
  const exclude = probe.excludeId;

  if (probe.vatId) add(await findCompaniesByVatId(db, probe.vatId, exclude), 'vat_id');
  const webDomains = companyDomains([probe.webDomain]);
  const mailDomains = companyDomains(probe.emailDomains ?? []);
  if (webDomains.length) {
    add(await findCompaniesByWebDomain(db, webDomains, exclude), 'web_domain');
    add(await findCompaniesByContactEmailDomain(db, webDomains, exclude), 'email_domain');
  }
  if (mailDomains.length) {
    add(await findCompaniesByWebDomain(db, mailDomains, exclude), 'email_domain');
    add(await findCompaniesByContactEmailDomain(db, mailDomains, exclude), 'email_domain');
  }

  const keys = [
    ...new Set([probe.name, probe.legalName].filter((n): n is string => !!n).map(companyNameKey)),
  ].filter(Boolean);
  for (const key of keys) {
    add(await findCompaniesByNameKey(db, key, exclude), 'similar_name');
    const bucket = await findCompaniesByNamePrefix(db, key.slice(0, 2), NAME_CANDIDATE_LIMIT, exclude);
    const similar = bucket
      .map((row) => ({
        row,
        score: Math.max(
          nameSimilarity(key, row.name_key),
          row.legal_name_key ? nameSimilarity(key, row.legal_name_key) : 0,
        ),
      }))
      .filter((c) => c.score >= SIMILAR_NAME_THRESHOLD);
    for (const c of similar) {
      const prev = found.get(c.row.id);
      if (!prev || (prev.reason === 'similar_name' && prev.score < c.score)) {
        found.set(c.row.id, { row: c.row, reason: 'similar_name', score: Math.round(c.score * 1000) / 1000 });
      }
    }
  }
  return describe(db, actor, [...found.values()]);
}

async function describe(
  db: DbOrTx,
  actor: Actor,
  found: Array<{ row: CandidateRow; reason: DuplicateReason; score: number }>,
  companyIdOf: (row: CandidateRow) => string | null = () => null,
): Promise<DuplicateCandidate[]> {
  const visible = await filterVisibleCompanyIds(
    db,
    actor,
    found.map((f) => companyIdOf(f.row) ?? f.row.id),
  );
  const names = await userNames(
    db,
    found.map((f) => f.row.owner_id),
  );
  return found
    .sort(
      (a, b) =>
        REASON_RANK[a.reason] - REASON_RANK[b.reason] ||
        b.score - a.score ||
        a.row.name.localeCompare(b.row.name),
    )
    .map((f) => ({
      id: f.row.id,
      name: f.row.name,
      reason: f.reason,
      score: f.score,
      visible: visible.has(companyIdOf(f.row) ?? f.row.id),
      ownerName: f.row.owner_id ? (names.get(f.row.owner_id) ?? null) : null,
      companyId: companyIdOf(f.row),
    }));
}

/** Live contacts with one of the e-mail addresses. */
export async function findContactDuplicates(
  db: DbOrTx,
  actor: Actor,
  addresses: readonly string[],
  excludeId?: string,
): Promise<DuplicateCandidate[]> {
  const rows = await findContactsByEmails(db, addresses, excludeId);
  const byId = new Map<string, CandidateRow & { company_id: string }>();
  for (const r of rows) {
    byId.set(r.id, {
      id: r.id,
      name: r.first_name ? `${r.first_name} ${r.last_name}` : r.last_name,
      name_key: '',
      legal_name_key: null,
      owner_id: r.owner_id,
      team_id: null,
      company_id: r.company_id,
    });
  }
  const companyOf = new Map([...byId.values()].map((r) => [r.id, r.company_id]));
  return describe(
    db,
    actor,
    [...byId.values()].map((row) => ({ row, reason: 'email' as const, score: 1 })),
    (row) => companyOf.get(row.id) ?? null,
  );
}

const REASON_TEXT: Record<DuplicateReason, { path: string; text: string }> = {
  vat_id: { path: 'vatId', text: 'has the same VAT ID' },
  web_domain: { path: 'website', text: 'has the same website domain' },
  email_domain: { path: 'website', text: 'has contacts with e-mail addresses at this domain' },
  similar_name: { path: 'name', text: 'has a similar name' },
  email: { path: 'emails', text: 'has the same e-mail address' },
};

export function duplicatesError(entity: 'companies' | 'contacts', duplicates: DuplicateCandidate[]) {
  const what = entity === 'companies' ? 'company' : 'contact';
  const list = duplicates
    .slice(0, 3)
    .map((d) => `"${d.name}" (${REASON_TEXT[d.reason].text.replace(/^has /, '')})`)
    .join(', ');
  return new PossibleDuplicatesError(
    `${entity}.possible_duplicate`,
    `This ${what} may already exist: ${list}${duplicates.length > 3 ? ` and ${duplicates.length - 3} more` : ''}. Open the existing record, or create it anyway with allowDuplicate=true.`,
    duplicates,
    duplicates.map((d) => ({
      path: REASON_TEXT[d.reason].path,
      message: `"${d.name}" ${REASON_TEXT[d.reason].text}`,
    })),
  );
}

/** Domains of e-mail addresses that can say which company a person works for (no freemail). */
export function companyEmailDomains(addresses: readonly string[]): string[] {
  return companyDomains(addresses.map(emailDomain));
}
