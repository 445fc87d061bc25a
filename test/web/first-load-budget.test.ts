import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../e2e/browser.js';

/** Compressed JavaScript the first load of `/` may transfer (issue 13): the shell and the overview page, not its map. */
const BUDGET_BYTES = 300 * 1024;

/** What marks a chunk as MapLibre's or ECharts' (their code, not a mention). */
const HEAVY: Record<string, RegExp> = { MapLibre: /maplibregl-ctrl/, ECharts: /echarts|zrender/ };

/** The bytes a browser that accepts Brotli receives for a built file (the precompressed copy the server sends). */
function transferred(dir: string, url: string): number {
  const file = path.join(dir, url);
  for (const copy of [`${file}.br`, `${file}.gz`, file]) if (fs.existsSync(copy)) return fs.statSync(copy).size;
  throw new Error(`${url} is named by the build but missing from it`);
}

/** A chunk's static imports (loaded with it), as Vite writes them minified: from"./x.js" and import"./x.js". */
const staticImports = (code: string): string[] => [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => `/assets/${m[1]}`);

/** A file and every chunk it imports statically, transitively. */
function closure(dir: string, roots: readonly string[]): Set<string> {
  const found = new Set<string>();
  const queue = [...roots];
  for (let url = queue.pop(); url !== undefined; url = queue.pop()) {
    if (found.has(url)) continue;
    found.add(url);
    if (url.endsWith('.js')) queue.push(...staticImports(fs.readFileSync(path.join(dir, url), 'utf8')));
  }
  return found;
}

describe('first load of the web app', () => {
  let dir = '';
  let entry: string[] = [];
  let overviewChunk = '';

  beforeAll(async () => {
    dir = await ensureWebBuilt();
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    // The entry script and anything index.html preloads.
    entry = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    const entryCode = entry.map((url) => fs.readFileSync(path.join(dir, url), 'utf8')).join('\n');
    overviewChunk = `/assets/${/["'](?:\.\/|\/?assets\/)(overview-page-[\w-]+\.js)["']/.exec(entryCode)?.[1] ?? 'missing'}`;
  }, 180_000);

  it('finds the entry script and the overview page as a chunk of its own', () => {
    expect(entry.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, overviewChunk))).toBe(true);
  });

  it(`loads at most ${BUDGET_BYTES / 1024} KB of compressed JavaScript for "/", without MapLibre or ECharts`, () => {
    const firstLoad = closure(dir, [...entry, overviewChunk]);
    const bytes = [...firstLoad].filter((u) => u.endsWith('.js')).reduce((sum, url) => sum + transferred(dir, url), 0);
    expect(bytes).toBeGreaterThan(10 * 1024);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
    for (const url of firstLoad) {
      const code = fs.readFileSync(path.join(dir, url), 'utf8');
      for (const [library, mark] of Object.entries(HEAVY)) expect(mark.test(code), `${url} carries ${library}`).toBe(false);
    }
  });

  it('still builds MapLibre and ECharts, as chunks loaded only where drawn', () => {
    const chunks = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
    for (const [library, mark] of Object.entries(HEAVY)) {
      const holders = chunks.filter((f) => mark.test(fs.readFileSync(path.join(dir, 'assets', f), 'utf8')));
      expect(holders, library).toHaveLength(1);
    }
  });
});
