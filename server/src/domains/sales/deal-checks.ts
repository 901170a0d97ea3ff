import type { DealLineInput } from '../../../../contracts/sales';
import type { Actor } from '../../platform/actor';
import type { DbOrTx } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { getUserSummary } from '../identity';
import { findCompanyRef, findContactRef } from './company-links';
import { lineFigures, sumNetCents } from './deal-amounts';
import type { DealLineRow } from './deals.repository';
import { findStageById, type StageRow } from './pipelines.repository';

/**
 * What creating and changing a deal share (deals.service.ts): the checks of its company, contact,
 * owner and stage, each a 422 naming the field, and its lines made into rows with their total.
 */

export const unprocessable = (code: string, message: string, path: string, fieldMessage = message) =>
  new AppError('unprocessable', code, message, [{ path, message: fieldMessage }]);

/** The company exists, the actor may see it, and it was not merged away. */
export async function checkCompany(db: DbOrTx, companyId: string, actor: Actor): Promise<void> {
  const company = await findCompanyRef(db, companyId, actor);
  if (!company)
    throw unprocessable(
      'sales.unknown_company',
      `Company ${companyId} does not exist`,
      'companyId',
      'No such company',
    );
  if (company.mergedIntoId) {
    throw unprocessable(
      'sales.company_merged',
      `${company.name} was merged into another company; use that one`,
      'companyId',
      `Merged into ${company.mergedIntoId}`,
    );
  }
}

export async function checkContact(db: DbOrTx, contactId: string, companyId: string): Promise<void> {
  const contact = await findContactRef(db, contactId);
  if (!contact)
    throw unprocessable(
      'sales.unknown_contact',
      `Contact ${contactId} does not exist`,
      'contactId',
      'No such contact',
    );
  if (contact.mergedIntoId) {
    throw unprocessable(
      'sales.contact_merged',
      'The contact was merged into another one; use that one',
      'contactId',
      `Merged into ${contact.mergedIntoId}`,
    );
  }
  if (contact.companyId !== companyId) {
    throw unprocessable(
      'sales.contact_not_of_company',
      'The contact works for another company than the deal’s',
      'contactId',
      'Choose a contact of the deal’s company',
    );
  }
}

export async function checkOwner(db: DbOrTx, ownerId: string): Promise<void> {
  const owner = await getUserSummary(db, ownerId);
  if (!owner)
    throw unprocessable('sales.unknown_owner', `User ${ownerId} does not exist`, 'ownerId', 'No such user');
  if (!owner.active) {
    throw unprocessable(
      'sales.owner_inactive',
      `${owner.name} is deactivated`,
      'ownerId',
      'Choose an active user',
    );
  }
}

/** A stage of the pipeline (current, not removed). */
export async function stageOf(
  db: DbOrTx,
  pipelineId: string,
  stageId: string,
  field = 'stageId',
): Promise<StageRow> {
  const stage = await findStageById(db, stageId);
  if (!stage || stage.removed_at || stage.pipeline_id !== pipelineId) {
    throw unprocessable(
      'sales.unknown_stage',
      `Stage ${stageId} is not a stage of this pipeline`,
      field,
      'Choose a stage of the deal’s pipeline',
    );
  }
  return stage;
}

export function lineRows(dealId: string, lines: DealLineInput[]): DealLineRow[] {
  return lines.map((l, position) => {
    const f = lineFigures(l);
    return {
      id: uuidv7(),
      deal_id: dealId,
      position,
      product_id: l.productId ?? null,
      description: l.description.trim(),
      quantity_milli: f.quantityMilli,
      unit_price_cents: f.unitPriceCents,
      discount_bp: f.discountBp,
      vat_rate: f.vatRate,
      net_cents: f.netCents,
    };
  });
}

/** Deal amounts stay below 100 billion € (and exact as JavaScript numbers). */
const MAX_AMOUNT_CENTS = 10_000_000_000_000;

export function linesTotal(rows: DealLineRow[]): number {
  const total = sumNetCents(rows.map((r) => ({ netCents: r.net_cents })));
  if (total > MAX_AMOUNT_CENTS) {
    throw unprocessable('sales.amount_too_large', 'The lines add up to more than 100 billion €', 'lines');
  }
  return total;
}

export const amountFromLines = () =>
  unprocessable(
    'sales.amount_from_lines',
    'The amount of a deal with lines is the sum of its lines; change the lines instead',
    'amountCents',
    'Computed from the lines',
  );
