import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { InvoiceDocumentQuery, SendInvoice, SendInvoiceResult } from '../../../../contracts/billing';
import { IdParams } from '../../../../contracts/common';
import type { AppContext } from '../../platform/context';
import { requirePermission } from '../../platform/http/auth';
import type { App } from '../../platform/http/types';
import {
  invoicePdf,
  invoiceXRechnung,
  invoiceZugferd,
  type RenderedDocument,
  sendInvoice,
} from './documents.service';

function sendDocument(reply: FastifyReply, doc: RenderedDocument, disposition: 'inline' | 'attachment') {
  return reply
    .header('cache-control', 'private, no-store')
    .header('content-disposition', `${disposition}; filename="${doc.filename}"`)
    .type(doc.contentType)
    .send(doc.body);
}

/** PDF, XRechnung and ZUGFeRD of an invoice, and sending it by e-mail. */
export function documentsRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/api/invoices/:id/pdf',
    {
      schema: {
        tags: ['invoices'],
        summary: 'The invoice or credit note as PDF (with GiroCode)',
        description:
          'A German invoice with the details §14 UStG requires, payment terms, bank details and an EPC QR code ("GiroCode") for the open amount with the invoice number as reference. A draft gives a preview marked ENTWURF, without number and GiroCode. `?download=true` answers as attachment.',
        params: IdParams,
        querystring: z.object({ download: z.stringbool().optional() }),
        response: { 200: z.any().describe('application/pdf') },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'invoices.read', 'see invoices');
      const doc = await invoicePdf(ctx, actor, request.params.id);
      return sendDocument(reply, doc, request.query.download ? 'attachment' : 'inline');
    },
  );

  app.get(
    '/api/invoices/:id/xrechnung',
    {
      schema: {
        tags: ['invoices'],
        summary: 'The issued invoice as XRechnung 3.0 (UBL or CII XML)',
        description:
          'Made with @e-invoice-eu/core. 409 for a draft, and when the billing settings or the invoice lack what XRechnung requires (seller e-mail and phone, buyer e-mail as electronic address); the message names what is missing.',
        params: IdParams,
        querystring: InvoiceDocumentQuery,
        response: { 200: z.string().describe('application/xml') },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'invoices.read', 'see invoices');
      const doc = await invoiceXRechnung(ctx, actor, request.params.id, request.query.syntax);
      return sendDocument(reply, doc, 'attachment');
    },
  );

  app.get(
    '/api/invoices/:id/zugferd',
    {
      schema: {
        tags: ['invoices'],
        summary: 'The issued invoice as ZUGFeRD / Factur-X PDF (EN 16931 profile)',
        description: 'The invoice PDF as PDF/A-3 with the CII XML embedded as factur-x.xml. 409 for a draft.',
        params: IdParams,
        response: { 200: z.any().describe('application/pdf') },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'invoices.read', 'see invoices');
      const doc = await invoiceZugferd(ctx, actor, request.params.id);
      return sendDocument(reply, doc, 'attachment');
    },
  );

  app.post(
    '/api/invoices/:id/send',
    {
      schema: {
        tags: ['invoices'],
        summary: 'E-mail the issued invoice with its PDF and XRechnung (UBL) attached',
        description:
          'Queues the mail (sent by the mail job through SMTP_URL; without it, it waits in the outbox). `to` defaults to the invoice’s buyer e-mail; `message` replaces the greeting line. Every call sends again. 409 for a draft.',
        params: IdParams,
        body: SendInvoice,
        response: { 202: SendInvoiceResult },
      },
    },
    async (request, reply) => {
      const actor = requirePermission(request, 'invoices.write', 'send invoices');
      return reply.status(202).send(await sendInvoice(ctx, actor, request.params.id, request.body));
    },
  );
}
