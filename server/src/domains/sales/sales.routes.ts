import { IdParams } from '../../../../contracts/common';
import {
  Board,
  BoardQuery,
  CreateDeal,
  CreateLostReason,
  CreatePipeline,
  DealDetail,
  DealList,
  DealListQuery,
  LoseDeal,
  LostReason,
  LostReasonList,
  Pipeline,
  PipelineList,
  ReopenDeal,
  UpdateDeal,
  UpdatePipeline,
  WinDeal,
} from '../../../../contracts/sales';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { getBoard } from './board.service';
import { loseDeal, reopenDeal, winDeal } from './close-deal.service';
import { createDeal, getDeal, listDeals, updateDeal } from './deals.service';
import { createLostReason, listLostReasons } from './lost-reasons.service';
import { createPipeline, getPipeline, listPipelines, updatePipeline } from './pipelines.service';

export function salesRoutes(app: App, ctx: AppContext) {
  // ─── pipelines ──────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/pipelines',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'Pipelines with their stages (default first)',
        description:
          'Every installation starts with the default pipeline "Vertrieb" (Lead 10 % → Qualifiziert 25 % → Angebot 50 % → Verhandlung 75 % → Gewonnen / Verloren), created by the database migration.',
        response: { 200: PipelineList },
      },
    },
    async (request) => {
      requirePermission(request, 'deals.read', 'see pipelines');
      return listPipelines(ctx);
    },
  );

  app.post(
    '/api/pipelines',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'Create a pipeline with its stages',
        description:
          'Stages in order: at least one open stage, then exactly one won stage (100 %), then exactly one lost stage (0 %).',
        body: CreatePipeline,
        response: { 201: Pipeline },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'pipelines.manage', 'manage pipelines');
      return reply.status(201).send(await createPipeline(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/pipelines/:id',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'One pipeline with its stages',
        params: IdParams,
        response: { 200: Pipeline },
      },
    },
    async (request) => {
      requirePermission(request, 'deals.read', 'see pipelines');
      return getPipeline(ctx, request.params.id);
    },
  );

  app.patch(
    '/api/pipelines/:id',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'Rename a pipeline, make it the default, or edit its stages',
        description:
          '`stages` is the complete new list: stages with `id` are kept (renamed, reordered, new probability), without are added, left out are removed. Removing a stage that still holds deals (or changing its kind) is a 409 naming how many deals to move first.',
        params: IdParams,
        body: UpdatePipeline,
        response: { 200: Pipeline },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'pipelines.manage', 'manage pipelines');
      return updatePipeline(ctx, actor, request.params.id, request.body);
    },
  );

  // ─── lost reasons ───────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/lost-reasons',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'The lost reasons to choose from',
        response: { 200: LostReasonList },
      },
    },
    async (request) => {
      requirePermission(request, 'deals.read', 'see lost reasons');
      return listLostReasons(ctx);
    },
  );

  app.post(
    '/api/lost-reasons',
    {
      schema: {
        tags: ['pipelines'],
        summary: 'Add a lost reason',
        body: CreateLostReason,
        response: { 201: LostReason },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'pipelines.manage', 'manage lost reasons');
      return reply.status(201).send(await createLostReason(ctx, actor, request.body));
    },
  );

  // ─── deals ──────────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/deals',
    {
      schema: {
        tags: ['deals'],
        summary: 'Deals you may see, filtered and sorted',
        description:
          '`q` searches the title. `sort`: title, amount, expectedCloseDate, createdAt, updatedAt (`-` for descending).',
        querystring: DealListQuery,
        response: { 200: DealList },
      },
      // The board's hot path: `toDeal` builds each item with exactly the contract's fields, so the
      // answer is written as is instead of parsed field by field against `DealList` (which took
      // about a fifth of the request's CPU for a page of 50). The schema still documents it.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => {
      const actor = requirePermission(request, 'deals.read', 'see deals');
      return listDeals(ctx, actor, request.query);
    },
  );

  app.get(
    '/api/deals/board',
    {
      schema: {
        tags: ['deals'],
        summary: 'The Kanban board of a pipeline: per stage count, sum, weighted sum and the first deals',
        querystring: BoardQuery,
        response: { 200: Board },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'deals.read', 'see deals');
      return getBoard(ctx, actor, request.query);
    },
  );

  app.post(
    '/api/deals',
    {
      schema: {
        tags: ['deals'],
        summary: 'Create a deal',
        description:
          'With `lines` the amount is their sum (each line net = quantity × unit price × (1 − discount), rounded to the cent); without, give `amountCents`.',
        body: CreateDeal,
        response: { 201: DealDetail },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'deals.write', 'create deals');
      return reply.status(201).send(await createDeal(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/deals/:id',
    {
      schema: {
        tags: ['deals'],
        summary: 'One deal with its lines and stage history',
        params: IdParams,
        response: { 200: DealDetail },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'deals.read', 'see deals');
      return getDeal(ctx, actor, request.params.id);
    },
  );

  app.patch(
    '/api/deals/:id',
    {
      schema: {
        tags: ['deals'],
        summary: 'Change a deal, or move it to another stage',
        description:
          'A new `stageId` is recorded in the stage history and raises `deal.stage_changed`; into the won stage it wins the deal, into the lost stage it needs `lostReason` (or `lostReasonId`) — otherwise 422.',
        params: IdParams,
        body: UpdateDeal,
        response: { 200: DealDetail },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'deals.write', 'change deals');
      return updateDeal(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/deals/:id/win',
    {
      schema: {
        tags: ['deals'],
        summary: 'Win a deal (moves it into the won stage, raises deal.won)',
        params: IdParams,
        body: WinDeal,
        response: { 200: DealDetail },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'deals.write', 'change deals');
      return winDeal(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/deals/:id/lose',
    {
      schema: {
        tags: ['deals'],
        summary: 'Lose a deal with a reason (moves it into the lost stage, raises deal.lost)',
        description: '`reason` is required unless `reasonId` names one of the lost reasons.',
        params: IdParams,
        body: LoseDeal,
        response: { 200: DealDetail },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'deals.write', 'change deals');
      return loseDeal(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/deals/:id/reopen',
    {
      schema: {
        tags: ['deals'],
        summary: 'Open a won or lost deal again (raises deal.reopened)',
        description: 'Into `stageId`, or the open stage the deal was in before it was closed.',
        params: IdParams,
        body: ReopenDeal,
        response: { 200: DealDetail },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'deals.write', 'change deals');
      return reopenDeal(ctx, actor, request.params.id, request.body);
    },
  );
}
