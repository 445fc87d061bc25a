import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

/** Cents of a decimal string, exactly (money is never a float here). */
const cents = (amount: string): bigint => {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
};

/** What the API says Japan's total support (committed, by donors based in Japan) is, in cents, read by the page itself. */
async function japanTotalFromApi(page: Page, currency: string): Promise<bigint> {
  const totals = await page.evaluate(async (c) => (await (await fetch(`/api/v1/funding/donors?currency=${c}`)).json()) as { currency: string; countries: { country: string; committed: string }[] }, currency);
  expect(totals.currency).toBe(currency);
  return cents(totals.countries.find((x) => x.country === 'JP')?.committed ?? '0');
}

const shownAmount = async (page: Page, testId: string): Promise<string> => (await page.getByTestId(testId).getAttribute('data-amount')) ?? '';

describe.skipIf(!available)('funding, needs and open data in Chromium', () => {
  const suite = browserSuite();

  it('shows Japan’s headline as the API computes it, in USD and in JPY, and records a transaction', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 900 });
    await page.getByTestId('language-select').selectOption('en');
    await page.locator('.side-nav > ul a[href="/funding"]').click();

    // The headline: more than USD 12 billion, and exactly the API's figure.
    await page.getByTestId('japan-total').waitFor();
    const usd = cents(await shownAmount(page, 'japan-total'));
    expect(usd).toBe(await japanTotalFromApi(page, 'USD'));
    expect(usd).toBeGreaterThan(12_000_000_000n * 100n);
    expect(await page.getByTestId('japan-total').textContent()).toContain('USD');
    // Pledges are shown apart from the total; its parts by sector are the API's, and add up to it.
    await page.getByTestId('japan-pledged').waitFor();
    const sectors = await page.evaluate(async () => ((await (await fetch('/api/v1/funding/donors?currency=USD')).json()) as { countries: { country: string; sectors: { code: string; committed: string }[] }[] }).countries.find((c) => c.country === 'JP')?.sectors ?? []);
    expect(sectors.length).toBeGreaterThan(1);
    expect(sectors.reduce((sum, s) => sum + cents(s.committed), 0n)).toBe(usd);
    expect(await page.getByTestId('japan-sectors').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-sector')))).toEqual(sectors.map((s) => s.code));
    await page.screenshot({ path: screenshotPath('funding.png'), fullPage: true });

    // Switching the currency changes the figure to the API's JPY figure; the URL carries it.
    await page.getByTestId('currency-select').selectOption('JPY');
    // The figure's text names other currencies in its rate note, so wait for the amount itself to become the API's JPY figure.
    const jpyFromApi = await japanTotalFromApi(page, 'JPY');
    await expect.poll(async () => cents(await shownAmount(page, 'japan-total'))).toBe(jpyFromApi);
    expect(await page.getByTestId('japan-total').textContent()).toContain('JPY');
    const jpy = jpyFromApi;
    // Consistent: yen per dollar of the total lies within the demo's rates (100–200 JPY per USD).
    expect(Number(jpy) / Number(usd)).toBeGreaterThan(100);
    expect(Number(jpy) / Number(usd)).toBeLessThan(200);
    expect(page.url()).toContain('currency=JPY');
    // A converted figure tells its rates, dates and source on opening.
    await page.getByTestId('japan-total').locator('summary').click();
    expect(await page.getByTestId('japan-total').textContent()).toMatch(/1 USD = .+ JPY|1 USD = .+ (EUR|UAH)/);

    // A project and its transactions.
    await page.goto(`${suite.url}/funding/projects?currency=USD`);
    await page.getByRole('link', { name: 'Emergency power for hospitals' }).click();
    await expect.poll(() => page.getByTestId('transaction-table').locator('tbody tr').count()).toBeGreaterThan(0);
    const projectId = page.url().split('/').pop()?.split('?')[0] ?? '';
    const countTransactions = () => page.evaluate(async (id) => ((await (await fetch(`/api/v1/projects/${id}/transactions?limit=500`)).json()) as { items: unknown[] }).items.length, projectId);
    const before = await countTransactions();
    const rowsBefore = await page.getByTestId('transaction-table').locator('tbody tr').count();
    await page.getByTestId('total-disbursed').waitFor();
    const disbursedBefore = cents(await shownAmount(page, 'total-disbursed'));

    // A bad amount: the field says so, nothing is written.
    const form = page.getByTestId('transaction-form');
    await form.locator('select[name=type]').selectOption('3');
    await form.locator('input[name=amount]').fill('12,5');
    await form.locator('input[name=currency]').fill('USD');
    await form.locator('input[name=valueDate]').fill('2024-10-01');
    await form.getByRole('button', { name: 'Record' }).click();
    const amountField = form.locator('.field', { has: page.locator('input[name=amount]') });
    await amountField.getByTestId('field-error').waitFor();
    expect(await amountField.getByTestId('field-error').textContent()).toContain('dot before the decimals');
    // In words, never the schema's regular expression; the focus is on the field to fix.
    expect(await amountField.getByTestId('field-error').textContent()).not.toMatch(/\^|must match/);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('amount');
    expect(await form.locator('input[name=amount]').getAttribute('aria-invalid')).toBe('true');
    expect(await countTransactions()).toBe(before);

    // A good one: the table gains a row and the disbursed total grows by exactly that amount.
    await form.locator('input[name=amount]').fill('1000000.25');
    await form.getByRole('button', { name: 'Record' }).click();
    await expect.poll(() => page.getByTestId('transaction-saved').textContent()).toContain('Recorded');
    expect(await countTransactions()).toBe(before + 1);
    await expect.poll(() => page.getByTestId('transaction-table').locator('tbody tr').count()).toBe(rowsBefore + 1);
    await expect.poll(async () => cents(await shownAmount(page, 'total-disbursed'))).toBe(disbursedBefore + 100_000_025n);
    const apiDisbursed = await page.evaluate(async (id) => ((await (await fetch(`/api/v1/projects/${id}/totals?currency=USD`)).json()) as { disbursed: { amount: string } }).disbursed.amount, projectId);
    expect(cents(apiDisbursed)).toBe(disbursedBefore + 100_000_025n);
    expect(await amountField.getByTestId('field-error').count()).toBe(0);

    // The new disbursement meets a generator need: linked, the need counts it as delivered and its page lists it.
    await page.getByText('Link a transaction to a need it meets').click();
    const link = page.getByTestId('need-link-form');
    const newest = await link.locator('select[name=transactionId] option').last().getAttribute('value');
    await link.locator('select[name=transactionId]').selectOption(newest ?? '');
    await expect.poll(() => link.locator('select[name=needId] option').count()).toBeGreaterThan(0);
    const needId = (await link.locator('select[name=needId]').inputValue()) ?? '';
    await link.locator('input[name=quantity]').fill('1');
    await link.getByRole('button', { name: 'Link', exact: true }).click();
    await expect.poll(() => link.getByRole('status').textContent()).toContain('Linked');
    const need = await page.evaluate(async (id) => (await (await fetch(`/api/v1/needs/${id}`)).json()) as { delivered: string }, needId);
    expect(Number(need.delivered)).toBeGreaterThanOrEqual(1);
    await page.goto(`${suite.url}/needs/${needId}`);
    await expect.poll(() => page.getByTestId('need-links').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('need-links').textContent()).toContain('Delivered');
    // Linked by mistake: removed with a reason, the need no longer counts it.
    const ours = page.getByTestId('need-links').locator(`tbody tr[data-source-id="${newest ?? ''}"]`);
    await ours.getByRole('button', { name: 'Remove link' }).click();
    await ours.getByTestId('need-unlink').locator('input[name=reason]').fill('linked to the wrong need');
    await ours.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect.poll(() => ours.count()).toBe(0);
    const afterUnlink = await page.evaluate(async (id) => (await (await fetch(`/api/v1/needs/${id}`)).json()) as { delivered: string }, needId);
    expect(Number(afterUnlink.delivered)).toBe(Number(need.delivered) - 1);

    // The overview's headline card is the sum over donors of what they committed, as the API has it.
    await page.locator('.side-nav > ul a[href="/"]').click();
    await page.getByTestId('funding-card-total').waitFor();
    const donors = await page.evaluate(async () => ((await (await fetch('/api/v1/funding/donors?currency=USD')).json()) as { donors: { committed: string }[] }).donors);
    expect(cents(await shownAmount(page, 'funding-card-total'))).toBe(donors.reduce((s, d) => s + cents(d.committed), 0n));
    await page.close();
  }, 120_000);

  it('lists needs with the uncovered critical gaps first', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.locator('.side-nav > ul a[href="/needs"]').click();
    await expect.poll(() => page.getByTestId('need-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Gap analysis' }).click();
    await expect.poll(() => page.getByTestId('gap-table').locator('tbody tr').count()).toBeGreaterThan(0);
    const gaps = await page.evaluate(async () => ((await (await fetch('/api/v1/needs/gaps')).json()) as { items: { uncoveredCritical: number }[] }).items);
    expect(await page.getByTestId('gap-table').locator('tbody tr').count()).toBe(gaps.length);
    // Critical needs that nothing covers come first, as the API orders them, and the page shows its counts.
    const uncoveredCritical = (await page.getByTestId('gap-table').locator('tbody tr td:nth-child(3)').allTextContents()).map(Number);
    expect(uncoveredCritical).toEqual(gaps.map((g) => g.uncoveredCritical));
    expect(uncoveredCritical[0]).toBeGreaterThan(0);
    expect(uncoveredCritical).toEqual([...uncoveredCritical].sort((a, b) => b - a));

    // Register a need: a bad quantity is refused at its field and nothing is written; a good one is saved, then approved.
    const countNeeds = () => page.evaluate(async () => ((await (await fetch('/api/v1/needs?limit=500')).json()) as { items: unknown[] }).items.length);
    const before = await countNeeds();
    await page.getByRole('link', { name: 'List', exact: true }).click();
    await page.getByRole('link', { name: 'Register a need' }).click();
    const form = page.getByTestId('need-form');
    // The facility picker offers the facilities the user works for (a coordinator's: all); the first option is "choose".
    const picker = form.locator('select[name=facility]');
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    await picker.selectOption((await picker.locator('option').nth(1).getAttribute('value')) ?? '');
    await form.locator('select[name=category]').selectOption('equipment');
    await form.locator('input[name=specification]').fill('Portable ultrasound scanner');
    await form.locator('input[name=quantity]').fill('two');
    await form.locator('input[name=unit]').fill('unit');
    await form.getByRole('button', { name: 'Register' }).click();
    const quantityField = form.locator('.field', { has: page.locator('input[name=quantity]') });
    await quantityField.getByTestId('field-error').waitFor();
    expect(await countNeeds()).toBe(before);
    await form.locator('input[name=quantity]').fill('2');
    await form.getByRole('button', { name: 'Register' }).click();
    await page.getByTestId('need-details').waitFor();
    expect(await countNeeds()).toBe(before + 1);
    expect(await page.getByTestId('need-details').textContent()).toContain('awaiting approval');
    await page.getByRole('button', { name: 'Approve the need' }).click();
    await expect.poll(() => page.getByTestId('need-details').textContent()).toContain('Approved on');
    await page.close();
  });

  it('downloads the HXL 3W file from the open-data page, with its hashtag row', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'donor@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.locator('.side-nav > ul a[href="/open-data"]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-hxl-3w').click()]);
    const file = await download.path();
    const [header = '', hashtags = '', first = ''] = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    expect(header).toContain('Organisation');
    expect(hashtags.split(',').every((cell) => cell.startsWith('#'))).toBe(true);
    expect(hashtags).toContain('#org+name');
    expect(first).not.toBe('');
    await page.close();
  });

  it('prepares the IATI file as a job for a signed-in reader, saves it, and the server hands it out once', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'donor@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/open-data`);
    // Signed in, the file is a job (progress, cancel), not a plain link.
    expect(await page.getByTestId('download-iati').count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Prepare the file/ }).first().click()]);
    expect(download.suggestedFilename()).toBe('iati-activities.xml');
    const xml = fs.readFileSync(await download.path(), 'utf8');
    expect(xml).toContain('<iati-activities');
    expect(xml).toContain('<iati-activity');
    await page.getByTestId('export-iati-save').waitFor();
    const jobId = (await page.getByTestId('export-iati-job').getAttribute('data-job-id')) ?? '';
    expect(jobId).not.toBe('');
    const job = await page.evaluate(async (id) => (await (await fetch(`/api/v1/jobs/${id}`)).json()) as { kind: string; status: string; progress: { done: number }; resultUrl: string | null }, jobId);
    expect(job).toMatchObject({ kind: 'iati_export', status: 'succeeded', resultUrl: null });
    expect(job.progress.done).toBe((xml.match(/<iati-activity[\s>]/g) ?? []).length);
    expect(await page.evaluate(async (id) => (await fetch(`/api/v1/jobs/${id}/result`)).status, jobId)).toBe(410);
    await page.close();
  });

  it('fits a phone screen', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'donor@demo.carebridge', { width: 390, height: 844 });
    await page.goto(`${suite.url}/open-data`);
    const projectId = await page.evaluate(async () => ((await (await fetch('/api/v1/projects?limit=1')).json()) as { items: { id: string }[] }).items[0]?.id ?? '');
    for (const path of ['/funding', `/funding/projects/${projectId}`, '/needs', '/needs/gaps', '/open-data']) {
      await page.goto(`${suite.url}${path}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      // Wide tables scroll inside their own box; the page itself never scrolls sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), path).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});
