import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { DEMO_ADMIN, login, RESULTS, runId, stepper } from './support/ui';

/**
 * Issue 4 item 2 in the browser: a sales person has a task with a reminder; when the reminder job
 * runs (started by an admin through the API, as the scheduler would), the bell's unread count goes
 * up and a toast appears without reloading the page; the popover lists it and marks it read.
 */
const DEMO_SALES = { email: 'sales@kontor.demo', password: 'kontor-demo-sales' };

/** Logs in over the API (no browser) and returns headers for state-changing requests. */
async function apiSession(baseUrl: string, user: { email: string; password: string }) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const me = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' };
}

describe.each(E2E_DIALECTS)('reminders and the notification bell in the browser (%s)', (dialect) => {
  let server: KontorServer;
  let browser: Browser;
  let page: Page;
  const step = stepper(() => server);
  const subject = `Rückruf Brandt ${runId()}`;

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser({ locale: 'de-DE' });
    page = browser.page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const badgeCount = async () =>
    Number(await page.getByTestId('notification-badge').getAttribute('data-count'));

  it('shows a fired reminder live in the bell and as a toast, then marks it read', async () => {
    await step(page, 'login as sales', () => login(page, server.url, DEMO_SALES));

    // Whatever the demo data fired before: start from a clean bell.
    const sales = await apiSession(server.url, DEMO_SALES);
    await fetch(`${server.url}/api/notifications/read`, { method: 'POST', headers: sales, body: '{}' });
    await step(page, 'bell shows no unread', async () => {
      await page.reload();
      await page.getByTestId('notification-bell').waitFor();
      await expect.poll(badgeCount, { timeout: 10_000 }).toBe(0);
    });

    let taskId = '';
    await step(page, 'a call with a reminder that is due', async () => {
      const res = await fetch(`${server.url}/api/tasks`, {
        method: 'POST',
        headers: sales,
        body: JSON.stringify({
          type: 'call',
          subject,
          dueAt: new Date(Date.now() + 3600_000).toISOString(),
          reminder: new Date(Date.now() - 60_000).toISOString(),
        }),
      });
      const body = await res.text();
      expect(res.status, body).toBe(201);
      taskId = (JSON.parse(body) as { id: string }).id;
    });

    await step(page, 'the admin runs the reminder job', async () => {
      const admin = await apiSession(server.url, DEMO_ADMIN);
      const res = await fetch(`${server.url}/api/admin/jobs/work.fire-reminders/run`, {
        method: 'POST',
        headers: admin,
        body: '{}',
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('succeeded');
    });

    await step(page, 'the bell counts it and a toast shows it, without reload', async () => {
      await expect.poll(badgeCount, { timeout: 15_000 }).toBeGreaterThan(0);
      await page.getByTestId('notification').filter({ hasText: subject }).first().waitFor();
    });

    await step(page, 'the popover lists it; mark all read empties the badge', async () => {
      const before = await badgeCount();
      await page.getByTestId('notification-bell').click();
      const item = page.getByTestId('notification-item').filter({ hasText: subject });
      await item.waitFor();
      expect(await item.getAttribute('data-unread')).toBe('true');
      await page.getByTestId('notification-mark-all-read').click();
      await expect.poll(badgeCount, { timeout: 10_000 }).toBe(0);
      expect(before).toBeGreaterThan(0);
      expect(await item.getAttribute('data-unread')).toBe('false');
    });

    await step(
      page,
      'the reminder mail waits in the outbox (no SMTP_URL), readable by the admin',
      async () => {
        const admin = await apiSession(server.url, DEMO_ADMIN);
        const res = await fetch(`${server.url}/api/admin/mail?limit=50`, { headers: admin });
        const mails = ((await res.json()) as { items: { to: string; subject: string; status: string }[] })
          .items;
        expect(mails).toContainEqual(
          expect.objectContaining({
            to: DEMO_SALES.email,
            subject: `Erinnerung: ${subject}`,
            status: 'outbox',
          }),
        );
      },
    );
    expect(taskId).not.toBe('');
    expect(browser.pageErrors).toEqual([]);
  });
});
