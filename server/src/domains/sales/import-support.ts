import type { Actor } from '../../platform/actor';
import { auditEntryRow, recordAudits } from '../../platform/audit/audit';
import { insertRows } from '../../platform/db/bulk-insert';
import type { DbOrTx, Tx } from '../../platform/db/database';
import { uuidv7 } from '../../platform/ids';
import { dealSearchDocument, indexDocuments } from '../search';
import type { DealRow, DealRowBase, StageHistoryRow } from './deals.repository';
import type { StageRow } from './pipelines.repository';
import { dealAuditSnapshot } from './sales.mappers';

/*
 * What the CSV import (domains/imports) needs of sales: existing deals to compare rows with, and
 * new deals written in bulk — each with its first stage-history entry (from nothing, as
 * createDeal writes it, so the funnel counts imported deals), one audit entry and its search
 * document. The import raises one `import.completed` instead of a `deal.created` per deal.
 */

/** A deal as the import compares and updates it. */
export interface ImportDealMatch {
  id: string;
  company_id: string;
  title: string;
  version: number;
  has_lines: number;
  owner_id: string;
  team_id: string | null;
}

/** Deals of the companies (for duplicates: same company and title), any status. */
export async function findDealsOfCompaniesForImport(
  db: DbOrTx,
  companyIds: readonly string[],
): Promise<ImportDealMatch[]> {
  const out: ImportDealMatch[] = [];
  for (let i = 0; i < companyIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('deals')
        .select(['id', 'company_id', 'title', 'version', 'has_lines', 'owner_id', 'team_id'])
        .where('company_id', 'in', companyIds.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** A new deal of an import: its row (status open, no lines), the open stage it starts in, its company. */
export interface ImportedDeal {
  row: DealRowBase;
  stage: Pick<StageRow, 'name' | 'probability' | 'kind' | 'position'>;
  company: { id: string; name: string };
}

export async function insertImportedDeals(trx: Tx, at: string, actor: Actor, deals: readonly ImportedDeal[]) {
  if (deals.length === 0) return;
  await insertRows(
    trx,
    'deals',
    deals.map((d) => d.row),
  );
  await insertRows(
    trx,
    'deal_stage_history',
    deals.map(
      ({ row }): StageHistoryRow => ({
        id: uuidv7(),
        deal_id: row.id,
        pipeline_id: row.pipeline_id,
        from_stage_id: null,
        to_stage_id: row.stage_id,
        changed_by: actor.userId,
        changed_at: row.created_at,
        amount_cents: row.amount_cents,
        deal_created_at: row.created_at,
        first_entry: 1,
        advanced: 0,
        left_at: null,
        stay_seconds: null,
      }),
    ),
  );
  await recordAudits(
    trx,
    deals.map(({ row, stage }) => {
      const created: DealRow = {
        ...row,
        stage_name: stage.name,
        probability: stage.probability,
        stage_kind: stage.kind,
        stage_position: stage.position,
      };
      return auditEntryRow(at, actor, {
        entityType: 'deal',
        entityId: row.id,
        before: null,
        after: dealAuditSnapshot(created, []),
      });
    }),
  );
  await indexDocuments(
    trx,
    deals.map((d) => dealSearchDocument(d.row, d.company)),
  );
}
