import { describe, expect, it } from 'vitest';
import type { Facility } from '../../src/modules/facilities/facilities.schema.js';
import type { Indicators } from '../../src/modules/monitoring/indicators.schema.js';
import type { Need } from '../../src/modules/needs/needs.schema.js';
import { apiToken, browserSuite, e2eAvailable, signedInPage } from './browser.js';

const available = e2eAvailable();

describe.skipIf(!available)('areas the Ministry cannot reach, in Chromium', () => {
  const suite = browserSuite();

  it('counts facilities with no access on the dashboard and words a need’s hostilities warning in the reader’s language', async () => {
    const api = await apiToken(suite.url, 'coordinator@demo.carebridge');
    const indicators = (await (await fetch(`${suite.url}/api/v1/indicators`, { headers: api })).json()) as Indicators;
    // The demo occupies Crimea, Sevastopol and parts of four oblasts: their facilities are counted apart.
    expect(indicators.noAccess).toBeGreaterThan(0);
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 1000 });
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/monitoring`);
    const noAccess = page.locator('[data-figure=noAccess]');
    await expect.poll(() => noAccess.locator('dd').textContent()).toBe(new Intl.NumberFormat('en-GB').format(indicators.noAccess));
    expect(await noAccess.locator('dt').textContent()).toBe('No access (occupied)');
    await page.getByTestId('language-select').selectOption('ja');
    await expect.poll(() => noAccess.locator('dt').textContent()).toBe('アクセス不可（占領下）');

    // A need raised for a Kharkiv hospital (the oblast is under active hostilities in the demo) carries the warning.
    const facilities = (await (await fetch(`${suite.url}/api/v1/facilities?area=UA-63&limit=200`, { headers: api })).json()) as { items: Facility[] };
    const atRisk = facilities.items.find((f) => f.accessStatus?.status === 'active_hostilities');
    expect(atRisk).toBeDefined();
    const raised = await fetch(`${suite.url}/api/v1/needs`, {
      method: 'POST',
      headers: { ...api, 'content-type': 'application/json' },
      body: JSON.stringify({ facilityId: atRisk?.id, category: 'fuel', specification: 'Diesel for the backup generator', quantity: '500', unit: 'litres', priority: 'high' }),
    });
    expect(raised.status).toBe(201);
    const need = (await raised.json()) as Need;
    expect(need.warning).toMatchObject({ code: 'active_hostilities', area: { level: 1, name: { en: 'Kharkiv Oblast', ja: 'ハルキウ州' } }, oblast: null });
    await page.goto(`${suite.url}/needs/${need.id}`);
    const warning = page.getByTestId('access-warning');
    await expect.poll(() => warning.textContent()).toBe('ハルキウ州は2022/02/24から戦闘が続く地域です。配送には危険が伴います。');
    await page.getByTestId('language-select').selectOption('en');
    await expect.poll(() => warning.textContent()).toBe('Kharkiv Oblast is under active hostilities since 24 Feb 2022: deliveries there are at risk.');
  });
});
