import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();
const AXE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

/** Serious or critical axe findings on the page as it is now, or in the part of it a selector names. */
async function seriousAxeViolations(page: Page, selector?: string): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern.
  if (await page.evaluate(() => !('axe' in window))) await page.evaluate(AXE);
  return page.evaluate(async (within) => {
    const axe = (window as unknown as { axe: { run(context: Document | Element, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(within === undefined ? document : (document.querySelector(within) ?? document), { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(' ')}`);
  }, selector);
}

/** Every value the solve's progress bar takes from now on, recorded by the page itself (a poll from here could miss one). */
async function recordBarValues(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { barValues: number[] }).barValues = seen;
    const note = (): void => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="solve-progress-bar"]');
      if (bar?.hasAttribute('value') === true && seen.at(-1) !== bar.value) seen.push(bar.value);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
  });
}
/** Every text the solve's best-plan-so far line shows from now on, recorded by the page itself. */
async function recordQualityTexts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { qualityTexts: string[] }).qualityTexts = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="solve-quality"]')?.textContent;
      if (text !== undefined && text !== null && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}
const qualityTexts = (page: Page): Promise<string[]> => page.evaluate(() => (window as unknown as { qualityTexts: string[] }).qualityTexts);
const barValues = (page: Page): Promise<number[]> => page.evaluate(() => (window as unknown as { barValues: number[] }).barValues);
const planCount = (page: Page): Promise<number> => page.evaluate(async () => ((await (await fetch('/api/v1/energy/plans?limit=500')).json()) as { items: unknown[] }).items.length);

describe.skipIf(!available)('the energy page in Chromium', () => {
  const suite = browserSuite();

  it('runs a plan on the demo data, shows it on the map, and approves it', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 900 });
    await page.getByTestId('language-select').selectOption('en');
    await page.locator('.side-nav > ul a[href="/energy"]').click();
    await expect.poll(() => page.getByTestId('energy-needs').locator('tbody tr').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('fleet-totals').textContent()).toContain('In warehouse: 110');

    await recordBarValues(page);
    await recordQualityTexts(page);
    await page.getByRole('button', { name: 'Run the allocation' }).click();
    // The solve runs as a job: a real progress bar counts the seconds of its limit, with the step in words.
    const bar = page.getByTestId('solve-progress-bar');
    await bar.waitFor();
    // Indeterminate while the job is queued; then its total, the solve's time limit.
    await expect.poll(() => bar.getAttribute('max')).toBe('10');
    await expect.poll(() => page.getByTestId('solve-progress-text').textContent()).toMatch(/^[A-Z][a-z ]+: \d+ of 10 s$/);
    // Only the progress is checked here (the whole page takes axe longer than a solve may last).
    expect(await seriousAxeViolations(page, '[data-testid="solve-progress"]')).toEqual([]);
    await expect.poll(() => page.getByTestId('plan-status').textContent(), { timeout: 60_000 }).toBe('Draft');
    // The bar advanced while the plan was solved, and it has gone now that the plan is shown. It counts whole seconds,
    // and the solver stops early once it proves its plan the best: a solve of under two seconds may show one value.
    const values = await barValues(page);
    const solved = await page.evaluate(async () => ((await (await fetch('/api/v1/energy/plans?limit=1')).json()) as { items: { seconds: number }[] }).items[0]?.seconds ?? 0);
    expect(values.length, `${values.join(' ')} in ${solved} s`).toBeGreaterThanOrEqual(solved >= 2 ? 2 : 1);
    if (values.length > 1) expect(Math.max(...values)).toBeGreaterThan(values[0] ?? 0);
    expect(await bar.count()).toBe(0);
    // While it ran, the best plan so far and its proven distance from the best possible were shown in words.
    const quality = await qualityTexts(page);
    expect(quality.length, 'no best-plan-so-far line was shown during the solve').toBeGreaterThanOrEqual(1);
    for (const text of quality) expect(text).toMatch(/^Best plan so far: score [\d,]+ · (at most [\d.]+% from the best possible plan \(proven\)|the distance from the best possible plan is not proven yet)$/);
    expect(await page.getByTestId('solve-quality').count()).toBe(0);
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

  it('on a phone in Ukrainian, a run cancelled from the page stops the solve and saves no plan', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 390, height: 844 });
    await page.getByTestId('language-select').selectOption('uk');
    await page.goto(`${suite.url}/energy`);
    await page.getByTestId('energy-needs').waitFor();
    const before = await planCount(page);
    await page.getByRole('button', { name: 'Розрахувати розподіл' }).click();
    const bar = page.getByTestId('solve-progress-bar');
    await bar.waitFor();
    // The step in Ukrainian words, never the solver's code; the bar has a name and fits the phone.
    await expect.poll(() => page.getByTestId('solve-progress-text').textContent()).toMatch(/^[А-ЯІЄЇҐ][^:]+: \d+ з 10 с$/);
    expect(await bar.getAttribute('aria-label')).not.toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const jobId = (await page.getByTestId('solve-progress').getAttribute('data-job-id')) ?? '';
    expect(jobId).not.toBe('');

    // Cancelled at once: the solve lasts ten seconds at most, and a busy machine makes every step here slower.
    const cancel = page.getByTestId('solve-progress-cancel');
    expect(await cancel.textContent()).toBe('Скасувати');
    await cancel.click();
    await expect.poll(() => page.getByTestId('solve-progress-outcome').textContent()).toBe('Скасовано: нічого не збережено.');
    expect(await bar.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Розрахувати розподіл' }).isEnabled()).toBe(true);
    // The server agrees: the job is cancelled, the solver is free again, and no plan was added.
    expect(await page.evaluate(async (id) => ((await (await fetch(`/api/v1/jobs/${id}`)).json()) as { status: string }).status, jobId)).toBe('cancelled');
    await expect.poll(() => page.evaluate(async () => ((await (await fetch('/api/v1/energy/plans/progress')).json()) as { running: boolean }).running)).toBe(false);
    expect(await planCount(page)).toBe(before);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('energy-cancelled-phone.png'), fullPage: true });
    await page.close();
  }, 90_000);

  it('is not offered to an analyst, and the server refuses the planner routes', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'analyst@demo.carebridge');
    expect(await page.locator('.side-nav > ul a[href="/energy"]').count()).toBe(0);
    expect(await page.evaluate(async () => (await fetch('/api/v1/energy/facilities')).status)).toBe(403);
    await page.close();
  });
});
