import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/build-web';
import { type Browser, launchBrowser } from './support/browser';
import { type KontorServer, startKontorServer } from './support/server';

const RESULTS = join(REPO_ROOT, 'test-results');
/** The seeded demo admin (server/src/seed.ts: `${key}@kontor.demo` / `kontor-demo-${key}`). */
const DEMO_ADMIN = { email: 'admin@kontor.demo', password: 'kontor-demo-admin' };
/** Labels of the dashboard's navigation entry per language (web/src/locales/{de,en}/common.json nav.dashboard). */
const NAV_DASHBOARD = { de: 'Übersicht', en: 'Dashboard' } as const;

let server: KontorServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  server = await startKontorServer();
  browser = await launchBrowser({ locale: 'de-DE' });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Waits until the element's text contains `text` (playwright-core has no auto-waiting expect). */
async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).first().waitFor({ state: 'visible' });
}

/** On failure, keep a screenshot and the server's output next to the other results. */
async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const file = join(RESULTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
    const why = err instanceof Error ? err.message : String(err);
    throw new Error(
      `step "${name}" failed: ${why}\nscreenshot: ${file}\nserver output (tail):\n${server.output().slice(-3000)}`,
    );
  }
}

describe('foundation: log in, switch language, create a team, log out', () => {
  it('a new user gets through the basic loop in the browser', async () => {
    const { page } = browser;
    const admin = server.logins.find((l) => l.role === 'admin') ?? DEMO_ADMIN;
    expect(admin.email).toBe(DEMO_ADMIN.email);

    await step(page, 'login', async () => {
      await page.goto(`${server.url}/`);
      // Not logged in: the app sends us to the login form.
      await page.getByTestId('login-email').fill(admin.email);
      await page.getByTestId('login-password').fill(admin.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('dashboard').waitFor({ state: 'visible' });
    });

    await step(page, 'switch language', async () => {
      const sw = page.getByTestId('language-switch');
      // The demo admin's language is German.
      await waitForText(page, 'nav-dashboard', NAV_DASHBOARD.de);
      expect(await sw.getAttribute('data-language')).toBe('de');

      await sw.click();
      await waitForText(page, 'nav-dashboard', NAV_DASHBOARD.en);
      await page.locator('[data-testid="language-switch"][data-language="en"]').waitFor();

      await sw.click();
      await waitForText(page, 'nav-dashboard', NAV_DASHBOARD.de);
      await page.locator('[data-testid="language-switch"][data-language="de"]').waitFor();
    });

    const teamName = `E2E Team ${Date.now().toString(36)}`;
    await step(page, 'create a team', async () => {
      await page.getByTestId('nav-teams').click();
      await page.getByTestId('teams-table').waitFor({ state: 'visible' });
      await page.getByTestId('team-create').click();
      await page.getByTestId('team-name').fill(teamName);
      await page.getByTestId('team-save').click();
      await page
        .getByTestId('teams-table')
        .getByText(teamName, { exact: true })
        .first()
        .waitFor({ state: 'visible' });
    });

    await step(page, 'team survives a reload', async () => {
      await page.reload();
      await page
        .getByTestId('teams-table')
        .getByText(teamName, { exact: true })
        .first()
        .waitFor({ state: 'visible' });
    });

    await step(page, 'dashboard screenshot', async () => {
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('dashboard').waitFor({ state: 'visible' });
      // Let lazy widgets finish loading before the picture.
      await page.waitForLoadState('networkidle');
      await page.screenshot({ path: join(RESULTS, 'dashboard.png'), fullPage: true });
    });

    await step(page, 'logout', async () => {
      // Log out sits in the user menu.
      const logout = page.getByTestId('logout');
      if (!(await logout.isVisible())) await page.getByTestId('user-menu').click();
      await logout.click();
      await page.getByTestId('login-email').waitFor({ state: 'visible' });
      // The session is gone on the server too, not only in the page.
      const status = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      expect(status).toBe(401);
      await page.goto(`${server.url}/teams`);
      await page.getByTestId('login-email').waitFor({ state: 'visible' });
    });

    expect(browser.pageErrors).toEqual([]);
  });
});
