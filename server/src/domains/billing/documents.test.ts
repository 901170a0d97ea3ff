import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invoice, SendInvoiceResult } from '../../../../contracts/billing';
import { CreateCompany } from '../../../../contracts/companies';
import { systemActor } from '../../platform/actor';
import { runJob } from '../../platform/jobs/run-job';
import { createUserAndLogin, type TestSession } from '../../testing/auth-helpers';
import { createTestApp, type TestApp } from '../../testing/test-app';
import { DIALECTS } from '../../testing/test-db';
import { createCompany } from '../companies';
import { MIXED_LINES } from './documents.test-fixtures';

/** A real SMTP server on 127.0.0.1 that keeps the raw messages it receives. */
async function startSmtp() {
  const received: { to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}?from=rechnung%40muster-software.de`,
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

describe.each(DIALECTS)('invoice documents (%s)', (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let admin: TestSession;
  let sales: TestSession;
  let otherSales: TestSession;
  let issued: Invoice;
  let draft: Invoice;

  const call = (s: TestSession, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    smtp = await startSmtp();
    t = await createTestApp(dialect, { config: { smtpUrl: smtp.url } });
    admin = await createUserAndLogin(t, { role: 'admin' });
    sales = await createUserAndLogin(t, { role: 'sales' });
    otherSales = await createUserAndLogin(t, { role: 'sales' });
    const settings = await call(admin, 'GET', '/api/billing/settings');
    const patched = await call(admin, 'PATCH', '/api/billing/settings', {
      version: settings.json().version,
      sellerName: 'Muster Software GmbH',
      street: 'Hauptstraße 1',
      postalCode: '10115',
      city: 'Berlin',
      vatId: 'DE123456789',
      taxNumber: '30/123/45678',
      iban: 'DE02120300000000202051',
      bic: 'BYLADEM1001',
      email: 'rechnung@muster-software.de',
      phone: '+49 30 1234567',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const company = await createCompany(
      t.ctx,
      systemActor('test'),
      CreateCompany.parse({ name: 'Alpen Handel GmbH', roles: ['customer'], ownerId: sales.user.id }),
      { allowDuplicate: true },
    );
    const body = {
      companyId: company.id,
      buyer: {
        name: 'Alpen Handel GmbH',
        street: 'Ringstraße 5',
        postalCode: '1010',
        city: 'Wien',
        country: 'AT',
      },
      buyerVatId: 'ATU12345678',
      buyerEmail: 'einkauf@alpen-handel.at',
      servicePeriodStart: '2026-11-01',
      servicePeriodEnd: '2026-11-30',
      lines: MIXED_LINES,
    };
    const created = await call(sales, 'POST', '/api/invoices', body);
    expect(created.statusCode, created.body).toBe(201);
    const issue = await call(admin, 'POST', `/api/invoices/${created.json().id}/issue`, {
      version: created.json().version,
    });
    expect(issue.statusCode, issue.body).toBe(200);
    issued = issue.json();
    const draftRes = await call(sales, 'POST', '/api/invoices', body);
    draft = draftRes.json();
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('serves the PDF of an issued invoice, the same bytes on every download', async () => {
    const res = await call(sales, 'GET', `/api/invoices/${issued.id}/pdf?download=true`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${issued.number}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.toString('latin1')).toContain(`(Rechnung ${issued.number})`);
    const again = await call(admin, 'GET', `/api/invoices/${issued.id}/pdf`);
    expect(again.headers['content-disposition']).toBe(`inline; filename="${issued.number}.pdf"`);
    expect(again.rawPayload.equals(res.rawPayload)).toBe(true);
  });

  it('serves XRechnung in UBL and CII with the invoice’s number and totals', async () => {
    const ubl = await call(sales, 'GET', `/api/invoices/${issued.id}/xrechnung`);
    expect(ubl.statusCode, ubl.body).toBe(200);
    expect(ubl.headers['content-type']).toContain('application/xml');
    expect(ubl.headers['content-disposition']).toBe(`attachment; filename="${issued.number}.xml"`);
    const u = parser.parse(ubl.body).Invoice;
    expect(u.CustomizationID).toBe('urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0');
    expect(u.ID).toBe(issued.number);
    expect(u.IssueDate).toBe(issued.issueDate);
    expect(u.DueDate).toBe(issued.dueDate);
    expect(u.BuyerReference).toBe(issued.number); // no Leitweg-ID given: BR-DE-15 fallback
    expect(u.LegalMonetaryTotal.PayableAmount).toBe((issued.grossCents / 100).toFixed(2));
    expect(u.LegalMonetaryTotal.LineExtensionAmount).toBe((issued.netCents / 100).toFixed(2));

    const cii = await call(sales, 'GET', `/api/invoices/${issued.id}/xrechnung?syntax=cii`);
    expect(cii.statusCode, cii.body).toBe(200);
    const c = parser.parse(cii.body).CrossIndustryInvoice;
    expect(c.ExchangedDocument.ID).toBe(issued.number);
    expect(
      c.SupplyChainTradeTransaction.ApplicableHeaderTradeSettlement
        .SpecifiedTradeSettlementHeaderMonetarySummation.GrandTotalAmount,
    ).toBe((issued.grossCents / 100).toFixed(2));

    const bad = await call(sales, 'GET', `/api/invoices/${issued.id}/xrechnung?syntax=edifact`);
    expect(bad.statusCode).toBe(400);
  });

  it('serves the ZUGFeRD PDF with factur-x.xml inside', async () => {
    const res = await call(sales, 'GET', `/api/invoices/${issued.id}/zugferd`);
    expect(res.statusCode, res.body).toBe(200);
    const bytes = res.rawPayload.toString('latin1');
    expect(bytes.startsWith('%PDF-')).toBe(true);
    expect(bytes).toContain('factur-x.xml');
  });

  it('gives a draft a preview PDF but no e-invoice (409)', async () => {
    const pdf = await call(sales, 'GET', `/api/invoices/${draft.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.toString('latin1')).toContain('(Rechnung \\(Entwurf\\))');
    for (const url of [`/api/invoices/${draft.id}/xrechnung`, `/api/invoices/${draft.id}/zugferd`]) {
      const res = await call(sales, 'GET', url);
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ status: 409, detail: expect.stringContaining('issue it first') });
    }
    const send = await call(sales, 'POST', `/api/invoices/${draft.id}/send`, {});
    expect(send.statusCode).toBe(409);
  });

  it('shows documents only to who may see the invoice', async () => {
    const res = await call(otherSales, 'GET', `/api/invoices/${issued.id}/pdf`);
    expect(res.statusCode).toBe(404);
    const xml = await call(otherSales, 'GET', `/api/invoices/${issued.id}/xrechnung`);
    expect(xml.statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'GET', url: `/api/invoices/${issued.id}/pdf` });
    expect(anon.statusCode).toBe(401);
  });

  it('e-mails the invoice with the PDF and the XRechnung attached', async () => {
    const res = await call(sales, 'POST', `/api/invoices/${issued.id}/send`, {
      message: 'Guten Tag Frau Berger,',
    });
    expect(res.statusCode, res.body).toBe(202);
    const result = res.json<SendInvoiceResult>();
    expect(result).toMatchObject({
      to: 'einkauf@alpen-handel.at',
      subject: `Rechnung ${issued.number} von Muster Software GmbH`,
      attachments: [`${issued.number}.pdf`, `${issued.number}.xml`],
    });
    const stored = await t.ctx.db
      .selectFrom('mail_attachments')
      .select(['filename', 'content_type'])
      .where('mail_id', '=', result.mailId)
      .orderBy('position')
      .execute();
    expect(stored).toEqual([
      { filename: `${issued.number}.pdf`, content_type: 'application/pdf' },
      { filename: `${issued.number}.xml`, content_type: 'application/xml' },
    ]);

    const run = await runJob(t.ctx, 'platform.send-mail');
    expect(run.summary).toBe('1 sent, 0 to retry, 0 failed');
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['einkauf@alpen-handel.at']);
    expect(mail.raw).toContain(`filename=${issued.number}.pdf`);
    expect(mail.raw).toContain(`filename=${issued.number}.xml`);
    expect(mail.raw).toContain('Content-Type: application/pdf');
    // The attachment is the invoice's PDF, byte for byte.
    const pdf = await call(sales, 'GET', `/api/invoices/${issued.id}/pdf`);
    const base64 = pdf.rawPayload.toString('base64');
    expect(mail.raw.replace(/\r?\n/g, '')).toContain(base64.slice(0, 200));

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity_id', 'action'])
      .where('entity_type', '=', 'invoice')
      .where('entity_id', '=', issued.id)
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('lists the document routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json<{ paths: object }>().paths)).toEqual(
      expect.arrayContaining([
        '/api/invoices/{id}/pdf',
        '/api/invoices/{id}/xrechnung',
        '/api/invoices/{id}/zugferd',
        '/api/invoices/{id}/send',
      ]),
    );
  });

  it('rejects a recipient that is not an e-mail address', async () => {
    const res = await call(sales, 'POST', `/api/invoices/${issued.id}/send`, { to: 'not-an-address' });
    expect(res.statusCode).toBe(400);
  });

  it('writes the cancellation as a credit note (381) that references the invoice', async () => {
    const current = (await call(sales, 'GET', `/api/invoices/${issued.id}`)).json<Invoice>();
    const cancel = await call(admin, 'POST', `/api/invoices/${issued.id}/cancel`, {
      version: current.version,
      reason: 'Falscher Leistungszeitraum',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const creditNote = cancel.json<{ creditNote: Invoice }>().creditNote;
    const xml = await call(sales, 'GET', `/api/invoices/${creditNote.id}/xrechnung`);
    expect(xml.statusCode, xml.body).toBe(200);
    const doc = parser.parse(xml.body).CreditNote;
    expect(doc.CreditNoteTypeCode).toBe('381');
    expect(doc.ID).toBe(creditNote.number);
    expect(doc.BillingReference.InvoiceDocumentReference).toEqual({
      ID: issued.number,
      IssueDate: issued.issueDate,
    });
    const pdf = await call(sales, 'GET', `/api/invoices/${creditNote.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.toString('latin1')).toContain(`(Stornorechnung ${creditNote.number})`);
  });
});
