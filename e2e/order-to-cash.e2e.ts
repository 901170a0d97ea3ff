import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, callApi, runJob } from './support/api';
import { type Browser, launchBrowser } from './support/browser';
import { camt053 } from './support/camt053';
import { addDays, berlinToday } from './support/dates';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import {
  DEMO_ADMIN,
  digits,
  downloadInvoiceDocument,
  login,
  need,
  RESULTS,
  runId,
  snapshot,
  stepper,
  text,
} from './support/ui';

/**
 * Issue 5's "Done when", as one journey a new user makes: the sales admin wins a deal on its page
 * and invoices it in one click, issues the invoice and downloads the PDF, the XRechnung (UBL and
 * CII) and the ZUGFeRD PDF; the due sweep runs as of the day after the due date and the collection
 * task appears for "Vertrieb & Inkasso" on the collections page; the accountant uploads a CAMT.053
 * statement whose credit names the invoice — the invoice is paid, the task closed, the invoice gone
 * from the collections page.
 */

const id = runId();
const COMPANY = `E2E Kunde ${id} GmbH`;
const DEAL = `E2E Großauftrag ${id}`;
/** 4 × 312,50 € = 1.250,00 € net, + 19 % = 237,50 € → 1.487,50 € gross. */
const LINE = { description: `Inbetriebnahme ${id}`, quantity: 4, unitPriceCents: 31_250, vatRate: 19 };
const GROSS_CENTS = 148_750;
const DEMO_ACCOUNTING = { email: 'accounting@kontor.demo', password: 'kontor-demo-accounting' };
const TEAM = 'Vertrieb & Inkasso';
const PAYER_IBAN = 'DE02120300000000202051';

interface Invoice {
  id: string;
  version: number;
  status: string;
  number: string | null;
  dueDate: string | null;
  openCents: number;
}
interface Task {
  id: string;
  status: string;
  teamName: string | null;
}

