import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHeaders, apiSession } from './support/api';
import { type Browser, launchBrowser } from './support/browser';
import { E2E_DIALECTS, type KontorServer, sharedKontorServer } from './support/server';
import { chooseOption, DEMO_ADMIN, login, RESULTS, runId, snapshot, stepper } from './support/ui';

/**
 * Issue 6's catalog in the browser, as the demo purchaser: a supplier company exists (made over the
 * API); the purchaser creates a product with it as the preferred supplier, finds the product in the
 * list by its SKU, changes its price (the version goes up) and deactivates it. Then, as the demo
 * admin, the product (active again) is picked for an invoice line: the line takes its text, unit,
 * price and VAT rate and, saved, names the product.
 */

const id = runId();
const SUPPLIER = `E2E Lieferant ${id} GmbH`;
const SKU = `E2E-${id}`.toUpperCase();
const DEMO_PURCHASING = { email: 'purchasing@kontor.demo', password: 'kontor-demo-purchasing' };

interface Product {
  id: string;
  sku: string;
  name: string;
  salesPriceCents: number;
  vatRate: number;
  unit: string;
  active: boolean;
  version: number;
  preferredSupplierId: string | null;
  suppliers: Array<{ companyId: string; preferred: boolean; leadTimeDays: number }>;
}

