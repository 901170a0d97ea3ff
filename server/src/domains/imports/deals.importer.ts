import type { z } from 'zod';
import { CreateDeal, type Deal, type Pipeline, type Stage } from '../../../../contracts/sales';
import { parseEuroCents } from '../../platform/csv/locale-numbers';
import type { Db } from '../../platform/db/database';
import { AppError } from '../../platform/http/errors';
import { uuidv7 } from '../../platform/ids';
import { findContactsByImportEmails } from '../companies';
import {
  changeDeal,
  type DealChange,
  findDealsOfCompaniesForImport,
  getDealDetail,
  type ImportedDeal,
  insertImportedDeals,
  listPipelines,
} from '../sales';
import { parseDate, sourceOf } from './cells';
import { companyLinker } from './company-links';
import {
  type Decision,
  type EntityImporter,
  ownerLookup,
  type PlanEntry,
  type Reason,
  type RowCells,
  type RunContext,
  reason,
  reasonsFromZod,
  resolveOwner,
  type WriteResult,
} from './importer';
import { sameValue } from './merge-values';

const NO_COMPANY_YET = '00000000-0000-7000-8000-000000000000';

type DealInput = z.output<typeof CreateDeal>;

export interface DealItem {
  input: DealInput;
  present: string[];
  companyId?: string;
  companyName?: string;
  contactEmail?: string;
  ownerEmail?: string;
  pipelineName?: string;
  stageName?: string;
  company?: { id: string; name: string };
  teamId?: string | null;
  stage?: Stage & { pipelineId: string };
}

const titleKey = (companyId: string, title: string) => `${companyId}:${title.trim().toLowerCase()}`;

