import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSession, callApi } from './support/api';
import { type Browser, launchBrowser } from './support/browser';
import { addDays, berlinToday } from './support/dates';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { DEMO_ADMIN, digits, login, need, RESULTS, runId, snapshot, stepper, text } from './support/ui';

/**
 * Issue 5's receivables report in the browser, as the accountant sees it: a customer (set up over
 * the API as the admin) has two issued invoices — one due in 14 days (not due), one due 45 days ago
 * (31–60 days past due). On *Forderungen* (`/reports/receivables`) the customer's row of the aging
 * table shows both amounts in their buckets and their total; the total row and the dashboard card
 * "Offene Forderungen" show the same total as the API (the demo data has open invoices too); DSO
 * and invoiced vs collected are shown.
 */

const id = runId();
const COMPANY = `E2E Forderungen ${id} GmbH`;
const DEMO_ACCOUNTING = { email: 'accounting@kontor.demo', password: 'kontor-demo-accounting' };
/** Large amounts, so the customer is among the listed (largest) customers whatever the demo data holds. */
const NOT_DUE_CENTS = 23_800_000; // 2 × 100.000,00 € + 19 %
const OVERDUE_CENTS = 11_900_000; // 1 × 100.000,00 € + 19 %

interface Invoice {
  id: string;
  version: number;
  status: string;
  dueDate: string | null;
  openCents: number;
}
interface AgingReport {
  total: { total: { cents: number }; overdue: { cents: number } };
}

describe.each(E2E_DIALECTS)('receivables report in the browser (%s)', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser | undefined;
  const step = stepper(() => server);
  const state: { companyId?: string } = {};

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('two open invoices of a customer show in their aging buckets, in the totals and on the dashboard', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    const today = berlinToday();

    await step(
      page,
      'a customer with an invoice not due yet and one 45 days overdue (API, as the admin)',
      async () => {
        const admin = await apiSession(url, DEMO_ADMIN);
        const settings = await apiCall<{ version: number }>(url, admin, 'GET', '/billing/settings');
        await apiCall(url, admin, 'PATCH', '/billing/settings', {
          version: settings.version,
          sellerName: 'Kontor Demo GmbH',
          street: 'Musterstraße 1',
          postalCode: '10115',
          city: 'Berlin',
          taxNumber: '30/123/45678',
          iban: 'DE89 3704 0044 0532 0130 00',
        });
        const company = await apiCall<{ id: string }>(url, admin, 'POST', '/companies', {
          name: COMPANY,
          roles: ['customer'],
          street: 'Hauptstraße 1',
          postalCode: '10115',
          city: 'Berlin',
          country: 'DE',
        });
        state.companyId = company.id;
        const issue = async (quantity: number, issueDate: string) => {
          const draft = await apiCall<Invoice>(url, admin, 'POST', '/invoices', {
            companyId: company.id,
            paymentDays: 14,
            lines: [{ description: `Anlage ${id}`, quantity, unitPriceCents: 10_000_000, vatRate: 19 }],
          });
          return apiCall<Invoice>(url, admin, 'POST', `/invoices/${draft.id}/issue`, {
            version: draft.version,
            issueDate,
          });
        };
        const notDue = await issue(2, today);
        expect(notDue).toMatchObject({
          status: 'issued',
          dueDate: addDays(today, 14),
          openCents: NOT_DUE_CENTS,
        });
        const overdue = await issue(1, addDays(today, -14 - 45));
        expect(overdue).toMatchObject({
          status: 'issued',
          dueDate: addDays(today, -45),
          openCents: OVERDUE_CENTS,
        });
      },
    );

    await step(page, 'the accountant opens Forderungen: the customer is in the aging table', async () => {
      await login(page, url, DEMO_ACCOUNTING);
      await page.getByTestId('nav-receivables').click();
      await page.locator('[data-testid="aging-report"][data-loading="false"]').waitFor();
      const row = page.locator(`[data-testid="aging-customer"][data-company-id="${state.companyId}"]`);
      await row.waitFor();
      expect(await text(row.getByRole('link').first())).toBe(COMPANY);
      const cents = async (bucket: string) =>
        Number(await row.locator(`[data-bucket="${bucket}"]`).getAttribute('data-cents'));
      expect(await cents('notDue')).toBe(NOT_DUE_CENTS);
      expect(await cents('days1to30')).toBe(0);
      expect(await cents('days31to60')).toBe(OVERDUE_CENTS);
      expect(await cents('days61to90')).toBe(0);
      expect(await cents('over90')).toBe(0);
      expect(digits(await text(row.locator('[data-bucket="notDue"]')))).toBe(NOT_DUE_CENTS);
      expect(digits(await text(row.locator('[data-bucket="days31to60"]')))).toBe(OVERDUE_CENTS);
      expect(digits(await text(row.getByTestId('aging-customer-total')))).toBe(NOT_DUE_CENTS + OVERDUE_CENTS);
      // the total links to the customer's open invoices
      expect(await row.getByTestId('aging-customer-total').getByRole('link').getAttribute('href')).toBe(
        `/invoices?open=true&companyId=${state.companyId}`,
      );
    });

    await step(page, 'the totals match the API and count both invoices', async () => {
      const report = await callApi<AgingReport>(page, 'GET', '/reports/receivables/aging');
      expect(report.total.total.cents).toBeGreaterThanOrEqual(NOT_DUE_CENTS + OVERDUE_CENTS);
      expect(report.total.overdue.cents).toBeGreaterThanOrEqual(OVERDUE_CENTS);
      expect(digits(await text(page.getByTestId('aging-total-cents')))).toBe(report.total.total.cents);
      expect(digits(await text(page.getByTestId('aging-total-value')))).toBe(report.total.total.cents);
      expect(digits(await text(page.getByTestId('aging-overdue-value')))).toBe(report.total.overdue.cents);
      const totalRow = page.getByTestId('aging-total-row');
      expect(
        Number(await totalRow.locator('[data-bucket="notDue"]').getAttribute('data-cents')),
      ).toBeGreaterThanOrEqual(NOT_DUE_CENTS);
      expect(
        Number(await totalRow.locator('[data-bucket="days31to60"]').getAttribute('data-cents')),
      ).toBeGreaterThanOrEqual(OVERDUE_CENTS);
      // DSO and this month's invoicing (both invoices issued this month or before; the new one today)
      await page
        .locator('[data-testid="dso-report"][data-loading="false"]')
        .getByTestId('dso-current')
        .waitFor();
      expect(await text(page.getByTestId('dso-current-value'))).toMatch(/\d.*Tage/);
      const month = page.locator(`[data-testid="cash-flow-month"][data-month="${today.slice(0, 7)}"]`);
      await month.waitFor();
      await snapshot(page, `receivables-${dialect}.png`);
    });

    await step(page, 'the dashboard card shows the open and overdue receivables', async () => {
      const report = await callApi<AgingReport>(page, 'GET', '/reports/receivables/aging');
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('receivables-mini').waitFor();
      expect(digits(await text(page.getByTestId('receivables-mini-open-value')))).toBe(
        report.total.total.cents,
      );
      expect(digits(await text(page.getByTestId('receivables-mini-overdue-value')))).toBe(
        report.total.overdue.cents,
      );
    });

    expect(browser?.pageErrors ?? []).toEqual([]);
  });
});
