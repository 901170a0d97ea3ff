import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sales from '../web/src/locales/de/sales.json';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import {
  centre,
  chooseOption,
  DEMO_ADMIN,
  digits,
  login,
  percent,
  RESULTS,
  runId,
  snapshot,
  stepper,
  text,
} from './support/ui';

/**
 * The sales loop of issue 3 as a new user does it in the browser: a company, a contact and a deal,
 * a call logged on the deal ("log activity"), the deal dragged across the board to won, and the
 * funnel, the forecast and the activity conversion changing accordingly.
 * The demo data is random, so every check compares figures before and after (deltas).
 */

/** The deal's amount in euros: larger than any seeded deal, so the board (sorted by -amount) shows it first. */
const AMOUNT_EUR = 987_654;
const AMOUNT_CENTS = AMOUNT_EUR * 100;
/** How long a figure may take to catch up after a change (vitest's default is 1 s). */
const POLL = { timeout: 10_000, interval: 100 };

const id = runId();
const COMPANY = `E2E Vertrieb ${id} GmbH`;
const CONTACT = { first: 'Erika', last: `Muster-${id}`, email: `erika.${id}@e2e-${id}.example` };
const DEAL = `E2E Rahmenvertrag ${id}`;
const CALL = `E2E Erstgespräch ${id}`;

interface FunnelFigures {
  entered: number;
  won: number;
  lost: number;
  winRate: number | null;
  wonValueCents: number;
}

interface ForecastFigures {
  count: number;
  amountCents: number;
  weightedCents: number;
}

interface ConversionFigures {
  activities: number;
  wonDeals: number;
  wonCents: number;
}

interface ColumnFigures {
  count: number;
  sumCents: number;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`an earlier step did not get ${what}`);
  return value;
}

// --- reports ---------------------------------------------------------------------------------

/**
 * The value of a report figure (`<id>` with `<id>-value` inside). Scoped to its card: the funnel's
 * `funnel-won` + `-value` has the same id as the figure `funnel-won-value` itself.
 */
function figure(page: Page, testId: string): Locator {
  return page.getByTestId(testId).getByTestId(`${testId}-value`);
}

async function openReports(page: Page) {
  await page.getByTestId('nav-reports').click();
  await figure(page, 'funnel-won').waitFor({ state: 'visible' });
  await figure(page, 'forecast-amount').waitFor({ state: 'visible' });
}

async function readFunnel(page: Page): Promise<FunnelFigures> {
  await page.locator('[data-testid="funnel-report"][data-loading="false"]').waitFor();
  return {
    entered: digits(await text(figure(page, 'funnel-entered'))),
    won: digits(await text(figure(page, 'funnel-won'))),
    lost: digits(await text(figure(page, 'funnel-lost'))),
    winRate: percent(await text(figure(page, 'funnel-win-rate'))),
    wonValueCents: digits(await text(figure(page, 'funnel-won-value'))),
  };
}

async function readForecast(page: Page): Promise<ForecastFigures> {
  await page.locator('[data-testid="forecast-report"][data-loading="false"]').waitFor();
  return {
    count: digits(await text(figure(page, 'forecast-count'))),
    amountCents: digits(await text(figure(page, 'forecast-amount'))),
    weightedCents: digits(await text(figure(page, 'forecast-weighted'))),
  };
}

async function readConversion(page: Page): Promise<ConversionFigures> {
  await page.locator('[data-testid="activity-conversion-report"][data-loading="false"]').waitFor();
  return {
    activities: digits(await text(figure(page, 'conversion-activities'))),
    wonDeals: digits(await text(figure(page, 'conversion-won'))),
    wonCents: digits(await text(page.getByTestId('conversion-won').getByTestId('conversion-won-hint'))),
  };
}

// --- board -----------------------------------------------------------------------------------

/** The board's columns in their order on screen (not the figures inside them, which share the prefix). */
function columns(page: Page): Locator {
  return page.locator('[data-testid^="board-column-"][data-stage-kind]');
}

