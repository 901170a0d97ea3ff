import type { z } from 'zod';
import type { Invoice, SendInvoice, SendInvoiceResult } from '../../../../contracts/billing';
import type { Actor } from '../../platform/actor';
import { recordAudit } from '../../platform/audit/audit';
import { AppError } from '../../platform/http/errors';
import { queueMail } from '../../platform/mail/queue-mail';
import { type EInvoiceSyntax, renderXRechnung, renderZugferd } from './e-invoice';
import { documentTitle, formatDate, formatEuro, invoiceFileName, renderInvoicePdf } from './invoice-pdf';
import { getInvoice, loadInvoiceRow } from './invoices.service';
import { getBillingSettings } from './settings.repository';
import type { BillingDeps } from './settings.service';

/**
 * The documents of an invoice: PDF, XRechnung XML, ZUGFeRD PDF, and sending them by e-mail.
 * Documents are rendered on request from the stored (immutable) invoice, so the same invoice
 * always gives the same documents. Drafts have a preview PDF ("ENTWURF", no number, no GiroCode);
 * e-invoices and e-mail exist only for issued invoices and credit notes.
 */

export interface RenderedDocument {
  filename: string;
  contentType: string;
  body: Buffer | string;
}

async function sourceOf(deps: BillingDeps, actor: Actor, id: string) {
  const invoice = await getInvoice(deps, actor, id);
  const seller = await getBillingSettings(deps.db);
  let corrects: { number: string | null; issueDate: string | null } | null = null;
  if (invoice.correctsInvoiceId) {
    // The corrected invoice's number and date belong on the credit note, whoever may see that one.
    const row = await loadInvoiceRow(deps.db, invoice.correctsInvoiceId);
    corrects = { number: row.number, issueDate: row.issue_date };
  }
  return { invoice, seller, corrects };
}

function requireIssued(invoice: Invoice, what: string) {
  if (invoice.status === 'draft' || !invoice.number) {
    throw new AppError(
      'conflict',
      'billing.invoice_not_issued',
      `${what} exists only for issued invoices; invoice ${invoice.id} is a draft — issue it first`,
    );
  }
}

/** PDF creation date: the issue instant (same bytes on every download), now for a draft preview. */
function createdAt(deps: BillingDeps, invoice: Invoice): Date {
  return invoice.issuedAt ? new Date(invoice.issuedAt) : deps.clock.now();
}

export async function invoicePdf(deps: BillingDeps, actor: Actor, id: string): Promise<RenderedDocument> {
  const { invoice, seller, corrects } = await sourceOf(deps, actor, id);
  return {
    filename: invoiceFileName(invoice, 'pdf'),
    contentType: 'application/pdf',
    body: await renderInvoicePdf(invoice, seller, { corrects, createdAt: createdAt(deps, invoice) }),
  };
}

export async function invoiceXRechnung(
  deps: BillingDeps,
  actor: Actor,
  id: string,
  syntax: EInvoiceSyntax,
): Promise<RenderedDocument> {
  const { invoice, seller, corrects } = await sourceOf(deps, actor, id);
  requireIssued(invoice, 'An XRechnung');
  return {
    filename: invoiceFileName(invoice, 'xml'),
    contentType: 'application/xml; charset=utf-8',
    body: await renderXRechnung(invoice, seller, syntax, { corrects }),
  };
}

export async function invoiceZugferd(deps: BillingDeps, actor: Actor, id: string): Promise<RenderedDocument> {
  const { invoice, seller, corrects } = await sourceOf(deps, actor, id);
  requireIssued(invoice, 'A ZUGFeRD invoice');
  const pdf = await renderInvoicePdf(invoice, seller, { corrects, createdAt: createdAt(deps, invoice) });
  return {
    filename: invoiceFileName(invoice, 'pdf'),
    contentType: 'application/pdf',
    body: await renderZugferd(invoice, seller, pdf, { corrects }),
  };
}

function mailText(invoice: Invoice, sellerName: string, message: string | undefined): string {
  const title = documentTitle(invoice);
  const parts = [
    message?.trim() || 'Sehr geehrte Damen und Herren,',
    '',
    `anbei erhalten Sie unsere ${title} ${invoice.number} vom ${formatDate(invoice.issueDate)} über ${formatEuro(
      invoice.kind === 'credit_note' ? -invoice.grossCents : invoice.grossCents,
    )} als PDF und als elektronische Rechnung (XRechnung, XML).`,
  ];
  if (invoice.kind === 'invoice' && invoice.dueDate) {
    parts.push(
      '',
      `Bitte überweisen Sie den Betrag bis zum ${formatDate(invoice.dueDate)} unter Angabe der Rechnungsnummer ${invoice.number}.`,
    );
  }
  parts.push('', 'Mit freundlichen Grüßen', sellerName);
  return parts.join('\n');
}

/**
 * Queues an e-mail to the buyer (or `to`) with the PDF and the XRechnung (UBL) attached. The mail
 * and an audit entry are written in one transaction; the mail job sends it (SMTP_URL), otherwise it
 * waits in the outbox. Every call queues a new mail (sending again is allowed).
 */
export async function sendInvoice(
  deps: BillingDeps,
  actor: Actor,
  id: string,
  input: z.infer<typeof SendInvoice>,
): Promise<SendInvoiceResult> {
  const { invoice, seller, corrects } = await sourceOf(deps, actor, id);
  requireIssued(invoice, 'Sending by e-mail');
  const to = input.to ?? invoice.buyerEmail;
  if (!to) {
    throw new AppError(
      'unprocessable',
      'billing.no_recipient',
      'The invoice has no buyer e-mail: give the address to send it to',
      [{ path: 'to', message: 'Give the address to send the invoice to' }],
    );
  }
  const pdf = await renderInvoicePdf(invoice, seller, { corrects, createdAt: createdAt(deps, invoice) });
  const xml = await renderXRechnung(invoice, seller, 'ubl', { corrects }).catch((err: unknown) => {
    if (err instanceof AppError) {
      throw new AppError(
        err.kind,
        err.code,
        `The invoice cannot be sent with its XRechnung: ${err.message}`,
        err.errors,
      );
    }
    throw err;
  });
  const attachments = [
    { filename: invoiceFileName(invoice, 'pdf'), contentType: 'application/pdf', content: pdf },
    { filename: invoiceFileName(invoice, 'xml'), contentType: 'application/xml', content: xml },
  ];
  const subject = `${documentTitle(invoice)} ${invoice.number} von ${seller.sellerName}`;
  const mailId = await deps.db.transaction().execute(async (trx) => {
    const mailId = await queueMail(trx, deps.clock, {
      to,
      subject,
      text: mailText(invoice, seller.sellerName, input.message),
      attachments,
    });
    await recordAudit(trx, deps.clock, actor, {
      entityType: 'invoice',
      entityId: invoice.id,
      label: invoice.number ?? undefined,
      before: { sentTo: null },
      after: { sentTo: to, attachments: attachments.map((a) => a.filename).join(', ') },
    });
    return mailId;
  });
  return { mailId, to, subject, attachments: attachments.map((a) => a.filename) };
}