describe.each(E2E_DIALECTS)('order to cash, start to end (%s)', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser | undefined;
  const step = stepper(() => server);
  const state: { dealId?: string; invoice?: Invoice; taskId?: string; sellerIban?: string } = {};

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('win, invoice, documents, due sweep → collection task, bank statement → paid and closed', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    await login(page, url, DEMO_ADMIN);

    await step(page, 'an open deal of a new customer (API); no grace days', async () => {
      const settings = await callApi<{ version: number; iban: string }>(page, 'GET', '/billing/settings');
      // the demo seller is complete; overdue the day after the due date; the one-click invoice is tested
      await callApi(page, 'PATCH', '/billing/settings', {
        version: settings.version,
        graceDays: 0,
        autoInvoiceOnWon: false,
      });
      state.sellerIban = settings.iban;
      const company = await callApi<{ id: string }>(page, 'POST', '/companies', {
        name: COMPANY,
        roles: ['customer'],
        street: 'Hafenstraße 3',
        postalCode: '20457',
        city: 'Hamburg',
        country: 'DE',
      });
      const deal = await callApi<{ id: string }>(page, 'POST', '/deals', {
        title: DEAL,
        companyId: company.id,
        expectedCloseDate: '2030-12-31',
        lines: [LINE],
      });
      state.dealId = deal.id;
    });

    await step(page, 'win the deal on its page and invoice it in one click', async () => {
      await page.goto(`${url}/deals/${need(state.dealId, 'the deal')}`);
      await page.getByTestId('deal-win').click();
      await page.locator('[data-testid="deal-detail"][data-status="won"]').waitFor();
      await page.getByTestId('deal-invoice-create').click();
      const detail = page.locator('[data-testid="invoice-detail"][data-status="draft"]');
      await detail.waitFor();
      const invoiceId = need(await detail.getAttribute('data-invoice-id'), 'the invoice id');
      expect(digits(await text(page.getByTestId('invoice-total-gross')))).toBe(GROSS_CENTS);
      // the buyer's e-mail (XRechnung BT-49) was not on the company: set on the draft
      const draft = await callApi<Invoice>(page, 'GET', `/invoices/${invoiceId}`);
      await callApi(page, 'PATCH', `/invoices/${invoiceId}`, {
        version: draft.version,
        buyerEmail: `buchhaltung.${id}@e2e.example`,
      });
      await page.reload();
    });

    await step(page, 'issue it', async () => {
      await page.locator('[data-testid="invoice-detail"][data-status="draft"]').waitFor();
      await page.getByTestId('invoice-issue').click();
      await page.getByTestId('confirm-ok').click();
      const issued = page.locator('[data-testid="invoice-detail"][data-status="issued"]');
      await issued.waitFor();
      const invoiceId = need(await issued.getAttribute('data-invoice-id'), 'the invoice id');
      state.invoice = await callApi<Invoice>(page, 'GET', `/invoices/${invoiceId}`);
      expect(state.invoice).toMatchObject({ status: 'issued', openCents: GROSS_CENTS });
      expect(await text(page.getByTestId('invoice-number'))).toBe(state.invoice.number);
    });

    await step(page, 'download the PDF, XRechnung (UBL, CII) and ZUGFeRD', async () => {
      const number = need(state.invoice?.number, 'the number');
      const pdf = await downloadInvoiceDocument(page, 'invoice-download-pdf');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      for (const [testId, root] of [
        ['invoice-download-ubl', /<(\w+:)?Invoice[\s>]/],
        ['invoice-download-cii', /<(\w+:)?CrossIndustryInvoice[\s>]/],
      ] as const) {
        const xml = (await downloadInvoiceDocument(page, testId)).toString('utf8');
        expect(xml.trimStart().startsWith('<?xml')).toBe(true);
        expect(xml).toMatch(root);
        expect(xml).toContain(number);
      }
      const zugferd = await downloadInvoiceDocument(page, 'invoice-download-zugferd');
      expect(zugferd.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // the EN 16931 XML travels inside the PDF/A-3 as factur-x.xml
      expect(zugferd.toString('latin1')).toContain('factur-x.xml');
    });

    await step(page, 'the due sweep as of the day after the due date: a task for the team', async () => {
      const invoice = need(state.invoice, 'the invoice');
      const dueDate = need(invoice.dueDate, 'the due date');
      const admin = await apiSession(url, DEMO_ADMIN);
      await runJob(url, admin, 'billing.due-sweep', { asOf: addDays(dueDate, 1) });
      // the work domain's subscriber makes the task: at once on SQLite, a moment later on PostgreSQL
      const tasks = () =>
        callApi<{ items: Task[] }>(page, 'GET', `/tasks?invoiceId=${invoice.id}&type=collection`);
      await expect.poll(async () => (await tasks()).items.length, { timeout: 15_000, interval: 300 }).toBe(1);
      const [task] = (await tasks()).items;
      expect(task).toMatchObject({ status: 'open', teamName: TEAM });
      state.taskId = task!.id;
    });

    await step(page, 'the accountant of the team sees it on the collections page', async () => {
      await page.getByTestId('user-menu').click();
      await page.getByTestId('logout').click();
      await page.getByTestId('login-email').waitFor();
      await login(page, url, DEMO_ACCOUNTING);
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collections').waitFor();
      const row = page.locator(`[data-testid="collection-row"][data-invoice-id="${state.invoice?.id}"]`);
      await row.waitFor();
      expect(await row.getAttribute('data-task-id')).toBe(state.taskId);
      expect(digits(await text(row.getByTestId('collection-open')))).toBe(GROSS_CENTS);
      expect(await text(row.getByTestId('collection-assignee'))).toContain(TEAM);
      await snapshot(page, `order-to-cash-${dialect}-collections.png`);
    });

    await step(page, 'upload the bank statement that pays it', async () => {
      const invoice = need(state.invoice, 'the invoice');
      const xml = camt053(`O2C-${id}`, need(state.sellerIban, 'the seller IBAN'), berlinToday(), [
        {
          ref: `O2C-${id}-1`,
          amountCents: GROSS_CENTS,
          payer: COMPANY,
          payerIban: PAYER_IBAN,
          remittance: `RG ${need(invoice.number, 'the number')} Inbetriebnahme`,
        },
      ]);
      await page.getByTestId('nav-bank-statements').click();
      await page.getByTestId('bank-statements-page').waitFor();
      await page.getByTestId('bank-statement-file-input').setInputFiles({
        name: `kontoauszug-${id}.xml`,
        mimeType: 'application/xml',
        buffer: Buffer.from(xml, 'utf8'),
      });
      const result = page.locator('[data-testid="bank-statement-result"][data-created="true"]');
      await result.waitFor();
      expect(await result.getAttribute('data-matched')).toBe('1');
    });

    await step(page, 'the invoice is paid, the task closed, the collections page empty of it', async () => {
      const invoice = need(state.invoice, 'the invoice');
      await page.goto(`${url}/invoices/${invoice.id}`);
      await page.locator('[data-testid="invoice-detail"][data-status="paid"]').waitFor();
      await expect
        .poll(async () => (await callApi<Task>(page, 'GET', `/tasks/${state.taskId}`)).status, {
          timeout: 15_000,
          interval: 300,
        })
        .toBe('done');
      await page.goto(`${url}/tasks/${state.taskId}`);
      await page
        .locator(`[data-testid="task-detail"][data-task-id="${state.taskId}"][data-status="done"]`)
        .waitFor();
      await page.goto(`${url}/collections`);
      await page.getByTestId('collections').waitFor();
      await page
        .locator(`[data-testid="collection-row"][data-invoice-id="${invoice.id}"]`)
        .waitFor({ state: 'detached' });
      await snapshot(page, `order-to-cash-${dialect}-paid.png`);
    });

    expect(browser?.pageErrors ?? []).toEqual([]);
  });
});
