import type { SearchDocument } from '../../platform/search/search-index';

/**
 * How companies, contacts and deals are found: the search documents made from their rows. The
 * input shapes are the columns of the tables (snake_case), so a freshly built row (an import's
 * `newCompanyRow`, `newContactRow`, a deal row) can be passed as it is.
 */

export interface CompanySearchSource {
  id: string;
  name: string;
  legal_name: string | null;
  city: string | null;
  website: string | null;
  vat_id: string | null;
  /** JSON string array (the `companies.tags` column). */
  tags: string;
  owner_id: string | null;
  team_id: string | null;
}

export interface ContactSearchSource {
  id: string;
  first_name: string | null;
  last_name: string;
  position: string | null;
  /** JSON [{ address }] (the `contacts.emails` column). */
  emails: string;
  /** JSON [{ number }] (the `contacts.phones` column). */
  phones: string;
}

/** The company a contact or deal belongs to. A contact is visible to whom its company is. */
export interface CompanyOfRecord {
  id: string;
  name: string;
  owner_id: string | null;
  team_id: string | null;
}

export interface DealSearchSource {
  id: string;
  title: string;
  owner_id: string;
  team_id: string | null;
}

function parseJson<T>(text: string | null | undefined): T[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

/** "www.mueller-bau.de" without the scheme and "www", so "mueller" is its first word. */
function websiteWords(website: string | null): string | null {
  return website ? website.replace(/^[a-z]+:\/\//i, '').replace(/^www\./i, '') : null;
}

/** A VAT ID also without its country prefix ("DE123456789" → "123456789"), as people type it. */
function vatVariants(vatId: string | null): string[] {
  if (!vatId) return [];
  const compact = vatId.replace(/\s+/g, '');
  const digits = compact.replace(/^[A-Z]{2,3}/i, '');
  return digits && digits !== compact ? [compact, digits] : [compact];
}

/** Country codes whose national numbers start with 0 ("+49 711 …" is also dialled "0711 …"). */
const TRUNK_ZERO = ['49', '43', '41'];

/**
 * A phone number as typed in any of its usual forms: the words of it ("+49 711 1234" → 49, 711,
 * 1234), all its digits in one ("497111234") and the national form ("07111234").
 */
export function phoneVariants(number: string): string[] {
  const out = [number];
  const digits = number.replace(/\D/g, '');
  if (!digits) return out;
  out.push(digits);
  const international = number.trim().startsWith('+')
    ? digits
    : digits.startsWith('00')
      ? digits.slice(2)
      : null;
  const cc = international && TRUNK_ZERO.find((c) => international.startsWith(c));
  if (international && cc) out.push(`0${international.slice(cc.length)}`);
  return out;
}

export function companySearchDocument(c: CompanySearchSource): SearchDocument {
  return {
    type: 'company',
    id: c.id,
    title: c.name,
    subtitle: c.city,
    ownerId: c.owner_id,
    teamId: c.team_id,
    keywords: [
      c.legal_name,
      c.city,
      websiteWords(c.website),
      ...vatVariants(c.vat_id),
      ...parseJson<string>(c.tags).filter((t) => typeof t === 'string'),
    ],
  };
}

export function contactSearchDocument(c: ContactSearchSource, company: CompanyOfRecord): SearchDocument {
  const emails = parseJson<{ address?: unknown }>(c.emails).flatMap((e) =>
    typeof e?.address === 'string' ? [e.address] : [],
  );
  const phones = parseJson<{ number?: unknown }>(c.phones).flatMap((p) =>
    typeof p?.number === 'string' ? phoneVariants(p.number) : [],
  );
  return {
    type: 'contact',
    id: c.id,
    title: c.first_name ? `${c.first_name} ${c.last_name}` : c.last_name,
    subtitle: c.position,
    parent: { id: company.id, name: company.name },
    ownerId: company.owner_id,
    teamId: company.team_id,
    followsParent: true,
    keywords: [...emails, ...phones],
  };
}

export function dealSearchDocument(
  d: DealSearchSource,
  company: { id: string; name: string },
): SearchDocument {
  return {
    type: 'deal',
    id: d.id,
    title: d.title,
    parent: { id: company.id, name: company.name },
    ownerId: d.owner_id,
    teamId: d.team_id,
  };
}
