import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi } from './support/api';
import { type Browser, launchBrowser } from './support/browser';
import { camt053 as camtStatement } from './support/camt053';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { DEMO_ADMIN, login, need, RESULTS, runId, snapshot, stepper, text } from './support/ui';

/**
 * Bank statements in the browser (issue 5, item 3), as the demo admin: a won deal is invoiced and
 * the invoice issued (API), a CAMT.053 (.001.08) statement with one credit naming the invoice number
 * and its exact gross amount is uploaded on the bank statements page — matched automatically, the
 * invoice shows paid; the same file again is "already imported"; a second statement's credits name
 * no number and land in the review queue: one is matched there by hand (after the server refused too
 * large an amount on the form), the other by one click on the server's suggestion.
 * Then a CSV export of online banking (latin1, lines about the account before the table, separate
 * debit and credit columns, an unusual name for the purpose column, no IBAN in the file): uploading
 * it opens the mapping step with the server's proposal; the user types the account's IBAN, picks
 * the purpose column, sees the preview and imports — the credit naming the invoice is matched and
 * the invoice paid; the next export of the same bank imports without asking (remembered mapping).
 */

const id = runId();
const COMPANY = `E2E Zahler ${id} GmbH`;
/** 2 × 250,00 € net + 19 % = 595,00 € gross. */
const LINE = { description: `Wartung ${id}`, quantity: 2, unitPriceCents: 25_000, vatRate: 19 };
const GROSS_CENTS = 59_500;
/** A customer unlike the others, so a payer of that name points at its invoice only. */
const SUGGESTED_COMPANY = 'Vorschlag Handel KG';
const SELLER_IBAN = 'DE89370400440532013000';
const PAYER_IBAN = 'DE02120300000000202051';

interface Invoice {
  id: string;
  version: number;
  status: string;
  number: string | null;
  grossCents: number;
  openCents: number;
}

interface Credit {
  ref: string;
  amountCents: number;
  payer: string;
  remittance: string;
  iban?: string;
}

const today = () => new Date().toISOString().slice(0, 10);

/** A CAMT.053.001.08 statement of the seller's account today with the given credit entries. */
function camt053(statementId: string, credits: Credit[]): string {
  return camtStatement(
    statementId,
    SELLER_IBAN,
    today(),
    credits.map(({ iban, ...c }) => ({ ...c, payerIban: iban ?? PAYER_IBAN })),
  );
}

/** A won deal's invoice, issued (all over the API). */
async function issuedInvoice(page: Page, companyName: string, dealTitle: string): Promise<Invoice> {
  // the second customer's name is close to the first one's
  const company = await callApi<{ id: string }>(page, 'POST', '/companies?allowDuplicate=true', {
    name: companyName,
    roles: ['customer'],
    street: 'Hauptstraße 1',
    postalCode: '10115',
    city: 'Berlin',
    country: 'DE',
  });
  const deal = await callApi<{ id: string; version: number }>(page, 'POST', '/deals', {
    title: `${dealTitle} ${id}`,
    companyId: company.id,
    expectedCloseDate: '2030-12-31',
    lines: [LINE],
  });
  await callApi(page, 'POST', `/deals/${deal.id}/win`, { version: deal.version });
  const draft = await callApi<Invoice>(page, 'POST', `/deals/${deal.id}/invoice`, {});
  const issued = await callApi<Invoice>(page, 'POST', `/invoices/${draft.id}/issue`, {
    version: draft.version,
  });
  expect(issued).toMatchObject({ status: 'issued', grossCents: GROSS_CENTS, openCents: GROSS_CENTS });
  return issued;
}

/** Chooses a file for the bank statement upload on the page. */
async function upload(page: Page, name: string, xml: string) {
  await page.getByTestId('bank-statement-file-input').setInputFiles({
    name,
    mimeType: 'application/xml',
    buffer: Buffer.from(xml, 'utf8'),
  });
}

/** German amount: 59500 → "595,00", -4250 → "-42,50". */
const germanAmount = (cents: number) =>
  `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${String(Math.abs(cents) % 100).padStart(2, '0')}`;

/**
 * A CSV export as a small bank writes it: latin1, lines before the table, `;`, separate debit and
 * credit columns, the purpose under a name the server does not know ("Buchungsinformation").
 */
