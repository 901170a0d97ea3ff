import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vatIdError } from '../contracts/companies';
import de from '../web/src/locales/de/imports.json';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { chooseOption, DEMO_ADMIN, login, RESULTS, runId, snapshot, stepper, text } from './support/ui';

/**
 * The CSV import of issue 3 in the browser: a German Excel-style file of 1,000 companies with three
 * bad rows goes through the wizard (upload, map columns, start, progress) and the result lists the
 * rejected rows with their reasons; the good rows are in the company list.
 */

const ROWS = 1000;
const id = runId();
const HEADERS = [
  // not a name the server recognises: the test maps it by hand
  'Bezeichnung',
  'USt-IdNr.',
  'PLZ',
  'Ort',
  'Webseite',
  'Mitarbeiter',
  // not a field at all: stays "not imported"
  'Interne Nr.',
];
const CITIES = ['Düsseldorf', 'Köln', 'Leipzig', 'München', 'Lübeck'];
/** A base for this run's VAT IDs (DE + 9 digits), so they match no seeded company. */
const VAT_BASE = 700_000_000 + Math.floor(Math.random() * 200_000_000);

/** The bad rows: data row number (1-based) → what is wrong with it. */
const BAD: Record<number, { vatId?: string; name?: string }> = {
  17: { vatId: 'DE12345' },
  500: { vatId: 'XX999999999' },
  998: { name: '' },
};
/** Spreadsheet row numbers of the bad rows (the header is row 1). */
const REJECTED_ROWS = Object.keys(BAD)
  .map((n) => Number(n) + 1)
  .sort((a, b) => a - b);

const nameOf = (i: number) => `Importwerk ${id} Nr. ${String(i).padStart(4, '0')} GmbH`;

