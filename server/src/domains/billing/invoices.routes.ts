import { z } from 'zod';
import {
  BillingSettings,
  CancelInvoice,
  CancelInvoiceResult,
  CreateInvoice,
  DeleteInvoiceQuery,
  Invoice,
  InvoiceList,
  InvoiceListQuery,
  IssueInvoice,
  PaymentList,
  RecordPayment,
  RecordPaymentResult,
  UpdateBillingSettings,
  UpdateInvoice,
} from '../../../../contracts/billing';
import { IdParams, Problem } from '../../../../contracts/common';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import { createInvoice, deleteInvoice, updateInvoice } from './invoices.drafts';
import { invoiceDeal } from './invoices.from-deal';
import { cancelInvoice, issueInvoice } from './invoices.issue';
import { getInvoice, listInvoices } from './invoices.service';
import { listPaymentsOfInvoice, recordPayment } from './payments.service';
import { getSettings, updateSettings } from './settings.service';

export function invoicesRoutes(app: App, ctx: AppContext) {
  app.get(
    '/api/invoices',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Invoices and credit notes the caller may see',
        description:
          'Sales see the invoices of their own deals and companies, managers their teams’, admins and accounting all. `overdue=true`: issued, not fully paid, due before today (company time zone). Sorting by number or a date lists only invoices that have one (not drafts).',
        querystring: InvoiceListQuery,
        response: { 200: InvoiceList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'invoices.read', 'see invoices');
      return listInvoices(ctx, actor, request.query);
    },
  );

  app.post(
    '/api/invoices',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Draft an invoice by hand',
        description:
          'The buyer (name, address, VAT ID) is copied from the company unless given; payment days default to the company’s payment terms. Totals follow EN 16931: each line net rounded to the cent, VAT per category and rate on the sum of the line nets.',
        body: CreateInvoice,
        response: { 201: Invoice, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'invoices.write', 'draft invoices');
      return reply.status(201).send(await createInvoice(ctx, actor, request.body));
    },
  );

  app.get(
    '/api/invoices/:id',
    {
      schema: {
        tags: ['invoices'],
        summary: 'One invoice with its lines and VAT breakdown',
        params: IdParams,
        response: { 200: Invoice },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'invoices.read', 'see invoices');
      return getInvoice(ctx, actor, request.params.id);
    },
  );

  app.patch(
    '/api/invoices/:id',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Edit a draft',
        description:
          '`lines` replaces all lines. Issued invoices are immutable (409 `billing.invoice_immutable`): cancel them with a credit note.',
        params: IdParams,
        body: UpdateInvoice,
        response: { 200: Invoice, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'invoices.write', 'edit invoices');
      return updateInvoice(ctx, actor, request.params.id, request.body);
    },
  );

  app.delete(
    '/api/invoices/:id',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Delete a draft',
        description: 'Only drafts; send the `version` as query parameter to guard against a concurrent edit.',
        params: IdParams,
        querystring: DeleteInvoiceQuery,
        response: { 204: z.null().describe('Deleted'), 409: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'invoices.write', 'delete invoices');
      await deleteInvoice(ctx, actor, request.params.id, request.query.version);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/invoices/:id/issue',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Issue a draft: number, issue and due date',
        description:
          'Assigns the next gapless number of the yearly series (format from the billing settings, e.g. RE-2026-00001), the issue date (default today) and the due date (issue date + payment days), and raises `invoice.issued`. 422 `billing.seller_incomplete` names what the billing settings still lack.',
        params: IdParams,
        body: IssueInvoice,
        response: { 200: Invoice, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'invoices.issue', 'issue invoices');
      return issueInvoice(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/invoices/:id/cancel',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Cancel an issued invoice by a credit note',
        description:
          'Issues a credit note (own series, e.g. GS-2026-00001) with the same lines that references the invoice; the invoice becomes `cancelled` with open amount 0. Credit notes carry positive amounts: their kind makes them a credit. Raises `invoice.issued` (credit note) and `invoice.cancelled`.',
        params: IdParams,
        body: CancelInvoice,
        response: { 200: CancelInvoiceResult, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'invoices.issue', 'cancel invoices');
      return cancelInvoice(ctx, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/deals/:id/invoice',
    {
      schema: {
        tags: ['invoices'],
        summary: 'Draft the invoice of a won deal',
        description:
          'Lines from the deal’s lines, or one line with the deal’s title and amount. One deal, one invoice: when the deal has one already, it is returned with 200 (201 when made now).',
        params: IdParams,
        response: { 200: Invoice, 201: Invoice, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'invoices.write', 'invoice deals');
      const { invoice, created } = await invoiceDeal(ctx, actor, request.params.id);
      return reply.status(created ? 201 : 200).send(invoice);
    },
  );

  // ─── payments ───────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/invoices/:id/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'The payments of an invoice',
        params: IdParams,
        response: { 200: PaymentList },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'invoices.read', 'see invoices');
      return listPaymentsOfInvoice(ctx, actor, request.params.id);
    },
  );

  app.post(
    '/api/invoices/:id/payments',
    {
      schema: {
        tags: ['payments'],
        summary: 'Record a payment by hand',
        description:
          'At most the open amount (422 `billing.overpayment`). When the open amount reaches 0 the invoice is paid and `invoice.paid` is raised.',
        params: IdParams,
        body: RecordPayment,
        response: { 201: RecordPaymentResult, 422: Problem },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'payments.write', 'record payments');
      return reply.status(201).send(await recordPayment(ctx, actor, request.params.id, request.body));
    },
  );

  // ─── settings ───────────────────────────────────────────────────────────────────────────────────
  app.get(
    '/api/billing/settings',
    {
      schema: {
        tags: ['billing'],
        summary: 'The seller data and billing rules',
        response: { 200: BillingSettings },
      },
    },
    async (request) => {
      requirePermission(request, 'invoices.read', 'see the billing settings');
      return getSettings(ctx);
    },
  );

  app.patch(
    '/api/billing/settings',
    {
      schema: {
        tags: ['billing'],
        summary: 'Change the seller data and billing rules',
        description: 'IBAN and BIC are checked (ibantools), the VAT ID by its country’s format.',
        body: UpdateBillingSettings,
        response: { 200: BillingSettings, 409: Problem, 422: Problem },
      },
    },
    async (request) => {
      const actor = requirePermission(request, 'billing.settings', 'change the billing settings');
      return updateSettings(ctx, actor, request.body);
    },
  );
}
