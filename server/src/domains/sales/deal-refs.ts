import type { DealStatus } from '../../../../contracts/sales';
import type { DbOrTx } from '../../platform/db/database';
import { preparedQuery } from '../../platform/db/prepared-query';

/** What other domains show of a deal (a task about it): title, company, contact and who owns it. */
export interface DealRef {
  id: string;
  title: string;
  companyId: string;
  contactId: string | null;
  ownerId: string;
  teamId: string | null;
  status: DealStatus;
}

const REF_COLUMNS = ['id', 'title', 'company_id', 'contact_id', 'owner_id', 'team_id', 'status'] as const;

/** One deal (a task about a deal checks it; rules make them by the thousand): compiled once. */
const dealRefById = preparedQuery((db, p: { id: string }) =>
  db.selectFrom('deals').select(REF_COLUMNS).where('id', '=', p.id),
);

/** Several deals at once, keyed by id (ids that do not exist are missing from the map). */
export async function getDealRefs(db: DbOrTx, ids: readonly string[]): Promise<Map<string, DealRef>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows =
    unique.length === 1
      ? await dealRefById(db, { id: unique[0]! })
      : await db.selectFrom('deals').select(REF_COLUMNS).where('id', 'in', unique).execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        companyId: r.company_id,
        contactId: r.contact_id,
        ownerId: r.owner_id,
        teamId: r.team_id,
        status: r.status,
      },
    ]),
  );
}

/** Deal titles by id, for lists (ids that do not exist are missing from the map). */
export async function getDealTitles(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('deals').select(['id', 'title']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}
