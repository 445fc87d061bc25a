import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

interface Balance {
  locationId: string;
  lotId: string;
  lotCode: string;
  lotStatus: string;
  expiry: string | null;
  productId: string;
  productName: string;
  quantity: number;
}
interface Place {
  id: string;
  kind: string;
  name: string;
  areaKatottg: string;
  operatorOrgId: string | null;
}

/** The server's view, read with the page's own session. */
const getJson = <T,>(page: Page, path: string): Promise<T> => page.evaluate(async (p) => (await fetch(p)).json() as Promise<unknown>, path) as Promise<T>;

/** What the API says is on hand of a lot at a location (0 when there is no balance row). */
const onHand = async (page: Page, locationId: string, lotId: string): Promise<number> =>
  (await getJson<{ items: Balance[] }>(page, `/api/v1/stock?locationId=${locationId}&lotId=${lotId}&includeEmpty=true`)).items.reduce((s, b) => s + b.quantity, 0);

describe.skipIf(!available)('manual stock moves and warehouses in Chromium', () => {
  const suite = browserSuite();

  it('transfers part of a lot from a warehouse to a facility; more than the balance is refused on the quantity field', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'warehouse@demo.carebridge', { width: 1280, height: 900 });
    const failures: string[] = [];
    page.on('pageerror', (e) => failures.push(e.message));
    await page.getByTestId('language-select').selectOption('en');
    const warehouses = new Set((await getJson<{ items: Place[] }>(page, '/api/v1/locations?kind=warehouse&limit=500')).items.map((l) => l.id));
    const clinic = (await getJson<{ items: Place[] }>(page, '/api/v1/locations?kind=facility')).items[0];
    expect(clinic).toBeDefined();
    // A usable lot at a warehouse (available, not expired), with enough to move part of it.
    const today = new Date().toISOString().slice(0, 10);
    const lot = (await getJson<{ items: Balance[] }>(page, '/api/v1/stock?limit=500')).items.find((b) => warehouses.has(b.locationId) && b.lotStatus === 'available' && (b.expiry === null || b.expiry >= today) && b.quantity >= 10);
    expect(lot).toBeDefined();
    const from = lot?.locationId ?? '';
    const to = clinic?.id ?? '';
    const lotId = lot?.lotId ?? '';
    const fromBefore = await onHand(page, from, lotId);
    const toBefore = await onHand(page, to, lotId);
    expect(fromBefore).toBe(lot?.quantity);

    await page.goto(`${suite.url}/supply/stock`);
    await page.getByRole('link', { name: 'Record a move' }).click();
    const form = page.getByTestId('move-form');
    await form.getByLabel('Kind of move').selectOption('transfer');
    await form.getByLabel('From', { exact: true }).selectOption(from);
    await form.getByLabel('Find a product (name, INN, ATC, GTIN)').fill(lot?.productName ?? '');
    const product = form.getByLabel('Product', { exact: true });
    await expect.poll(() => product.locator(`option[value="${lot?.productId ?? ''}"]`).count()).toBe(1);
    await product.selectOption(lot?.productId ?? '');
    const lotSelect = form.getByLabel('Lot', { exact: true });
    await expect.poll(() => lotSelect.locator(`option[value="${lotId}"]`).count()).toBe(1);
    // Only usable lots are offered for a transfer, each with what is on hand.
    const offered = await lotSelect.locator('option:not([value=""])').allTextContents();
    expect(offered.every((o) => o.includes('expires'))).toBe(true);
    await lotSelect.selectOption(lotId);
    await form.getByLabel('To', { exact: true }).selectOption(to);
    await form.getByLabel('Reason or note (optional)').fill('Resupply after a shelling night');

    // More than the balance: the server refuses, its words sit on the quantity field, and nothing moves.
    const quantity = form.getByLabel('Quantity', { exact: true });
    await quantity.fill(String(fromBefore + 1));
    await form.getByRole('button', { name: 'Record the move' }).click();
    await expect.poll(() => quantity.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await quantity.getAttribute('aria-describedby')) ?? '';
    expect(errorId).not.toBe('');
    const message = (await page.locator(`[id="${errorId}"]`).textContent()) ?? '';
    expect(message).toContain('Correct this field:');
    expect(message).toContain(`has ${fromBefore}, the move needs ${fromBefore + 1}`);
    expect(await page.getByTestId('move-done').count()).toBe(0);
    expect(await onHand(page, from, lotId)).toBe(fromBefore);
    expect(await onHand(page, to, lotId)).toBe(toBefore);

    // Part of the lot: both balances change by exactly that quantity, in the API and on the page.
    const moved = 3;
    await quantity.fill(String(moved));
    await form.getByRole('button', { name: 'Record the move' }).click();
    await expect.poll(() => page.getByTestId('move-done').textContent()).toBe(`Move recorded: Transfer, ${moved} units.`);
    expect(await quantity.getAttribute('aria-invalid')).toBe('false');
    expect(await onHand(page, from, lotId)).toBe(fromBefore - moved);
    expect(await onHand(page, to, lotId)).toBe(toBefore + moved);
    const number = new Intl.NumberFormat('en-GB');
    const shown = page.getByTestId('lot-on-hand');
    await expect.poll(() => shown.locator(`tr[data-location="${from}"] td`).last().textContent()).toBe(number.format(fromBefore - moved));
    await expect.poll(() => shown.locator(`tr[data-location="${to}"] td`).last().textContent()).toBe(number.format(toBefore + moved));
    // The lot's option says what is left too (its balance was refreshed, not kept from before).
    await expect.poll(() => lotSelect.locator(`option[value="${lotId}"]`).textContent()).toContain(`on hand ${number.format(fromBefore - moved)}`);
    const ledger = await getJson<{ items: { kind: string; fromLocationId: string; toLocationId: string; quantity: number; reason: string }[] }>(page, `/api/v1/stock/moves?lotId=${lotId}&limit=1`);
    expect(ledger.items[0]).toMatchObject({ kind: 'transfer', fromLocationId: from, toLocationId: to, quantity: moved, reason: 'Resupply after a shelling night' });
    await page.screenshot({ path: screenshotPath('supply-move.png'), fullPage: true });
    expect(failures).toEqual([]);
    await page.close();
  }, 120_000);

  it('offers a recalled lot for a write-off, never for a transfer or consumption', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'warehouse@demo.carebridge', { width: 1280, height: 900 });
    await page.getByTestId('language-select').selectOption('en');
    const recalled = (await getJson<{ items: { id: string; productId: string }[] }>(page, '/api/v1/lots?status=recalled')).items[0];
    expect(recalled).toBeDefined();
    const lotId = recalled?.id ?? '';
    const holder = (await getJson<{ locations: { locationId: string; onHand: number }[] }>(page, `/api/v1/lots/${lotId}/trace`)).locations.find((l) => l.onHand > 0);
    expect(holder).toBeDefined();
    // From the lot's page: the form opens with the lot and its product, as a damage write-off.
    await page.goto(`${suite.url}/supply/lots/${lotId}`);
    await page.getByRole('link', { name: 'Record a move' }).click();
    const form = page.getByTestId('move-form');
    const kind = form.getByLabel('Kind of move');
    expect(await kind.inputValue()).toBe('damage');
    await expect.poll(() => form.getByLabel('Product', { exact: true }).inputValue()).toBe(recalled?.productId);
    await form.getByLabel('From', { exact: true }).selectOption(holder?.locationId ?? '');
    const lotSelect = form.getByLabel('Lot', { exact: true });
    await expect.poll(() => lotSelect.inputValue()).toBe(lotId);
    expect(await lotSelect.locator(`option[value="${lotId}"]`).textContent()).toContain('Recalled');
    for (const blocked of ['transfer', 'consumption']) {
      await kind.selectOption(blocked);
      expect(await lotSelect.locator(`option[value="${lotId}"]`).count()).toBe(0);
      expect(await lotSelect.inputValue()).toBe('');
    }
    await page.close();
  }, 60_000);

  it('creates a warehouse through the form; a missing oblast is refused on its field first', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'warehouse@demo.carebridge', { width: 1280, height: 900 });
    await page.getByTestId('language-select').selectOption('en');
    const warehouses = async () => (await getJson<{ items: Place[] }>(page, '/api/v1/locations?kind=warehouse&limit=500')).items;
    const before = (await warehouses()).length;
    const odesa = (await getJson<{ items: { katottg: string; iso3166_2: string | null; nameEn: string | null }[] }>(page, '/api/v1/areas?level=1')).items.find((a) => a.iso3166_2 === 'UA-51');
    const who = (await getJson<{ items: { id: string; nameEn: string }[] }>(page, '/api/v1/organizations?limit=500')).items.find((o) => o.nameEn.includes('World Health'));
    expect(odesa).toBeDefined();
    expect(who).toBeDefined();
    const name = `Odesa reserve warehouse ${Date.now() % 1e6}`;

    await page.goto(`${suite.url}/supply`);
    await page.getByRole('link', { name: 'Locations' }).click();
    await page.getByTestId('location-table').waitFor();
    await page.getByRole('link', { name: 'New warehouse' }).click();
    const form = page.getByTestId('warehouse-form');
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Operating organisation').selectOption(who?.id ?? '');
    await form.getByRole('button', { name: 'Create the warehouse' }).click();
    const oblast = form.getByLabel('Oblast');
    await expect.poll(() => oblast.getAttribute('aria-invalid')).toBe('true');
    expect((await warehouses()).length).toBe(before);

    await oblast.selectOption(odesa?.katottg ?? '');
    await form.getByRole('button', { name: 'Create the warehouse' }).click();
    await page.getByTestId('warehouse-created').waitFor();
    expect(await page.getByTestId('warehouse-created').textContent()).toBe(`Warehouse “${name}” created.`);
    const created = (await warehouses()).find((l) => l.name === name);
    expect(created).toMatchObject({ kind: 'warehouse', areaKatottg: odesa?.katottg, operatorOrgId: who?.id });
    const row = page.getByTestId('location-table').locator(`tr[data-location="${created?.id ?? ''}"]`);
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining([name, 'Warehouse', odesa?.nameEn ?? '']));
    expect((await warehouses()).length).toBe(before + 1);
    // The new warehouse is at once a place stock can move from or to.
    await page.goto(`${suite.url}/supply/stock/move`);
    await expect.poll(() => page.getByTestId('move-form').getByLabel('To', { exact: true }).locator(`option[value="${created?.id ?? ''}"]`).count()).toBe(1);
    await page.close();
  }, 90_000);

  it('offers neither form to an analyst', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'analyst@demo.carebridge', { width: 1280, height: 900 });
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/supply/locations`);
    await page.getByTestId('location-table').waitFor();
    expect(await page.getByRole('link', { name: 'New warehouse' }).count()).toBe(0);
    await page.goto(`${suite.url}/supply/stock`);
    await page.getByTestId('stock-table').waitFor();
    expect(await page.getByRole('link', { name: 'Record a move' }).count()).toBe(0);
    await page.goto(`${suite.url}/supply/stock/move`);
    // The page says the role cannot use it, and who can, instead of pretending it does not exist.
    await page.getByText('Your role cannot open this page.').waitFor();
    expect(await page.getByText('It is for: Administrator, Coordinator, Warehouse officer.', { exact: false }).count()).toBe(1);
    expect(await page.getByTestId('move-form').count()).toBe(0);
    // The server refuses anyway (with the session's CSRF token, so the refusal is the role's).
    const status = await page.evaluate(async () => {
      const { csrfToken } = (await (await fetch('/api/v1/sessions/current')).json()) as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      return (await fetch('/api/v1/locations', { method: 'POST', headers, body: JSON.stringify({ name: 'Not allowed', areaKatottg: 'UA46000000000026241' }) })).status;
    });
    expect(status).toBe(403);
    await page.close();
  }, 60_000);
});
