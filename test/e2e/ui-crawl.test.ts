import fs from 'node:fs';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as access from '../../src/modules/access/access.schema.js';
import * as assets from '../../src/modules/assets/assets.schema.js';
import * as energy from '../../src/modules/energy/energy.schema.js';
import * as facilities from '../../src/modules/facilities/facilities.schema.js';
import * as transactions from '../../src/modules/funding/transactions.schema.js';
import * as areaStatus from '../../src/modules/geography/area-status.schema.js';
import * as incidents from '../../src/modules/monitoring/incidents.schema.js';
import * as quality from '../../src/modules/monitoring/quality.schema.js';
import * as status from '../../src/modules/monitoring/status.schema.js';
import * as needs from '../../src/modules/needs/needs.schema.js';
import * as organizations from '../../src/modules/organizations/organizations.schema.js';
import * as meetings from '../../src/modules/partnerships/meetings.schema.js';
import * as partnerships from '../../src/modules/partnerships/partnerships.schema.js';
import * as shipments from '../../src/modules/supply/shipments.schema.js';
import * as stock from '../../src/modules/supply/stock.schema.js';
import { auditEn } from '../../web/src/admin/audit.messages.js';
import { en } from '../../web/src/i18n/en.js';
import { ja } from '../../web/src/i18n/ja.js';
import { uk } from '../../web/src/i18n/uk.js';
import { browserSuite, e2eAvailable, signedInPage } from './browser.js';

const available = e2eAvailable();

/** One account per role of the demo. */
const ACCOUNTS = ['admin@demo.carebridge', 'coordinator@demo.carebridge', 'analyst@demo.carebridge', 'donor@demo.carebridge', 'reporter@demo.carebridge', 'warehouse@demo.carebridge'];
const LANGUAGES = ['uk', 'en', 'ja'] as const;
const PHONE = { width: 360, height: 740 };
/** Forms reached from a page rather than from the menu, which a phone user fills in the field. */
const FORMS = ['/monitoring/report', '/monitoring/incidents/new', '/needs/new', '/facilities/import', '/admin/organizations/new'];

type Tree = { readonly [key: string]: string | Tree };
function flatten(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : [[`${prefix}${k}`, ''] as [string, string], ...flatten(v, `${prefix}${k}.`)]));
}

/** Every key of the catalogue, leaves and branches: either shown raw means a missing or wrong t() call. */
const KEYS = new Set(flatten(en).map(([k]) => k));
const KEY_LIKE = /\b[a-z]+(\.[a-zA-Z_]+){1,}\b/g;

/** Every snake_case value of an enum the API returns (a single word could be English; these cannot). */
const ENUMS = new Set(
  [access, assets, energy, facilities, transactions, areaStatus, incidents, quality, status, needs, organizations, meetings, partnerships, shipments, stock]
    .flatMap((m) => Object.values(m as Record<string, unknown>))
    .filter((v): v is readonly unknown[] => Array.isArray(v))
    .flat()
    .concat(Object.keys(auditEn.did), Object.keys(auditEn.entities))
    .filter((v): v is string => typeof v === 'string' && /^[a-z]+(_[a-z0-9]+)+$/.test(v)),
);
const SNAKE = /\b[a-z]+(_[a-z0-9]+)+\b/g;

/**
 * English catalogue texts that a Ukrainian or Japanese page must not show: those the language translates (a text
 * the same in both, such as "Carebridge" or "GS1", is not a miss). Texts with placeholders are left out.
 */
function untranslated(other: Tree): Set<string> {
  const theirs = new Map(flatten(other));
  // A lone lowercase word ("warehouse") is as likely a record's own name (the demo's users are named by role) as an
  // interface text; interface texts are capitalised or longer than a word.
  return new Set(flatten(en).filter(([k, v]) => v.length >= 4 && !v.includes('{{') && theirs.get(k) !== v && !/^[a-z]+$/.test(v)).map(([, v]) => v));
}
const UNTRANSLATED = { uk: untranslated(uk), ja: untranslated(ja), en: new Set<string>() };

const AXE = fs.readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

interface PageReport {
  texts: string[];
  scrollWidth: number;
  innerWidth: number;
  lang: string;
  links: string[];
  /** Navigation labels whose text does not fit their box (cut, "Fu…"). */
  cut: string[];
}

/** What a person can see on the page: visible text nodes, and the labels of controls (aria-label, placeholder, title). */
async function report(page: Page): Promise<PageReport> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const el = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      // <code> is literal on purpose (a file's column names, a GS1 string): not interface text.
      if (text === '' || el === null || el.closest('script, style, noscript, code, [aria-hidden="true"], .maplibregl-ctrl-attrib') !== null) continue;
      if (el.tagName !== 'OPTION' && !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      texts.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      for (const a of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(a)?.trim();
        if (v !== undefined && v !== '') texts.push(v);
      }
    }
    // Navigation the role has: the main menu and each section's tabs (pages reachable from the navigation).
    const links = [...document.querySelectorAll<HTMLAnchorElement>('nav a[href^="/"]')].map((a) => a.getAttribute('href') ?? '').filter((h) => !h.includes('?'));
    const cut = [...document.querySelectorAll<HTMLElement>('.side-nav a, .more-menu summary')].filter((a) => a.checkVisibility() && a.scrollWidth > a.clientWidth + 1).map((a) => a.textContent ?? '');
    return { texts, scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, lang: document.documentElement.lang, links, cut };
  });
}

