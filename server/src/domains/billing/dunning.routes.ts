import { z } from 'zod';
import { Invoice } from '../../../../contracts/billing';
import { IdParams, Problem } from '../../../../contracts/common';
import {
  DunningNoticeList,
  DunningSettings,
  SetDunningBlock,
  UpdateDunningSettings,
} from '../../../../contracts/dunning';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import {
  dunningNoticePdf,
  getDunningSettings,
  listNoticesOfInvoice,
  setDunningBlock,
  updateDunningSettings,
} from './dunning.service';

/** Dunning: settings and schedule, the notices of an invoice, their letters, the dunning block. */
export function dunningRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/billing/dunning-settings',
    {
      schema: {
        tags: ['dunning'],
        summary: 'The dunning schedule, default interest and letter texts',
        description:
          'Four levels (payment reminder, 1st and 2nd dunning notice, final notice), each reached a number of days after the due date, with a new payment deadline, an optional fee, default interest and the €40 lump sum. Interest per §288 BGB: simple interest on the open amount from the day after the due date at the base rate (§247 BGB) + 9 points (business buyer) or + 5 points (consumer), never below 0 — one base rate for the whole period: a change of the base rate on 1 January / 1 July is not split.',
        response: { 200: DunningSettings },
      },
    },
    async (request) => {
      requirePermission(request, 'invoices.read', 'see the dunning settings');
      return getDunningSettings(ctx);
    },
  );

  app.patch(
    '/api/billing/dunning-settings',
    {
      schema: {
        tags: ['dunning'],
        summary: 'Change the dunning schedule, base rate and letter texts',
        description:
          '`levels` replaces all four levels (in order; days after due strictly increasing, else 422 naming the field). `baseRatePercent` is the Basiszinssatz in percent (two decimals, may be negative). Off (`enabled: false`): the due sweep still marks invoices overdue but writes no notices. Stale `version` → 409.',
        body: UpdateDunningSettings,
        response: { 200: DunningSettings, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'billing.settings', 'change the dunning settings');
      return updateDunningSettings(ctx, actor, request.body);
    },
  );

  app.get(
    '/api/invoices/:id/dunning-notices',
    {
      schema: {
        tags: ['dunning'],
        summary: 'The dunning notices of an invoice (level 1 first)',
        description:
          'Written by the due sweep, one per level; amounts frozen on the notice date. `feeCents` are the fees of this and earlier notices; the lump sum appears on every notice from the first that charges it, but counts once.',
        params: IdParams,
        response: { 200: DunningNoticeList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'invoices.read', 'see invoices');
      return listNoticesOfInvoice(ctx, actor, request.params.id);
    },
  );

  app.get(
    '/api/dunning-notices/:id/pdf',
    {
      schema: {
        tags: ['dunning'],
        summary: 'The dunning letter as PDF (with GiroCode for the total)',
        description:
          'Rendered from the stored notice: seller letterhead, buyer address, date, level as subject, letter text, the invoice, open amount, fees, interest (rate, days), lump sum, total, new payment deadline, bank details and a GiroCode for the total with the invoice number as reference. The same notice and the same seller settings give the same bytes (the letterhead and bank details come from the current settings). `?download=true` answers as attachment.',
        params: IdParams,
        querystring: z.object({ download: z.stringbool().optional() }),
        response: { 200: z.any().describe('application/pdf') },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'invoices.read', 'see invoices');
      const doc = await dunningNoticePdf(ctx, actor, request.params.id);
      return reply
        .header('cache-control', 'private, no-store')
        .header(
          'content-disposition',
          `${request.query.download ? 'attachment' : 'inline'}; filename="${doc.filename}"`,
        )
        .type(doc.contentType)
        .send(doc.body);
    },
  );

  app.post(
    '/api/invoices/:id/dunning-block',
    {
      schema: {
        tags: ['dunning'],
        summary: 'Stop or resume dunning an invoice (Mahnsperre)',
        description:
          'A blocked invoice still counts as overdue (and keeps its collection task) but the due sweep writes no further notices until the block is lifted. Only issued, unpaid invoices can be blocked (409 otherwise). Carries the invoice’s `version`.',
        params: IdParams,
        body: SetDunningBlock,
        response: { 200: Invoice, 409: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'invoices.issue', 'block dunning');
      return setDunningBlock(ctx, actor, request.params.id, request.body);
    },
  );
}