async function readColumn(column: Locator): Promise<ColumnFigures> {
  return {
    count: Number(await column.getAttribute('data-count')),
    sumCents: digits(await text(column.getByTestId('board-column-sum'))),
  };
}

async function boardSettled(page: Page) {
  await page.locator('[data-testid="board"][data-loading="false"]').waitFor();
}

/**
 * Drags a card with the mouse onto another column: press, move a few pixels (the drag starts after
 * 5 px), move over the target column in steps, release. The source column is scrolled to the left
 * edge of the board first so the neighbouring target column is on screen too.
 */
async function dragWithMouse(page: Page, card: Locator, target: Locator) {
  await card.evaluate((el) =>
    el.closest('[data-stage-kind]')?.scrollIntoView({ block: 'nearest', inline: 'start' }),
  );
  const from = await centre(card);
  const box = await target.boundingBox();
  if (!box) throw new Error('target column is not visible');
  // Columns stretch to the same height: the card's height is inside the target column too.
  const to = { x: box.x + box.width / 2, y: from.y };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y + 4, { steps: 2 });
  await page
    .locator(`[data-testid="${await card.getAttribute('data-testid')}"][aria-pressed="true"]`)
    .waitFor();
  await page.mouse.move(to.x, to.y, { steps: 6 });
  await page.mouse.up();
}

/** Picks the card up with Space, moves it one column right with →, drops it with Space. */
async function moveRightWithKeyboard(page: Page, card: Locator, targetStage: string) {
  const testId = await card.getAttribute('data-testid');
  await card.focus();
  await page.keyboard.press('Space');
  await page.locator(`[data-testid="${testId}"][aria-pressed="true"]`).waitFor();
  await page.keyboard.press('ArrowRight');
  // the board tells screen readers where the card is: wait for "… is over <stage>" before dropping
  const over = sales.board.announce.over.replace('{{title}}', DEAL).replace('{{stage}}', targetStage);
  await page.locator('[id^="DndLiveRegion"]').filter({ hasText: over }).waitFor({ state: 'attached' });
  await page.keyboard.press('Space');
}

/** Moves the deal into `target` and checks the card and both columns' figures. */
async function moveAndCheck(
  page: Page,
  how: 'mouse' | 'keyboard',
  dealId: string,
  source: Locator,
  target: Locator,
) {
  await boardSettled(page);
  const sourceBefore = await readColumn(source);
  const targetBefore = await readColumn(target);
  const card = source.getByTestId(`deal-card-${dealId}`);
  await card.waitFor({ state: 'visible' });
  if (how === 'mouse') await dragWithMouse(page, card, target);
  else
    await moveRightWithKeyboard(
      page,
      card,
      need((await target.getAttribute('data-stage-name')) ?? undefined, 'the stage name'),
    );
  await target.getByTestId(`deal-card-${dealId}`).waitFor({ state: 'visible' });
  await expect.poll(() => source.getByTestId(`deal-card-${dealId}`).count(), POLL).toBe(0);
  // the board reloads after the move; the totals then come from the server
  await expect
    .poll(async () => {
      await boardSettled(page);
      return [await readColumn(source), await readColumn(target)];
    }, POLL)
    .toEqual([
      { count: sourceBefore.count - 1, sumCents: sourceBefore.sumCents - AMOUNT_CENTS },
      { count: targetBefore.count + 1, sumCents: targetBefore.sumCents + AMOUNT_CENTS },
    ]);
}

// --- the loop --------------------------------------------------------------------------------

