import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHeaders, apiCall, apiSession, callApi } from './support/api';
import { type Browser, launchBrowser } from './support/browser';
import { addDays, berlinToday } from './support/dates';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { DEMO_ADMIN, digits, login, need, RESULTS, runId, snapshot, stepper, text } from './support/ui';

/**
 * Issue 5's dunning in the browser, as the demo admin: an invoice fell due 40 days ago (set up over
 * the API). The due sweep runs as of 8 days after the due date (admin run-job API) → the collections
 * page shows the level "Zahlungserinnerung"; as of 22 days after → "1. Mahnung" with default
 * interest and the €40 lump sum. The invoice page lists both notices, the letter PDF downloads, the
 * dunning block is set and lifted again; the payment closes the collection task, and a later sweep
 * adds no further level. A logged call shows as the last contact on the collections page.
 */

const id = runId();
const COMPANY = `E2E Mahnung ${id} GmbH`;
/** 2 × 500,00 € net + 19 % → 1.190,00 € gross. */
const LINE = { description: `Wartung ${id}`, quantity: 2, unitPriceCents: 50_000, vatRate: 19 };
const GROSS_CENTS = 119_000;
const LUMP_SUM_CENTS = 4_000;

interface Invoice {
  id: string;
  version: number;
  status: string;
  number: string | null;
  dueDate: string | null;
  paymentDays: number;
  openCents: number;
  dunningLevel: number;
  lastDunnedOn: string | null;
  dunningBlocked: boolean;
}
interface Notice {
  id: string;
  level: number;
  levelName: string;
  noticeDate: string;
  interestCents: number;
  lumpSumCents: number;
  totalCents: number;
}
interface Task {
  id: string;
  status: string;
}

/** The daily due sweep as of a business date, as the scheduler would run it. */
async function sweep(url: string, admin: ApiHeaders, asOf: string) {
  const res = await fetch(`${url}/api/admin/jobs/billing.due-sweep/run`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ asOf }),
  });
  const run = (await res.json()) as { status: string; error?: string | null };
  expect(res.status, JSON.stringify(run)).toBe(200);
  expect(run.status, run.error ?? '').toBe('succeeded');
}

const rowOf = (page: Page, invoiceId: string) =>
  page.locator(`[data-testid="collection-row"][data-invoice-id="${invoiceId}"]`);

