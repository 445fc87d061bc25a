import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

/** Waiting for what a loaded machine (other test files, the 2-core CI) may take seconds to show. */
const POLL = { timeout: 15_000 };

/** The error shown for a named field: the element its aria-describedby names (empty when the field is valid). */
async function fieldError(page: Page, name: string): Promise<string> {
  const input = page.locator(`[data-testid=organization-form] [name=${name}]`);
  if ((await input.getAttribute('aria-invalid')) !== 'true') return '';
  const id = (await input.getAttribute('aria-describedby')) ?? '';
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

describe.skipIf(!available)('the organisations registry in Chromium', () => {
  const suite = browserSuite();

  it('is in the navigation of admins and coordinators only', async () => {
    const coordinator = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    expect(await coordinator.locator('.side-nav > ul a[href="/admin/organizations"]').count()).toBe(1);
    await coordinator.close();
    const analyst = await signedInPage(suite.browser, suite.url, 'analyst@demo.carebridge');
    expect(await analyst.locator('.side-nav > ul a[href="/admin/organizations"]').count()).toBe(0);
    await analyst.close();
  }, 120_000);

  it('a Ukrainian coordinator on a phone creates an organisation through the form (errors beside their fields, in Ukrainian), finds it by its Ukrainian name, filters to nothing and edits it', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 390, height: 844 });
    await page.getByTestId('language-select').selectOption('uk');
    await page.goto(`${suite.url}/admin/organizations`);
    await page.getByTestId('organization-table').waitFor();
    await page.getByRole('link', { name: 'Нова організація' }).click();
    const form = page.getByTestId('organization-form');
    await form.waitFor();

    // No type chosen and an IATI identifier in the wrong form: the server refuses both; each is said beside its field
    // in Ukrainian (never the schema's words), and the first of them, the type, takes the focus.
    const stamp = Date.now() % 1_000_000;
    const nameUk = `Фонд підтримки лікарень ${stamp}`;
    await form.locator('[name=nameUk]').fill(nameUk);
    await form.locator('[name=nameEn]').fill(`Hospital Support Fund ${stamp}`);
    await form.locator('[name=country]').fill('de');
    await form.locator('[name=iatiOrgId]').fill('not an id');
    await form.locator('button[type=submit]').click();
    await expect.poll(() => fieldError(page, 'type'), POLL).toContain('Це поле обов’язкове');
    expect(await fieldError(page, 'iatiOrgId')).not.toBe('');
    expect(await fieldError(page, 'iatiOrgId')).not.toMatch(/must|pattern|\^/);
    expect(await fieldError(page, 'nameUk')).toBe('');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name')), POLL).toBe('type');
    // Nothing of the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: screenshotPath('organization-form-phone-uk.png'), fullPage: true });

    await form.locator('[name=type]').selectOption('ngo');
    await form.locator('[name=iatiOrgId]').fill('');
    await form.locator('button[type=submit]').click();
    await page.waitForURL(`${suite.url}/admin/organizations`);
    await expect.poll(() => page.getByTestId('organization-saved').textContent(), POLL).toContain(nameUk);

    // Found by its name, shown in Ukrainian with its type in words.
    await page.locator('input[name=q]').fill(String(stamp));
    const rows = page.getByTestId('organization-row');
    await expect.poll(() => rows.count(), POLL).toBe(1);
    expect(await rows.first().textContent()).toContain(nameUk);
    expect(await rows.first().textContent()).toContain('Неурядова організація');
    expect(await rows.first().textContent()).not.toContain('Hospital Support Fund');

    // A type it is not: no row, and a sentence saying the filters leave none (not an empty table); clearing brings it back.
    await page.locator('select[name=type]').selectOption('ministry');
    await expect.poll(() => page.getByText('За цими фільтрами нічого не знайдено.').count(), POLL).toBe(1);
    expect(await page.getByTestId('organization-table').count()).toBe(0);
    await page.getByRole('button', { name: 'Скинути фільтри' }).click();
    await expect.poll(() => page.getByTestId('organization-table').count(), POLL).toBe(1);

    // Edit: a Japanese name added, which a Japanese reader then sees.
    await page.locator('input[name=q]').fill(String(stamp));
    await expect.poll(() => rows.count(), POLL).toBe(1);
    await rows.first().getByRole('link').click();
    await expect.poll(() => form.locator('[name=nameUk]').inputValue(), POLL).toBe(nameUk);
    await form.locator('[name=nameJa]').fill(`病院支援基金 ${stamp}`);
    await form.locator('button[type=submit]').click();
    await page.waitForURL(`${suite.url}/admin/organizations`);
    await page.getByTestId('language-select').selectOption('ja');
    await page.goto(`${suite.url}/admin/organizations?q=${stamp}`);
    await expect.poll(() => rows.first().textContent(), POLL).toContain(`病院支援基金 ${stamp}`);
    await page.getByTestId('language-select').selectOption('en');
    await page.close();
  }, 180_000);
});