describe.each(E2E_DIALECTS)('sales loop on %s: company, contact, deal, board to won, reports', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser;
  const step = stepper(() => server);
  /** The pictures of the SQLite run keep the plain names. */
  const picture = (name: string) => (dialect === 'sqlite' ? name : name.replace('.png', `-${dialect}.png`));
  /** What the tests learn as they go (the steps of the loop build on each other). */
  const state: {
    companyId?: string;
    dealId?: string;
    funnelBefore?: FunnelFigures;
    forecastBefore?: ForecastFigures;
    conversionBefore?: ConversionFigures;
  } = {};

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

  it('reads the funnel, forecast and activity conversion before anything changes', async () => {
    const { page } = browser;
    await step(page, 'reports before', async () => {
      await openReports(page);
      state.funnelBefore = await readFunnel(page);
      state.forecastBefore = await readForecast(page);
      state.conversionBefore = await readConversion(page);
    });
    expect(state.funnelBefore?.entered).toBeGreaterThan(0);
    expect(state.forecastBefore?.count).toBeGreaterThan(0);
    expect(state.conversionBefore?.activities).toBeGreaterThan(0);
  });

  it('creates a company with a contact through the UI', async () => {
    const { page } = browser;

    await step(page, 'create company', async () => {
      await page.getByTestId('nav-companies').click();
      await page.getByTestId('companies-table').waitFor({ state: 'visible' });
      await page.getByTestId('company-create').click();
      await page.getByTestId('company-name').fill(COMPANY);
      await page.getByTestId('company-city').fill('Leipzig');
      await page.getByTestId('company-vat-id').fill(`DE${String(Date.now()).slice(-9)}`);
      await page.getByTestId('company-website').fill(`https://e2e-${id}.example`);
      await page.getByTestId('company-save').click();
      // Either the company page opens, or the server asks about similar companies first.
      const detail = page.getByTestId('company-detail');
      const asked = page.locator('[data-testid="duplicate-warning"][data-confirmed="true"]');
      await detail.or(asked).first().waitFor({ state: 'visible' });
      if (await asked.isVisible()) await page.getByTestId('create-anyway').click();
      await page.getByTestId('company-title').filter({ hasText: COMPANY }).waitFor({ state: 'visible' });
      state.companyId = need((await detail.getAttribute('data-company-id')) ?? undefined, 'the company id');
      expect(page.url()).toContain(`/companies/${state.companyId}`);
    });

    await step(page, 'add contact', async () => {
      await page.getByTestId('company-add-contact').click();
      const modal = page.getByTestId('contact-create-modal');
      await modal.getByTestId('contact-first-name').fill(CONTACT.first);
      await modal.getByTestId('contact-last-name').fill(CONTACT.last);
      await modal.getByTestId('contact-email').fill(CONTACT.email);
      // opened from the company's page, the company is already chosen
      expect(await modal.getByTestId('contact-company').inputValue()).toContain(COMPANY);
      await modal.getByTestId('contact-save').click();
      await page
        .getByTestId('company-contact')
        .filter({ hasText: CONTACT.last })
        .filter({ hasText: CONTACT.email })
        .waitFor({ state: 'visible' });
    });
  });

  it('adds a deal for the company in the first stage and the forecast counts it', async () => {
    const { page } = browser;
    const companyId = need(state.companyId, 'the company');
    const forecastBefore = need(state.forecastBefore, 'the forecast before');

    await step(page, 'create deal', async () => {
      await page.getByTestId('nav-deals').click();
      await page.getByTestId('deals-table').waitFor({ state: 'visible' });
      await page.getByTestId('deal-create').click();
      const form = page.getByTestId('deal-form');
      await form.getByTestId('deal-title').fill(DEAL);
      await chooseOption(page, form.getByTestId('deal-company'), COMPANY);
      await form.getByTestId('deal-amount').fill(String(AMOUNT_EUR));
      // the default pipeline's first stage is preselected
      const pipeline = await form.getByTestId('deal-pipeline').inputValue();
      const stage = await form.getByTestId('deal-stage').inputValue();
      expect(pipeline).not.toBe('');
      expect(stage).not.toBe('');
      await form.getByTestId('deal-save').click();

      const detail = page.locator('[data-testid="deal-detail"][data-status="open"]');
      await detail.waitFor({ state: 'visible' });
      state.dealId = need((await detail.getAttribute('data-deal-id')) ?? undefined, 'the deal id');
      expect(digits(await text(page.getByTestId('deal-detail-amount')))).toBe(AMOUNT_CENTS);

      // the server agrees: default pipeline, its first stage, the company and the amount
      const deal = await page.evaluate(async (dealId) => {
        const [d, p] = await Promise.all([
          fetch(`/api/deals/${dealId}`).then((r) => r.json()),
          fetch('/api/pipelines').then((r) => r.json()),
        ]);
        return { deal: d, pipelines: p.items ?? p };
      }, state.dealId);
      const defaultPipeline = deal.pipelines.find((p: { isDefault: boolean }) => p.isDefault);
      expect(deal.deal.pipelineId).toBe(defaultPipeline.id);
      expect(deal.deal.stageId).toBe(defaultPipeline.stages[0].id);
      expect(deal.deal.companyId).toBe(companyId);
      expect(deal.deal.amountCents).toBe(AMOUNT_CENTS);
      // the form offered that stage, and the page shows it
      expect(stage).toContain(deal.deal.stageName);
      await page.getByTestId('deal-detail-stage').filter({ hasText: deal.deal.stageName }).waitFor();
    });

    await step(page, 'log a call on the deal', async () => {
      // the quick action on the deal's page: a call that just happened, done in one step
      const panel = page.getByTestId('open-tasks-panel');
      await panel.getByTestId('log-activity').click();
      await page.getByTestId('log-activity-call').click();
      const subject = page.getByTestId('log-activity-subject');
      await subject.waitFor({ state: 'visible' });
      await subject.fill(CALL);
      expect(await page.getByTestId('log-activity-outcome').inputValue()).toBe('Erreicht');
      await page.getByTestId('log-activity-note').fill('Bedarf bestätigt, Angebot folgt');
      await page.getByTestId('log-activity-save').click();
      await subject.waitFor({ state: 'hidden' });
      // it is done at once: among the deal's last activities, not among its open tasks
      await panel
        .locator('[data-testid="task-row"][data-status="done"]')
        .filter({ hasText: CALL })
        .waitFor({ state: 'visible' });
      const tasks = await page.evaluate(
        async (dealId) => (await fetch(`/api/tasks?dealId=${dealId}&status=done`)).json(),
        state.dealId,
      );
      expect(tasks.items).toEqual([
        expect.objectContaining({ type: 'call', subject: CALL, outcome: 'connected', companyId }),
      ]);
    });

    await step(page, 'company page shows contact and deal', async () => {
      await page.getByTestId('nav-companies').click();
      await page.getByTestId('companies-search').fill(COMPANY);
      await page.locator(`[data-testid="company-row"][data-company-id="${companyId}"]`).click();
      await page.getByTestId('company-detail').waitFor({ state: 'visible' });
      await page
        .locator(`[data-testid="company-deal"][data-deal-id="${state.dealId}"]`)
        .waitFor({ state: 'visible' });
      await page.getByTestId('company-contact').filter({ hasText: CONTACT.last }).waitFor();
      await page.getByTestId('timeline-entry').first().waitFor({ state: 'visible' });
      await page.waitForLoadState('networkidle');
      await snapshot(page, picture('company.png'));
    });

    await step(page, 'forecast with the open deal', async () => {
      await openReports(page);
      await expect.poll(async () => (await readForecast(page)).count, POLL).toBe(forecastBefore.count + 1);
      const now = await readForecast(page);
      expect(now.amountCents - forecastBefore.amountCents).toBe(AMOUNT_CENTS);
      // weighted by the first stage's probability (0 < p < 100 for an open stage)
      expect(now.weightedCents).toBeGreaterThanOrEqual(forecastBefore.weightedCents);
      expect(now.weightedCents - forecastBefore.weightedCents).toBeLessThan(AMOUNT_CENTS);
    });
  });

  it('drags the deal across the board to won (mouse, one step by keyboard)', async () => {
    const { page } = browser;
    const dealId = need(state.dealId, 'the deal');

    const plan = await step(page, 'open board', async () => {
      await page.getByTestId('nav-board').click();
      await page.getByTestId('board').waitFor({ state: 'visible' });
      await boardSettled(page);
      const all = await columns(page).evaluateAll((els) =>
        els.map((el) => ({
          testId: el.getAttribute('data-testid') ?? '',
          name: el.getAttribute('data-stage-name') ?? '',
          kind: el.getAttribute('data-stage-kind') ?? '',
        })),
      );
      const open = all.filter((c) => c.kind === 'open');
      const won = all.find((c) => c.kind === 'won');
      expect(open.length).toBeGreaterThanOrEqual(2);
      expect(won).toBeDefined();
      // the deal starts in the first open stage
      await page.getByTestId(open[0]!.testId).getByTestId(`deal-card-${dealId}`).waitFor();
      return [...open, won!];
    });

    for (let i = 1; i < plan.length; i++) {
      const from = plan[i - 1]!;
      const to = plan[i]!;
      // one step by keyboard (the second move, between two open stages), the rest by mouse
      const how = i === 2 && to.kind === 'open' ? 'keyboard' : 'mouse';
      await step(page, `move ${from.name} → ${to.name} (${how})`, () =>
        moveAndCheck(page, how, dealId, page.getByTestId(from.testId), page.getByTestId(to.testId)),
      );
    }

    await step(page, 'deal is won', async () => {
      const deal = await page.evaluate(async (id) => (await fetch(`/api/deals/${id}`)).json(), dealId);
      expect(deal.status).toBe('won');
      // one stage history entry per move, in order, after the creation
      const path = (deal.stageHistory as { toStageName: string }[]).map((h) => h.toStageName);
      expect(path).toEqual(plan.map((c) => c.name));
      await snapshot(page, picture('board.png'));
    });
  });

  it('shows the won deal in the funnel and the activity conversion, and takes it out of the forecast', async () => {
    const { page } = browser;
    const before = need(state.funnelBefore, 'the funnel before');
    const forecastBefore = need(state.forecastBefore, 'the forecast before');

    await step(page, 'reports after', async () => {
      await openReports(page);
      await expect.poll(async () => (await readFunnel(page)).won, POLL).toBe(before.won + 1);
      const after = await readFunnel(page);
      expect(after.lost).toBe(before.lost);
      expect(after.entered).toBe(before.entered + 1);
      expect(after.wonValueCents - before.wonValueCents).toBe(AMOUNT_CENTS);
      // the page shows the win rate with one decimal
      const expected = (before.won + 1) / (before.won + 1 + before.lost);
      expect(after.winRate).not.toBeNull();
      expect(Math.abs((after.winRate ?? 0) - expected)).toBeLessThanOrEqual(0.0005 + 1e-9);
      if (before.winRate !== null && before.winRate < 1)
        expect(after.winRate).toBeGreaterThan(before.winRate);

      // won deals are no longer open: the forecast is back where it started
      const forecast = await readForecast(page);
      expect(forecast).toEqual(forecastBefore);
      await page.getByTestId('forecast-table').waitFor({ state: 'visible' });
      expect(await page.getByTestId('forecast-bucket').count()).toBeGreaterThan(0);
      await page.waitForLoadState('networkidle');
      await snapshot(page, picture('reports.png'));
    });

    await step(page, 'activity conversion after', async () => {
      const before = need(state.conversionBefore, 'the activity conversion before');
      const dealId = need(state.dealId, 'the deal');
      // the logged call is an activity done in the period; the won deal counts with its amount
      await expect
        .poll(async () => readConversion(page), POLL)
        .toEqual({
          activities: before.activities + 1,
          wonDeals: before.wonDeals + 1,
          wonCents: before.wonCents + AMOUNT_CENTS,
        });
      // the call was linked to the deal and done before it was won: it led to the deal
      const row = page.locator(`[data-testid="conversion-deal"][data-deal-id="${dealId}"]`);
      await row.waitFor({ state: 'visible' });
      expect(await row.getAttribute('data-activities')).toBe('1');
      expect(await text(row)).toContain('1 Aktivität (1 Anruf)');
    });

    expect(browser.pageErrors).toEqual([]);
  });
});
