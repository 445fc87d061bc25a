import { describe, expect, it } from 'vitest';
import { browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

describe.skipIf(!available)('the energy page in Chromium', () => {
  const suite = browserSuite();

  it('runs a plan on the demo data, shows it on the map, and approves it', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 900 });
    await page.getByTestId('language-select').selectOption('en');
    await page.locator('.side-nav > ul a[href="/energy"]').click();
    await expect.poll(() => page.getByTestId('energy-needs').locator('tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('fleet-totals').textContent()).toContain('In warehouse: 110');

    await page.getByRole('button', { name: 'Run the allocation' }).click();
    await expect.poll(() => page.getByTestId('plan-status').textContent(), { timeout: 60_000 }).toBe('Draft');
    await expect.poll(async () => Number((await page.getByTestId('plan-map').getAttribute('data-rendered-lines')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(10);
    // Coverage after the plan is shown next to before, and no oblast is worse off.
    const rows = await page.getByTestId('coverage-table').locator('tbody tr').all();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const [before, after] = (await row.locator('td.num').allTextContents()).slice(1).map((s) => Number(s.replace(/[^0-9.]/g, '')));
      expect(after).toBeLessThanOrEqual(before ?? Infinity);
    }
    await page.screenshot({ path: screenshotPath('energy-plan.png'), fullPage: true });

    await page.getByRole('button', { name: 'Approve the plan' }).click();
    await expect.poll(() => page.getByTestId('plan-status').textContent()).toBe('Approved');
    // The server agrees.
    const status = await page.evaluate(async () => {
      const list = (await (await fetch('/api/v1/energy/plans')).json()) as { items: { status: string }[] };
      return list.items[0]?.status;
    });
    expect(status).toBe('approved');
    await page.close();
  }, 120_000);

  it('is not offered to an analyst, and the server refuses the planner routes', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'analyst@demo.carebridge');
    expect(await page.locator('.side-nav > ul a[href="/energy"]').count()).toBe(0);
    expect(await page.evaluate(async () => (await fetch('/api/v1/energy/facilities')).status)).toBe(403);
    await page.close();
  });
});
