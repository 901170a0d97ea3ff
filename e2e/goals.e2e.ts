import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { chooseOption, DEMO_ADMIN, login, RESULTS, runId, snapshot, stepper } from './support/ui';

/**
 * Issue 4's goal flow in the browser: a manager sets a monthly revenue goal for a team on the goals
 * page, sees its progress bar, and watches it grow when a deal of the team is won.
 */

const POLL = { timeout: 15_000, interval: 250 };
const id = runId();
const GOAL = `E2E Umsatzziel ${id}`;
/** Target 1,000,000 € and a deal of 123,456 €: the goal stays open, the bar moves visibly. */
const TARGET_EUR = 1_000_000;
const DEAL_CENTS = 12_345_600;

/** Calls the API from the page, as the signed-in user (session cookie and CSRF token). */
async function callApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await fetch('/api/auth/me').then((r) => r.json());
      const res = await fetch(`/api${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken ?? '' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : null;
    },
    { method, path, body },
  ) as Promise<T>;
}

async function goalActual(page: Page, goalId: string): Promise<number> {
  const bar = page.locator(
    `[data-testid="goal-row"][data-goal-id="${goalId}"] [data-testid="goal-progress"]`,
  );
  await bar.waitFor({ state: 'visible' });
  return Number(await bar.getAttribute('data-actual'));
}

describe.each(E2E_DIALECTS)('goals on %s: a team revenue goal and its progress', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser;
  const step = stepper(() => server);
  const state: { teamId?: string; teamName?: string; goalId?: string } = {};

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser({ locale: 'de-DE' });
    await login(browser.page, server.url, server.logins.find((l) => l.role === 'admin') ?? DEMO_ADMIN);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets a monthly revenue goal for a team in the goals page and shows its progress bar', async () => {
    const { page } = browser;
    await step(page, 'create team', async () => {
      const team = await callApi<{ id: string; name: string }>(page, 'POST', '/teams', {
        name: `E2E Team ${id}`,
      });
      state.teamId = team.id;
      state.teamName = team.name;
    });

    await step(page, 'create goal', async () => {
      await page.getByTestId('nav-goals').click();
      await page.getByTestId('goal-create').click();
      const form = page.getByTestId('goal-form');
      await form.waitFor({ state: 'visible' });
      // a team goal for revenue in the current month is what the form starts with
      await chooseOption(page, form.getByTestId('goal-team'), state.teamName!);
      expect(await form.getByTestId('goal-period-kind').inputValue()).toBe('Monat');
      await form.getByTestId('goal-target').fill(String(TARGET_EUR));
      await form.getByTestId('goal-name').fill(GOAL);
      await form.getByTestId('goal-save').click();
      await form.waitFor({ state: 'hidden' });
      const row = page.getByTestId('goal-row').filter({ hasText: GOAL });
      await row.waitFor({ state: 'visible' });
      state.goalId = (await row.getAttribute('data-goal-id')) ?? undefined;
      expect(state.goalId).toBeTruthy();
      await row.getByTestId('goal-progress').waitFor({ state: 'visible' });
      expect(await goalActual(page, state.goalId!)).toBe(0);
      await expect
        .poll(() => row.getByTestId('goal-status').getAttribute('data-status'))
        .not.toBe('achieved');
    });

    // the server agrees: the calendar month of today, for the team, in cents
    const goal = await callApi<{ teamId: string; target: number; periodKind: string; periodStart: string }>(
      page,
      'GET',
      `/goals/${state.goalId}`,
    );
    expect(goal).toMatchObject({ teamId: state.teamId, target: TARGET_EUR * 100, periodKind: 'month' });
    expect(goal.periodStart).toMatch(/^\d{4}-\d{2}-01$/);
  });

  it('moves the bar when a deal of the team is won', async () => {
    const { page } = browser;
    await step(page, 'win a deal for the team', async () => {
      const companies = await callApi<{ items: { id: string }[] }>(page, 'GET', '/companies?limit=1');
      const deal = await callApi<{ id: string; version: number }>(page, 'POST', '/deals', {
        title: `E2E Auftrag ${id}`,
        companyId: companies.items[0]!.id,
        teamId: state.teamId,
        amountCents: DEAL_CENTS,
        expectedCloseDate: '2030-12-31',
      });
      await callApi(page, 'POST', `/deals/${deal.id}/win`, { version: deal.version });
    });

    await step(page, 'progress grows', async () => {
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('nav-goals').click();
      await expect.poll(() => goalActual(page, state.goalId!), POLL).toBe(DEAL_CENTS);
      const row = page.locator(`[data-testid="goal-row"][data-goal-id="${state.goalId}"]`);
      expect(Number(await row.getByTestId('goal-progress').getAttribute('data-percent'))).toBeCloseTo(
        12.3,
        1,
      );
      await page.waitForLoadState('networkidle');
      await snapshot(page, dialect === 'sqlite' ? 'goals.png' : `goals-${dialect}.png`);
    });
    expect(browser.pageErrors).toEqual([]);
  });
});
