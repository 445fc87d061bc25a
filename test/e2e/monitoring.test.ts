import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { LEVEL_COLOURS } from '../../web/src/monitoring/status-colours.js';
import { apiToken, browserSuite, e2eAvailable, screenshotPath, signedInPage } from './browser.js';

const available = e2eAvailable();

interface Report {
  id: string;
  observedAt: string;
  functionality: string;
  buildingCondition: string;
  services: { code: string; status: string; reasons: string[] }[];
}

/** A datetime-local value in the browser's time zone, `minutesAgo` before now. */
const localInput = (page: Page, minutesAgo: number): Promise<string> =>
  page.evaluate((m) => {
    const d = new Date(Date.now() - m * 60_000);
    return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }, minutesAgo);

async function fillReport(page: Page, values: { observedAt: string; building: string; functionality: string; power: string; outage: string; service?: { code: string; status: string; reason: string } }): Promise<void> {
  const form = page.getByTestId('status-report-form');
  await form.locator('input[name=observedAt]').fill(values.observedAt);
  await form.locator('select[name=buildingCondition]').selectOption(values.building);
  await form.locator('select[name=functionality]').selectOption(values.functionality);
  await form.locator('select[name=accessibility]').selectOption('fully');
  await form.locator('select[name=powerSource]').selectOption(values.power);
  await form.locator('input[name=outageHours7d]').fill(values.outage);
  if (values.service !== undefined) {
    await form.locator(`select[name=service-${values.service.code}]`).selectOption(values.service.status);
    await form.locator(`input[name=reasons-${values.service.code}][value=${values.service.reason}]`).check();
  }
  await form.getByRole('button', { name: 'Save report' }).click();
}

