import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../scripts/build-web';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';

/**
 * The header search of issue 3: as a sales person types, companies, contacts and deals show up
 * grouped, found by the beginnings of words in any spelling of umlauts; the keyboard opens them.
 */
const RESULTS = join(REPO_ROOT, 'test-results');
const DEMO_SALES = { email: 'sales@kontor.demo', password: 'kontor-demo-sales' };
const id = Date.now().toString(36).slice(-5);
const COMPANY = `Müller-Lüdenscheidt ${id} GmbH`;
const CONTACT = { firstName: 'Jürgen', lastName: `Weiß${id}` };
const DEAL = `Fräsmaschine Q${id}`;

describe.each(E2E_DIALECTS)('global search in the browser (%s)', (dialect) => {
  let server: KontorServer;
  let browser: Browser;
  let page: Page;
  const created: Record<'company' | 'contact' | 'deal', string> = { company: '', contact: '', deal: '' };

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

  /** The results' titles once the dropdown shows results for what was typed. */
  async function typeAndWait(q: string, expected: string): Promise<string[]> {
    const box = page.getByTestId('global-search');
    await box.fill('');
    await box.click();
    await box.pressSequentially(q, { delay: 20 });
    await page
      .getByTestId('global-search-result')
      .filter({ hasText: expected })
      .first()
      .waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="global-search-results"] [data-stale]').waitFor({ state: 'detached' });
    return (await page.getByTestId('global-search-result').allInnerTexts()).map((t) => t.split('\n')[0]!);
  }

  async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const file = join(RESULTS, `failed-search-${dialect}-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      throw new Error(
        `step "${name}" failed: ${err instanceof Error ? err.message : String(err)}\nscreenshot: ${file}`,
      );
    }
  }

  it('finds what a sales person just created, as they type, and opens it from the keyboard', async () => {
    await step('login', async () => {
      await page.goto(`${server.url}/`);
      await page.getByTestId('login-email').fill(DEMO_SALES.email);
      await page.getByTestId('login-password').fill(DEMO_SALES.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('dashboard').waitFor({ state: 'visible' });
    });

    await step('create records through the API', async () => {
      const me = await (await page.request.get(`${server.url}/api/auth/me`)).json();
      const headers = { 'x-csrf-token': me.csrfToken as string };
      const post = async (path: string, data: object) => {
        const res = await page.request.post(`${server.url}/api${path}`, { data, headers });
        expect(res.status(), await res.text()).toBe(201);
        return (await res.json()).id as string;
      };
      created.company = await post('/companies?allowDuplicate=true', { name: COMPANY, roles: ['prospect'] });
      created.contact = await post('/contacts?allowDuplicate=true', {
        companyId: created.company,
        ...CONTACT,
        position: 'Einkauf',
      });
      created.deal = await post('/deals', {
        companyId: created.company,
        title: DEAL,
        expectedCloseDate: '2027-03-31',
      });
    });

    await step('company by prefix, umlauts spelled out, Enter opens it', async () => {
      const titles = await typeAndWait(`mueller-lud ${id}`, COMPANY);
      expect(titles[0]).toBe(COMPANY);
      expect(await page.getByTestId('global-search-group-company').count()).toBe(1);
      // the first result is chosen: Enter opens it
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/companies/${created.company}`);
    });

    await step('all three types, grouped; arrows choose, Enter opens the contact', async () => {
      const titles = await typeAndWait(`müller ${id}`, DEAL);
      expect(titles).toEqual([COMPANY, `${CONTACT.firstName} ${CONTACT.lastName}`, DEAL]);
      const groups = await page
        .locator('[data-testid^="global-search-group-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      expect(groups).toEqual([
        'global-search-group-company',
        'global-search-group-contact',
        'global-search-group-deal',
      ]);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.waitForURL(`**/contacts/${created.contact}`);
      // the contact opens in a drawer over the contact list; Escape closes it
      await page.getByRole('dialog').filter({ hasText: CONTACT.lastName }).waitFor();
      await page.keyboard.press('Escape');
      await page.waitForURL('**/contacts');
    });

    await step('a deal by its title without umlauts, opened by click', async () => {
      await page.goto(`${server.url}/`);
      await page.getByTestId('dashboard').waitFor({ state: 'visible' });
      await typeAndWait(`frasm q${id}`, DEAL);
      await page.getByTestId('global-search-result').filter({ hasText: DEAL }).click();
      await page.waitForURL(`**/deals/${created.deal}`);
    });

    await step('nothing found says so', async () => {
      const box = page.getByTestId('global-search');
      await box.fill('');
      await box.pressSequentially(`zzq${id}x`, { delay: 20 });
      await page.getByTestId('global-search-empty').filter({ hasText: 'Keine Treffer' }).waitFor();
      await page.keyboard.press('Escape');
      expect(await box.inputValue()).toBe('');
    });
    expect(browser.pageErrors).toEqual([]);
  });
});
