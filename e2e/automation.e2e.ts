import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHeaders, apiCall, apiSession, runJob } from './support/api';
import { type Browser, launchBrowser } from './support/browser';
import { addDays, berlinToday } from './support/dates';
import { E2E_DIALECTS, type KontorServer, startKontorServer } from './support/server';
import { startSmtpServer, type TestSmtpServer } from './support/smtp';
import { DEMO_ADMIN, login, need, runId, stepper } from './support/ui';

/**
 * Issue 7's "Done when", as a new user tries it. In the browser the admin writes an e-mail template
 * and the rule "when a deal over 10.000 € enters Verhandlung, create a call task for the owner's
 * manager due next day and e-mail the owner", dry-runs it, enables it and saves it. Julia Schneider's
 * deal of 12.000 € moves to Verhandlung: Thomas Becker (her manager) has the call task due tomorrow,
 * made by the rule; Julia gets the mail (a real SMTP server on 127.0.0.1); the rule's history shows
 * the run. The admin sets the grace days of the built-in collection rule in the browser and the due
 * sweep follows them. A webhook for `deal.won` made in the browser delivers to a receiver on
 * 127.0.0.1 with a signature that verifies with the secret shown once.
 *
 * Own server per dialect: it needs SMTP_URL, and the due sweep as of a later date touches every
 * invoice of the database.
 */

const id = runId();
const TEMPLATE = `Großer Deal ${id}`;
const RULE = `Große Deals in Verhandlung ${id}`;
const COMPANY = `E2E Automatik ${id} GmbH`;
const DEAL = `E2E Großauftrag ${id}`;
const DEMO_SALES = { email: 'sales@kontor.demo', password: 'kontor-demo-sales' };

interface Deal {
  id: string;
  version: number;
  stageId: string;
}
interface Task {
  id: string;
  type: string;
  subject: string;
  assigneeId: string | null;
  dueDate: string | null;
  origin: string;
  dealId: string | null;
}
interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP receiver on 127.0.0.1 that answers 204 and keeps every request. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/kontor-hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Chooses an option of a Mantine Select (click, then the option by its label). */
async function pick(page: Page, testId: string, label: string | RegExp, nth = 0) {
  await page.getByTestId(testId).nth(nth).click();
  await page.getByRole('option', { name: label }).first().click();
}

