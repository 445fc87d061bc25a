import { describe, expect, it } from 'vitest';
import { IMPORT_COLUMNS } from '../../src/modules/facilities/facilities.columns.js';
import { csvLine } from '../../src/io/csv.js';
import { browserSuite, e2eAvailable, signedInPage } from './browser.js';

const available = e2eAvailable();

/** Imports from the web app: the same panel for every file (here facilities and IATI), dry run first, all or nothing, run as jobs with progress and Cancel. */
describe.skipIf(!available)('imports in Chromium', () => {
  const suite = browserSuite();

  it('imports facilities from a CSV file: a bad row is listed by row and column and nothing is stored; then all rows are', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/facilities`);
    await page.getByRole('link', { name: 'Import facilities' }).click();
    const count = (code: string) => page.evaluate(async (q) => ((await (await fetch(`/api/v1/facilities?q=${q}&status=all`)).json()) as { items: unknown[] }).items.length, code);
    const row = (i: number, type = 'ambulatory') => csvLine([`WEB-IMP-${i}`, `Амбулаторія ${i}`, `Outpatient clinic ${i}`, type, 'primary', 'communal', 'UA-46', 49.8 + i / 100, 24.0 + i / 100, 0, 5, 'general_clinical', '2010-01-01']);
    const file = (rows: string[]) => ({ name: 'clinics.csv', mimeType: 'text/csv', buffer: Buffer.from(csvLine([...IMPORT_COLUMNS]) + rows.join('')) });
    const input = page.getByTestId('import-form').locator('input[type=file]');

    await input.setInputFiles(file([row(1), row(2, 'castle'), row(3)]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.locator('tbody tr').count()).toBe(1);
    // Rows are numbered as a spreadsheet shows them: the header is row 1, so the second clinic is row 3.
    expect(await errors.locator('tbody tr td').allTextContents()).toEqual(['3', 'type', expect.stringContaining('castle') as unknown]);
    expect(await count('WEB-IMP')).toBe(0);

    await input.setInputFiles(file([row(1), row(2), row(3)]));
    await page.getByRole('button', { name: 'Check without importing' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Rows checked: 3; problems: 0. Nothing was stored.');
    expect(await count('WEB-IMP')).toBe(0);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Rows imported: 3.');
    expect(await count('WEB-IMP')).toBe(3);
    await page.close();
  }, 120_000);

  it('imports 30,000 facilities as a job: rows checked advance, Cancel leaves the registry as it was; a refused file lists its rows', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    const imports: (string | undefined)[] = [];
    page.on('request', (r) => (r.url().includes('/api/v1/facilities/import') ? imports.push(r.headers()['prefer']) : undefined));
    await page.goto(`${suite.url}/facilities/import`);
    // Every facility the registry counts, and those of this file: neither may change after a cancel.
    const facilities = () =>
      page.evaluate(async () => ({
        all: ((await (await fetch('/api/v1/facilities/summary')).json()) as { items: { count: number }[] }).items.reduce((sum, i) => sum + i.count, 0),
        mine: ((await (await fetch('/api/v1/facilities?q=WEB-JOB&status=all')).json()) as { items: unknown[] }).items.length,
      }));
    const before = await facilities();
    expect(before.mine).toBe(0);
    const row = (i: number, type = 'ambulatory') => csvLine([`WEB-JOB-${i}`, `Амбулаторія ${i}`, `Outpatient clinic ${i}`, type, 'primary', 'communal', 'UA-46', 49.8, 24.0, 0, 5, 'general_clinical', '2010-01-01']);
    const file = (rows: string[]) => ({ name: 'registry.csv', mimeType: 'text/csv', buffer: Buffer.from(csvLine([...IMPORT_COLUMNS]) + rows.join('')) });
    const input = page.getByTestId('import-form').locator('input[type=file]');

    await input.setInputFiles(file(Array.from({ length: 30_000 }, (_, i) => row(i))));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    // The server runs in this process, which the import keeps busy, so each of the test's own steps waits for it: the
    // page watches its words itself (as a person would, every 20 ms) and presses Cancel as soon as the count has gone up.
    const seen = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const texts: string[] = [];
          const timer = setInterval(() => {
            const text = document.querySelector('[data-testid=import-progress-text]')?.textContent ?? '';
            if (!/^[\d,]+ (rows? checked|of [\d,]+ rows? written)$/.test(text) || texts.at(-1) === text) return;
            texts.push(text);
            if (texts.length < 2) return;
            clearInterval(timer);
            document.querySelector<HTMLButtonElement>('[data-testid=import-progress-cancel]')?.click();
            resolve(texts);
          }, 20);
          // An import that ended first leaves the test what it saw to report.
          setTimeout(() => (clearInterval(timer), resolve(texts)), 60_000);
        }),
    );
    // Progress advances: rows checked, then rows written of all ("8,000 rows checked", then "3,000 of 30,000 rows written").
    const position = (text: string) => {
      const [n = '0'] = text.split(' ');
      return (text.endsWith('written') ? 30_000 : 0) + Number(n.replaceAll(',', ''));
    };
    const [first, then] = seen.map(position);
    expect(then ?? 0, `progress as seen: ${seen.join(' → ')}`).toBeGreaterThan(first ?? Infinity);
    await expect.poll(() => page.getByTestId('import-progress').getAttribute('data-status', { timeout: 1000 }).catch(() => 'gone: the import ended before the cancel'), { timeout: 60_000 }).toBe('cancelled');
    expect(await page.getByTestId('import-progress-outcome').textContent()).toBe('The import was cancelled: nothing was written.');
    expect(await facilities()).toEqual(before);

    // A refused file through the same job: its row problems, and nothing stored.
    await input.setInputFiles(file([row(1), row(2, 'castle')]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const errors = page.getByTestId('import-errors');
    await expect.poll(() => errors.locator('tbody tr td').allTextContents()).toEqual(['3', 'type', expect.stringContaining('castle') as unknown]);
    expect(await errors.locator('caption').textContent()).toBe('Problems: 1. Nothing was stored; correct the file and try again.');
    expect(await page.getByTestId('import-progress').count()).toBe(0);
    expect(await facilities()).toEqual(before);
    expect(imports).toEqual(['respond-async', 'respond-async']);
    await page.close();
  }, 180_000);

  it('imports IATI activities on the open-data page: our own export is refused as already stored, renamed it is imported', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/open-data`);
    const xml = await page.evaluate(async () => (await fetch('/api/v1/projects/export/iati?org=XM-DAC-701-8')).text());
    const activities = xml.match(/<iati-activity /g)?.length ?? 0;
    expect(activities).toBeGreaterThan(0);
    const panel = page.getByTestId('iati-import');
    const input = panel.locator('input[type=file]');
    const projects = () => page.evaluate(async () => ((await (await fetch('/api/v1/projects?limit=500')).json()) as { items: unknown[] }).items.length);
    const before = await projects();

    await input.setInputFiles({ name: 'jica.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await panel.getByRole('button', { name: 'Check without importing' }).click();
    const rows = panel.getByTestId('import-errors').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(activities);
    expect(await rows.first().locator('td').nth(1).textContent()).toBe('iati-identifier');
    expect(await rows.first().locator('td').nth(2).textContent()).toContain('already stored');

    const renamed = xml.replace(/<iati-identifier>([^<]+)<\/iati-identifier>/g, '<iati-identifier>$1-W</iati-identifier>');
    await input.setInputFiles({ name: 'jica-renamed.xml', mimeType: 'application/xml', buffer: Buffer.from(renamed) });
    await panel.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => panel.getByRole('status').textContent()).toMatch(new RegExp(`^Activities: ${activities}; transactions: [\\d,]+; new organisations: 0\\.$`));
    expect(await projects()).toBe(before + activities);
    await page.close();
  }, 120_000);

  it('imports status reports from a survey export with a column mapping, refusing the whole file for one bad row', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    const facility = await page.evaluate(async () => ((await (await fetch('/api/v1/facilities?area=UA-46&limit=1')).json()) as { items: { id: string; code: string }[] }).items[0]);
    if (facility === undefined) throw new Error('no demo facility in Lviv oblast');
    const reports = () => page.evaluate(async (id) => ((await (await fetch(`/api/v1/status-reports?facility=${id}&limit=500`)).json()) as { items: unknown[] }).items.length, facility.id);
    const before = await reports();
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const csv = (functionality: string) =>
      ['facility_code,Date of visit,building_condition,functionality,accessibility,power_source', `${facility.code},${day(3)},not_damaged,fully,fully,grid`, `${facility.code},${day(2)},slightly_damaged,${functionality},fully,generator`].join('\n');
    await page.goto(`${suite.url}/monitoring`);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.locator('textarea[name=mapping]').fill('{"observedAt": "Date of visit"}');
    const input = page.getByTestId('import-form').locator('input[type=file]');

    await input.setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('sort_of')) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-errors').locator('tbody tr').count()).toBe(1);
    expect((await page.getByTestId('import-errors').locator('tbody tr td').allTextContents()).slice(0, 2)).toEqual(['3', 'functionality']);
    expect(await reports()).toBe(before);

    await input.setInputFiles({ name: 'survey.csv', mimeType: 'text/csv', buffer: Buffer.from(csv('partially')) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Status reports imported: 2.');
    expect(await reports()).toBe(before + 2);
    await page.close();
  }, 120_000);
});
