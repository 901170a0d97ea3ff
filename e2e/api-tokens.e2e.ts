import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { DEMO_ADMIN, login, RESULTS, runId, snapshot, stepper } from './support/ui';

/**
 * Issue 7 item 6 in the browser: an admin creates an API token for an integration, choosing its
 * access per area (read-only preselected; deals raised to read + write), sees the scopes in the
 * list, and the token then does exactly that: reads companies, creates deals, may not create
 * companies.
 */

const id = runId();
const NAME = `E2E Webformular ${id}`;

describe.each(E2E_DIALECTS)('API tokens on %s: scopes chosen in the dialog', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser;
  const step = stepper(() => server);
  let token = '';

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

  it('creates a token with read-only access and deals read + write, and lists its scopes', async () => {
    const { page } = browser;
    await step(page, 'refuse a token without access', async () => {
      await page.getByTestId('nav-tokens').click();
      await page.getByTestId('token-create').click();
      const modal = page.getByTestId('token-create-modal');
      await modal.getByTestId('token-name').fill(NAME);
      await modal.getByTestId('token-scopes-clear').click();
      await modal.getByTestId('token-save').click();
      await modal.getByText('Wählen Sie mindestens einen Bereich').waitFor({ state: 'visible' });
      await modal.getByTestId('token-scopes-all-read').click();
    });

    await step(page, 'create the token', async () => {
      const modal = page.getByTestId('token-create-modal');
      await modal.getByTestId('token-scope-deals').getByText('Lesen + Schreiben').click();
      if (dialect === 'sqlite') await snapshot(page, 'api-token-dialog.png');
      await modal.getByTestId('token-save').click();
      const value = modal.getByTestId('token-value');
      await value.waitFor({ state: 'visible' });
      token = (await value.textContent())?.trim() ?? '';
      expect(token).toMatch(/^kontor_/);
      await modal.getByTestId('token-done').click();
      await modal.waitFor({ state: 'hidden' });
    });

    await step(page, 'the list shows the scopes', async () => {
      const row = page.locator(`[data-testid="token-row"][data-name="${NAME}"]`);
      await row.waitFor({ state: 'visible' });
      const scopes = (await row.getByTestId('token-scopes').getAttribute('data-scopes'))?.split(' ') ?? [];
      expect(scopes).toEqual(expect.arrayContaining(['companies:read', 'deals:write', 'tasks:read']));
      expect(scopes).not.toContain('companies:write');
      expect(await row.getByTestId('token-scopes-write').textContent()).toBe(
        'Lesen + SchreibenDeals & Pipelines',
      );
      expect(await row.getByTestId('token-scopes-read').textContent()).toContain('Firmen & Kontakte');
      await snapshot(page, dialect === 'sqlite' ? 'api-tokens.png' : `api-tokens-${dialect}.png`);
    });
    expect(browser.pageErrors).toEqual([]);
  });

  it('the token reads companies and creates deals, but may not create companies', async () => {
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${server!.url}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const companies = await call('GET', '/companies?limit=1');
    expect(companies.status).toBe(200);
    const [company] = ((await companies.json()) as { items: { id: string }[] }).items;

    const deal = await call('POST', '/deals', {
      title: `E2E Token-Deal ${id}`,
      companyId: company!.id,
      expectedCloseDate: '2030-12-31',
      amountCents: 100_000,
    });
    expect(deal.status).toBe(201);

    const denied = await call('POST', '/companies', { name: `E2E Firma ${id}`, roles: ['prospect'] });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { detail: string }).detail).toBe(
      'This API token lacks the scope companies:write',
    );
  });
});
