import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, startKontorServer } from './support/server';
import { DEMO_ADMIN, RESULTS, snapshot, stepper } from './support/ui';

/** Labels of the dashboard's navigation entry per language (web/src/locales/{de,en}/common.json nav.dashboard). */
const NAV_DASHBOARD = { de: 'Übersicht', en: 'Dashboard' } as const;

/** Waits until the element's text contains `text` (playwright-core has no auto-waiting expect). */
async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).first().waitFor({ state: 'visible' });
}

describe.each(E2E_DIALECTS)(
  'foundation on %s: log in, switch language, create a team, log out',
  (dialect) => {
    let server: KontorServer;
    let browser: Browser;
    const step = stepper(() => server);

    beforeAll(async () => {
      mkdirSync(RESULTS, { recursive: true });
      // A server of its own: switching the language saves it to the demo admin's profile, which the
      // other files (logging in as the admin, reading German labels) must not inherit.
      server = await startKontorServer(dialect);
      browser = await launchBrowser({ locale: 'de-DE' });
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

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
        await snapshot(page, dialect === 'sqlite' ? 'dashboard.png' : `dashboard-${dialect}.png`);
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
  },
);