/**
 * Requests the page has in flight, followed from Node: Playwright's 'networkidle' only follows a document's load,
 * and the crawl moves between pages inside one document.
 */
function followRequests(page: Page): { quietFor(ms: number, atMostMs: number): Promise<void> } {
  const inFlight = new Set<Request>();
  let lastChange = Date.now();
  const started = (r: Request): void => { inFlight.add(r); lastChange = Date.now(); };
  const ended = (r: Request): void => { inFlight.delete(r); lastChange = Date.now(); };
  page.on('request', started);
  page.on('requestfinished', ended);
  page.on('requestfailed', ended);
  return {
    async quietFor(ms, atMostMs) {
      const since = Date.now();
      while (Date.now() - since < atMostMs && (inFlight.size > 0 || Date.now() - Math.max(since, lastChange) < ms)) await new Promise((resolve) => setTimeout(resolve, 50));
    },
  };
}

/**
 * Opens a page of the app as its own links do (a history entry and the popstate the router listens to) rather
 * than loading a new document per page: the app, axe and the signed-in shell are parsed and started once.
 */
async function openInApp(page: Page, href: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, href);
}

/**
 * The page once its data is in: the network quiet for half a second, as 'networkidle' after a load (bounded: a map's
 * tiles or a poll keep it busy for good, and each such page would cost the whole wait), and no "Loading…" left.
 */
async function settle(page: Page, requests: ReturnType<typeof followRequests>, loading: string): Promise<void> {
  await requests.quietFor(500, 2000);
  await expect.poll(() => page.getByText(loading, { exact: true }).count(), { timeout: 10_000 }).toBe(0);
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugging protocol, which the page's Content-Security-Policy does not govern; once per document.
  if (await page.evaluate(() => !('axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
  return found;
}

describe.skipIf(!available)('every page of every role, in each language, on a phone', () => {
  const suite = browserSuite();

  for (const [index, account] of ACCOUNTS.entries()) {
    // Each role in one language, in turn, so every language is crawled by two roles: the whole cross product took
    // nine minutes of a CI run. Pages shared by roles (most of them) are still seen in every language.
    const lang = LANGUAGES[index % LANGUAGES.length] ?? 'en';
    it(`${account} in ${lang}: no serious accessibility issue, no raw key or enum, untranslated text or sideways scroll at 360 px`, async () => {
      const problems: string[] = [];
      const page = await signedInPage(suite.browser, suite.url, account, PHONE);
      try {
        await page.evaluate((l) => localStorage.setItem('carebridge.language', l), lang);
        const requests = followRequests(page);
        await page.goto(`${suite.url}/`);
        const loading = lang === 'uk' ? uk.app.loading : lang === 'ja' ? ja.app.loading : en.app.loading;
        await settle(page, requests, loading);
        const start = await report(page);
        expect(start.lang).toBe(lang);
        const queue = [...new Set([...start.links, ...FORMS])];
        const seen = new Set<string>();
        while (queue.length > 0) {
          const href = queue.shift() ?? '/';
          if (seen.has(href)) continue;
          seen.add(href);
          await openInApp(page, href);
          await settle(page, requests, loading);
          const r = await report(page);
          const where = `${account} ${lang} ${href}`;
          // Pages reachable from the navigation: the main menu's and each section's tabs, one level down.
          if (href.split('/').length <= 2) for (const l of r.links) if (!seen.has(l) && l.split('/').length <= 3) queue.push(l);
          if (r.scrollWidth > r.innerWidth) problems.push(`${where}: ${r.scrollWidth} px wide at ${r.innerWidth} px`);
          for (const label of r.cut) problems.push(`${where}: navigation label cut: "${label}"`);
          for (const text of r.texts) {
            for (const m of text.matchAll(KEY_LIKE)) if (KEYS.has(m[0])) problems.push(`${where}: i18n key shown: "${m[0]}"`);
            for (const m of text.matchAll(SNAKE)) if (ENUMS.has(m[0])) problems.push(`${where}: raw value shown: "${m[0]}" in "${text.slice(0, 80)}"`);
            if (UNTRANSLATED[lang].has(text)) problems.push(`${where}: English left in ${lang}: "${text.slice(0, 80)}"`);
          }
          for (const v of await axeViolations(page)) problems.push(`${where}: axe ${v}`);
        }
        expect(seen.size, `${account} ${lang}: pages crawled`).toBeGreaterThan(2);
      } finally {
        await page.close();
      }
      expect([...new Set(problems)]).toEqual([]);
    }, 900_000);
  }
});
