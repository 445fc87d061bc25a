import { describe, expect, it } from 'vitest';
import type { Completeness } from '../../src/modules/reporting/completeness.schema.js';
import { LEVEL_COLOURS } from '../../web/src/monitoring/status-colours.js';
import { apiToken, browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

describe.skipIf(!available)('reporting completeness in Chromium', () => {
  const suite = browserSuite();

  it('shows the last week on a map coloured by completeness, with the facilities missing by name; the figures are the API’s', async () => {
    const api = await apiToken(suite.url, 'coordinator@demo.carebridge');
    const national = (await (await fetch(`${suite.url}/api/v1/reporting/completeness`, { headers: api })).json()) as Completeness;
    expect(national.totals.expected).toBeGreaterThan(0);

    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 1000 });
    await page.getByTestId('language-select').selectOption('en');
    // The overview's card leads to the page.
    await page.getByTestId('reporting-card').getByRole('link', { name: 'See who has not reported' }).click();
    await page.waitForURL(/\/reporting$/);
    const figure = (key: string) => page.getByTestId('completeness-figures').locator(`[data-figure=${key}] dd`).textContent();
    await expect.poll(() => figure('expected')).toBe(new Intl.NumberFormat('en-GB').format(national.totals.expected));
    expect(await figure('missing')).toBe(new Intl.NumberFormat('en-GB').format(national.totals.missing));
    expect(await page.getByTestId('period-note').textContent()).toContain(national.period.code);

    // Each oblast is painted in the bin of its completeness, as the legend says.
    const lviv = national.byOblast.find((o) => o.iso === 'UA-46');
    expect(lviv).toBeDefined();
    const share = (lviv?.received ?? 0) / (lviv?.expected ?? 1);
    const colour = LEVEL_COLOURS[share >= 0.9 ? 0 : share >= 0.75 ? 1 : share >= 0.5 ? 2 : 3];
    const paint = () => page.evaluate(() => JSON.stringify(window.__carebridgeCompletenessMap?.getPaintProperty('oblast-fill', 'fill-color') ?? null));
    await expect.poll(paint, { timeout: 30_000 }).toContain(`"UA-46","${colour}"`);
    await expect.poll(() => page.evaluate(() => window.__carebridgeCompletenessMap?.loaded() === true), { timeout: 30_000 }).toBe(true);
    await page.locator('section.status-map').screenshot({ path: screenshotPath('completeness-map.png') });

    // The oblast table carries the map's figures as text; the missing list names facilities, never codes.
    const lvivRow = page.getByTestId('completeness-by-oblast').locator('tr[data-area="UA-46"] td');
    expect((await lvivRow.allTextContents()).slice(0, 2)).toEqual([lviv?.expected, lviv?.received].map((n) => new Intl.NumberFormat('en-GB').format(n ?? 0)));
    const missingLinks = page.getByTestId('missing-list').locator('tbody a');
    await expect.poll(() => missingLinks.count()).toBe(national.missing.items.length);
    expect(await missingLinks.first().textContent()).toBe(national.missing.items[0]?.nameEn);

    // An oblast: the URL carries the filter and the figures follow the API.
    await page.getByLabel('Area').selectOption('UA-46');
    await page.waitForURL(/area=UA-46/);
    const oblast = (await (await fetch(`${suite.url}/api/v1/reporting/completeness?area=UA-46`, { headers: api })).json()) as Completeness;
    await expect.poll(() => figure('expected')).toBe(new Intl.NumberFormat('en-GB').format(oblast.totals.expected));
    await page.screenshot({ path: screenshotPath('reporting.png'), fullPage: true });
    await page.close();
  }, 120_000);

  it('is in the menu of analysts, not of facility reporters, whose API answer covers only their facility', async () => {
    const analyst = await signedInPage(suite.browser, suite.url, 'analyst@demo.carebridge');
    // The phone's "More" menu holds the same links, hidden on a wide screen.
    expect(await analyst.locator('.side-nav > ul a[href="/reporting"]:visible').count()).toBe(1);
    await analyst.close();
    const reporter = await signedInPage(suite.browser, suite.url, 'reporter@demo.carebridge');
    expect(await reporter.locator('.side-nav > ul a[href="/reporting"]').count()).toBe(0);
    const own = await reporter.evaluate(async () => (await (await fetch('/api/v1/reporting/completeness')).json()) as Completeness);
    expect(own.totals.expected + own.totals.noAccess + own.otherSchedule).toBeLessThanOrEqual(1);
    await reporter.close();
  });
});
