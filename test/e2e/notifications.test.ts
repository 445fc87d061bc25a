import { describe, expect, it } from 'vitest';
import type { Shipment } from '../../src/modules/supply/shipments.schema.js';
import { freshGtin, monthsFromNow, notice } from '../../src/modules/supply/supply.testkit.js';
import { apiToken, browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

type Headers = { authorization: string };

async function call<T>(url: string, headers: Headers, method: 'GET' | 'POST' = 'GET', body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

describe.skipIf(!available)('Notifications in Chromium', () => {
  const suite = browserSuite();

  it('after a recall of a lot at their facility, the reporter’s bell shows it, and its link opens the lot', async () => {
    const admin = await apiToken(suite.url, 'admin@demo.carebridge');
    const reporter = await apiToken(suite.url, 'reporter@demo.carebridge');
    const base = `${suite.url}/api/v1`;
    // A lot delivered to the demo reporter's facility.
    const facility = (await call<{ items: { id: string }[] }>(`${base}/facilities?scope=work`, reporter)).items[0]?.id as string;
    const donor = await call<{ id: string }>(`${base}/organizations`, admin, 'POST', { nameUk: 'Донор сповіщень', nameEn: 'Notification donor', type: 'bilateral_agency', country: 'JP' });
    const product = await call<{ id: string }>(`${base}/products`, admin, 'POST', { kind: 'medicine', name: 'Oxytocin 10 IU/ml', inn: 'oxytocin', atcCode: 'H01BB02', form: 'solution', strength: '10 IU/ml', unit: 'vial', packSize: 1, gtin: freshGtin(), essential: true });
    const location = await call<{ id: string }>(`${base}/locations/facility`, admin, 'POST', { facilityId: facility });
    const lotCode = `RCL${Date.now() % 100000}`;
    const created = await call<Shipment>(`${base}/shipments`, admin, 'POST', notice(donor.id, location.id, [{ productId: product.id, quantity: 30, lotCode, expiry: monthsFromNow(24) }]));
    const moving = await call<Shipment>(`${base}/shipments/${created.id}/status`, admin, 'POST', { status: 'in_transit', version: created.version });
    await call(`${base}/shipments/${moving.id}/receipts`, admin, 'POST', { version: moving.version, entries: [{ lineId: moving.lines[0]?.id, quantity: 30 }] });
    const lotId = (await call<{ items: { id: string }[] }>(`${base}/lots?productId=${product.id}`, admin)).items[0]?.id as string;
    // The delivery on its way reaches the reporter through the server's outbox, drained every few seconds (later on a
    // busy machine): waited for here, so that the page below has it to mark read and the recall is all that is new.
    await expect
      .poll(async () => (await call<{ items: { kind: string }[] }>(`${base}/notifications`, reporter)).items.some((n) => n.kind === 'shipment_dispatched'), { timeout: 30_000, interval: 500 })
      .toBe(true);

    const page = await signedInPage(suite.browser, suite.url, 'reporter@demo.carebridge');
    await page.getByTestId('language-select').selectOption('uk');
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    // Whatever the reporter had been told before (the delivery on its way) is read now: the recall is what is new.
    await page.goto(`${suite.url}/notifications`);
    await page.getByTestId('notification-list').waitFor();
    const markAll = page.getByRole('button', { name: 'Позначити все прочитаним' });
    if (await markAll.isEnabled()) await markAll.click();
    await expect.poll(() => page.getByTestId('notification-count').count()).toBe(0);

    await call(`${base}/lots/${lotId}/recall`, admin, 'POST', { reason: 'contaminated batch' });
    // The server's worker drains its outbox every few seconds; the page asks again on reload.
    await expect
      .poll(async () => {
        await page.reload();
        await bell.waitFor();
        const count = page.getByTestId('notification-count');
        return (await count.count()) > 0 ? count.innerText() : '0';
      }, { timeout: 30_000, interval: 1000 })
      .toBe('1');
    expect(await bell.getAttribute('aria-label')).toBe('Сповіщення: непрочитаних — 1');
    await bell.click();
    const item = page.getByTestId('notification').first();
    await expect.poll(() => item.innerText()).toContain(`Партію ${lotCode} відкликано`);
    const text = await item.innerText();
    expect(text).toContain('contaminated batch');
    // No raw kind or identifier is shown.
    expect(text).not.toMatch(/lot_recalled|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await page.screenshot({ path: screenshotPath('notifications-recall.png') });
    await item.getByRole('button', { name: 'Відкрити' }).click();
    await page.waitForURL(`${suite.url}/supply/lots/${lotId}`);
    await expect.poll(() => page.getByTestId('lot-page').locator('h1').innerText()).toContain(lotCode);
    // Opening it marked it read.
    await expect.poll(() => page.getByTestId('notification-count').count()).toBe(0);
  });
});