export function dealsImporter(ctx: RunContext): EntityImporter<DealItem> {
  const owners = ownerLookup(ctx.db);
  const companies = companyLinker(ctx);
  const inFile = new Map<string, number>();
  const updatedBy = new Map<string, number>();
  let pipelines: Pipeline[] | null = null;

  function parse(cells: RowCells): { item?: DealItem; reasons: Reason[] } {
    const raw: Record<string, unknown> = {};
    const reasons: Reason[] = [];
    const present: string[] = [];
    raw.title = cells.get('title'); // '' gets the schema's own message
    const companyId = cells.get('companyId');
    const companyName = cells.get('companyName');
    raw.companyId = companyId || NO_COMPANY_YET;
    if (!companyId && !companyName) {
      reasons.push(
        reason(ctx, cells.has('companyName') ? 'companyName' : 'companyId', 'Name the company of the deal'),
      );
    }
    const close = cells.get('expectedCloseDate');
    if (close) {
      const d = parseDate(close);
      if ('error' in d) reasons.push(reason(ctx, 'expectedCloseDate', d.error));
      else {
        raw.expectedCloseDate = d.value;
        present.push('expectedCloseDate');
      }
    } else {
      reasons.push(reason(ctx, 'expectedCloseDate', 'Enter the expected close date (e.g. 31.12.2026)'));
    }
    const amount = cells.get('amount');
    if (amount) {
      const n = parseEuroCents(amount, ctx.decimal);
      if ('error' in n) reasons.push(reason(ctx, 'amount', n.error));
      else {
        raw.amountCents = n.cents;
        present.push('amountCents');
      }
    }
    const source = cells.get('source');
    if (source) {
      raw.source = sourceOf(source);
      present.push('source');
    }
    const checked = CreateDeal.safeParse(raw);
    if (!checked.success) {
      const skip = new Set<string>(['expectedCloseDate']);
      if (!companyId) skip.add('companyId');
      reasons.push(...reasonsFromZod(checked.error, ctx, { amountCents: 'amount' }, skip));
    }
    if (reasons.length || !checked.success) return { reasons };
    const item: DealItem = { input: checked.data, present };
    if (companyId) item.companyId = companyId;
    else item.companyName = companyName;
    const contact = cells.get('contactEmail');
    if (contact) {
      item.contactEmail = contact.toLowerCase();
      present.push('contactId');
    }
    const owner = cells.get('ownerEmail');
    if (owner) {
      item.ownerEmail = owner;
      present.push('ownerId');
    }
    const pipeline = cells.get('pipeline');
    if (pipeline) item.pipelineName = pipeline;
    const stage = cells.get('stage');
    if (stage) item.stageName = stage;
    if (pipeline || stage) present.push('stageId');
    return { item, reasons };
  }

  const live = (p: Pipeline) => p.stages;
  const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

  /** The stage a row's deal starts in: named in the row, else the start option, else the default pipeline's first. */
  function stageOf(
    item: DealItem,
    all: Pipeline[],
  ): { stage: Stage & { pipelineId: string } } | { reason: Reason } {
    let pipeline: Pipeline | undefined;
    let fallback: Stage | undefined;
    if (ctx.options.stageId) {
      pipeline = all.find((p) => live(p).some((s) => s.id === ctx.options.stageId));
      fallback = pipeline?.stages.find((s) => s.id === ctx.options.stageId);
    }
    if (item.pipelineName) {
      pipeline = all.find((p) => sameName(p.name, item.pipelineName!));
      if (!pipeline)
        return { reason: reason(ctx, 'pipeline', `There is no pipeline "${item.pipelineName}"`) };
      if (fallback && !pipeline.stages.includes(fallback)) fallback = undefined;
    }
    pipeline ??= all.find((p) => p.isDefault) ?? all[0];
    if (!pipeline) return { reason: reason(ctx, 'stage', 'There is no pipeline; create one first') };
    let stage = fallback ?? pipeline.stages[0];
    if (item.stageName) {
      stage = pipeline.stages.find((s) => sameName(s.name, item.stageName!));
      if (!stage) {
        return {
          reason: reason(
            ctx,
            'stage',
            `"${item.stageName}" is not a stage of ${pipeline.name}; its stages are ${pipeline.stages.map((s) => s.name).join(', ')}`,
          ),
        };
      }
    }
    if (stage?.kind !== 'open') {
      return {
        reason: reason(
          ctx,
          'stage',
          `Imported deals start in an open stage; "${stage?.name}" is ${stage?.kind}. Win or lose them afterwards`,
        ),
      };
    }
    return { stage: { ...stage, pipelineId: pipeline.id } };
  }

  async function resolve(batch: ReadonlyArray<{ row: number; item: DealItem }>) {
    pipelines ??= (await listPipelines({ db: ctx.db, clock: ctx.clock })).items;
    await companies.load(batch.map((b) => b.item));
    const emails = [...new Set(batch.map((b) => b.item.contactEmail).filter((e): e is string => !!e))];
    const contacts = emails.length ? await findContactsByImportEmails(ctx.db, emails) : [];
    const decisions: Array<Decision<DealItem> | null> = [];
    const open: Array<{ index: number; row: number; item: DealItem }> = [];
    for (const [index, { row, item }] of batch.entries()) {
      const reasons: Reason[] = [];
      const link = companies.find(item);
      if ('reason' in link) reasons.push(link.reason);
      else {
        item.company = { id: link.company.id, name: link.company.name };
        item.input.companyId = link.company.id;
      }
      if (item.contactEmail && item.company) {
        const contact = contacts.find(
          (c) => c.address === item.contactEmail && c.company_id === item.company!.id,
        );
        if (!contact) {
          reasons.push(
            reason(
              ctx,
              'contactEmail',
              `${item.company.name} has no contact with the e-mail address ${item.contactEmail}`,
            ),
          );
        } else item.input.contactId = contact.id;
      }
      const owner = await resolveOwner(ctx, owners, item.ownerEmail);
      if ('reason' in owner) reasons.push(owner.reason);
      else if (!owner.ownerId) reasons.push(reason(ctx, 'ownerEmail', 'Name the owner of the deal'));
      else {
        item.input.ownerId = owner.ownerId;
        item.teamId = await owners.defaultTeam(owner.ownerId);
      }
      const stage = stageOf(item, pipelines);
      if ('reason' in stage) reasons.push(stage.reason);
      else item.stage = stage.stage;
      if (ctx.mode !== 'create' && !reasons.length) {
        const key = titleKey(item.input.companyId, item.input.title);
        const first = inFile.get(key);
        if (first !== undefined) {
          reasons.push(reason(ctx, 'title', `Row ${first} has a deal with this title for the same company`));
        } else inFile.set(key, row);
      }
      decisions.push(reasons.length ? { kind: 'reject', reasons } : null);
      if (!reasons.length) open.push({ index, row, item });
    }
    const existing =
      ctx.mode === 'create'
        ? []
        : await findDealsOfCompaniesForImport(ctx.db, [...new Set(open.map((o) => o.item.input.companyId))]);
    const byKey = new Map(existing.map((d) => [titleKey(d.company_id, d.title), d]));
    for (const o of open) {
      const match = byKey.get(titleKey(o.item.input.companyId, o.item.input.title));
      if (!match) {
        decisions[o.index] = { kind: 'create', item: o.item };
        continue;
      }
      const why = `${o.item.company?.name} already has the deal "${match.title}"`;
      if (ctx.mode === 'skip') {
        decisions[o.index] = { kind: 'skip', reason: reason(ctx, 'title', why), matchedId: match.id };
      } else if (updatedBy.has(match.id)) {
        decisions[o.index] = {
          kind: 'skip',
          reason: reason(ctx, 'title', `${why}; row ${updatedBy.get(match.id)} updated it already`),
          matchedId: match.id,
        };
      } else {
        updatedBy.set(match.id, o.row);
        decisions[o.index] = { kind: 'update', targetId: match.id, item: o.item };
      }
    }
    return decisions as Array<Decision<DealItem>>;
  }

  /** The row's fields that differ from the deal (the amount only of deals without lines). */
  function changeOf(current: Deal, item: DealItem): DealChange | null {
    const input = item.input;
    const patch: Partial<DealChange> = {};
    for (const field of item.present) {
      if (field === 'amountCents' && !current.hasLines && current.amountCents !== input.amountCents) {
        patch.amountCents = input.amountCents;
      }
      if (field === 'expectedCloseDate' && current.expectedCloseDate !== input.expectedCloseDate) {
        patch.expectedCloseDate = input.expectedCloseDate;
      }
      if (field === 'source' && current.source !== input.source) patch.source = input.source;
      if (field === 'contactId' && !sameValue(current.contactId, input.contactId))
        patch.contactId = input.contactId;
      if (field === 'ownerId' && input.ownerId && current.ownerId !== input.ownerId) {
        patch.ownerId = input.ownerId;
        if (item.teamId !== undefined) patch.teamId = item.teamId;
      }
      if (field === 'stageId' && item.stage && current.stageId !== item.stage.id) {
        patch.stageId = item.stage.id;
        if (current.pipelineId !== item.stage.pipelineId) patch.pipelineId = item.stage.pipelineId;
      }
    }
    if (Object.keys(patch).length === 0) return null;
    return { version: current.version, ...patch };
  }

  async function write(
    trx: Parameters<EntityImporter<DealItem>['write']>[0],
    at: string,
    batch: ReadonlyArray<PlanEntry<DealItem>>,
  ) {
    const result: WriteResult = { created: 0, updated: 0, skipped: [] };
    const deals: ImportedDeal[] = [];
    for (const e of batch) {
      const { input, stage, company } = e.item;
      if (e.kind !== 'create' || !stage || !company || !input.ownerId) continue;
      deals.push({
        row: {
          id: uuidv7(),
          title: input.title.trim(),
          company_id: company.id,
          contact_id: input.contactId ?? null,
          owner_id: input.ownerId,
          team_id: e.item.teamId ?? null,
          source: input.source,
          expected_close_date: input.expectedCloseDate,
          currency: 'EUR',
          pipeline_id: stage.pipelineId,
          stage_id: stage.id,
          status: 'open',
          amount_cents: input.amountCents ?? 0,
          has_lines: 0,
          stage_entered_at: at,
          won_at: null,
          lost_at: null,
          closed_at: null,
          lost_reason: null,
          lost_reason_id: null,
          created_by: ctx.actor.userId,
          created_at: at,
          updated_at: at,
          version: 1,
        },
        stage,
        company,
      });
    }
    await insertImportedDeals(trx, at, ctx.actor, deals);
    result.created = deals.length;
    const deps = { db: trx as unknown as Db, clock: ctx.clock };
    for (const e of batch) {
      if (e.kind !== 'update' || !e.targetId) continue;
      try {
        const current = await getDealDetail(trx, e.targetId);
        const change = current ? changeOf(current, e.item) : null;
        if (!current || !change) {
          result.skipped.push({
            row: e.row,
            reason: reason(ctx, 'row', `"${current?.title ?? e.item.input.title}" already has these values`),
            matchedId: e.targetId,
          });
          continue;
        }
        await changeDeal(trx, deps, ctx.actor, e.targetId, change);
        result.updated++;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        result.skipped.push({ row: e.row, reason: reason(ctx, 'row', err.message), matchedId: e.targetId });
      }
    }
    return result;
  }

  return { parse, resolve, write };
}