describe.skipIf(!available)('monitoring in Chromium', () => {
  const suite = browserSuite();

  it('keeps two reports made offline across an offline reload and delivers each exactly once on reconnect', async () => {
    const api = await apiToken(suite.url, 'admin@demo.carebridge');
    // A phone-sized screen, as in the field.
    const page = await signedInPage(suite.browser, suite.url, 'reporter@demo.carebridge', { width: 390, height: 844 });
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/monitoring/report`);
    // The worker installs by fetching the whole shell; on a busy machine that takes a while.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 90_000 });
    // Load the form once more under the worker's control, so the facility list and the facility are kept for offline use.
    await page.reload();
    const picker = page.locator('select[name=facility]');
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    const facilityId = (await picker.locator('option').nth(1).getAttribute('value')) ?? '';
    await picker.selectOption(facilityId);
    await page.getByTestId('services').waitFor();
    const service = (await page.locator('select[name^=service-]').first().getAttribute('name'))?.replace('service-', '') ?? '';
    expect(service).not.toBe('');
    await page.screenshot({ path: screenshotPath('monitoring-report-phone.png'), fullPage: true });

    const listReports = async () => {
      const res = await fetch(`${suite.url}/api/v1/status-reports?facility=${facilityId}&limit=500`, { headers: api });
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Report[] }).items;
    };
    const before = new Set((await listReports()).map((r) => r.id));

    await page.context().setOffline(true);
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
    await expect.poll(() => page.getByTestId('outbox-badge').textContent()).toContain('Offline');
    const first = { observedAt: await localInput(page, 120), building: 'slightly_damaged', functionality: 'partially', power: 'generator', outage: '36', service: { code: service, status: 'partially', reason: 'power' } };
    const second = { observedAt: await localInput(page, 60), building: 'not_damaged', functionality: 'fully', power: 'grid', outage: '4' };
    await fillReport(page, first);
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('1');
    await fillReport(page, second);
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('2');

    // Reload with no connection: the service worker serves the shell, the outbox comes back from IndexedDB.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${suite.url}/sw.js`);
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('2');
    await page.getByRole('link', { name: 'Outbox' }).last().click();
    const rows = page.getByTestId('outbox-records').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const clientIds = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-client-id') ?? ''));
    // Nothing reached the server while offline.
    expect((await listReports()).filter((r) => !before.has(r.id))).toEqual([]);

    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-count').textContent(), { timeout: 30_000 }).toBe('0');
    expect(await page.getByTestId('outbox-status').textContent()).toContain('last sync');

    // Exactly the two reports, under the ids made on the phone, with the values entered.
    const fresh = (await listReports()).filter((r) => !before.has(r.id)).sort((a, b) => a.observedAt.localeCompare(b.observedAt));
    expect(fresh.map((r) => r.id).sort()).toEqual([...clientIds].sort());
    const iso = (local: string) => page.evaluate((v) => new Date(v).toISOString(), local);
    expect(fresh.map((r) => [r.observedAt, r.buildingCondition, r.functionality])).toEqual([
      [await iso(first.observedAt), 'slightly_damaged', 'partially'],
      [await iso(second.observedAt), 'not_damaged', 'fully'],
    ]);
    expect(fresh[0]?.services.find((s) => s.code === service)).toEqual({ code: service, status: 'partially', reasons: ['power'] });
    // Services the facility does not offer were recorded as not normally provided.
    expect(fresh[0]?.services.filter((s) => s.status === 'not_normally_provided').length).toBeGreaterThan(0);

    // Another reload and a retry tick later, still exactly two: nothing is sent twice.
    await page.reload();
    await page.waitForTimeout(11_000);
    expect((await listReports()).filter((r) => !before.has(r.id))).toHaveLength(2);
    await page.close();
  }, 180_000);

  it('keeps a report the server refuses, shows why, and sends it once corrected under the same id', async () => {
    const api = await apiToken(suite.url, 'admin@demo.carebridge');
    const page = await signedInPage(suite.browser, suite.url, 'reporter@demo.carebridge', { width: 390, height: 844 });
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/monitoring/report`);
    const picker = page.locator('select[name=facility]');
    await expect.poll(() => picker.locator('option').count()).toBeGreaterThan(1);
    const facilityId = (await picker.locator('option').nth(1).getAttribute('value')) ?? '';
    await picker.selectOption(facilityId);
    await page.getByTestId('services').waitFor();
    // Long before the facility opened: the server refuses it and names the field.
    await fillReport(page, { observedAt: '1950-01-02T08:00', building: 'not_damaged', functionality: 'fully', power: 'grid', outage: '0' });
    await page.getByTestId('outbox-badge').click();
    const row = page.getByTestId('outbox-records').locator('tbody tr');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 30_000 }).toBe('failed');
    // The field by its name, never its JSON path.
    expect(await row.textContent()).toContain('Observed at');
    expect(await row.textContent()).not.toContain('/observedAt');
    const clientId = (await row.getAttribute('data-client-id')) ?? '';

    await row.getByRole('link', { name: 'Correct' }).click();
    const form = page.getByTestId('status-report-form');
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Observed at');
    expect(await form.locator('select[name=functionality]').inputValue()).toBe('fully');
    await form.locator('input[name=observedAt]').fill(await localInput(page, 30));
    await form.getByRole('button', { name: 'Save report' }).click();
    const storedUnderId = async () => {
      const stored = (await (await fetch(`${suite.url}/api/v1/status-reports?facility=${facilityId}&limit=500`, { headers: api })).json()) as { items: Report[] };
      return stored.items.filter((r) => r.id === clientId).length;
    };
    await expect.poll(storedUnderId, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('0');
    await page.close();
  }, 120_000);

  it('sends a facility edit based on an old version to review instead of overwriting, and a coordinator applies it there', async () => {
    const api = await apiToken(suite.url, 'admin@demo.carebridge');
    const headers = { ...api, 'content-type': 'application/json' };
    const facilities = (await (await fetch(`${suite.url}/api/v1/facilities?area=UA-46&limit=5`, { headers: api })).json()) as { items: { id: string; version: number; beds: number; staff: number }[] };
    const target = facilities.items[0];
    if (target === undefined) throw new Error('no facility in Lviv oblast');
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/facilities/${target.id}`);
    await page.getByText('Edit the details (works offline)').click();
    const form = page.getByTestId('facility-edit-form');
    await form.locator('input[name=beds]').fill(String(target.beds + 7));

    // Meanwhile someone else changes the same facility.
    const other = await fetch(`${suite.url}/api/v1/facilities/${target.id}`, { method: 'PATCH', headers, body: JSON.stringify({ version: target.version, staff: target.staff + 1 }) });
    expect(other.status).toBe(200);
    await form.getByRole('button', { name: 'Save the change' }).click();

    // The server kept the newer change and put ours in the review inbox; the outbox says so.
    await page.getByTestId('outbox-badge').click();
    await expect.poll(() => page.getByTestId('review-notices').locator('li').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('outbox-count').textContent()).toBe('0');
    const afterConflict = (await (await fetch(`${suite.url}/api/v1/facilities/${target.id}`, { headers: api })).json()) as { beds: number; staff: number; version: number };
    expect(afterConflict).toMatchObject({ beds: target.beds, staff: target.staff + 1, version: target.version + 1 });

    await page.getByRole('link', { name: 'Review inbox' }).click();
    const entry = page.getByTestId('inbox-entry').filter({ hasText: 'Facility change' }).first();
    const beds = entry.locator('tr', { has: page.locator('code', { hasText: /^beds$/ }) });
    await expect.poll(() => beds.locator('td').allTextContents()).toEqual([String(target.beds + 7), String(target.beds)]);
    expect(await beds.getAttribute('class')).toContain('changed');
    await entry.locator('input').fill('checked with the facility by phone');
    await entry.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(async () => ((await (await fetch(`${suite.url}/api/v1/facilities/${target.id}`, { headers: api })).json()) as { beds: number }).beds).toBe(target.beds + 7);
    const applied = (await (await fetch(`${suite.url}/api/v1/facilities/${target.id}`, { headers: api })).json()) as { beds: number; staff: number };
    // Applied on top of the current version: the other change stays.
    expect(applied.staff).toBe(target.staff + 1);
    await page.close();
  }, 120_000);

  it('shows a facility edit made offline on the facility page once the outbox delivers it, without a reload', async () => {
    const api = await apiToken(suite.url, 'admin@demo.carebridge');
    const facilities = (await (await fetch(`${suite.url}/api/v1/facilities?area=UA-46&limit=5`, { headers: api })).json()) as { items: { id: string; beds: number }[] };
    // Not the first one: the review test above edits that.
    const target = facilities.items[1];
    if (target === undefined) throw new Error('fewer than two facilities in Lviv oblast');
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/facilities/${target.id}`);
    const beds = page.locator('dl.details > div', { has: page.locator('dt', { hasText: /^Beds$/ }) }).locator('dd');
    const shownBeds = async () => (await beds.textContent())?.replace(/\D/g, '');
    await expect.poll(shownBeds).toBe(String(target.beds));

    await page.context().setOffline(true);
    await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
    await page.getByText('Edit the details (works offline)').click();
    const form = page.getByTestId('facility-edit-form');
    await form.locator('input[name=beds]').fill(String(target.beds + 3));
    await form.getByRole('button', { name: 'Save the change' }).click();
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('1');
    expect(await shownBeds()).toBe(String(target.beds));

    // Back online, the outbox delivers the edit and the page it was made on shows it: nobody reloads.
    await page.context().setOffline(false);
    await expect.poll(() => page.getByTestId('outbox-count').textContent(), { timeout: 30_000 }).toBe('0');
    await expect.poll(shownBeds, { timeout: 15_000 }).toBe(String(target.beds + 3));
    const stored = (await (await fetch(`${suite.url}/api/v1/facilities/${target.id}`, { headers: api })).json()) as { beds: number };
    expect(stored.beds).toBe(target.beds + 3);
    await page.close();
  }, 120_000);

  it('records an incident through the form and lists it with the server’s values', async () => {
    const api = await apiToken(suite.url, 'admin@demo.carebridge');
    // The narrowest phone the app is held to (DESIGN §11): the whole form fits, with no sideways scroll.
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 360, height: 740 });
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/monitoring/incidents/new`);
    const form = page.getByTestId('incident-form');
    const occurredAt = await localInput(page, 24 * 60);
    await form.locator('input[name=occurredAt]').fill(occurredAt);
    await form.locator('select[name=certainty]').selectOption('probable');
    // Neither a place nor a type yet: the form says what is missing and nothing is queued.
    await form.getByRole('button', { name: 'Save incident' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('at least one type of attack');
    await form.locator('input[name=attackTypes][value=heavy_weapons]').check();
    await form.locator('input[name=attackTypes][value=arson]').check();
    await form.getByRole('button', { name: 'Save incident' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('Name a facility or an oblast');
    await form.locator('select[name=area]').selectOption({ label: 'Lviv Oblast' });
    await form.locator('input[name=resourcesAffected][value=transport]').check();
    await form.locator('input[name=healthWorkersInjured]').fill('3');
    await form.locator('input[name=patientsKilled]').fill('1');
    expect(await page.getByTestId('outbox-count').textContent()).toBe('0');
    await form.locator('input[name=source]').fill('regional health department call');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const save = await form.getByRole('button', { name: 'Save incident' }).boundingBox();
    expect(save !== null && save.x >= 0 && save.x + save.width <= 360).toBe(true);
    await page.screenshot({ path: screenshotPath('incident-form-360.png'), fullPage: true });
    await form.getByRole('button', { name: 'Save incident' }).click();
    // Queued first (the form says so), then sent: the count was 0 before the click too, so wait for the server's copy.
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Saved in the outbox');
    const when = await page.evaluate((v) => new Date(v).toISOString(), occurredAt);
    const mineOnServer = async () => {
      const listed = (await (await fetch(`${suite.url}/api/v1/incidents?area=UA-46&limit=500`, { headers: api })).json()) as { items: Record<string, unknown>[] };
      return listed.items.filter((i) => i.occurredAt === when && i.source === 'regional health department call');
    };
    await expect.poll(async () => (await mineOnServer()).length, { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('outbox-count').textContent()).toBe('0');
    const mine = await mineOnServer();
    expect(mine[0]).toMatchObject({ oblastIso: 'UA-46', facilityId: null, attackTypes: ['heavy_weapons', 'arson'], resourcesAffected: ['transport'], healthWorkersInjured: 3, patientsKilled: 1, healthWorkersKilled: 0, certainty: 'probable' });
    await page.goto(`${suite.url}/monitoring/incidents?area=UA-46`);
    await expect.poll(() => page.getByTestId('incident-list').locator('tbody tr', { hasText: 'regional health department call' }).count()).toBe(1);
    await page.close();
  }, 120_000);

  it('shows the dashboard and the data-quality list with the server’s figures', async () => {
    const api = await apiToken(suite.url, 'coordinator@demo.carebridge');
    const expected = (await (await fetch(`${suite.url}/api/v1/indicators`, { headers: api })).json()) as { facilities: number; reporting: number; onGenerator: number; incidentsByMonth: unknown[] };
    expect(expected.reporting).toBeGreaterThan(0);
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 1000 });
    await page.getByTestId('language-select').selectOption('en');
    await page.locator('.side-nav > ul a[href="/monitoring"]').click();
    const figure = (name: string) => page.locator(`[data-figure=${name}] dd`).textContent();
    const number = new Intl.NumberFormat('en-GB');
    await expect.poll(() => figure('facilities')).toBe(number.format(expected.facilities));
    expect(await figure('reporting')).toBe(number.format(expected.reporting));
    expect(await figure('onGenerator')).toBe(number.format(expected.onGenerator));
    expect(await page.getByTestId('chart-services').locator('.bars-rows li').count()).toBeGreaterThan(3);
    expect(await page.getByTestId('chart-incidents').locator('.bars-rows li').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('oblast-table').locator('tbody td:has-text("…")').count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId('oblast-table').locator('tbody tr').count()).toBe(27);
    // The map colours each oblast by its share of reporting facilities fully functioning (the demo has no
    // boundaries loaded: a disc at each centre); Lviv's colour follows from the API's figures.
    const lvivNow = (await (await fetch(`${suite.url}/api/v1/indicators?area=UA-46`, { headers: api })).json()) as { reporting: number; byFunctionality: Record<string, number> };
    const share = (lvivNow.byFunctionality.fully ?? 0) / lvivNow.reporting;
    const colour = LEVEL_COLOURS[share >= 0.75 ? 0 : share >= 0.5 ? 1 : share >= 0.25 ? 2 : 3];
    const paint = () => page.evaluate(() => JSON.stringify(window.__carebridgeStatusMap?.getPaintProperty('oblast-centre', 'circle-color') ?? null));
    await expect.poll(paint, { timeout: 30_000 }).toContain(`"UA-46","${colour}"`);
    await page.screenshot({ path: screenshotPath('monitoring.png'), fullPage: true });

    // An oblast and a past date: the figures follow the URL and agree with the API.
    const asOf = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const lviv = (await (await fetch(`${suite.url}/api/v1/indicators?area=UA-46&asOf=${asOf}`, { headers: api })).json()) as { reporting: number };
    await page.locator('select[name=area]').selectOption('UA-46');
    await page.locator('input[name=asOf]').fill(asOf);
    await expect.poll(() => new URL(page.url()).searchParams.get('asOf')).toBe(asOf);
    await expect.poll(() => figure('reporting')).toBe(number.format(lviv.reporting));

    const quality = (await (await fetch(`${suite.url}/api/v1/data-quality`, { headers: api })).json()) as { counts: Record<string, number>; items: unknown[] };
    expect(quality.items.length).toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Data quality' }).click();
    await expect.poll(() => page.getByTestId('quality-list').locator('tbody tr').count()).toBe(quality.items.length);
    for (const [check, n] of Object.entries(quality.counts)) expect(await page.locator(`[data-check=${check}]`).textContent()).toContain(number.format(n));
    await page.close();
  }, 120_000);

  it('lets a coordinator validate one report and return another with a comment, and the reporter correct it from My facility', async () => {
    const reporterApi = await apiToken(suite.url, 'reporter@demo.carebridge');
    const api = await apiToken(suite.url, 'admin@demo.carebridge');
    const facility = ((await (await fetch(`${suite.url}/api/v1/facilities?scope=work&limit=1`, { headers: reporterApi })).json()) as { items: { id: string; oblastIso: string }[] }).items[0];
    if (facility === undefined) throw new Error('the demo reporter works for no facility');
    // Two fresh reports by the reporter: the newest of the oblast, so they head the coordinator's queue.
    const post = async (minutesAgo: number) => {
      const body = { facilityId: facility.id, observedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), buildingCondition: 'not_damaged', functionality: 'fully', accessibility: 'fully', powerSource: 'grid' };
      const res = await fetch(`${suite.url}/api/v1/status-reports`, { method: 'POST', headers: { ...reporterApi, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    const toValidate = await post(3);
    const toReturn = await post(2);
    const reviewOf = async (id: string) => {
      const res = await fetch(`${suite.url}/api/v1/reviews/status/${id}`, { headers: api });
      return ((await res.json()) as { items: { id: string; review: { state: string; comment: string | null; corrects: string | null } }[] }).items;
    };

    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 1000 });
    await page.getByTestId('language-select').selectOption('en');
    await page.goto(`${suite.url}/monitoring/review?kind=status&oblast=${facility.oblastIso}`);
    const item = (id: string) => page.locator(`[data-testid=review-item][data-id="${id}"]`);
    await item(toValidate).waitFor();
    await item(toValidate).getByRole('button', { name: 'Validate' }).click();
    await item(toValidate).waitFor({ state: 'detached' });
    expect((await reviewOf(toValidate))[0]?.review.state).toBe('validated');

    // Returning needs a comment: the page asks for it and sends nothing without one.
    const returning = item(toReturn);
    await returning.getByRole('button', { name: 'Return with comment' }).click();
    expect(await returning.getByRole('alert').textContent()).toContain('Write what the reporter should correct');
    expect((await reviewOf(toReturn))[0]?.review.state).toBe('new');
    await returning.locator('textarea[name=comment]').fill('The generator was running all week: say so.');
    await page.screenshot({ path: screenshotPath('monitoring-review-queue.png'), fullPage: true });
    await returning.getByRole('button', { name: 'Return with comment' }).click();
    await returning.waitFor({ state: 'detached' });
    expect((await reviewOf(toReturn))[0]?.review).toMatchObject({ state: 'returned', comment: 'The generator was running all week: say so.' });
    // Under "Returned", with the comment and no buttons.
    await page.locator('select[name=state]').selectOption('returned');
    expect(await item(toReturn).getByTestId('review-comment').textContent()).toContain('The generator was running all week');
    expect(await item(toReturn).getByRole('button').count()).toBe(0);

    // The reporter sees it on My facility and sends the correction, which joins the chain.
    const phone = await signedInPage(suite.browser, suite.url, 'reporter@demo.carebridge', { width: 390, height: 844 });
    await phone.getByTestId('language-select').selectOption('en');
    await phone.goto(`${suite.url}/my-facility/${facility.id}`);
    const returned = phone.getByTestId('returned-reports').locator(`[data-id="${toReturn}"]`);
    expect(await returned.textContent()).toContain('The generator was running all week');
    await returned.getByRole('link', { name: 'Correct this report' }).click();
    // The notice is drawn at once; the comment it answers arrives with the returned report's chain.
    await expect.poll(() => phone.getByTestId('correction-notice').textContent()).toContain('The generator was running all week');
    await phone.getByTestId('services').waitFor();
    await fillReport(phone, { observedAt: await localInput(phone, 1), building: 'not_damaged', functionality: 'fully', power: 'generator', outage: '0' });
    await expect.poll(async () => (await reviewOf(toReturn)).map((r) => r.review.state), { timeout: 30_000 }).toEqual(['corrected', 'new']);
    const correction = (await reviewOf(toReturn))[1];
    expect(correction?.review.corrects).toBe(toReturn);
    await phone.close();

    // The coordinator's queue shows the correction with its chain.
    await page.goto(`${suite.url}/monitoring/review?kind=status&oblast=${facility.oblastIso}`);
    const chain = item(correction?.id ?? '').getByTestId('review-chain');
    await expect.poll(() => chain.locator('li').count()).toBe(2);
    expect(await chain.textContent()).toContain('Corrected by a newer report');
    await page.close();
  }, 180_000);
});
