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

/** GS1 human-readable form of what a scanner reads off a box: GTIN, lot, expiry (YYMMDD). */
const gs1 = (gtin: string, lot: string, expiry: string) => `(01)${gtin}(10)${lot}(17)${expiry.slice(2, 4)}${expiry.slice(5, 7)}${expiry.slice(8, 10)}`;

describe.skipIf(!available)('My facility in Chromium', () => {
  const suite = browserSuite();

  it('a reporter on a phone, offline, raises a need, confirms a delivery for it by GS1 code, records consumption and reports an attack; after an offline reload and reconnection each is on the server exactly once and the need shows the delivered quantity', async () => {
    const admin = await apiToken(suite.url, 'admin@demo.carebridge');
    const coordinator = await apiToken(suite.url, 'coordinator@demo.carebridge');
    const reporter = await apiToken(suite.url, 'reporter@demo.carebridge');
    const base = `${suite.url}/api/v1`;
    // The demo reporter's one facility, and a delivery on its way there (and stock from an earlier one).
    const facility = (await call<{ items: { id: string }[] }>(`${base}/facilities?scope=work`, reporter)).items[0]?.id as string;
    const donor = await call<{ id: string }>(`${base}/organizations`, admin, 'POST', { nameUk: 'Донор E2E', nameEn: 'E2E donor', type: 'bilateral_agency', country: 'JP' });
    const gtin = freshGtin();
    const product = await call<{ id: string }>(`${base}/products`, admin, 'POST', { kind: 'medicine', name: 'Insulin glargine 100 IU/ml', inn: 'insulin glargine', atcCode: 'A10AE04', form: 'solution', strength: '100 IU/ml', unit: 'vial', packSize: 1, gtin, essential: true });
    const location = await call<{ id: string }>(`${base}/locations/facility`, admin, 'POST', { facilityId: facility });
    const expiry = monthsFromNow(24);
    const stamp = Date.now() % 100000;
    const ship = async (lotCode: string, quantity: number, needId: string | null = null) => {
      const created = await call<Shipment>(`${base}/shipments`, admin, 'POST', notice(donor.id, location.id, [{ productId: product.id, quantity, lotCode, expiry, needId }]));
      return call<Shipment>(`${base}/shipments/${created.id}/status`, admin, 'POST', { status: 'in_transit', version: created.version });
    };
    const earlier = await ship(`OLD${stamp}`, 20);
    await call(`${base}/shipments/${earlier.id}/receipts`, admin, 'POST', { version: earlier.version, entries: [{ lineId: earlier.lines[0]?.id, quantity: 20 }] });

    // A phone-sized screen; the reporter lands on its facility's page.
    const page = await signedInPage(suite.browser, suite.url, 'reporter@demo.carebridge', { width: 390, height: 844 });
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(suite.url);
    await page.waitForURL(`${suite.url}/my-facility/${facility}`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 90_000 });
    // Once more under the worker's control, so what the page reads is kept for offline use.
    await page.reload();
    await page.getByTestId(`stock-OLD${stamp}`).waitFor();

    // Offline, the reporter raises a need for 10 vials from its facility's page: it waits in the outbox, listed there.
    const specification = `Insulin glargine 100 IU/ml, E2E ${stamp}`;
    await page.context().setOffline(true);
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
    await page.getByRole('link', { name: 'Raise a need' }).click();
    const needForm = page.getByTestId('need-form');
    await expect.poll(() => needForm.locator('select[name=facility]').inputValue()).toBe(facility);
    await needForm.locator('input[name=specification]').fill(specification);
    await needForm.locator('input[name=quantity]').fill('10');
    await needForm.locator('input[name=unit]').fill('vials');
    await needForm.locator('button[type=submit]').click();
    await page.waitForURL(`${suite.url}/my-facility/${facility}`);
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('1');
    expect(await page.getByTestId('need-waiting').textContent()).toContain(specification);
    const needsOnServer = async () => (await call<{ items: { id: string; specification: string; status: string; delivered: string; quantity: string; unit: string }[] }>(`${base}/needs?facilityId=${facility}&limit=500`, admin)).items.filter((n) => n.specification === specification);
    expect(await needsOnServer()).toEqual([]);

    // Online again: the need is on the server once, under the phone's UUID, waiting for a decision.
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-count').textContent(), { timeout: 30_000 }).toBe('0');
    const [raised, ...more] = await needsOnServer();
    expect(more).toEqual([]);
    expect(raised).toMatchObject({ status: 'submitted', quantity: '10', unit: 'vial' });
    const needId = raised?.id as string;
    await expect.poll(() => page.getByTestId('need').filter({ hasText: specification }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('need-waiting').count()).toBe(0);

    // The coordinator approves it, and the delivery on its way carries it.
    const submitted = await call<{ version: number }>(`${base}/needs/${needId}`, coordinator);
    await call(`${base}/needs/${needId}/approve`, coordinator, 'POST', { version: submitted.version });
    const delivery = await ship(`NEW${stamp}`, 10, needId);
    await page.reload();
    const card = page.getByTestId(`shipment-${delivery.donorReference}`);
    await card.waitFor();
    await page.screenshot({ path: screenshotPath('my-facility-phone.png'), fullPage: true });

    await page.context().setOffline(true);
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);

    // Proof of delivery: the code typed as a scanner would, 9 received and 1 refused with the reason.
    await card.getByRole('button', { name: 'Confirm delivery' }).click();
    const confirm = card.getByTestId('delivery-confirm');
    await confirm.locator('input[name=scan]').fill(gs1(gtin, `NEW${stamp}`, expiry));
    await confirm.locator('input[name=scan]').press('Enter');
    await expect.poll(() => confirm.getByTestId('line-1').textContent()).toContain('Found by scan');
    await confirm.locator('input[name=received-1]').fill('9');
    await confirm.locator('input[name=rejected-1]').fill('1');
    await confirm.locator('input[name=reason-1]').fill('vial cracked');
    await confirm.getByRole('button', { name: 'Confirm what arrived' }).click();
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('1');
    await expect.poll(() => card.textContent()).toContain('Confirmation waiting to be sent');

    // Consumption of the stock on hand.
    const stock = page.getByTestId(`stock-OLD${stamp}`);
    await stock.getByRole('button', { name: 'Use' }).click();
    await stock.locator('input[name=quantity]').fill('3');
    await stock.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('2');
    await expect.poll(() => stock.textContent()).toContain('17 on hand');

    // An attack on this facility: the form opens with the facility chosen.
    await page.getByTestId('report-attack').click();
    const form = page.getByTestId('incident-form');
    await expect.poll(() => form.locator('select[name=facility]').inputValue()).toBe(facility);
    await form.locator('input[name=attackTypes][value=heavy_weapons]').check();
    await form.locator('select[name=certainty]').selectOption('confirmed');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('3');

    // Reload with no connection: the shell from the service worker, the outbox from IndexedDB, the page from the cached reads.
    await page.goto(`${suite.url}/monitoring/outbox`);
    const rows = page.getByTestId('outbox-records').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    const ids = Object.fromEntries(
      await Promise.all([0, 1, 2].map(async (i) => [(await rows.nth(i).locator('td').nth(1).textContent()) ?? '', (await rows.nth(i).getAttribute('data-client-id')) ?? ''] as const)),
    );
    expect(Object.keys(ids).sort()).toEqual(['Delivery confirmed', 'Incident', 'Stock used or lost']);
    const reloaded = await page.goto(`${suite.url}/my-facility/${facility}`);
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByTestId(`stock-OLD${stamp}`).waitFor();
    expect(await page.getByTestId(`stock-OLD${stamp}`).textContent()).toContain('17 on hand');
    expect(await card.textContent()).toContain('Confirmation waiting to be sent');
    // The phone layout never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: screenshotPath('my-facility-offline.png'), fullPage: true });
    // Nothing reached the server while offline.
    expect((await call<Shipment>(`${base}/shipments/${delivery.id}`, admin)).lines[0]?.receivedQuantity).toBe(0);

    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-count').textContent(), { timeout: 30_000 }).toBe('0');

    const onServer = async () => {
      const shipment = await call<Shipment>(`${base}/shipments/${delivery.id}`, admin);
      const moves = await call<{ items: { id: string; kind: string; quantity: number }[] }>(`${base}/stock/moves?locationId=${location.id}&limit=500`, admin);
      const incidents = await call<{ items: { id: string; facilityId: string | null }[] }>(`${base}/incidents?limit=500`, admin);
      return {
        line: shipment.lines[0],
        receipts: shipment.receipts.map((r) => r.id),
        consumption: moves.items.filter((m) => m.kind === 'consumption').map((m) => [m.id, m.quantity]),
        attacks: incidents.items.filter((i) => i.id === ids.Incident).map((i) => i.facilityId),
      };
    };
    const expected = {
      line: expect.objectContaining({ receivedQuantity: 9, rejectedQuantity: 1, outstandingQuantity: 0 }) as unknown,
      receipts: [ids['Delivery confirmed']],
      consumption: [[ids['Stock used or lost'], 3]],
      attacks: [facility],
    };
    expect(await onServer()).toEqual(expected);
    // The page shows the server's state again: the delivery is in, the stock holds both lots.
    await expect.poll(() => page.getByTestId(`stock-NEW${stamp}`).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId(`shipment-${delivery.donorReference}`).count()).toBe(0);

    // The need counts the 9 vials received (the cracked one reopens its part of the gap), on the server and on the page.
    const [met, ...others] = await needsOnServer();
    expect(others).toEqual([]);
    expect(met).toMatchObject({ id: needId, status: 'partially_met', quantity: '10', unit: 'vial' });
    expect(Number(met?.delivered)).toBe(9);
    const needCard = page.getByTestId('need').filter({ hasText: specification });
    await expect.poll(() => needCard.textContent(), { timeout: 15_000 }).toContain(`${met?.delivered ?? ''} of 10 vial delivered`);

    // Another reload and a retry tick later, still exactly once each.
    await page.reload();
    await page.waitForTimeout(11_000);
    expect(await onServer()).toEqual(expected);
    expect((await needsOnServer()).map((n) => [n.id, n.delivered])).toEqual([[needId, met?.delivered]]);
    await page.close();
  }, 300_000);
  it('a Japanese and then a Ukrainian reporter see the donor of a delivery in their own language, with the date in theirs', async () => {
    const admin = await apiToken(suite.url, 'admin@demo.carebridge');
    const reporter = await apiToken(suite.url, 'reporter@demo.carebridge');
    const base = `${suite.url}/api/v1`;
    const facility = (await call<{ items: { id: string }[] }>(`${base}/facilities?scope=work`, reporter)).items[0]?.id as string;
    const donor = await call<{ id: string }>(`${base}/organizations`, admin, 'POST', { nameUk: 'Японське агентство (E2E)', nameEn: 'Japanese agency (E2E)', nameJa: '日本の援助機関（E2E）', type: 'bilateral_agency', country: 'JP' });
    const product = await call<{ id: string }>(`${base}/products`, admin, 'POST', { kind: 'medicine', name: 'Metformin 500 mg tablets', inn: 'metformin', atcCode: 'A10BA02', form: 'tablet', strength: '500 mg', unit: 'pack', packSize: 30, gtin: freshGtin(), essential: true });
    const location = await call<{ id: string }>(`${base}/locations/facility`, admin, 'POST', { facilityId: facility });
    const created = await call<Shipment>(`${base}/shipments`, admin, 'POST', notice(donor.id, location.id, [{ productId: product.id, quantity: 5, lotCode: `JA${Date.now() % 100000}`, expiry: monthsFromNow(24) }]));
    const delivery = await call<Shipment>(`${base}/shipments/${created.id}/status`, admin, 'POST', { status: 'in_transit', version: created.version });

    const page = await signedInPage(suite.browser, suite.url, 'reporter@demo.carebridge', { width: 390, height: 844 });
    const card = page.getByTestId(`shipment-${delivery.donorReference}`);
    const seen = async (lang: 'ja' | 'uk') => {
      await page.getByTestId('language-select').selectOption(lang);
      await page.goto(`${suite.url}/my-facility/${facility}`);
      await card.waitFor();
      return (await card.textContent()) ?? '';
    };
    const ja = await seen('ja');
    expect(ja).toContain('日本の援助機関（E2E）');
    expect(ja).not.toContain('Japanese agency (E2E)');
    // The expected arrival is a date in the reader's form, not the API's ISO string.
    expect(ja).not.toContain(delivery.expectedArrival);
    const uk = await seen('uk');
    expect(uk).toContain('Японське агентство (E2E)');
    expect(uk).not.toContain('Japanese agency (E2E)');
    expect(uk).not.toContain(delivery.expectedArrival);
    await page.getByTestId('language-select').selectOption('en');
    await page.close();
  }, 180_000);
});
