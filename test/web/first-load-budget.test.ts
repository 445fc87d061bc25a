import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { ja } from '../../web/src/i18n/ja.js';
import { uk } from '../../web/src/i18n/uk.js';
import { ensureWebBuilt } from '../e2e/browser.js';

/**
 * Compressed JavaScript the first load of `/` may transfer (issue 13): the shell, the overview page (not its map) and
 * the reader's language. Measured in this build (ensureWebBuilt, a production build as `npm run build` makes) at
 * 126–131 KB (December 2026; 213 KB in a development build when the entry carried all three catalogues). The margin
 * leaves room for growth, not for a second language or a heavy library.
 */
const BUDGET_BYTES = 160 * 1024;

/** A text only each language's catalogue holds, to find the chunk that carries it. */
const CATALOGUE_MARKS = { uk: uk.app.tagline, en: en.app.tagline, ja: ja.app.tagline } as const;

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
  /** Each language's catalogue chunk: the one file holding its mark. */
  const catalogues = new Map<string, string>();

  beforeAll(async () => {
    dir = await ensureWebBuilt();
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    // The entry script and anything index.html preloads.
    entry = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    const entryCode = entry.map((url) => fs.readFileSync(path.join(dir, url), 'utf8')).join('\n');
    overviewChunk = `/assets/${/["'](?:\.\/|\/?assets\/)(overview-page-[\w-]+\.js)["']/.exec(entryCode)?.[1] ?? 'missing'}`;
    const chunks = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
    for (const [language, mark] of Object.entries(CATALOGUE_MARKS)) {
      const holders = chunks.filter((f) => fs.readFileSync(path.join(dir, 'assets', f), 'utf8').includes(mark));
      expect(holders, `chunks holding the ${language} catalogue`).toHaveLength(1);
      catalogues.set(language, `/assets/${holders[0] ?? 'missing'}`);
    }
  }, 180_000);

  /** The chunks of the catalogues among a set of files. */
  const cataloguesIn = (files: Set<string>): string[] => [...catalogues].filter(([, url]) => files.has(url)).map(([language]) => language);

  it('finds the entry script and the overview page as a chunk of its own', () => {
    expect(entry.length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(dir, overviewChunk))).toBe(true);
  });

  it('loads no language with the entry: each catalogue is a chunk of its own, fetched by the entry before the first render', () => {
    expect(cataloguesIn(closure(dir, [...entry, overviewChunk]))).toEqual([]);
    const entryCode = entry.map((url) => fs.readFileSync(path.join(dir, url), 'utf8')).join('\n');
    for (const url of catalogues.values()) expect(entryCode, url).toContain(`import("./${path.basename(url)}")`);
  });

  for (const language of Object.keys(CATALOGUE_MARKS)) {
    it(`loads at most ${BUDGET_BYTES / 1024} KB of compressed JavaScript for "/" in ${language}, one catalogue, without MapLibre or ECharts`, () => {
      const firstLoad = closure(dir, [...entry, overviewChunk, catalogues.get(language) ?? 'missing']);
      expect(cataloguesIn(firstLoad)).toEqual([language]);
      const bytes = [...firstLoad].filter((u) => u.endsWith('.js')).reduce((sum, url) => sum + transferred(dir, url), 0);
      expect(bytes).toBeGreaterThan(10 * 1024);
      expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
      for (const url of firstLoad) {
        const code = fs.readFileSync(path.join(dir, url), 'utf8');
        for (const [library, mark] of Object.entries(HEAVY)) expect(mark.test(code), `${url} carries ${library}`).toBe(false);
      }
    });
  }

  it('still builds MapLibre and ECharts, as chunks loaded only where drawn', () => {
    const chunks = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js'));
    for (const [library, mark] of Object.entries(HEAVY)) {
      const holders = chunks.filter((f) => mark.test(fs.readFileSync(path.join(dir, 'assets', f), 'utf8')));
      expect(holders, library).toHaveLength(1);
    }
  });
});