/** The file as German Excel saves it: UTF-8 with BOM, `;`, CRLF. */
function companiesCsv(): Buffer {
  const lines = [HEADERS.join(';')];
  for (let i = 1; i <= ROWS; i++) {
    const bad = BAD[i] ?? {};
    lines.push(
      [
        bad.name ?? nameOf(i),
        bad.vatId ?? `DE${VAT_BASE + i}`,
        String(10_000 + ((i * 37) % 89_999)).padStart(5, '0'),
        CITIES[i % CITIES.length],
        `https://importwerk-${id}-${i}.example`,
        String(5 + (i % 400)),
        `K-${i}`,
      ].join(';'),
    );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

describe.each(E2E_DIALECTS)('import on %s: 1,000 companies from CSV with three bad rows', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser;
  const step = stepper(() => server);

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

  it('imports the good rows and lists the rejected ones with reasons', async () => {
    const { page } = browser;
    const csv = companiesCsv();

    await step(page, 'upload', async () => {
      await page.getByTestId('nav-import').click();
      await page.locator('[data-testid="import-wizard"][data-step="0"]').waitFor({ state: 'visible' });
      await page.getByTestId('import-type').getByText(de.types.companies, { exact: true }).click();
      await page.getByTestId('import-file-input').setInputFiles({
        name: `firmen-${id}.csv`,
        mimeType: 'text/csv',
        buffer: csv,
      });
      await page.locator('[data-testid="import-wizard"][data-step="1"]').waitFor({ state: 'visible' });
      // the server read the German file: 1,000 rows, UTF-8, separated by ;
      const summary = await text(page.getByTestId('import-summary'));
      expect(summary).toContain('1.000');
      expect(summary).toContain('utf-8');
      expect(summary).toContain(';');
      await page.getByTestId('import-preview').getByText(nameOf(1)).waitFor();
      await page.getByTestId('import-preview').getByText('Düsseldorf').first().waitFor();
    });

    await step(page, 'map columns', async () => {
      const map = (header: string) => page.getByTestId(`import-map-${HEADERS.indexOf(header)}`);
      // recognised from the German headers
      expect(await map('USt-IdNr.').inputValue()).toBe(de.fields.vatId);
      expect(await map('PLZ').inputValue()).toBe(de.fields.postalCode);
      expect(await map('Ort').inputValue()).toBe(de.fields.city);
      expect(await map('Webseite').inputValue()).toBe(de.fields.website);
      expect(await map('Interne Nr.').inputValue()).toBe(de.mapping.ignore);
      // the name is missing until the "Bezeichnung" column is mapped to it
      await page.getByTestId('import-missing').waitFor({ state: 'visible' });
      expect(await page.getByTestId('import-start').isDisabled()).toBe(true);
      const nameLabel = `${de.fields.name} (${de.mapping.required})`;
      await chooseOption(page, map('Bezeichnung'), de.fields.name, nameLabel);
      expect(await map('Bezeichnung').inputValue()).toBe(nameLabel);
      await page.getByTestId('import-missing').waitFor({ state: 'detached' });
      await page.getByTestId('import-mode-skip').check();
    });

    const progress: number[] = [];
    await step(page, 'run', async () => {
      await page.getByTestId('import-start').click();
      await page.locator('[data-testid="import-wizard"][data-step="2"]').waitFor({ state: 'visible' });
      const result = page.getByTestId('import-result');
      const bar = page.getByTestId('import-progress');
      await result.or(bar).first().waitFor({ state: 'visible' });
      // follow the progress bar (polled by the page every second) until the result replaces it
      const deadline = Date.now() + Number(process.env.E2E_IMPORT_WAIT_MS ?? 45_000);
      while (!(await result.isVisible())) {
        if (Date.now() > deadline) throw new Error(`import still running; progress seen: ${progress}`);
        const percent = await bar.getAttribute('data-percent', { timeout: 1000 }).catch(() => null);
        if (percent !== null && progress.at(-1) !== Number(percent)) progress.push(Number(percent));
        await result.waitFor({ state: 'visible', timeout: 500 }).catch(() => undefined);
      }
      expect(progress).toEqual([...progress].sort((a, b) => a - b));
      await page.locator('[data-testid="import-result"][data-status="done"]').waitFor();
    });

    await step(page, 'result report', async () => {
      const count = async (what: string) =>
        Number(await page.getByTestId(`import-count-${what}`).getAttribute('data-value'));
      expect({
        created: await count('created'),
        updated: await count('updated'),
        skipped: await count('skipped'),
        rejected: await count('rejected'),
      }).toEqual({ created: ROWS - REJECTED_ROWS.length, updated: 0, skipped: 0, rejected: 3 });

      const rows = page.getByTestId('import-rejected-row');
      await rows.nth(REJECTED_ROWS.length - 1).waitFor({ state: 'visible' });
      expect(await rows.count()).toBe(REJECTED_ROWS.length);
      const listed = await rows.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-row'))));
      expect([...listed].sort((a, b) => a - b)).toEqual(REJECTED_ROWS);

      // each row says which column is wrong and why
      for (const [dataRow, bad] of Object.entries(BAD)) {
        const row = page.locator(`[data-testid="import-rejected-row"][data-row="${Number(dataRow) + 1}"]`);
        const reasons = await text(row);
        if (bad.vatId !== undefined) {
          expect(reasons).toContain('USt-IdNr.');
          expect(reasons).toContain(vatIdError(bad.vatId));
          expect(reasons).toContain(bad.vatId);
        } else {
          expect(reasons).toContain('Bezeichnung');
          expect(reasons).toMatch(/name/i);
        }
      }
      expect(await page.getByTestId('import-download-rejected').getAttribute('href')).toBeTruthy();
      await snapshot(page, dialect === 'sqlite' ? 'import.png' : `import-${dialect}.png`);
    });

    await step(page, 'companies are there', async () => {
      const found = await page.evaluate(
        async (names) =>
          Promise.all(
            names.map(async (q) => {
              const res = await fetch(`/api/companies?q=${encodeURIComponent(q)}&limit=5`);
              const body = (await res.json()) as { items: { name: string }[] };
              return body.items.filter((c) => c.name === q).length;
            }),
          ),
        [nameOf(1), nameOf(ROWS), nameOf(17), nameOf(500)],
      );
      // good rows imported once; the rows with a bad VAT ID not at all
      expect(found).toEqual([1, 1, 0, 0]);

      await page.getByTestId('nav-companies').click();
      await page.getByTestId('companies-search').fill(nameOf(2));
      await page
        .locator('[data-testid="company-row"]')
        .filter({ hasText: nameOf(2) })
        .first()
        .waitFor({ state: 'visible' });
    });

    expect(browser.pageErrors).toEqual([]);
  });
});
