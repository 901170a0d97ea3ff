import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { login, RESULTS, runId, stepper } from './support/ui';

/**
 * Issue 4 item 1 in the browser: a sales person creates a task on the tasks page, completes it with
 * a note from its detail, and ticks off a second one with the list's checkbox.
 */
const DEMO_SALES = { email: 'sales@kontor.demo', password: 'kontor-demo-sales' };

describe.each(E2E_DIALECTS)('tasks in the browser (%s)', (dialect) => {
  let server: KontorServer;
  let browser: Browser;
  let page: Page;
  const step = stepper(() => server);
  const id = runId();
  const first = `E2E Angebot nachfassen ${id}`;
  const second = `E2E Unterlagen schicken ${id}`;

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

  async function createTask(subject: string) {
    await page.getByTestId('task-create').click();
    // the modal's root is not a box of its own: wait for its inputs
    const subjectInput = page.getByTestId('task-subject');
    await subjectInput.waitFor({ state: 'visible' });
    await subjectInput.fill(subject);
    await page.getByTestId('task-save').click();
    await subjectInput.waitFor({ state: 'hidden' });
  }

  it('creates a task and completes it, with a note and with the checkbox', async () => {
    await step(page, 'login as sales', () => login(page, server.url, DEMO_SALES));

    await step(page, 'open the tasks page', async () => {
      await page.getByTestId('nav-tasks').click();
      await page.getByTestId('task-create').waitFor({ state: 'visible' });
    });

    await step(page, 'create a task', async () => {
      await createTask(first);
      // saving opens the new task
      const detail = page.getByTestId('task-detail');
      await detail.waitFor({ state: 'visible' });
      expect(await detail.getAttribute('data-status')).toBe('open');
      await expect.poll(() => page.getByTestId('task-row').filter({ hasText: first }).count()).toBe(1);
    });

    await step(page, 'complete it with a note', async () => {
      await page.getByTestId('task-complete').click();
      await page.getByTestId('task-complete-note').fill('Kunde hat zugesagt');
      await page.getByTestId('task-complete-save').click();
      await page.locator('[data-testid="task-detail"][data-status="done"]').waitFor();
      expect(await page.getByTestId('task-notes').textContent()).toContain('Kunde hat zugesagt');
      // the list shows open tasks: the done one leaves it
      await expect.poll(() => page.getByTestId('task-row').filter({ hasText: first }).count()).toBe(0);
    });

    await step(page, 'tick off a second task in the list', async () => {
      await page.keyboard.press('Escape');
      await page.getByTestId('task-detail').waitFor({ state: 'hidden' });
      await createTask(second);
      await page.keyboard.press('Escape');
      const row = page.getByTestId('task-row').filter({ hasText: second });
      await row.waitFor({ state: 'visible' });
      await row.getByTestId('task-complete-checkbox').click();
      await expect.poll(() => page.getByTestId('task-row').filter({ hasText: second }).count()).toBe(0);
    });

    await step(page, 'both are among the done tasks', async () => {
      await page.goto(`${server.url}/tasks?status=done&q=${encodeURIComponent(id)}`);
      const rows = page.locator('[data-testid="task-row"][data-status="done"]');
      await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(2);
    });
  });
});