describe.each(E2E_DIALECTS)('dunning in the browser (%s)', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser | undefined;
  const step = stepper(() => server);
  const state: { invoiceId?: string; number?: string; dueDate?: string; admin?: ApiHeaders } = {};

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('reminder, 1st dunning notice with interest and €40, letters, block, payment, no further level', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    const today = berlinToday();

    await step(
      page,
      'an issued invoice due 40 days ago, and a call logged with the customer (API)',
      async () => {
        const admin = await apiSession(url, DEMO_ADMIN);
        state.admin = admin;
        const settings = await apiCall<{ version: number }>(url, admin, 'GET', '/billing/settings');
        await apiCall(url, admin, 'PATCH', '/billing/settings', {
          version: settings.version,
          sellerName: 'Kontor Demo GmbH',
          street: 'Musterstraße 1',
          postalCode: '10115',
          city: 'Berlin',
          taxNumber: '30/123/45678',
          iban: 'DE89 3704 0044 0532 0130 00',
          graceDays: 0,
          autoInvoiceOnWon: false,
        });
        const company = await apiCall<{ id: string }>(url, admin, 'POST', '/companies', {
          name: COMPANY,
          roles: ['customer'],
          street: 'Hauptstraße 1',
          postalCode: '10115',
          city: 'Berlin',
          country: 'DE',
        });
        const draft = await apiCall<Invoice>(url, admin, 'POST', '/invoices', {
          companyId: company.id,
          buyerEmail: 'buchhaltung@example.com',
          paymentDays: 14,
          lines: [LINE],
        });
        const issued = await apiCall<Invoice>(url, admin, 'POST', `/invoices/${draft.id}/issue`, {
          version: draft.version,
          issueDate: addDays(today, -54),
        });
        expect(issued).toMatchObject({
          status: 'issued',
          dueDate: addDays(today, -40),
          openCents: GROSS_CENTS,
          dunningLevel: 0,
        });
        state.invoiceId = issued.id;
        state.number = need(issued.number, 'the invoice number');
        state.dueDate = need(issued.dueDate, 'the due date');
        await apiCall(url, admin, 'POST', '/tasks', {
          type: 'call',
          subject: `Zahlung angefragt ${id}`,
          companyId: company.id,
          done: true,
          completedAt: new Date(Date.now() - 3_600_000).toISOString(),
        });
      },
    );

    await step(
      page,
      'sweep 8 days after the due date: the collections page shows the payment reminder',
      async () => {
        const admin = need(state.admin, 'the admin session');
        const invoiceId = need(state.invoiceId, 'the invoice');
        await sweep(url, admin, addDays(need(state.dueDate, 'the due date'), 8));
        const invoice = await apiCall<Invoice>(url, admin, 'GET', `/invoices/${invoiceId}`);
        expect(invoice.dunningLevel).toBe(1);

        await login(page, url, DEMO_ADMIN);
        await page.getByTestId('nav-collections').click();
        await page.getByTestId('collections').waitFor();
        const row = rowOf(page, invoiceId);
        await row.waitFor();
        expect(await row.getAttribute('data-dunning-level')).toBe('1');
        expect(await text(row.getByTestId('dunning-level-badge'))).toBe('Zahlungserinnerung');
        expect(await row.getAttribute('data-days-overdue')).toBe('40');
        // the last contact: the call logged an hour ago
        const contact = row.getByTestId('collection-last-contact');
        expect(await contact.getAttribute('data-type')).toBe('call');
        expect(await text(contact)).toContain('Anruf');
        // the collection task is there (made by the work domain's subscriber; a moment later on PostgreSQL)
        await expect
          .poll(
            async () => {
              await page.reload();
              await rowOf(page, invoiceId).waitFor();
              return rowOf(page, invoiceId).getAttribute('data-task-id');
            },
            { timeout: 15_000, interval: 500 },
          )
          .not.toBe('');

        // the level filter: "Zahlungserinnerung" keeps the row, "Letzte Mahnung" hides it
        await page.getByTestId('collections-level-filter').click();
        await page.getByRole('option', { name: 'Letzte Mahnung' }).click();
        await rowOf(page, invoiceId).waitFor({ state: 'detached' });
        await page.getByTestId('collections-level-filter').click();
        await page.getByRole('option', { name: 'Zahlungserinnerung' }).click();
        await rowOf(page, invoiceId).waitFor();
        await snapshot(page, `dunning-${dialect}-reminder.png`);
      },
    );

    await step(page, 'sweep 22 days after: "1. Mahnung" with interest and the €40 lump sum', async () => {
      const admin = need(state.admin, 'the admin session');
      const invoiceId = need(state.invoiceId, 'the invoice');
      await sweep(url, admin, addDays(need(state.dueDate, 'the due date'), 22));
      const invoice = await apiCall<Invoice>(url, admin, 'GET', `/invoices/${invoiceId}`);
      expect(invoice.dunningLevel).toBe(2);
      // the page as the team opens it in the morning (a fresh load, every overdue invoice)
      await page.reload();
      await page.getByTestId('collections').waitFor();
      const row = rowOf(page, invoiceId);
      await row.waitFor();
      expect(await row.getAttribute('data-dunning-level')).toBe('2');
      expect(await text(row.getByTestId('dunning-level-badge'))).toBe('1. Mahnung');

      // the invoice list filters by dunning level and shows it as a column
      await page.goto(`${url}/invoices?dunningLevel=2`);
      const listRow = page.locator(`[data-testid="invoice-row"][data-invoice-id="${invoiceId}"]`);
      await listRow.waitFor();
      expect(await text(listRow.getByTestId('invoice-dunning-level'))).toBe('1. Mahnung');
      for (const level of await page.getByTestId('invoice-dunning-level').all()) {
        expect(await level.getAttribute('data-level')).toBe('2');
      }
      await snapshot(page, `dunning-${dialect}-invoice-list.png`);
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collections').waitFor();
      await rowOf(page, invoiceId).waitFor();
    });

    await step(page, 'the invoice page lists both notices; the letter PDF downloads', async () => {
      const invoiceId = need(state.invoiceId, 'the invoice');
      await rowOf(page, invoiceId).getByTestId('collection-invoice-link').click();
      await page.locator(`[data-testid="invoice-detail"][data-invoice-id="${invoiceId}"]`).waitFor();
      const history = page.getByTestId('dunning-history');
      await history.locator('[data-testid="dunning-notice-row"]').nth(1).waitFor();
      expect(await history.locator('[data-testid="dunning-notice-row"]').count()).toBe(2);
      const first = history.locator('[data-testid="dunning-notice-row"][data-level="1"]');
      const second = history.locator('[data-testid="dunning-notice-row"][data-level="2"]');
      expect(await text(first.getByTestId('dunning-notice-level'))).toBe('Zahlungserinnerung');
      expect(await text(first.getByTestId('dunning-notice-interest'))).toBe('—');
      expect(await text(second.getByTestId('dunning-notice-level'))).toBe('1. Mahnung');
      expect(digits(await text(second.getByTestId('dunning-notice-interest')))).toBeGreaterThan(0);
      expect(digits(await text(second.getByTestId('dunning-notice-lump-sum')))).toBe(LUMP_SUM_CENTS);
      const total = digits(await text(second.getByTestId('dunning-notice-total')));
      expect(total).toBeGreaterThan(GROSS_CENTS + LUMP_SUM_CENTS);
      // the header shows the current level too
      expect(await text(page.getByTestId('invoice-detail').getByTestId('dunning-level-badge').first())).toBe(
        '1. Mahnung',
      );

      // the letter as the browser downloads it …
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        second.getByTestId('dunning-notice-pdf').click(),
      ]);
      expect(await file.failure()).toBeNull();
      const pdf = readFileSync(need(await file.path(), 'the downloaded letter'));
      expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
      // … and as the server answers it
      const href = need(
        await second.getByTestId('dunning-notice-pdf').getAttribute('data-href'),
        'the PDF link',
      );
      const head = await page.evaluate(async (u) => {
        const res = await fetch(u);
        const bytes = new Uint8Array(await res.arrayBuffer());
        return {
          status: res.status,
          type: res.headers.get('content-type'),
          start: String.fromCharCode(...bytes.slice(0, 5)),
        };
      }, href);
      expect(head).toMatchObject({ status: 200, start: '%PDF-' });
      expect(head.type).toContain('application/pdf');
      await snapshot(page, `dunning-${dialect}-notices.png`);
    });

    await step(page, 'set the dunning block and lift it again', async () => {
      const invoiceId = need(state.invoiceId, 'the invoice');
      await page.getByTestId('dunning-block-toggle').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('dunning-blocked-badge').first().waitFor();
      expect((await callApi<Invoice>(page, 'GET', `/invoices/${invoiceId}`)).dunningBlocked).toBe(true);
      await page.getByTestId('dunning-block-toggle').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('dunning-blocked-badge').first().waitFor({ state: 'detached' });
      expect((await callApi<Invoice>(page, 'GET', `/invoices/${invoiceId}`)).dunningBlocked).toBe(false);
    });

    await step(page, 'the payment closes the task; the next sweep writes no further level', async () => {
      const admin = need(state.admin, 'the admin session');
      const invoiceId = need(state.invoiceId, 'the invoice');
      await page.getByTestId('invoice-record-payment').click();
      await page.getByTestId('payment-amount').waitFor();
      expect(digits(await page.getByTestId('payment-amount').inputValue())).toBe(GROSS_CENTS);
      await page.getByTestId('payment-submit').click();
      await page.locator('[data-testid="invoice-detail"][data-status="paid"]').waitFor();
      await expect
        .poll(
          async () =>
            (
              await apiCall<{ items: Task[] }>(
                url,
                admin,
                'GET',
                `/tasks?invoiceId=${invoiceId}&type=collection`,
              )
            ).items.map((t) => t.status),
          { timeout: 15_000, interval: 300 },
        )
        .toEqual(['done']);

      // 36 days after the due date the 2nd dunning notice would be due — not for a paid invoice
      await sweep(url, admin, addDays(need(state.dueDate, 'the due date'), 36));
      const invoice = await apiCall<Invoice>(url, admin, 'GET', `/invoices/${invoiceId}`);
      expect(invoice).toMatchObject({ status: 'paid', dunningLevel: 2 });
      const notices = await apiCall<{ items: Notice[] }>(
        url,
        admin,
        'GET',
        `/invoices/${invoiceId}/dunning-notices`,
      );
      expect(notices.items.map((n) => n.level).sort()).toEqual([1, 2]);
      await page.reload();
      await page
        .getByTestId('dunning-history')
        .locator('[data-testid="dunning-notice-row"]')
        .nth(1)
        .waitFor();
      expect(await page.locator('[data-testid="dunning-notice-row"]').count()).toBe(2);
      expect(await page.getByTestId('dunning-block-toggle').count()).toBe(0);

      // and it has left the collections page
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collections').waitFor();
      expect(await rowOf(page, invoiceId).count()).toBe(0);
      await snapshot(page, `dunning-${dialect}-paid.png`);
    });

    await step(
      page,
      'the dunning schedule in the billing settings: rates, levels, a field error',
      async () => {
        await page.goto(`${url}/admin/billing`);
        await page.getByTestId('settings-tab-dunning').click();
        await page.getByTestId('dunning-settings').waitFor();
        const rows = page.getByTestId('dunning-level-row');
        expect(await rows.count()).toBe(4);
        expect(await rows.nth(0).getByTestId('dunning-level-name').inputValue()).toBe('Zahlungserinnerung');
        expect(await rows.nth(1).getByTestId('dunning-level-name').inputValue()).toBe('1. Mahnung');
        // the rates follow the base rate as it is typed
        const base = page.getByTestId('dunning-base-rate');
        await base.fill('2,5');
        expect(await text(page.getByTestId('dunning-rate-b2b'))).toBe('11,50 %');
        expect(await text(page.getByTestId('dunning-rate-b2c'))).toBe('7,50 %');
        // a level that does not come after the one before is named, nothing is saved
        await rows.nth(1).getByTestId('dunning-level-days').fill('5');
        await page.getByTestId('dunning-settings-save').click();
        await page.getByText('Muss größer sein als bei der vorigen Stufe (7)').waitFor();
        // the letter text opens below its level
        await rows.nth(0).getByTestId('dunning-level-text-toggle').click();
        await page.getByTestId('dunning-level-text').first().waitFor({ state: 'visible' });
        await snapshot(page, `dunning-${dialect}-settings.png`);
        const saved = await callApi<{ baseRatePercent: number }>(page, 'GET', '/billing/dunning-settings');
        expect(saved.baseRatePercent).toBe(1.27);
      },
    );

    await step(
      page,
      'issuing a reverse-charge draft without VAT ID and e-mail: warned, refused, fixed in the editor',
      async () => {
        const admin = need(state.admin, 'the admin session');
        const company = await apiCall<{ id: string }>(url, admin, 'POST', '/companies', {
          name: `E2E Reverse Charge ${id} GmbH`,
          roles: ['customer'],
          street: 'Ring 1',
          postalCode: '1010',
          city: 'Wien',
          country: 'AT',
        });
        const draft = await apiCall<Invoice>(url, admin, 'POST', '/invoices', {
          companyId: company.id,
          lines: [
            {
              description: `Montage ${id}`,
              quantity: 1,
              unitPriceCents: 100_000,
              vatRate: 0,
              vatCategory: 'AE',
              exemptionReason: 'Steuerschuldnerschaft des Leistungsempfängers',
            },
          ],
        });
        await page.goto(`${url}/invoices/${draft.id}`);
        await page.getByTestId('invoice-issue').click();
        await page.getByTestId('issue-warning-no-email').waitFor();
        await page.getByTestId('issue-warning-reverse-charge').waitFor();
        await page.getByTestId('confirm-ok').click();
        // the server's refusal stays in the dialog, in words
        expect(await text(page.getByTestId('issue-refused'))).toContain('USt-IdNr. des Käufers');
        await snapshot(page, `dunning-${dialect}-issue-refused.png`);
        await page.getByTestId('confirm-cancel').click();
        expect((await apiCall<Invoice>(url, admin, 'GET', `/invoices/${draft.id}`)).status).toBe('draft');

        // the editor says the same while the field is empty; a consumer flag is one click
        await page.getByTestId('invoice-edit').click();
        await page.getByTestId('invoice-editor').waitFor();
        await page.getByTestId('invoice-reverse-charge-hint').waitFor();
        await page.getByTestId('invoice-buyer-vat-id').fill('ATU12345678');
        await page.getByTestId('invoice-reverse-charge-hint').waitFor({ state: 'detached' });
        await page.getByTestId('invoice-buyer-is-consumer').check();
        await page.getByTestId('invoice-editor-save').click();
        await page.locator(`[data-testid="invoice-detail"][data-invoice-id="${draft.id}"]`).waitFor();
        const saved = await apiCall<Invoice & { buyerVatId: string | null; buyerIsConsumer: boolean }>(
          url,
          admin,
          'GET',
          `/invoices/${draft.id}`,
        );
        expect(saved).toMatchObject({ status: 'draft', buyerVatId: 'ATU12345678', buyerIsConsumer: true });
      },
    );

    expect(browser?.pageErrors ?? []).toEqual([]);
  });
});
