import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

/** The Government of Japan's id, found the way the app finds it: from the agreements the caller may read. */
async function japanId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const list = (await (await fetch('/api/v1/agreements')).json()) as { items: { partners: { id: string; nameEn: string }[] }[] };
    const japan = list.items.flatMap((a) => a.partners).find((p) => p.nameEn === 'Government of Japan');
    if (japan === undefined) throw new Error('no agreement with the Government of Japan');
    return japan.id;
  });
}

describe.skipIf(!available)('the partner page in Chromium', () => {
  const suite = browserSuite();

  it('shows Japan’s agreement, the May 2024 decisions and the progress per area, in Japanese and in Ukrainian', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 900 });
    await page.getByTestId('language-select').selectOption('ja');
    await page.locator('.side-nav a[href="/partners"]').click();
    await expect.poll(() => page.getByTestId('agreements').locator('tbody tr').count()).toBe(3);
    await page.goto(`${suite.url}/partners/${await japanId(page)}`);

    const agreement = page.getByTestId('partner-agreement');
    await agreement.waitFor();
    expect(await page.locator('h1').textContent()).toBe('Government of Japan');
    expect(await agreement.locator('h3').first().textContent()).toBe('ウクライナ保健医療システムの復興に関する協力覚書');
    expect(await agreement.getByTestId('agreement-status').textContent()).toBe('発効中');
    const decisions = await page.getByTestId('decisions').first().locator('li').allTextContents();
    expect(decisions).toHaveLength(6);
    expect(decisions[0]).toBe('被害を受けた医療インフラの再建支援を継続する');
    expect(decisions[5]).toContain('発電機110台');
    // Progress per area: the 110-unit generator package has reached Ukraine (137.3 MW rated against 135 MW).
    const energy = page.getByTestId('area-energy_autonomy');
    expect(await energy.locator('h3').textContent()).toBe('医療施設のエネルギー自立');
    const energyText = (await energy.textContent()) ?? '';
    expect(energyText).toContain('110 台 のうち 110');
    expect(energyText).toContain('101.7 %');
    expect(await page.getByTestId('area-rehabilitation').locator('svg[role=img]').count()).toBeGreaterThan(0);
    // Overdue action items are marked.
    expect(await page.getByTestId('action-items').first().locator('tr.overdue').count()).toBeGreaterThan(0);
    await page.screenshot({ path: screenshotPath('partner-japan.png'), fullPage: true });

    await page.getByTestId('language-select').selectOption('uk');
    await expect.poll(() => agreement.locator('h3').first().textContent()).toBe('Меморандум про співпрацю з відновлення системи охорони здоров’я України');
    expect(await page.locator('h1').textContent()).toBe('Уряд Японії');
    expect(await agreement.getByTestId('agreement-status').textContent()).toBe('Чинна');
    expect(await page.getByTestId('decisions').first().locator('li').first().textContent()).toBe('Продовжити підтримку відбудови пошкодженої медичної інфраструктури');
    expect(await energy.locator('h3').textContent()).toBe('Енергетична автономність закладів');
    expect(await energy.textContent()).toContain('110 з 110 генераторів');
    await page.close();
  }, 120_000);

  it('fits a phone screen, and shows the coordinator the overdue action items on the overview', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 390, height: 844 });
    await page.getByTestId('language-select').selectOption('en');
    const overdue = page.getByTestId('overdue-actions');
    await expect.poll(() => overdue.locator('li').count()).toBeGreaterThanOrEqual(3);
    expect(await overdue.textContent()).toContain('Agree the delivery schedule of the generator package');
    await page.goto(`${suite.url}/partners/${await japanId(page)}`);
    await page.getByTestId('area-energy_autonomy').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.close();
  }, 120_000);

  it('lets a coordinator attach a PDF to the agreement, and refuses a file of another type, naming the field', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/partners`);
    await page.getByRole('link', { name: 'Memorandum of cooperation on the recovery of Ukraine’s health system' }).click();
    await page.getByText('Add to this agreement').click();
    const input = page.locator('input[name=document]');
    await input.setInputFiles({ name: 'photo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a-not-allowed') });
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('/file');
    await input.setInputFiles({ name: 'memorandum-signed.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n') });
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await page.getByRole('link', { name: 'memorandum-signed.pdf' }).waitFor();
    expect(await page.getByRole('link', { name: 'photo.gif' }).count()).toBe(0);
    await page.close();
  }, 60_000);

  it('follows one priority area across agreements, with its chart', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'analyst@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/partners`);
    await page.getByTestId('area-links').getByRole('link', { name: 'Mental health' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Mental health');
    // The Japanese memorandum and the WHO programme both list mental health; the draft with the Red Cross too.
    await expect.poll(() => page.getByTestId('area-mental_health').count()).toBe(3);
    // The chart speaks the server's totals (over distinct projects), as the page formats money.
    const expected = await page.evaluate(async () => {
      const r = (await (await fetch('/api/v1/priority-areas/mental_health/follow-through?currency=USD')).json()) as { money: Record<string, string> };
      const f = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }) as Intl.NumberFormat & { format(v: string): string };
      return `Money in USD for Mental health: pledged ${f.format(r.money.pledged ?? '')}, committed ${f.format(r.money.committed ?? '')}, disbursed ${f.format(r.money.disbursed ?? '')}`;
    });
    expect(expected).not.toContain('US$0, disbursed US$0');
    expect(await page.locator('svg[role=img]').first().getAttribute('aria-label')).toBe(expected);
    expect(await page.getByText('1,000 specialists trained: followed up by hand').count()).toBe(1);
    await page.close();
  }, 60_000);

  it('shows a donor officer only its own organisation’s agreements, and no overdue panel', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'donor@demo.carebridge');
    expect(await page.getByTestId('overdue-actions').count()).toBe(0);
    const titles = await page.evaluate(async () => ((await (await fetch('/api/v1/agreements')).json()) as { items: { title: { en: string } }[] }).items.map((a) => a.title.en));
    expect(titles).toEqual(['Memorandum of cooperation on the recovery of Ukraine’s health system']);
    await page.close();
  });
});
