import { DealStatus, UpdateDeal } from '../../../../contracts/sales';
import type { Db } from '../../platform/db/database';
import { AppError, notFound } from '../../platform/http/errors';
import { projection, type RecordTypeDef, registerRecordType } from '../automation';
import { mailRecipientOf } from '../companies';
import { getTeamNames } from '../identity';
import {
  type DealForRules,
  findDealsForRules,
  findOpenDealIdsClosingOn,
  findPipelinesForRules,
  findRecentDealIds,
  findStagesForRules,
} from './automation.repository';
import { findDeal } from './deals.repository';
import { changeDeal } from './deals.service';

/**
 * What the sales domain offers the automation engine (see automation/registry.ts): record type
 * `deal` and the related-only `stage` and `pipeline`. A deal's probability is its stage's: rules
 * change it by moving the deal (not an update_field), so it is not updatable here.
 */

type Deal = Partial<DealForRules>;

/** The deal's fields for rules, each made of its columns (loaded only when a rule reads them). */
const DEAL_FIELDS = projection<Deal>(
  {
    id: { columns: ['id'], value: (r) => r.id, sql: 'text' },
    title: { columns: ['title'], value: (r) => r.title, sql: 'text' },
    amountCents: { columns: ['amount_cents'], value: (r) => Number(r.amount_cents), sql: 'integer' },
    currency: { columns: ['currency'], value: (r) => r.currency, sql: 'text' },
    pipelineId: { columns: ['pipeline_id'], value: (r) => r.pipeline_id, sql: 'text' },
    stageId: { columns: ['stage_id'], value: (r) => r.stage_id, sql: 'text' },
    stageName: { columns: ['stage_name'], value: (r) => r.stage_name },
    probability: { columns: ['probability'], value: (r) => Number(r.probability) },
    status: { columns: ['status'], value: (r) => r.status, sql: 'text' },
    ownerId: { columns: ['owner_id'], value: (r) => r.owner_id, sql: 'text' },
    teamId: { columns: ['team_id'], value: (r) => r.team_id, sql: 'text' },
    companyId: { columns: ['company_id'], value: (r) => r.company_id, sql: 'text' },
    contactId: { columns: ['contact_id'], value: (r) => r.contact_id, sql: 'text' },
    source: { columns: ['source'], value: (r) => r.source, sql: 'text' },
    expectedCloseDate: { columns: ['expected_close_date'], value: (r) => r.expected_close_date, sql: 'text' },
    stageEnteredAt: { columns: ['stage_entered_at'], value: (r) => r.stage_entered_at, sql: 'text' },
    wonAt: { columns: ['won_at'], value: (r) => r.won_at, sql: 'text' },
    lostAt: { columns: ['lost_at'], value: (r) => r.lost_at, sql: 'text' },
    lostReason: { columns: ['lost_reason'], value: (r) => r.lost_reason, sql: 'text' },
    createdAt: { columns: ['created_at'], value: (r) => r.created_at, sql: 'text' },
    updatedAt: { columns: ['updated_at'], value: (r) => r.updated_at, sql: 'text' },
  },
  // the id, and the title the engine labels runs with
  ['id', 'title'],
);

/** Fields a rule may set, through the same change the API's PATCH /api/deals/:id makes. */
const UPDATABLE = new Set(['ownerId', 'teamId', 'expectedCloseDate', 'title']);

const invalid = (code: string, field: string, message: string) =>
  new AppError('unprocessable', code, `${field}: ${message}`, [{ path: field, message }]);

