import { describe, it } from 'vitest';
import { browserSuite, screenshotPath, signedInPage } from './browser.js';

describe('scratch', () => {
  const suite = browserSuite();
  it('screens', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 900 });
    const errs: string[] = [];
    page.on('pageerror', (e) => errs.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errs.push(m.text()));
    await page.getByTestId('language-select').selectOption('ja');
    const shots: [string, string][] = [['/supply', 'ov'], ['/supply/products', 'pl'], ['/supply/stock', 'st'], ['/supply/assets', 'as'], ['/supply/moves', 'mv'], ['/supply/shipments', 'sh']];
    for (const [p, n] of shots) {
      await page.goto(`${suite.url}${p}`);
      await page.waitForTimeout(1200);
      await page.screenshot({ path: screenshotPath(`scratch-${n}.png`), fullPage: true });
    }
    await page.goto(`${suite.url}/supply/products`);
    await page.waitForTimeout(800);
    await page.locator('[data-testid=product-table] tbody a').first().click();
    await page.waitForTimeout(1200);
    await page.screenshot({ path: screenshotPath('scratch-pp.png'), fullPage: true });
    await page.goto(`${suite.url}/supply/assets`);
    await page.waitForTimeout(800);
    await page.locator('[data-testid=asset-table] tbody a').first().click();
    await page.waitForTimeout(1200);
    await page.screenshot({ path: screenshotPath('scratch-ap.png'), fullPage: true });
    await page.goto(`${suite.url}/supply/shipments`);
    await page.waitForTimeout(800);
    await page.getByRole('link', { name: 'MSF-LV-2025-88' }).click();
    await page.waitForTimeout(1200);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: screenshotPath('scratch-msf.png'), fullPage: true });
    console.log('ERRS', errs);
  }, 120_000);
});
