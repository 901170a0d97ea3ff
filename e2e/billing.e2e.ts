import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from './support/api';
import { type Browser, launchBrowser } from './support/browser';
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
 * Order to cash in the browser (issue 5, first slice), as the demo admin: a deal is won (set up over
 * the API), the "Invoice" button on the deal page drafts its invoice, the draft is issued and gets
 * its number RE-<year>-…, the PDF and the XRechnung are downloaded (checked: %PDF, <?xml), a payment
 * of the full amount is recorded in the dialog and the invoice shows paid.
 */

const id = runId();
const COMPANY = `E2E Rechnung ${id} GmbH`;
const DEAL = `E2E Auftrag ${id}`;
/** 3 × 411,52 € = 1.234,56 € net, + 19 % = 234,57 € VAT → 1.469,13 € gross. */
const LINE = { description: `Beratung ${id}`, quantity: 3, unitPriceCents: 41_152, vatRate: 19 };
const NET_CENTS = 123_456;
const GROSS_CENTS = 146_913;

interface Invoice {
  id: string;
  status: string;
  number: string | null;
  grossCents: number;
  openCents: number;
}

describe.each(E2E_DIALECTS)('order to cash in the browser (%s)', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser | undefined;
  const step = stepper(() => server);
  const state: { dealId?: string; invoiceId?: string; number?: string } = {};

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('wins a deal, invoices it in one click, issues, downloads and books the payment', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    await login(page, url, DEMO_ADMIN);

    await step(page, 'a won deal (API)', async () => {
      // the one-click invoice is what this test clicks: no automatic invoice on won
      const settings = await callApi<{ version: number; autoInvoiceOnWon: boolean }>(
        page,
        'GET',
        '/billing/settings',
      );
      if (settings.autoInvoiceOnWon) {
        await callApi(page, 'PATCH', '/billing/settings', {
          version: settings.version,
          autoInvoiceOnWon: false,
        });
      }
      const company = await callApi<{ id: string }>(page, 'POST', '/companies', {
        name: COMPANY,
        roles: ['customer'],
        street: 'Hauptstraße 1',
        postalCode: '10115',
        city: 'Berlin',
        country: 'DE',
      });
      const deal = await callApi<{ id: string; version: number }>(page, 'POST', '/deals', {
        title: DEAL,
        companyId: company.id,
        expectedCloseDate: '2030-12-31',
        lines: [LINE],
      });
      await callApi(page, 'POST', `/deals/${deal.id}/win`, { version: deal.version });
      state.dealId = deal.id;
    });

    await step(page, 'the seller data in the billing settings', async () => {
      // a fresh installation has no IBAN and no tax number yet: issuing needs them (§14 UStG)
      await page.getByTestId('nav-billing-settings').click();
      await page.getByTestId('billing-settings').waitFor();
      await page.getByTestId('settings-seller-name').fill('Kontor Demo GmbH');
      await page.getByTestId('settings-street').fill('Musterstraße 1');
      await page.getByTestId('settings-postal-code').fill('10115');
      await page.getByTestId('settings-city').fill('Berlin');
      await page.getByTestId('settings-tax-number').fill('30/123/45678');
      await page.getByTestId('settings-iban').fill('DE89 3704 0044 0532 0130 00');
      // XRechnung needs the seller's e-mail and phone (BR-DE-6/7)
      await page.getByTestId('settings-email').fill('rechnung@kontor.example');
      await page.getByTestId('settings-phone').fill('+49 30 123456');
      await page.getByTestId('settings-save').click();
      await page.locator('[data-testid="notification"][data-kind="success"]').first().waitFor();
      const saved = await callApi<{ iban: string; taxNumber: string | null }>(
        page,
        'GET',
        '/billing/settings',
      );
      expect(saved).toMatchObject({ iban: 'DE89370400440532013000', taxNumber: '30/123/45678' });
    });

    await step(page, 'the invoice button on the deal page drafts the invoice', async () => {
      await page.goto(`${url}/deals/${need(state.dealId, 'the deal')}`);
      await page.locator('[data-testid="deal-detail"][data-status="won"]').waitFor();
      await page.getByTestId('deal-invoice-create').click();
      const detail = page.locator('[data-testid="invoice-detail"][data-status="draft"]');
      await detail.waitFor();
      state.invoiceId = need(await detail.getAttribute('data-invoice-id'), 'the invoice id');
      expect(digits(await text(page.getByTestId('invoice-total-net')))).toBe(NET_CENTS);
      expect(digits(await text(page.getByTestId('invoice-total-gross')))).toBe(GROSS_CENTS);
    });

    await step(page, 'the deal page links to its invoice now', async () => {
      await page.goto(`${url}/deals/${need(state.dealId, 'the deal')}`);
      await page.getByTestId('deal-invoice-link').click();
      await page.locator(`[data-testid="invoice-detail"][data-invoice-id="${state.invoiceId}"]`).waitFor();
    });

    await step(page, 'edit the draft: the buyer e-mail (XRechnung BT-49)', async () => {
      await page.getByTestId('invoice-edit').click();
      await page.getByTestId('invoice-editor').waitFor();
      // prefilled from the company; the live totals are the server's
      expect(await page.getByTestId('invoice-buyer-city').inputValue()).toBe('Berlin');
      expect(digits(await text(page.getByTestId('invoice-total-gross')))).toBe(GROSS_CENTS);
      await page.getByTestId('invoice-buyer-email').fill(`buchhaltung.${id}@e2e.example`);
      await page.getByTestId('invoice-editor-save').click();
      await page.locator('[data-testid="invoice-detail"][data-status="draft"]').waitFor();
      const draft = await callApi<{ buyerEmail: string | null }>(page, 'GET', `/invoices/${state.invoiceId}`);
      expect(draft.buyerEmail).toBe(`buchhaltung.${id}@e2e.example`);
    });

    await step(page, 'issue the draft', async () => {
      await page.getByTestId('invoice-issue').click();
      await page.getByTestId('confirm-ok').click();
      const issued = page.locator('[data-testid="invoice-detail"][data-status="issued"]');
      await issued.waitFor();
      const number = await text(page.getByTestId('invoice-number'));
      expect(number).toMatch(new RegExp(`^RE-${new Date().getFullYear()}-\\d+$`));
      expect(await issued.getAttribute('data-number')).toBe(number);
      state.number = number;
      expect(digits(await text(page.getByTestId('invoice-total-open')))).toBe(GROSS_CENTS);
      await snapshot(page, `billing-${dialect}-issued.png`);
    });

    await step(page, 'download the PDF and the XRechnung', async () => {
      const pdf = await downloadInvoiceDocument(page, 'invoice-download-pdf');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const ubl = (await downloadInvoiceDocument(page, 'invoice-download-ubl')).toString('utf8');
      expect(ubl.trimStart().startsWith('<?xml')).toBe(true);
      expect(ubl).toContain(need(state.number, 'the number'));
    });

    await step(page, 'record the full payment: paid', async () => {
      await page.getByTestId('invoice-record-payment').click();
      await page.getByTestId('payment-amount').waitFor();
      // the amount defaults to the open amount
      expect(digits(await page.getByTestId('payment-amount').inputValue())).toBe(GROSS_CENTS);
      await page.getByTestId('payment-submit').click();
      await page.locator('[data-testid="invoice-detail"][data-status="paid"]').waitFor();
      await page.getByTestId('invoice-payment').first().waitFor();
      expect(
        Number(await page.getByTestId('invoice-payment').first().getAttribute('data-amount-cents')),
      ).toBe(GROSS_CENTS);
      const saved = await callApi<Invoice>(page, 'GET', `/invoices/${state.invoiceId}`);
      expect(saved).toMatchObject({
        status: 'paid',
        openCents: 0,
        grossCents: GROSS_CENTS,
        number: state.number,
      });
    });

    await step(page, 'cancel it by a credit note: the two link to each other', async () => {
      await page.getByTestId('invoice-cancel').click();
      await page.getByTestId('invoice-cancel-submit').click();
      // the reason is required: named on the field, nothing written
      await page.getByText('Bitte einen Grund für die Stornierung angeben.').waitFor();
      await page.getByTestId('invoice-cancel-reason').fill('Falscher Leistungszeitraum');
      await page.getByTestId('invoice-cancel-submit').click();
      const note = page.locator('[data-testid="invoice-detail"][data-status="issued"]');
      await page.getByTestId('invoice-corrects').waitFor();
      expect(await text(note.getByTestId('invoice-number'))).toMatch(/^GS-\d{4}-\d+$/);
      await page.getByTestId('invoice-corrects-link').click();
      await page
        .locator(
          `[data-testid="invoice-detail"][data-invoice-id="${state.invoiceId}"][data-status="cancelled"]`,
        )
        .waitFor();
      await page.getByTestId('invoice-credit-note-link').waitFor();
    });

    await step(page, 'the list shows it cancelled', async () => {
      await page.getByTestId('nav-invoices').click();
      await page.getByTestId('invoices-search').fill(need(state.number, 'the number'));
      const row = page.locator(`[data-testid="invoice-row"][data-invoice-id="${state.invoiceId}"]`);
      await row.waitFor();
      // the search by number leaves this invoice only
      await expect
        .poll(() => page.getByTestId('invoice-row').count(), { timeout: 10_000, interval: 200 })
        .toBe(1);
      expect(await row.getAttribute('data-status')).toBe('cancelled');
      await snapshot(page, `billing-${dialect}-list.png`);
    });

    expect(browser?.pageErrors ?? []).toEqual([]);
  });
});