export const dealRecordType: RecordTypeDef = {
  type: 'deal',
  fields: [
    { name: 'title', type: 'string', updatable: true },
    { name: 'amountCents', type: 'money' },
    { name: 'currency', type: 'string' },
    { name: 'pipelineId', type: 'pipeline' },
    { name: 'stageId', type: 'stage' },
    { name: 'stageName', type: 'string' },
    { name: 'probability', type: 'number' },
    { name: 'status', type: 'enum', options: [...DealStatus.options] },
    { name: 'ownerId', type: 'user', updatable: true },
    { name: 'teamId', type: 'team', updatable: true },
    { name: 'companyId', type: 'company' },
    { name: 'contactId', type: 'string' },
    { name: 'source', type: 'string' },
    { name: 'expectedCloseDate', type: 'date', updatable: true },
    { name: 'stageEnteredAt', type: 'string' },
    { name: 'lostReason', type: 'string' },
    { name: 'createdAt', type: 'string' },
  ],
  related: [
    { name: 'company', type: 'company', via: 'companyId' },
    { name: 'contact', type: 'contact', via: 'contactId' },
    { name: 'owner', type: 'user', via: 'ownerId' },
    { name: 'team', type: 'team', via: 'teamId' },
    { name: 'stage', type: 'stage', via: 'stageId' },
    { name: 'pipeline', type: 'pipeline', via: 'pipelineId' },
  ],
  ownerField: 'ownerId',
  teamField: 'teamId',
  async load(db, ids, hint) {
    const fields = DEAL_FIELDS.fields(hint);
    const rows = await findDealsForRules(db, ids, DEAL_FIELDS.columns(fields));
    return new Map(rows.map((r) => [r.id as string, DEAL_FIELDS.values(fields, r)]));
  },
  label: (v) => String(v.title ?? ''),
  sql: { table: 'deals', column: DEAL_FIELDS.sqlColumn },
  /** The deal's contact when mailable, else the first mailable contact of its company. */
  contact: (db, v) =>
    mailRecipientOf(db, {
      contactId: typeof v.contactId === 'string' ? v.contactId : null,
      companyId: typeof v.companyId === 'string' ? v.companyId : null,
    }),
  /** Only `expectedCloseDate`, and only open deals: a won or lost deal closes no more. */
  findByDate(db, field, date, after, limit) {
    if (field !== 'expectedCloseDate') return Promise.resolve([]);
    return findOpenDealIdsClosingOn(db, date, after, limit);
  },
  recent: findRecentDealIds,
  async update(ctx, id, field, value) {
    if (!UPDATABLE.has(field)) {
      throw invalid('automation.field_not_updatable', field, `Rules cannot change deal.${field}`);
    }
    const row = await findDeal(ctx.trx, id);
    if (!row) throw notFound('deal', id);
    const parsed = UpdateDeal.safeParse({ version: row.version, [field]: value });
    if (!parsed.success) {
      throw invalid('sales.invalid_value', field, parsed.error.issues[0]?.message ?? 'Invalid value');
    }
    // the API's change leaves team ids unchecked (the form offers existing teams only); a rule's
    // value was typed or templated, so it is checked here
    if (field === 'teamId' && typeof value === 'string') {
      if (!(await getTeamNames(ctx.trx, [value])).has(value)) {
        throw invalid('sales.unknown_team', field, `Team ${value} does not exist`);
      }
    }
    // changeDeal works in the given transaction; `db` is not used for writes there
    const deps = { db: ctx.trx as unknown as Db, clock: ctx.clock };
    await changeDeal(ctx.trx, deps, ctx.actor, id, parsed.data, row);
  },
};

export const stageRecordType: RecordTypeDef = {
  type: 'stage',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'probability', type: 'number' },
    { name: 'pipelineId', type: 'pipeline' },
    { name: 'kind', type: 'enum', options: [...DealStatus.options] },
    { name: 'position', type: 'number' },
  ],
  related: [{ name: 'pipeline', type: 'pipeline', via: 'pipelineId' }],
  async load(db, ids) {
    const rows = await findStagesForRules(db, ids);
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: r.name,
          probability: Number(r.probability),
          pipelineId: r.pipeline_id,
          kind: r.kind,
          position: Number(r.position),
        },
      ]),
    );
  },
  label: (v) => String(v.name ?? ''),
};

export const pipelineRecordType: RecordTypeDef = {
  type: 'pipeline',
  fields: [
    { name: 'name', type: 'string' },
    { name: 'isDefault', type: 'boolean' },
  ],
  async load(db, ids) {
    const rows = await findPipelinesForRules(db, ids);
    return new Map(
      rows.map((r) => [r.id, { id: r.id, name: r.name, isDefault: Number(r.is_default) === 1 }]),
    );
  },
  label: (v) => String(v.name ?? ''),
};

registerRecordType(dealRecordType);
registerRecordType(stageRecordType);
registerRecordType(pipelineRecordType);