async function api<T>(url: string, headers: ApiHeaders, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${raw}`);
  return (raw ? JSON.parse(raw) : null) as T;
}

describe.each(E2E_DIALECTS)('product catalog in the browser (%s)', (dialect) => {
  let server: KontorServer | undefined;
  let browser: Browser | undefined;
  const step = stepper(() => server);
  let productId: string | undefined;

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    server = sharedKontorServer(dialect);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a product with its preferred supplier, finds it by SKU, changes its price, deactivates it', async () => {
    if (!server || !browser) throw new Error('no server or browser');
    const { page } = browser;
    const url = server.url;
    const admin = await apiSession(url, DEMO_ADMIN);
    const supplier = await api<{ id: string }>(url, admin, 'POST', '/companies?allowDuplicate=true', {
      name: SUPPLIER,
      roles: ['supplier'],
    });
    /** The product with the SKU, with its suppliers (the list rows have none). */
    const bySku = async () => {
      const found = (
        await api<{ items: Product[] }>(
          url,
          admin,
          'GET',
          `/products?q=${encodeURIComponent(SKU)}&active=all`,
        )
      ).items.find((p) => p.sku === SKU);
      return found ? api<Product>(url, admin, 'GET', `/products/${found.id}`) : undefined;
    };

    await step(page, 'catalog-login', async () => {
      await login(page, url, DEMO_PURCHASING);
      await page.getByTestId('nav-products').click();
      await page.getByTestId('products-table').waitFor();
      // the demo catalog is there
      await page.getByTestId('product-row-ET-1001').waitFor();
    });

    await step(page, 'catalog-create', async () => {
      await page.getByTestId('product-create').click();
      await page.getByTestId('product-sku').fill(SKU);
      await page.getByTestId('product-name').fill(`Spannrolle ${id}`);
      await page.getByTestId('product-sales-price').fill('12,50');
      await page.getByTestId('product-purchase-price').fill('6,10');
      await page.getByTestId('supplier-add').click();
      await chooseOption(page, page.getByTestId('supplier-company-0'), SUPPLIER);
      await page.getByTestId('supplier-sku-0').fill('LS-77');
      await page.getByTestId('supplier-preferred-0').check();
      await page.getByTestId('product-save').click();
      await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);
      await page.getByText(`${SKU} · Spannrolle ${id}`).waitFor();
    });
    const created = await bySku();
    expect(created).toMatchObject({
      name: `Spannrolle ${id}`,
      salesPriceCents: 1250,
      vatRate: 19,
      unit: 'C62',
      active: true,
      version: 1,
      preferredSupplierId: supplier.id,
      suppliers: [{ companyId: supplier.id, preferred: true }],
    });

    await step(page, 'catalog-find', async () => {
      await page.goto(`${url}/products`);
      await page.getByTestId('products-search').fill(SKU.toLowerCase());
      await page.getByTestId(`product-row-${SKU}`).waitFor();
      // the search narrows the list to the one product
      await expect.poll(() => page.locator('[data-testid^="product-row-"]').count()).toBe(1);
      await snapshot(page, 'catalog-list.png');
      await page.getByTestId(`product-row-${SKU}`).getByRole('link', { name: SKU }).click();
      await page.getByTestId('product-sales-price').waitFor();
    });

    await step(page, 'catalog-edit-price', async () => {
      await page.getByTestId('product-sales-price').fill('14,90');
      await page.getByTestId('product-save').click();
      await expect.poll(async () => (await bySku())?.version).toBe(2);
    });
    expect(await bySku()).toMatchObject({ salesPriceCents: 1490, version: 2 });
    await snapshot(page, 'catalog-product.png');

    await step(page, 'catalog-deactivate', async () => {
      await page.getByTestId('product-deactivate').click();
      await page.getByTestId('confirm-ok').click();
      await page.getByTestId('product-reactivate').waitFor();
      await page.goto(`${url}/products?q=${encodeURIComponent(SKU)}`);
      await page.getByText(/Keine Produkte gefunden|No products found/).waitFor();
    });
    expect(await bySku()).toMatchObject({ active: false, version: 3 });
    productId = created?.id;
  });

  it('picks the product for an invoice line and a deal line: text, unit, price and VAT come from it; saved, the line names it', async () => {
    if (!server || !browser) throw new Error('no server or browser');
    if (!productId) throw new Error('the product of the first test is missing');
    const { page } = browser;
    const url = server.url;
    const admin = await apiSession(url, DEMO_ADMIN);
    // active again, now 7 % and sold by the hour (so the line visibly takes the product's values)
    const product = await api<Product>(url, admin, 'PATCH', `/products/${productId}`, {
      version: 3,
      active: true,
      vatRate: 7,
      unit: 'HUR',
    });
    expect(product).toMatchObject({ active: true, salesPriceCents: 1490, vatRate: 7, unit: 'HUR' });
    const customer = await api<{ id: string }>(url, admin, 'POST', '/companies?allowDuplicate=true', {
      name: `E2E Kunde ${id} GmbH`,
      roles: ['customer'],
    });

    await step(page, 'catalog-pick-login', async () => {
      await page.context().clearCookies();
      await login(page, url, DEMO_ADMIN);
      await page.goto(`${url}/invoices/new?companyId=${customer.id}`);
      await page.getByTestId('invoice-editor').waitFor();
    });

    const description = page.getByTestId('invoice-line-description').first();
    await step(page, 'catalog-pick-product', async () => {
      // the SKU in lower case: the lookup finds it; the option shows SKU · name · price
      await description.click();
      await description.fill(SKU.toLowerCase());
      const option = page.getByTestId(`product-option-${SKU}`);
      await option.waitFor();
      expect(await option.getAttribute('aria-label')).toBe(`${SKU} · Spannrolle ${id} · 14,90 €`);
      await snapshot(page, `catalog-${dialect}-picker.png`);
      await option.click();
      await expect.poll(() => description.inputValue()).toBe(`Spannrolle ${id}`);
      // the price field drops trailing zeros (14,9 means 14,90 €)
      expect(await page.getByTestId('invoice-line-price').first().inputValue()).toMatch(/^14,90?$/);
      expect(await page.getByTestId('invoice-line-vat').first().inputValue()).toBe('7 %');
      expect(await page.getByTestId('invoice-line-unit').first().inputValue()).toBe('Stunde');
      expect(await description.getAttribute('data-product-id')).toBe(productId);
      // the values can still be changed: the line keeps the product
      await page.getByTestId('invoice-line-quantity').first().fill('2');
      await description.fill(`Spannrolle ${id} (Montage)`);
      await page.keyboard.press('Escape');
    });

    await step(page, 'catalog-pick-save', async () => {
      await page.getByTestId('invoice-editor-save').click();
      const detail = page.locator('[data-testid="invoice-detail"][data-status="draft"]');
      await detail.waitFor();
      const invoiceId = await detail.getAttribute('data-invoice-id');
      const invoice = await api<{
        lines: Array<{
          productId: string | null;
          description: string;
          quantity: number;
          unit: string;
          unitPriceCents: number;
          vatRate: number;
        }>;
      }>(url, admin, 'GET', `/invoices/${invoiceId}`);
      expect(invoice.lines).toEqual([
        expect.objectContaining({
          productId,
          description: `Spannrolle ${id} (Montage)`,
          quantity: 2,
          unit: 'HUR',
          unitPriceCents: 1490,
          vatRate: 7,
        }),
      ]);
    });

    // the deal editor (in a modal) has the same picker: a free-text line becomes the product's
    const deal = await api<{ id: string }>(url, admin, 'POST', '/deals', {
      title: `E2E Spannrollen ${id}`,
      companyId: customer.id,
      expectedCloseDate: '2027-03-31',
      lines: [{ description: 'Freitext', quantity: 3, unitPriceCents: 1000 }],
    });
    await step(page, 'catalog-pick-deal', async () => {
      await page.goto(`${url}/deals/${deal.id}`);
      await page.getByTestId('deal-edit').click();
      const form = page.getByTestId('deal-form');
      const text = form.getByTestId('deal-line-description').first();
      await text.fill(SKU);
      await page.getByTestId(`product-option-${SKU}`).click();
      await expect.poll(() => text.inputValue()).toBe(`Spannrolle ${id}`);
      expect(await form.getByTestId('deal-line-vat').first().inputValue()).toBe('7 %');
      await form.getByTestId('deal-save').click();
      await form.waitFor({ state: 'hidden' });
      // the modal closes as the save goes out: wait for the server to have it
      const savedLines = async () =>
        (
          await api<{
            lines: Array<{
              productId: string | null;
              quantity: number;
              unitPriceCents: number;
              vatRate: number;
            }>;
          }>(url, admin, 'GET', `/deals/${deal.id}`)
        ).lines;
      await expect
        .poll(async () => (await savedLines())[0]?.productId, { timeout: 15_000, interval: 300 })
        .toBe(productId);
      expect(await savedLines()).toEqual([
        expect.objectContaining({ productId, quantity: 3, unitPriceCents: 1490, vatRate: 7 }),
      ]);
    });
  });
});
