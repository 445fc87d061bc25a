import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.js';
import { browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

describe.skipIf(!available)('the web app in Chromium', () => {
  const suite = browserSuite();

  const signedIn = (email: string, viewport?: { width: number; height: number }): Promise<Page> => signedInPage(suite.browser, suite.url, email, viewport);

  /** Clicks a single (unclustered) facility on the map, zooming in first if every one is in a cluster. */
  async function clickFirstPoint(page: Page): Promise<void> {
    const pixel = () =>
      page.evaluate(() => {
        const map = window.__carebridgeMap;
        const point = map?.queryRenderedFeatures({ layers: ['points'] })[0];
        if (map === undefined || point === undefined || point.geometry.type !== 'Point') return null;
        const { x, y } = map.project(point.geometry.coordinates as [number, number]);
        return { x, y };
      });
    let at = await pixel();
    if (at === null) {
      await page.evaluate(() => window.__carebridgeMap?.jumpTo({ center: [30.52, 50.45], zoom: 11 }));
      await expect.poll(async () => (at = await pixel()), { timeout: 15_000 }).not.toBeNull();
    }
    const box = await page.getByTestId('overview-map').boundingBox();
    if (at === null || box === null) throw new Error('no point on the map to click');
    await page.mouse.click(box.x + at.x, box.y + at.y);
  }

  it('shows anonymous visitors only the public summary, and a way to sign in', async () => {
    const page = await suite.browser.newPage();
    await page.goto(suite.url);
    await expect.poll(() => page.locator('table.data tbody tr').count()).toBeGreaterThan(20);
    expect(await page.getByTestId('overview-map').count()).toBe(0);
    expect(await page.locator('.side-nav a', { hasText: /Facilities|Заклади|医療施設/ }).count()).toBe(0);
    // The server refuses the registry to them anyway.
    expect(await page.evaluate(async () => (await fetch('/api/v1/facilities')).status)).toBe(401);
    await page.close();
  });

  it('runs under a Content-Security-Policy that refuses inline scripts, and reports a violation (which fails any other test)', async () => {
    const page = await suite.browser.newPage();
    const response = await page.goto(suite.url);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inlineRan = "yes"';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 200));
      return document.body.dataset.inlineRan === 'yes';
    });
    expect(ran).toBe(false);
    let reported: string[] = [];
    await expect.poll(() => (reported = [...reported, ...suite.takeCspViolations()]).length).toBeGreaterThan(0);
    expect(reported.join('\n')).toMatch(/script-src/);
    await page.close();
  });

  it('switches language (uk, ja), filters the list with the filters in the URL, and opens a facility', async () => {
    const page = await signedIn('admin@demo.carebridge');
    await page.getByTestId('language-select').selectOption('uk');
    // The language shows once its catalogue (a chunk of its own) has arrived.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('uk');
    await page.locator('.side-nav > ul a', { hasText: 'Заклади' }).click();
    await page.locator('select[name=area]').selectOption('UA-46');
    await page.locator('select[name=type]').selectOption('maternity');
    await expect.poll(() => new URL(page.url()).searchParams.get('type')).toBe('maternity');
    expect(new URL(page.url()).searchParams.get('area')).toBe('UA-46');
    await expect.poll(async () => (await page.locator('td[data-column=type]').allTextContents()).every((t) => t === 'Пологовий будинок')).toBe(true);
    const oblasts = await page.locator('td[data-column=oblastIso]').allTextContents();
    expect(oblasts.length).toBeGreaterThan(0);
    expect(new Set(oblasts)).toEqual(new Set(['Львівська']));
    await page.screenshot({ path: screenshotPath('web-shell-list-uk.png'), fullPage: true });

    // A shared link reproduces the view.
    const link = page.url();
    const again = await suite.browser.newPage({ storageState: await page.context().storageState() });
    await again.goto(link);
    await expect.poll(() => again.locator('td[data-column=type]').count()).toBe(oblasts.length);
    await again.close();

    await page.getByTestId('language-select').selectOption('ja');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
    await expect.poll(() => page.locator('h1').textContent()).toBe('医療施設');
    await page.locator('td[data-column=name] a').first().click();
    await page.getByTestId('history-table').locator('tbody tr').first().waitFor();
    expect(await page.locator('h2#details').textContent()).toBe('詳細');
    expect(await page.getByTestId('history-table').locator('tbody tr').first().textContent()).toContain('作成');
    await page.screenshot({ path: screenshotPath('web-shell-facility-ja.png'), fullPage: true });
    // The choice is remembered.
    await page.reload();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ja');
    await page.close();
  }, 120_000);

  it('explains errors in the user\'s language: a wrong password, a facility that does not exist', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.url}/sign-in`);
    await page.getByTestId('language-select').selectOption('uk');
    await page.locator('input[name=email]').fill('analyst@demo.carebridge');
    await page.locator('input[name=password]').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Неправильна електронна пошта або пароль');
    await page.locator('input[name=password]').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.getByTestId('user-menu').waitFor();
    await page.getByTestId('language-select').selectOption('ja');
    await page.goto(`${suite.url}/facilities/00000000-0000-7000-8000-000000000000`);
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('この記録は存在しないか、削除されました。');
    await page.close();
  }, 60_000);

  it('sorts by a column header and pages forward and back with cursors kept in the URL', async () => {
    const page = await signedIn('analyst@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/facilities`);
    const beds = async () => (await page.locator('td[data-column=beds]').allTextContents()).map((t) => Number(t.replace(/\D/g, '')));
    await page.getByRole('button', { name: 'Beds' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('beds');
    // The URL changes before the table re-renders: click again once the header shows the ascending sort, as a reader would.
    await page.locator('th[aria-sort=ascending][data-column=beds]').waitFor();
    await page.getByRole('button', { name: 'Beds' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-beds');
    expect(await page.locator('th[aria-sort=descending]').textContent()).toContain('Beds');
    await expect.poll(async () => {
      const b = await beds();
      return b.length === 50 && b.every((v, i) => i === 0 || (b[i - 1] ?? 0) >= v);
    }).toBe(true);
    const firstPage = await page.locator('td[data-column=code]').allTextContents();
    const fewestOnFirst = Math.min(...(await beds()));
    await page.getByRole('button', { name: 'Next page' }).click();
    await expect.poll(() => page.locator('.pager span').textContent()).toBe('Page 2');
    expect(new URL(page.url()).searchParams.get('cursor')).not.toBeNull();
    // The second page goes on where the first stopped: new rows, no more beds than the first page's last.
    await expect.poll(async () => (await page.locator('td[data-column=code]').allTextContents()).some((code) => firstPage.includes(code))).toBe(false);
    expect(Math.max(...(await beds()))).toBeLessThanOrEqual(fewestOnFirst);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect.poll(() => page.locator('td[data-column=code]').allTextContents()).toEqual(firstPage);
    expect(new URL(page.url()).searchParams.get('cursor')).toBeNull();
    await page.close();
  }, 120_000);

  it('draws the facilities as clustered points on the overview map, on a desk and on a phone', async () => {
    const page = await signedIn('coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    const map = page.getByTestId('overview-map');
    await expect.poll(async () => Number((await map.getAttribute('data-rendered-points')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(1000);
    // Numbers follow the language: 1,500 in English.
    expect(await page.getByTestId('map-count').textContent()).toContain('1,500');
    // Clusters carry their counts (HTML labels: the map loads no fonts from anywhere).
    expect(await page.locator('.cluster-count').count()).toBeGreaterThan(0);
    await clickFirstPoint(page);
    const panel = page.getByTestId('map-panel');
    await panel.waitFor();
    const name = await panel.locator('h3').textContent();
    await panel.getByRole('link').click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(name);
    await page.goBack();
    await expect.poll(async () => Number((await map.getAttribute('data-rendered-points')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(1000);
    // docs/screenshot.png (the README's) is a copy of this one, refreshed by hand.
    await page.screenshot({ path: screenshotPath('overview.png') });
    await page.close();

    const phone = await signedIn('analyst@demo.carebridge', { width: 375, height: 812 });
    await expect.poll(async () => Number((await phone.getByTestId('overview-map').getAttribute('data-rendered-points')) ?? 0), { timeout: 30_000 }).toBeGreaterThan(1000);
    // The navigation is a bottom tab bar on a phone.
    const nav = await phone.locator('.side-nav').boundingBox();
    expect(nav?.y ?? 0).toBeGreaterThan(600);
    await phone.screenshot({ path: screenshotPath('web-shell-phone.png') });
    await phone.close();
  }, 120_000);

  it('hides admin pages from other roles (and the server refuses them), and lets an admin manage tokens and verify the audit chain', async () => {
    const analyst = await signedIn('analyst@demo.carebridge');
    expect(await analyst.locator('.side-nav > ul a[href="/admin/users"]').count()).toBe(0);
    expect(await analyst.evaluate(async () => (await fetch('/api/v1/users')).status)).toBe(403);
    await analyst.goto(`${suite.url}/admin/users`);
    expect(await analyst.getByTestId('users-table').count()).toBe(0);
    await analyst.close();

    const admin = await signedIn('admin@demo.carebridge');
    await admin.getByTestId('language-select').selectOption('en');
    await admin.locator('.side-nav > ul a[href="/admin/users"]').click();
    await expect.poll(() => admin.getByTestId('users-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(7);
    // Give the analyst a second membership (coordinator of Lviv oblast), then take it away again.
    const row = admin.getByTestId('users-table').locator('tr', { hasText: 'analyst@demo.carebridge' });
    await row.getByLabel('Role, analyst@demo.carebridge').selectOption('coordinator');
    await row.getByLabel('Scope, analyst@demo.carebridge').selectOption({ label: 'Lviv Oblast' });
    await row.getByRole('button', { name: 'Add role' }).click();
    await expect.poll(() => row.locator('li').allTextContents()).toContainEqual(expect.stringContaining('Coordinator · Lviv Oblast'));
    await row.getByRole('button', { name: 'Remove: Coordinator, analyst@demo.carebridge' }).click();
    await expect.poll(() => row.locator('li').count()).toBe(1);
    await admin.getByLabel('Token name').fill('e2e script');
    await admin.getByRole('button', { name: 'New token' }).click();
    const token = await admin.getByTestId('new-token').textContent();
    expect(token).toMatch(/^cb_/);
    await admin.locator('.side-nav > ul a[href="/admin/audit"]').click();
    await admin.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => admin.locator('.ok').textContent()).toMatch(/intact/);
    // Words, not codes: the action as a sentence, the actor by name and role, never the raw action or an email.
    const newest = await admin.getByTestId('audit-table').locator('tbody tr').first().textContent();
    expect(newest).toContain('Created: API token');
    expect(newest).toContain('Administrator');
    expect(newest).not.toMatch(/api_token|admin@demo/);
    await admin.screenshot({ path: screenshotPath('web-shell-audit.png') });
    await admin.close();
  }, 120_000);
});
