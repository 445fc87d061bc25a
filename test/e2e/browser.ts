import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/demo.js';
import { startAppServer } from '../support/app-server.js';
import { onceForRun } from '../support/run-once.js';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Browser tests run when Debian's Chromium is there; with CAREBRIDGE_REQUIRE_E2E=1
 * (CI) a missing browser fails the suite instead of skipping it.
 */
export function e2eAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CAREBRIDGE_REQUIRE_E2E === '1') throw new Error(`${CHROMIUM} is missing and CAREBRIDGE_REQUIRE_E2E=1: install Debian's chromium`);
  return false;
}

/**
 * Headless Chromium with the flags that keep it off a network it cannot reach.
 * Playwright gives every launch a fresh temporary profile and removes it on close.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/**
 * The built web app for the current sources: built once per source snapshot into
 * its own folder (keyed by the newest source's time), so a run never serves a
 * build that another run is replacing.
 */
export async function ensureWebBuilt(): Promise<string> {
  const newestSource = (dir: string): number =>
    !fs.existsSync(dir) ? 0 : fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = path.join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
    }, 0);
  const stamp = Math.floor(Math.max(newestSource(path.resolve('web/src')), newestSource(path.resolve('web/public')), fs.statSync(path.resolve('web/index.html')).mtimeMs));
  const builds = path.resolve('node_modules/.cache/carebridge-web');
  const outDir = path.join(builds, String(stamp));
  if (fs.existsSync(path.join(outDir, 'index.html'))) return outDir;
  // Browser files start together in both workers: one builds, the other waits for it.
  return onceForRun(`web-build-${stamp}`, async () => {
    if (!fs.existsSync(path.join(outDir, 'index.html'))) await buildWeb(outDir);
    return outDir;
  });
}

async function buildWeb(outDir: string): Promise<void> {
  const partial = `${outDir}.${process.pid}`;
  // Asynchronous: a synchronous build would block this test worker's event loop, and vitest's own messages with it.
  // NODE_ENV=production as `npm run build` has it: vitest sets `test`, which made vite bundle React's development build.
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [path.resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn', '--outDir', partial], { env: { ...process.env, NODE_ENV: 'production' } }, (error) => (error === null ? resolve() : reject(new Error(`the web build failed: ${error.message}`))));
  });
  try {
    fs.renameSync(partial, outDir);
  } catch {
    fs.rmSync(partial, { recursive: true, force: true }); // another run finished the same snapshot first
  }
}

export const SCREENSHOTS = path.resolve('test-results');
export const screenshotPath = (name: string): string => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
};

/** A new page signed in as a demo account through the sign-in form, as a person would. */
export async function signedInPage(browser: Browser, baseUrl: string, email: string, viewport = { width: 1280, height: 860 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('user-menu').waitFor();
  return page;
}

/** A bearer token for the test's own API calls, made the way a script would: sign in, then create a token. */
export async function apiToken(url: string, email: string): Promise<{ authorization: string }> {
  const session = await fetch(`${url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const created = await fetch(`${url}/api/v1/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken }, body: JSON.stringify({ name: 'e2e' }) });
  if (created.status !== 201) throw new Error(`could not create an API token for ${email}: ${created.status}`);
  return { authorization: `Bearer ${((await created.json()) as { token: string }).token}` };
}

/** Chromium's own console report of a blocked load, or ours from the securitypolicyviolation event. */
const CSP_MESSAGE = /Content Security Policy|^CSP violation/;

/**
 * The browser as tests use it, except that every page it opens reports each
 * Content-Security-Policy violation (scripts, styles, workers, images, frames)
 * into `violations`: the server's policy must never get in the app's way.
 */
function reportingCspViolations(browser: Browser, violations: string[]): Browser {
  const newPage: Browser['newPage'] = async (options) => {
    const page = await browser.newPage(options);
    page.on('console', (message) => {
      if (CSP_MESSAGE.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber}`));
    });
    return page;
  };
  return new Proxy(browser, { get: (target, name, receiver) => (name === 'newPage' ? newPage : Reflect.get(target, name, receiver) as unknown) });
}

/**
 * Inside a describe: builds the web app if needed, starts a real server over
 * demo data and a browser before the suite, and closes both after it. A test
 * during which any page reported a Content-Security-Policy violation fails.
 */
export function browserSuite(): { readonly url: string; readonly browser: Browser; takeCspViolations(): string[] } {
  let server: Awaited<ReturnType<typeof startAppServer>> | undefined;
  let browser: Browser | undefined;
  const violations: string[] = [];
  beforeAll(async () => {
    server = await startAppServer({ webDir: await ensureWebBuilt() });
    browser = reportingCspViolations(await launchBrowser(), violations);
  }, 180_000);
  afterEach(() => {
    const found = violations.splice(0);
    if (found.length > 0) throw new Error(`The page broke the Content-Security-Policy:\n${found.join('\n')}`);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get url() {
      if (server === undefined) throw new Error('the suite has not started');
      return server.url;
    },
    get browser() {
      if (browser === undefined) throw new Error('the suite has not started');
      return browser;
    },
    /** The violations reported so far, which the test then owns (a test that provokes one on purpose). */
    takeCspViolations: () => violations.splice(0),
  };
}
