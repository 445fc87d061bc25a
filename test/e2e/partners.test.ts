import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../src/modules/partnerships/meetings.schema.js';
import type { Agreement } from '../../src/modules/partnerships/partnerships.schema.js';
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

/** A small, valid one-page PDF: objects, a cross-reference table with their byte offsets, and a trailer. */
function smallPdf(text: string): Buffer {
  const content = `BT /F1 18 Tf 20 50 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The error shown for a labelled field: the element its aria-describedby names (empty when the field is valid). */
async function fieldError(page: Page, label: string, scope: ReturnType<Page['locator']> | Page = page): Promise<string> {
  const input = scope.getByLabel(label, { exact: true });
  if ((await input.getAttribute('aria-invalid')) !== 'true') return '';
  const id = (await input.getAttribute('aria-describedby')) ?? '';
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

/** Waiting for what a loaded machine (other test files, the 2-core CI) may take seconds to show. */
const POLL = { timeout: 15_000 };

/** A JSON read through the signed-in page, as the app reads it. */
const read = <T>(page: Page, path: string): Promise<T> => page.evaluate(async (p) => (await (await fetch(p)).json()) as unknown, path) as Promise<T>;

describe.skipIf(!available)('the partner page in Chromium', () => {
  const suite = browserSuite();

  it('shows Japan’s agreement, the May 2024 decisions and the progress per area, in Japanese and in Ukrainian', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge', { width: 1280, height: 900 });
    await page.getByTestId('language-select').selectOption('ja');
    await page.locator('.side-nav > ul a[href="/partners"]').click();
    // The list comes through the lazily loaded partners chunk: give a loaded machine time.
    await expect.poll(() => page.getByTestId('agreements').locator('tbody tr').count(), POLL).toBe(3);
    await page.goto(`${suite.url}/partners/${await japanId(page)}`);

    const agreement = page.getByTestId('partner-agreement');
    await agreement.waitFor();
    // The partner's own Japanese name (issue 13), not its English one.
    expect(await page.locator('h1').textContent()).toBe('日本国政府');
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
    // The refusal is shown at the file field, with what to do and the server's own words.
    await expect.poll(() => fieldError(page, 'Attach a document (PDF or image)'), POLL).toContain('Attach a PDF or an image (PNG, JPEG or WebP)');
    expect(await fieldError(page, 'Attach a document (PDF or image)')).toContain('is not one of the allowed types');
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
      // The app's one money format: the code, and no minor units from a million up.
      const f = { format: (v: string) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'USD', currencyDisplay: 'code', ...(/^-?\d{7,}/.test(v) ? { maximumFractionDigits: 0 } : {}) }).format(v as Intl.StringNumericLiteral) };
      return `Money in USD for Mental health: pledged ${f.format(r.money.pledged ?? '')}, committed ${f.format(r.money.committed ?? '')}, disbursed ${f.format(r.money.disbursed ?? '')}`;
    });
    expect(expected).not.toMatch(/USD.0(\.00)?, disbursed USD.0/);
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

  it('lets a coordinator record an agreement, attach a PDF, record a meeting and close its action item; an analyst sees none of the forms', async () => {
    const page = await signedInPage(suite.browser, suite.url, 'coordinator@demo.carebridge');
    await page.getByTestId('language-select').selectOption('en');
    const orgs = (await read<{ items: { id: string; nameEn: string }[] }>(page, '/api/v1/organizations?limit=500')).items;
    const orgId = (name: string) => orgs.find((o) => o.nameEn === name)?.id ?? '';
    const [who, msf] = [orgId('World Health Organization'), orgId('Médecins Sans Frontières')];
    expect(who).not.toBe('');
    expect(msf).not.toBe('');
    const agreementCount = async () => (await read<{ items: unknown[] }>(page, '/api/v1/agreements?limit=500')).items.length;
    const before = await agreementCount();

    await page.goto(`${suite.url}/partners`);
    await page.getByRole('link', { name: 'New agreement' }).click();
    const form = page.getByTestId('agreement-form');
    await form.waitFor();
    await form.getByLabel('Type', { exact: true }).selectOption('programme');
    await form.getByLabel('Status', { exact: true }).selectOption('signed');
    await form.getByLabel('Title in English (required)', { exact: true }).fill('Programme on medical equipment and staff');
    await form.getByLabel('Title in Ukrainian', { exact: true }).fill('Програма щодо медичного обладнання та кадрів');
    await form.getByLabel('Title in Japanese', { exact: true }).fill('医療機材と人材に関するプログラム');
    await form.getByLabel('Signed on', { exact: true }).fill('2026-01-15');
    await form.getByLabel('Starts on', { exact: true }).fill('2026-02-01');
    await form.getByLabel('Ends on', { exact: true }).fill('2025-12-31');
    await expect.poll(() => form.getByLabel('Partner 1', { exact: true }).locator(`option[value="${who}"]`).count(), POLL).toBe(1);
    await form.getByLabel('Partner 1', { exact: true }).selectOption(who);
    await form.getByRole('button', { name: 'Add a partner' }).click();
    await form.getByLabel('Partner 2', { exact: true }).selectOption(msf);
    await form.getByRole('button', { name: 'Add a signatory' }).click();
    const signatory = form.getByRole('group', { name: 'Signatory 1' });
    await signatory.getByLabel('Name', { exact: true }).fill('Dr. A. Representative');
    await signatory.getByLabel('Position', { exact: true }).fill('WHO Representative in Ukraine');
    await signatory.getByLabel('Organisation', { exact: true }).selectOption(who);
    await form.getByLabel('Medical equipment', { exact: true }).check();
    await form.getByLabel('Health workforce', { exact: true }).check();
    await form.getByRole('button', { name: 'Add a target to “Medical equipment”' }).click();
    const target = form.getByRole('group', { name: 'Target 1: Medical equipment' });
    await target.getByLabel('Quantity', { exact: true }).fill('40');
    await target.getByLabel('Unit', { exact: true }).fill('facilities');
    await form.getByRole('button', { name: 'Add a pledged amount' }).click();
    const pledge = form.getByRole('group', { name: 'Pledged amount 1' });
    await pledge.getByLabel('Amount', { exact: true }).fill('2500000');
    await pledge.getByLabel('Currency', { exact: true }).fill('EUR');

    // An end before the start is refused on the field before anything is sent, as the server would refuse it.
    await form.getByRole('button', { name: 'Record the agreement' }).click();
    expect(await fieldError(page, 'Ends on', form)).toContain('The agreement ends before it starts');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('endDate');
    expect(await agreementCount()).toBe(before);
    await page.screenshot({ path: screenshotPath('agreement-form.png'), fullPage: true });
    await form.getByLabel('Ends on', { exact: true }).fill('2028-01-31');
    expect(await fieldError(page, 'Ends on', form)).toBe('');
    await form.getByRole('button', { name: 'Record the agreement' }).click();
    await page.waitForURL(/\/partners\/agreements\/[0-9a-f-]{36}$/);
    const agreementId = page.url().split('/').pop() ?? '';
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Programme on medical equipment and staff');
    expect(await page.getByTestId('agreement-areas').textContent()).toContain('Targets: 40 facilities');

    // A document of another type, then one over CAREBRIDGE_DOCUMENT_LIMIT (10 MiB), each refused at the file field; then the PDF.
    await page.getByText('Add to this agreement').click();
    const file = page.locator('input[name=document]');
    const attach = page.getByRole('button', { name: 'Attach', exact: true });
    await file.setInputFiles({ name: 'scan.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a-not-allowed') });
    await attach.click();
    await expect.poll(() => fieldError(page, 'Attach a document (PDF or image)'), POLL).toContain('judges the type by the file’s content');
    await file.setInputFiles({ name: 'huge.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(10 * 1_048_576, 0x20)]) });
    await attach.click();
    await expect.poll(() => fieldError(page, 'Attach a document (PDF or image)'), POLL).toContain('larger than this server accepts (CAREBRIDGE_DOCUMENT_LIMIT)');
    const pdf = smallPdf('Carebridge programme, signed copy');
    await file.setInputFiles({ name: 'programme-signed.pdf', mimeType: 'application/pdf', buffer: pdf });
    await attach.click();
    const row = page.getByTestId('documents').getByTestId('document').filter({ hasText: 'programme-signed.pdf' });
    await row.waitFor();
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    expect(await row.getByTestId('document-sha256').textContent()).toBe(sha256);
    expect(await row.getByRole('link', { name: 'programme-signed.pdf' }).getAttribute('href')).toMatch(new RegExp(`^/api/v1/agreements/${agreementId}/documents/`));
    expect(await page.getByTestId('documents').getByTestId('document').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('agreement-recorded.png'), fullPage: true });

    // A meeting under this agreement; an action item without an owner is refused at its field by the server.
    await page.getByRole('link', { name: 'Record a meeting on this agreement' }).click();
    const meetingForm = page.getByTestId('meeting-form');
    await meetingForm.waitFor();
    // Preselected from the link once the agreement list has arrived.
    await expect.poll(() => meetingForm.getByLabel('Agreement (optional)', { exact: true }).inputValue(), POLL).toBe(agreementId);
    await meetingForm.getByLabel('Date', { exact: true }).fill('2026-03-10');
    await meetingForm.getByLabel('Title in English (required)', { exact: true }).fill('Equipment working group');
    await meetingForm.getByLabel('Place', { exact: true }).fill('Kyiv');
    const participant = meetingForm.getByRole('group', { name: 'Participant 1' });
    await participant.getByLabel('Organisation', { exact: true }).selectOption(who);
    await participant.getByLabel('Role', { exact: true }).fill('Health systems officer');
    await meetingForm.getByRole('group', { name: 'Areas discussed' }).getByLabel('Medical equipment', { exact: true }).check();
    await meetingForm.getByRole('button', { name: 'Add a decision' }).click();
    await meetingForm.getByRole('group', { name: 'Decision 1' }).getByLabel('Decision in English (required)', { exact: true }).fill('Equip ten district hospitals first');
    await meetingForm.getByRole('button', { name: 'Add an action item' }).click();
    const action = meetingForm.getByRole('group', { name: 'Action item 1' });
    await action.getByLabel('Action in English (required)', { exact: true }).fill('Send the list of ten district hospitals');
    await action.getByLabel('Due date (required)', { exact: true }).fill('2026-04-30');
    await meetingForm.getByRole('button', { name: 'Record the meeting' }).click();
    await expect.poll(() => fieldError(page, 'Owner (required)', action), POLL).toContain('Say who will do it.');
    await page.screenshot({ path: screenshotPath('meeting-form.png'), fullPage: true });
    await action.getByLabel('Owner (required)', { exact: true }).fill('Ministry, equipment unit');
    await meetingForm.getByRole('button', { name: 'Record the meeting' }).click();
    await page.waitForURL(/\/partners\/meetings\/[0-9a-f-]{36}$/);
    const meetingId = page.url().split('/').pop() ?? '';
    await expect.poll(() => page.locator('h1').textContent(), POLL).toBe('Equipment working group');

    const items = page.getByTestId('action-items');
    await items.getByLabel('Change the status of “Send the list of ten district hospitals”', { exact: true }).selectOption('done');
    await items.getByRole('button', { name: 'Save' }).click();
    await items.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.screenshot({ path: screenshotPath('meeting-recorded.png'), fullPage: true });

    // The server's copy is what was typed.
    const saved = await read<Agreement>(page, `/api/v1/agreements/${agreementId}`);
    expect(saved).toMatchObject({
      kind: 'programme',
      status: 'signed',
      title: { en: 'Programme on medical equipment and staff', uk: 'Програма щодо медичного обладнання та кадрів', ja: '医療機材と人材に関するプログラム' },
      signedOn: '2026-01-15',
      startDate: '2026-02-01',
      endDate: '2028-01-31',
      signatories: [{ name: 'Dr. A. Representative', position: 'WHO Representative in Ukraine', organizationId: who }],
      areas: [
        { area: 'medical_equipment', targets: [{ quantity: '40', unit: 'facilities' }] },
        { area: 'workforce', targets: [] },
      ],
      pledges: [{ amount: '2500000', currency: 'EUR' }],
    });
    // The API lists partners in its own order, not the order they were picked.
    expect(saved.partners.map((p) => p.id).sort()).toEqual([who, msf].sort());
    expect(saved.documents.map((d) => [d.filename, d.mediaType, d.sizeBytes, d.sha256])).toEqual([['programme-signed.pdf', 'application/pdf', pdf.length, sha256]]);
    const meeting = await read<Meeting>(page, `/api/v1/meetings/${meetingId}`);
    expect(meeting).toMatchObject({ agreementId, heldOn: '2026-03-10', title: { en: 'Equipment working group' }, place: 'Kyiv', areas: ['medical_equipment'], decisions: [{ text: { en: 'Equip ten district hospitals first' } }] });
    expect(meeting.participants.map((p) => [p.organizationId, p.role])).toEqual([[who, 'Health systems officer']]);
    expect(meeting.actionItems.map((a) => [a.text.en, a.owner, a.dueOn, a.status])).toEqual([['Send the list of ten district hospitals', 'Ministry, equipment unit', '2026-04-30', 'done']]);
    await page.close();

    // An analyst reads all of it, and is offered none of the forms.
    const analyst = await signedInPage(suite.browser, suite.url, 'analyst@demo.carebridge');
    await analyst.getByTestId('language-select').selectOption('en');
    await analyst.goto(`${suite.url}/partners`);
    await analyst.getByTestId('agreements').waitFor();
    expect(await analyst.getByRole('link', { name: 'New agreement' }).count()).toBe(0);
    expect(await analyst.getByRole('link', { name: 'Record a meeting' }).count()).toBe(0);
    await analyst.goto(`${suite.url}/partners/agreements/${agreementId}`);
    await analyst.getByTestId('documents').waitFor();
    expect(await analyst.getByText('Add to this agreement').count()).toBe(0);
    expect(await analyst.getByRole('link', { name: 'Record a meeting on this agreement' }).count()).toBe(0);
    await analyst.goto(`${suite.url}/partners/meetings/${meetingId}`);
    await analyst.getByTestId('action-items').waitFor();
    expect(await analyst.getByTestId('action-items').locator('select').count()).toBe(0);
    expect(await analyst.getByTestId('action-items').textContent()).toContain('Done');
    await analyst.goto(`${suite.url}/partners/agreements/new`);
    await analyst.getByText('Only coordinators and administrators record agreements and meetings.').waitFor();
    expect(await analyst.getByTestId('agreement-form').count()).toBe(0);
    await analyst.close();
  }, 180_000);
});