describe.each(E2E_DIALECTS)('a manager automates routine work on %s', (dialect) => {
  let smtp: TestSmtpServer | undefined;
  let server: KontorServer | undefined;
  let browser: Browser | undefined;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  const step = stepper(() => server);
  const state: { admin?: ApiHeaders; julia?: string; thomas?: string; companyId?: string; ruleId?: string } =
    {};

  beforeAll(async () => {
    smtp = await startSmtpServer();
    receiver = await startReceiver();
    server = await startKontorServer(dialect, { env: { SMTP_URL: smtp.url } });
    browser = await launchBrowser();
    const admin = await apiSession(server.url, DEMO_ADMIN);
    state.admin = admin;
    const users = await apiCall<{ items: Array<{ id: string; name: string; managerId: string | null }> }>(
      server.url,
      admin,
      'GET',
      '/users?limit=100',
    );
    const julia = need(
      users.items.find((u) => u.name === 'Julia Schneider'),
      'Julia Schneider',
    );
    state.julia = julia.id;
    state.thomas = need(
      users.items.find((u) => u.name === 'Thomas Becker'),
      'Thomas Becker',
    ).id;
    expect(julia.managerId).toBe(state.thomas);
    const company = await apiCall<{ id: string }>(server.url, admin, 'POST', '/companies', {
      name: COMPANY,
      roles: ['customer'],
      street: 'Hauptstraße 7',
      postalCode: '20095',
      city: 'Hamburg',
      country: 'DE',
    });
    state.companyId = company.id;
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    await receiver?.close();
  });

  it('builds a rule in the browser, dry-runs it, and it acts when a big deal enters Verhandlung', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    const admin = need(state.admin, 'an admin session');

    await step(page, 'the admin writes the e-mail template', async () => {
      await login(page, url, DEMO_ADMIN);
      await page.getByTestId('nav-automation').click();
      await page.getByTestId('automation-tab-templates').click();
      await page.getByTestId('template-new').click();
      await page.getByTestId('template-name').fill(TEMPLATE);
      await page.getByTestId('template-subject-de').fill('Großer Deal in Verhandlung: {{deal.title}}');
      await page
        .getByTestId('template-body-de')
        .fill('Hallo {{owner.name}}, {{deal.title}} ({{deal.amountCents}}) ist in Verhandlung.');
      await page.getByRole('tab', { name: 'Englisch' }).click();
      await page.getByTestId('template-subject-en').fill('Big deal in negotiation: {{deal.title}}');
      await page
        .getByTestId('template-body-en')
        .fill('Hello {{owner.name}}, {{deal.title}} is in negotiation.');
      await page.getByTestId('template-save').click();
      await page.getByTestId('template-row').filter({ hasText: TEMPLATE }).waitFor();
    });

    await step(page, 'the admin builds the rule: trigger, two conditions, two actions', async () => {
      await page.getByTestId('automation-tab-rules').click();
      await page.getByTestId('rule-new').click();
      await page.getByTestId('rule-name').fill(RULE);
      await pick(page, 'trigger-event', 'Deal in andere Phase verschoben');
      await page.getByTestId('add-condition').click();
      await pick(page, 'condition-field', 'Betrag');
      await pick(page, 'condition-op', 'größer als');
      await page.getByTestId('condition-value').fill('10000');
      await page.getByTestId('add-condition').click();
      await pick(page, 'condition-field', 'Phase', 1);
      await pick(page, 'condition-value', /Verhandlung/, 1);
      await page.getByTestId('add-action').click();
      await pick(page, 'action-task-type', 'Anruf');
      await page.getByTestId('action-subject').fill('Anrufen: {{deal.title}}');
      await pick(page, 'action-assign-kind', 'Vorgesetzte der verantwortlichen Person');
      await page.getByTestId('action-due-days').fill('1');
      await page.getByTestId('add-action').click();
      await pick(page, 'action-kind', 'E-Mail senden', 1);
      await pick(page, 'action-template', TEMPLATE);
      await pick(page, 'action-to-kind', 'Verantwortliche Person des Datensatzes');
    });

    await step(page, 'the dry run shows what the rule would do, without doing it', async () => {
      await page.getByTestId('dry-run').click();
      await page.getByTestId('dry-run-result').waitFor();
      const before = await apiCall<{ items: Task[] }>(url, admin, 'GET', `/tasks?limit=500&status=open`);
      expect(before.items.some((t) => t.subject.startsWith('Anrufen: E2E'))).toBe(false);
    });

    await step(page, 'enabled and saved', async () => {
      await page.getByTestId('rule-enabled').check({ force: true });
      await page.getByTestId('rule-save').click();
      await page.waitForURL(/\/admin\/automation\/rules\/[0-9a-f-]{36}$/);
      state.ruleId = need(page.url().split('/').pop(), 'the rule id');
      const rule = await apiCall<{ enabled: boolean; actions: Array<{ kind: string }> }>(
        url,
        admin,
        'GET',
        `/rules/${state.ruleId}`,
      );
      expect(rule.enabled).toBe(true);
      expect(rule.actions.map((a) => a.kind)).toEqual(['create_task', 'send_email']);
    });

    await step(page, "Julia's deal of 12.000 € moves to Verhandlung: task, mail and run", async () => {
      const pipelines = await apiCall<{
        items: Array<{ isDefault: boolean; stages: Array<{ id: string; name: string }> }>;
      }>(url, admin, 'GET', '/pipelines');
      const stages = need(
        pipelines.items.find((p) => p.isDefault),
        'the default pipeline',
      ).stages;
      const negotiation = need(
        stages.find((s) => s.name === 'Verhandlung'),
        'the stage Verhandlung',
      );
      const deal = await apiCall<Deal>(url, admin, 'POST', '/deals', {
        title: DEAL,
        companyId: state.companyId,
        ownerId: state.julia,
        expectedCloseDate: '2030-12-31',
        amountCents: 1_200_000,
      });
      const julia = await apiSession(url, DEMO_SALES);
      await apiCall(url, julia, 'PATCH', `/deals/${deal.id}`, {
        version: deal.version,
        stageId: negotiation.id,
      });

      const tomorrow = addDays(berlinToday(), 1);
      const ruleTasks = async () =>
        (
          await apiCall<{ items: Task[] }>(url, admin, 'GET', `/tasks?dealId=${deal.id}&status=open`)
        ).items.filter((t) => t.origin === 'rule');
      await expect.poll(async () => (await ruleTasks()).length, { timeout: 30_000, interval: 300 }).toBe(1);
      expect((await ruleTasks())[0]).toMatchObject({
        type: 'call',
        subject: `Anrufen: ${DEAL}`,
        assigneeId: state.thomas,
        dueDate: tomorrow,
      });

      const mails = () => need(smtp, 'smtp').received.filter((m) => m.subject.includes(DEAL));
      await expect.poll(() => mails().length, { timeout: 30_000, interval: 300 }).toBe(1);
      expect(mails()[0]!.to).toEqual(['sales@kontor.demo']);
      expect(mails()[0]!.subject).toBe(`Großer Deal in Verhandlung: ${DEAL}`);
      expect(mails()[0]!.text).toContain('Julia Schneider');

      await page.reload();
      await page.getByTestId('run-row').filter({ hasText: DEAL }).first().waitFor({ timeout: 20_000 });
    });

    await step(page, 'a deal under 10.000 € in Verhandlung does not trigger it', async () => {
      const small = await apiCall<Deal>(url, admin, 'POST', '/deals', {
        title: `${DEAL} klein`,
        companyId: state.companyId,
        ownerId: state.julia,
        expectedCloseDate: '2030-12-31',
        amountCents: 500_000,
      });
      const pipelines = await apiCall<{
        items: Array<{ isDefault: boolean; stages: Array<{ id: string; name: string }> }>;
      }>(url, admin, 'GET', '/pipelines');
      const negotiation = need(
        pipelines.items.find((p) => p.isDefault)?.stages.find((s) => s.name === 'Verhandlung'),
        'Verhandlung',
      );
      await apiCall(url, admin, 'PATCH', `/deals/${small.id}`, {
        version: small.version,
        stageId: negotiation.id,
      });
      // the big deal's run shows; give the small one the same time to (not) appear
      await new Promise((r) => setTimeout(r, 2000));
      const runs = await apiCall<{ items: Array<{ recordId: string | null }> }>(
        url,
        admin,
        'GET',
        `/rules/${state.ruleId}/runs`,
      );
      expect(runs.items.some((r) => r.recordId === small.id)).toBe(false);
    });
  });

  it('the due sweep follows the grace days set on the built-in collection rule', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    const admin = need(state.admin, 'an admin session');
    const today = berlinToday();

    const invoice = await step(page, 'an issued invoice due today', async () => {
      const settings = await apiCall<{ version: number }>(url, admin, 'GET', '/billing/settings');
      await apiCall(url, admin, 'PATCH', '/billing/settings', {
        version: settings.version,
        sellerName: 'Kontor Demo GmbH',
        street: 'Musterstraße 1',
        postalCode: '10115',
        city: 'Berlin',
        taxNumber: '30/123/45678',
        iban: 'DE89 3704 0044 0532 0130 00',
        autoInvoiceOnWon: false,
      });
      const deal = await apiCall<Deal>(url, admin, 'POST', '/deals', {
        title: `${DEAL} Rechnung`,
        companyId: state.companyId,
        expectedCloseDate: '2030-12-31',
        lines: [{ description: `Wartung ${id}`, quantity: 1, unitPriceCents: 100_000, vatRate: 19 }],
      });
      await apiCall(url, admin, 'POST', `/deals/${deal.id}/win`, { version: deal.version });
      const draft = await apiCall<{ id: string; version: number; paymentDays: number }>(
        url,
        admin,
        'POST',
        `/deals/${deal.id}/invoice`,
      );
      return apiCall<{ id: string; dueDate: string }>(url, admin, 'POST', `/invoices/${draft.id}/issue`, {
        version: draft.version,
        issueDate: addDays(today, -draft.paymentDays),
      });
    });
    expect(invoice.dueDate).toBe(today);

    const setGraceDays = (days: number) =>
      step(page, `grace days ${days} on the built-in rule`, async () => {
        await page.goto(`${url}/admin/automation?tab=builtins`);
        const card = page.getByTestId('builtin-billing.collection');
        await card.getByTestId('builtin-param-graceDays').fill(String(days));
        await card.getByTestId('builtin-save').click();
        await expect
          .poll(
            async () =>
              (await apiCall<{ graceDays: number }>(url, admin, 'GET', '/billing/settings')).graceDays,
            { timeout: 10_000 },
          )
          .toBe(days);
      });
    const collectionTasks = async () =>
      (await apiCall<{ items: Task[] }>(url, admin, 'GET', `/tasks?invoiceId=${invoice.id}&type=collection`))
        .items;

    await setGraceDays(14);
    await runJob(url, admin, 'billing.due-sweep', { asOf: addDays(today, 10) });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await collectionTasks()).toHaveLength(0);

    await setGraceDays(7);
    await runJob(url, admin, 'billing.due-sweep', { asOf: addDays(today, 10) });
    await expect
      .poll(async () => (await collectionTasks()).length, { timeout: 20_000, interval: 300 })
      .toBe(1);
  });

  it('a webhook made in the browser delivers deal.won, signed with the secret shown once', async () => {
    const page = need(browser, 'a browser').page;
    const url = need(server, 'a server').url;
    const admin = need(state.admin, 'an admin session');
    const hook = need(receiver, 'a receiver');

    const secret = await step(page, 'the admin subscribes a receiver to deal.won', async () => {
      await page.goto(`${url}/admin/webhooks`);
      await page.getByTestId('webhook-create').click();
      await page.getByTestId('webhook-name').fill(`ERP ${id}`);
      await page.getByTestId('webhook-url').fill(hook.url);
      await page.getByTestId('webhook-events').click();
      await page.getByTestId('webhook-events').fill('deal.won');
      await page.getByRole('option', { name: 'deal.won', exact: true }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('webhook-save').click();
      const shown = page.getByTestId('webhook-secret');
      await shown.waitFor();
      const value = (await shown.textContent()) ?? '';
      expect(value).toMatch(/^whsec_/);
      await page.getByTestId('webhook-secret-done').click();
      return value.trim();
    });

    await step(page, 'a deal is won: the receiver gets the signed event', async () => {
      const deal = await apiCall<Deal>(url, admin, 'POST', '/deals', {
        title: `${DEAL} gewonnen`,
        companyId: state.companyId,
        expectedCloseDate: '2030-12-31',
        amountCents: 300_000,
      });
      await apiCall(url, admin, 'POST', `/deals/${deal.id}/win`, { version: deal.version });
      const forDeal = () =>
        hook.received.filter((r) => r.body.includes(deal.id) && r.body.includes('deal.won'));
      await expect.poll(() => forDeal().length, { timeout: 30_000, interval: 300 }).toBe(1);
      const got = forDeal()[0]!;
      expect(got.headers['kontor-event']).toBe('deal.won');
      const signature = String(got.headers['kontor-signature']);
      const t = need(/t=(\d+)/.exec(signature)?.[1], 'the timestamp');
      const expected = createHmac('sha256', secret).update(`${t}.${got.body}`).digest('hex');
      expect(signature).toContain(`v1=${expected}`);
      const body = JSON.parse(got.body) as { type: string; data: { dealId: string; amountCents: number } };
      expect(body).toMatchObject({ type: 'deal.won', data: { dealId: deal.id, amountCents: 300_000 } });
    });
  });
});
