import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/build-web';
import type { KontorServer } from './server';

/** Screenshots and failure pictures of the browser tests. */
export const RESULTS = join(REPO_ROOT, 'test-results');

/** The seeded demo admin (server/src/seed.ts: `${key}@kontor.demo` / `kontor-demo-${key}`). */
export const DEMO_ADMIN = { email: 'admin@kontor.demo', password: 'kontor-demo-admin' };

/** A short suffix that makes names unique per run. */
export const runId = (): string =>
  `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;

/**
 * Runs one named step; on failure keeps a full-page screenshot and the server's output in the
 * error, so a red run says what the page looked like and what the server printed.
 */
export function stepper(getServer: () => KontorServer | undefined) {
  return async function step<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const file = join(RESULTS, `failed-${name.replace(/[^a-z0-9]+/gi, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      const why = err instanceof Error ? err.message : String(err);
      const output = getServer()?.output().slice(-3000) ?? '(no server)';
      throw new Error(
        `step "${name}" failed: ${why}\nscreenshot: ${file}\nserver output (tail):\n${output}`,
        {
          cause: err,
        },
      );
    }
  };
}

/** Logs in through the login form and waits for the dashboard. */
export async function login(page: Page, baseUrl: string, user: { email: string; password: string }) {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-email').fill(user.email);
  await page.getByTestId('login-password').fill(user.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard').waitFor({ state: 'visible' });
}

/** Digits of a formatted figure ("1.234", "987.654,00 €") as an integer (money → cents). */
export function digits(text: string | null): number {
  const only = (text ?? '').replace(/[^\d]/g, '');
  if (!only) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(only);
}

/** A German or English percentage ("12,3 %", "12.3%") as a ratio; `null` for "—". */
export function percent(text: string | null, locale: 'de' | 'en' = 'de'): number | null {
  const raw = (text ?? '').trim();
  if (!/\d/.test(raw)) return null;
  const plain = locale === 'de' ? raw.replace(/\./g, '').replace(',', '.') : raw.replace(/,/g, '');
  return Number(plain.replace(/[^\d.]/g, '')) / 100;
}

/** The text of an element, trimmed. */
export async function text(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

/**
 * Chooses an option of a Mantine Select by typing into it: waits for the option whose label
 * contains `label` and clicks it.
 */
export async function chooseOption(page: Page, select: Locator, typed: string, label = typed) {
  await select.click();
  await select.fill(typed);
  await page.getByRole('option', { name: label }).first().click();
}

/** Mouse position of the middle of an element (scrolled into view first). */
export async function centre(locator: Locator): Promise<{ x: number; y: number }> {
  await locator.scrollIntoViewIfNeeded();
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box (not visible)');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A full-page picture for people to look at: the window scrolled to the top, the mouse out of the way. */
export async function snapshot(page: Page, file: string) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(RESULTS, file), fullPage: true });
}

/** The value an earlier step got, or a failure that says which step's result is missing. */
export function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`an earlier step did not get ${what}`);
  return value;
}

/** Downloads a document from the invoice page's "Documents" menu and returns its bytes. */
export async function downloadInvoiceDocument(page: Page, itemTestId: string): Promise<Buffer> {
  await page.getByTestId('invoice-documents').click();
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(itemTestId).click()]);
  const failure = await file.failure();
  if (failure) throw new Error(`download ${itemTestId} failed: ${failure}`);
  return readFileSync(need(await file.path(), 'the downloaded file'));
}
