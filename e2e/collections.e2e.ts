import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, apiSession, callApi } from './support/api';
import { type Browser, launchBrowser } from './support/browser';
import { addDays, berlinToday } from './support/dates';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { DEMO_ADMIN, digits, login, need, RESULTS, runId, snapshot, stepper, text } from './support/ui';

/**
 * Issue 5's collections loop in the browser, as a member of "Vertrieb & Inkasso" sees it: an
 * invoice (set up over the API as the admin) was due yesterday; the due sweep runs as of today
 * (admin run-job API) and makes its collection task for the team; on `/collections` the
 * accountant sees the invoice with the unclaimed task, claims it, books the full payment on the
 * invoice page, and the invoice leaves the collections page while the task is done.
 */

const id = runId();
const COMPANY = `E2E Inkasso ${id} GmbH`;
const DEAL = `E2E Inkasso-Auftrag ${id}`;
/** 2 × 500,00 € net + 19 % → 1.190,00 € gross. */
const LINE = { description: `Wartung ${id}`, quantity: 2, unitPriceCents: 50_000, vatRate: 19 };
const GROSS_CENTS = 119_000;
const DEMO_ACCOUNTING = { email: 'accounting@kontor.demo', password: 'kontor-demo-accounting' };
const TEAM = 'Vertrieb & Inkasso';

interface Invoice {
  id: string;
  version: number;
  status: string;
  number: string | null;
  dueDate: string | null;
  paymentDays: number;
  openCents: number;
}
interface Task {
  id: string;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  teamName: string | null;
  invoiceId: string | null;
}

describe.each(E2E_DIALECTS)('collections in the browser (%s)', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser | undefined;
  const step = stepper(() => server);
  const state: { invoiceId?: string; number?: string; taskId?: string } = {};

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an invoice due yesterday: the sweep makes its task, the team claims it, the payment closes it', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    const today = berlinToday();

    await step(page, 'an issued invoice due yesterday (API, as the admin)', async () => {
      const admin = await apiSession(url, DEMO_ADMIN);
      const settings = await apiCall<{ version: number }>(url, admin, 'GET', '/billing/settings');
      // the seller data issuing needs (§14 UStG); no grace days: due yesterday is overdue today
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
      const deal = await apiCall<{ id: string; version: number }>(url, admin, 'POST', '/deals', {
        title: DEAL,
        companyId: company.id,
        expectedCloseDate: '2030-12-31',
        lines: [LINE],
      });
      await apiCall(url, admin, 'POST', `/deals/${deal.id}/win`, { version: deal.version });
      const draft = await apiCall<Invoice>(url, admin, 'POST', `/deals/${deal.id}/invoice`);
      const issued = await apiCall<Invoice>(url, admin, 'POST', `/invoices/${draft.id}/issue`, {
        version: draft.version,
        issueDate: addDays(today, -draft.paymentDays - 1),
      });
      expect(issued).toMatchObject({ status: 'issued', dueDate: addDays(today, -1), openCents: GROSS_CENTS });
      state.invoiceId = issued.id;
      state.number = need(issued.number, 'the invoice number');

      // the daily due sweep, as of today
      const res = await fetch(`${url}/api/admin/jobs/billing.due-sweep/run`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ asOf: today }),
      });
      const run = (await res.json()) as { status: string; error?: string | null };
      expect(res.status, JSON.stringify(run)).toBe(200);
      expect(run.status, run.error ?? '').toBe('succeeded');

      // the collection task is made by the work domain's event subscriber: at once on SQLite, by
      // the outbox relay a moment later on PostgreSQL
      const collectionTasks = () =>
        apiCall<{ items: Task[] }>(
          url,
          admin,
          'GET',
          `/tasks?invoiceId=${issued.id}&type=collection&status=open`,
        );
      await expect
        .poll(async () => (await collectionTasks()).items.length, { timeout: 15_000, interval: 300 })
        .toBe(1);
      const tasks = await collectionTasks();
      expect(tasks.items).toHaveLength(1);
      expect(tasks.items[0]).toMatchObject({ assigneeId: null, teamName: TEAM, invoiceId: issued.id });
      state.taskId = tasks.items[0]!.id;
    });

    await step(page, 'the accountant sees it on the collections page, unclaimed', async () => {
      await login(page, url, DEMO_ACCOUNTING);
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collections').waitFor();
      const row = page.locator(`[data-testid="collection-row"][data-invoice-id="${state.invoiceId}"]`);
      await row.waitFor();
      expect(await text(row.getByTestId('collection-invoice-link'))).toBe(state.number);
      expect(await row.getAttribute('data-task-id')).toBe(state.taskId);
      expect(await row.getAttribute('data-days-overdue')).toBe('1');
      expect(await text(row.getByTestId('collection-days'))).toBe('1 Tag');
      expect(digits(await text(row.getByTestId('collection-open')))).toBe(GROSS_CENTS);
      expect(await text(row.getByTestId('collection-assignee'))).toBe(`${TEAM} · nicht übernommen`);
      // the totals at the top count this invoice (the demo data has overdue invoices too)
      const count = Number(await text(page.getByTestId('collections-count')));
      expect(count).toBe(await page.getByTestId('collection-row').count());
      expect(digits(await text(page.getByTestId('collections-open-sum')))).toBeGreaterThanOrEqual(
        GROSS_CENTS,
      );
      await snapshot(page, `collections-${dialect}-overdue.png`);
    });

    await step(page, 'claim the task', async () => {
      const row = page.locator(`[data-testid="collection-row"][data-invoice-id="${state.invoiceId}"]`);
      await row.getByTestId('collection-claim').click();
      await row.getByTestId('collection-claim').waitFor({ state: 'detached' });
      await expect
        .poll(() => text(row.getByTestId('collection-assignee')), { timeout: 10_000, interval: 200 })
        .not.toContain('nicht übernommen');
      const task = await callApi<Task>(page, 'GET', `/tasks/${state.taskId}`);
      const me = await callApi<{ user: { id: string } }>(page, 'GET', '/auth/me');
      expect(task.assigneeId).toBe(me.user.id);
    });

    await step(page, 'record the full payment on the invoice page', async () => {
      const row = page.locator(`[data-testid="collection-row"][data-invoice-id="${state.invoiceId}"]`);
      await row.getByTestId('collection-invoice-link').click();
      await page.locator(`[data-testid="invoice-detail"][data-invoice-id="${state.invoiceId}"]`).waitFor();
      await page.getByTestId('invoice-record-payment').click();
      await page.getByTestId('payment-amount').waitFor();
      expect(digits(await page.getByTestId('payment-amount').inputValue())).toBe(GROSS_CENTS);
      await page.getByTestId('payment-submit').click();
      await page.locator('[data-testid="invoice-detail"][data-status="paid"]').waitFor();
    });

    await step(page, 'the invoice leaves the collections page; its task is done', async () => {
      await page.getByTestId('nav-collections').click();
      await page.getByTestId('collections').waitFor();
      await page
        .locator(`[data-testid="collection-row"][data-invoice-id="${state.invoiceId}"]`)
        .waitFor({ state: 'detached' });
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
      await snapshot(page, `collections-${dialect}-paid.png`);
    });

    expect(browser?.pageErrors ?? []).toEqual([]);
  });
});