function bankCsv(rows: Array<{ date: string; cents: number; name: string; purpose: string }>): string {
  const date = (iso: string) => iso.split('-').reverse().join('.');
  return [
    `Kontoumsätze;Testbank ${id}`,
    `Zeitraum;${date(today())}`,
    '',
    `Buchungstag;Wertstellung;Gegenseite;Buchungsinformation;Soll;Haben;Kategorie ${id}`,
    ...rows.map(
      (r) =>
        `${date(r.date)};${date(r.date)};${r.name};${r.purpose};${r.cents < 0 ? germanAmount(r.cents) : ''};${r.cents > 0 ? germanAmount(r.cents) : ''};Sonstiges`,
    ),
    '',
  ].join('\r\n');
}

async function uploadCsv(page: Page, name: string, csv: string) {
  await page.getByTestId('bank-statement-file-input').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'latin1'),
  });
}

describe.each(E2E_DIALECTS)('bank statements in the browser (%s)', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser | undefined;
  const step = stepper(() => server);
  const state: { invoice?: Invoice; second?: Invoice; xml?: string } = {};

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('imports a CAMT.053 statement that pays an invoice, once, and reviews the rest', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    await login(page, url, DEMO_ADMIN);

    await step(page, 'complete billing settings and an issued invoice (API)', async () => {
      const settings = await callApi<{
        version: number;
        iban: string;
        taxNumber: string | null;
        vatId: string | null;
        sellerName: string;
        autoInvoiceOnWon: boolean;
      }>(page, 'GET', '/billing/settings');
      if (!settings.iban || (!settings.taxNumber && !settings.vatId) || !settings.sellerName) {
        await callApi(page, 'PATCH', '/billing/settings', {
          version: settings.version,
          sellerName: settings.sellerName || 'Kontor Demo GmbH',
          street: 'Musterstraße 1',
          postalCode: '10115',
          city: 'Berlin',
          taxNumber: settings.taxNumber ?? '30/123/45678',
          iban: SELLER_IBAN,
        });
      }
      state.invoice = await issuedInvoice(page, `${COMPANY} Bankauftrag`, 'Bankauftrag');
    });

    await step(page, 'upload the statement: 1 matched, the invoice paid', async () => {
      const invoice = need(state.invoice, 'the invoice');
      const number = need(invoice.number, 'the invoice number');
      state.xml = camt053(`STMT-${id}-1`, [
        {
          ref: `E2E-${id}-1`,
          amountCents: GROSS_CENTS,
          payer: `${COMPANY} Bankauftrag`,
          remittance: `Rechnung ${number} vielen Dank`,
        },
      ]);
      await page.getByTestId('nav-bank-statements').click();
      await page.getByTestId('bank-statements-page').waitFor();
      await upload(page, `auszug-${id}.xml`, state.xml);
      const result = page.locator('[data-testid="bank-statement-result"][data-created="true"]');
      await result.waitFor();
      expect(await result.getAttribute('data-matched')).toBe('1');
      expect(await text(result)).toContain('1 zugeordnet');
      // the list shows the new statement
      await page.locator('[data-testid="bank-statement-row"]').first().waitFor();
      await snapshot(page, `bank-statements-${dialect}-imported.png`);

      await page.goto(`${url}/invoices/${invoice.id}`);
      await page.locator('[data-testid="invoice-detail"][data-status="paid"]').waitFor();
      expect(await text(page.getByTestId('invoice-status'))).toBe('Bezahlt');
      await page.getByTestId('invoice-payment').first().waitFor();
    });

    await step(page, 'the same file again: already imported, nothing new', async () => {
      await page.getByTestId('nav-bank-statements').click();
      await page.getByTestId('bank-statements-page').waitFor();
      await page.getByTestId('bank-statement-row').first().waitFor();
      const before = await page.getByTestId('bank-statement-row').count();
      await upload(page, `auszug-${id}-nochmal.xml`, need(state.xml, 'the statement'));
      const result = page.locator('[data-testid="bank-statement-result"][data-created="false"]');
      await result.waitFor();
      expect(await text(result)).toContain('bereits importiert');
      expect(await page.getByTestId('bank-statement-row').count()).toBe(before);
      const invoice = await callApi<Invoice>(page, 'GET', `/invoices/${need(state.invoice, 'it').id}`);
      expect(invoice).toMatchObject({ status: 'paid', openCents: 0 });
    });

    await step(page, 'the statement detail shows the entry matched to the invoice', async () => {
      await page.getByTestId('bank-statement-row-link').first().click();
      const entry = page.locator('[data-testid="bank-entry-row"]').first();
      await entry.waitFor();
      expect(await entry.getAttribute('data-status')).toBe('matched');
      expect(await text(entry)).toContain(need(state.invoice?.number, 'the number'));
      await snapshot(page, `bank-statements-${dialect}-detail.png`);
    });

    await step(
      page,
      'credits without a number go to review: one matched by hand, one by a suggestion',
      async () => {
        const second = await issuedInvoice(page, `${COMPANY} Prüfauftrag`, 'Prüfauftrag');
        state.second = second;
        const third = await issuedInvoice(page, SUGGESTED_COMPANY, 'Vorschlagsauftrag');
        const number = need(second.number, 'the second number');
        await page.getByTestId('nav-bank-statements').click();
        await page.getByTestId('bank-statements-page').waitFor();
        await upload(
          page,
          `auszug-${id}-2.xml`,
          camt053(`STMT-${id}-2`, [
            // another amount and no number: nothing clear, a person decides
            { ref: `E2E-${id}-2`, amountCents: 12_345, payer: 'Unbekannt', remittance: `Abschlag ${id}` },
            // the exact open amount from a payer named like the customer, no number: a suggestion
            {
              ref: `E2E-${id}-3`,
              amountCents: GROSS_CENTS,
              payer: SUGGESTED_COMPANY,
              remittance: `Zahlung ${id}`,
              iban: 'DE75512108001245126199',
            },
          ]),
        );
        const result = page.locator('[data-testid="bank-statement-result"][data-created="true"]');
        await result.waitFor();
        expect(await result.getAttribute('data-review')).toBe('2');

        await page.getByTestId('bank-review-tab').click();
        const entry = page.locator(`[data-testid="bank-review-entry"][data-remittance="Abschlag ${id}"]`);
        await entry.waitFor();
        await entry.getByTestId('bank-match-invoice').click();
        await entry.getByTestId('bank-match-invoice').fill(number);
        await page.getByRole('option', { name: number }).first().click();
        // the amount defaults to the entry's amount
        expect(await entry.getByTestId('bank-match-amount').inputValue()).toBe('123,45');
        await snapshot(page, `bank-statements-${dialect}-review-entry.png`);
        // more than came in: the server says no, on the form, and nothing is booked
        await entry.getByTestId('bank-match-amount').fill('200,00');
        await entry.getByTestId('bank-match-submit').click();
        await entry.getByTestId('bank-match-error').waitFor();
        expect(await text(entry.getByTestId('bank-match-error'))).toContain(
          'höher als der eingegangene Betrag',
        );
        expect(await callApi<Invoice>(page, 'GET', `/invoices/${second.id}`)).toMatchObject({
          openCents: GROSS_CENTS,
        });
        await entry.getByTestId('bank-match-amount').fill('123,45');
        await entry.getByTestId('bank-match-submit').click();
        await entry.waitFor({ state: 'detached' });

        const saved = await callApi<Invoice>(page, 'GET', `/invoices/${second.id}`);
        expect(saved).toMatchObject({ status: 'issued', openCents: GROSS_CENTS - 12_345 });

        // one click applies the suggestion
        const suggested = page.locator(`[data-testid="bank-review-entry"][data-remittance="Zahlung ${id}"]`);
        const suggestion = suggested.locator(
          `[data-testid="bank-suggestion"][data-invoice-id="${third.id}"]`,
        );
        await suggestion.waitFor();
        await suggestion.getByTestId('bank-suggestion-apply').click();
        await suggested.waitFor({ state: 'detached' });
        expect(await callApi<Invoice>(page, 'GET', `/invoices/${third.id}`)).toMatchObject({
          status: 'paid',
          openCents: 0,
        });
        await page.getByTestId('bank-review-empty').waitFor();
        await snapshot(page, `bank-statements-${dialect}-review.png`);
      },
    );

    expect(browser?.pageErrors ?? []).toEqual([]);
  });

  it('imports a CSV export after mapping its columns, and the next one of the bank with the remembered mapping', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    const csvState: { invoice?: Invoice; next?: Invoice } = {};
    await page.goto(`${url}/bank-statements`);
    await page.getByTestId('bank-statements-page').waitFor();

    await step(page, 'csv: upload opens the mapping step with a proposal', async () => {
      csvState.invoice = await issuedInvoice(page, `${COMPANY} CSV`, 'CSV-Auftrag');
      const number = need(csvState.invoice.number, 'the invoice number');
      await uploadCsv(
        page,
        `umsaetze-${id}.csv`,
        bankCsv([
          { date: today(), cents: GROSS_CENTS, name: `${COMPANY} CSV`, purpose: `Rechnung ${number}` },
          { date: today(), cents: -4_250, name: 'Tankstelle Süd', purpose: 'Diesel' },
        ]),
      );
      await page.locator('[data-testid="bank-csv-mapping"][data-source="proposed"]').waitFor();
      // the proposal found date and the debit/credit columns; two rows in the preview
      await page.locator('[data-testid="bank-csv-preview-row"]').nth(1).waitFor();
      expect(await page.getByTestId('bank-csv-field-bookingDate').inputValue()).toBe('Buchungstag');
      expect(await page.getByTestId('bank-csv-field-credit').inputValue()).toBe('Haben');
      expect(await page.getByTestId('bank-csv-field-debit').inputValue()).toBe('Soll');
      const first = page.locator('[data-testid="bank-csv-preview-row"]').first();
      expect(await first.getAttribute('data-amount')).toBe(String(GROSS_CENTS));
      expect(await first.getAttribute('data-direction')).toBe('credit');
      // no account in the file: the import waits for the IBAN
      expect(await page.getByTestId('bank-csv-import').isDisabled()).toBe(true);
      await snapshot(page, `bank-statements-${dialect}-csv-mapping.png`);
    });

    await step(
      page,
      'csv: map the purpose column, enter the IBAN and import: the invoice is paid',
      async () => {
        const invoice = need(csvState.invoice, 'the invoice');
        await page.getByTestId('bank-csv-field-remittance').click();
        await page.getByRole('option', { name: 'Buchungsinformation' }).click();
        await page
          .locator('[data-testid="bank-csv-preview-row"]')
          .first()
          .getByText(`Rechnung ${invoice.number}`)
          .waitFor();
        await page.getByTestId('bank-csv-iban').fill('DE89 3704 0044 0532 0130 00');
        expect(await page.getByTestId('bank-csv-remember').isChecked()).toBe(true);
        await page.getByTestId('bank-csv-import').click();
        const result = page.locator('[data-testid="bank-statement-result"][data-created="true"]');
        await result.waitFor();
        expect(await result.getAttribute('data-matched')).toBe('1');
        await page.getByTestId('bank-csv-mapping').waitFor({ state: 'detached' });
        expect(await callApi<Invoice>(page, 'GET', `/invoices/${invoice.id}`)).toMatchObject({
          status: 'paid',
          openCents: 0,
        });
      },
    );

    await step(page, 'csv: the next export of the bank: the remembered mapping, one click', async () => {
      csvState.next = await issuedInvoice(page, `${COMPANY} CSV2`, 'CSV-Folgeauftrag');
      const number = need(csvState.next.number, 'the second number');
      const first = need(csvState.invoice, 'the first invoice');
      await uploadCsv(
        page,
        `umsaetze-${id}-2.csv`,
        bankCsv([
          // overlaps the first export: this entry is not imported again
          { date: today(), cents: GROSS_CENTS, name: `${COMPANY} CSV`, purpose: `Rechnung ${first.number}` },
          { date: today(), cents: GROSS_CENTS, name: `${COMPANY} CSV2`, purpose: `Rechnung ${number}` },
        ]),
      );
      // the file does not name its account: the remembered mapping is offered for a confirmation
      // (another account of the same bank would have the same layout)
      await page.locator('[data-testid="bank-csv-mapping"][data-source="remembered"]').waitFor();
      expect(await page.getByTestId('bank-csv-field-remittance').inputValue()).toBe('Buchungsinformation');
      expect((await page.getByTestId('bank-csv-iban').inputValue()).replace(/\s/g, '')).toBe(
        'DE89370400440532013000',
      );
      await page.getByTestId('bank-csv-import').click();
      await page.getByTestId('bank-csv-mapping').waitFor({ state: 'detached' });
      const result = page.locator('[data-testid="bank-statement-result"][data-created="true"]');
      await result.waitFor();
      expect(await result.getAttribute('data-matched')).toBe('1');
      await page.getByTestId('bank-statement-skipped').waitFor();
      expect(await callApi<Invoice>(page, 'GET', `/invoices/${csvState.next.id}`)).toMatchObject({
        status: 'paid',
      });
      await snapshot(page, `bank-statements-${dialect}-csv-imported.png`);
    });

    expect(browser?.pageErrors ?? []).toEqual([]);
  });
});
