import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../i18n/en.js';
import { LOCALE, type Language } from '../../i18n/i18n.js';
import { ja } from '../../i18n/ja.js';
import { uk } from '../../i18n/uk.js';
import { phaseKey, rowCount } from './job-progress.js';

/** The phases the server reports today: the jobs runner, the plan route, the solver (src/engine/allocation/solve.ts), the IATI export, imports (src/io/import-run.ts). */
const SERVER_PHASES = ['queued', 'preparing', 'starting', 'greedy', 'local search', 'bound', 'guided plan', 'exact', 'exporting', 'checking', 'writing'];

describe('a job phase in words', () => {
  it('names every phase the server reports with its own message, never the fallback', () => {
    for (const phase of SERVER_PHASES) {
      const key = phaseKey(phase);
      expect(key, phase).not.toBe('jobs.phases.working');
      const name = key.replace('jobs.phases.', '') as keyof typeof en.jobs.phases;
      expect(en.jobs.phases[name], phase).toEqual(expect.any(String));
    }
  });

  it('reads a phase it does not know as "Working", never as the code', () => {
    expect(phaseKey('rebalancing shards')).toBe('jobs.phases.working');
    expect(phaseKey('')).toBe('jobs.phases.working');
  });
});

describe("an import's rows in words", () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ resources: { en: { translation: en }, uk: { translation: uk }, ja: { translation: ja } }, lng: 'en', fallbackLng: false, interpolation: { escapeValue: false } });
  });
  // Numbers as the app formats them (Ukrainian groups digits with a no-break space).
  const words = (lng: Language, phase: string, done: number, total: number | null) => rowCount(i18n.getFixedT(lng), phase, done, total, new Intl.NumberFormat(LOCALE[lng]));

  it('counts rows checked while the file is read, then rows written of all, with numbers and plurals of each language', () => {
    expect(words('en', 'checking', 12_000, null)).toBe('12,000 rows checked');
    expect(words('en', 'checking', 1, null)).toBe('1 row checked');
    expect(words('en', 'writing', 3000, 30_000)).toBe('3,000 of 30,000 rows written');
    expect(words('uk', 'checking', 21, null)).toBe('Перевірено 21 рядок');
    expect(words('uk', 'checking', 3, null)).toBe('Перевірено 3 рядки');
    expect(words('uk', 'checking', 12_000, null)).toBe('Перевірено 12\u00a0000 рядків');
    expect(words('uk', 'writing', 3000, 30_000)).toBe('Записано 3\u00a0000 з 30\u00a0000 рядків');
    expect(words('uk', 'writing', 1, 21)).toBe('Записано 1 з 21 рядка');
    expect(words('ja', 'checking', 12_000, null)).toBe('12,000 行を検査しました');
    expect(words('ja', 'writing', 3000, 30_000)).toBe('30,000 行中 3,000 行を書き込みました');
  });

  it('says nothing of rows before checking began (the phase says it)', () => {
    expect(words('en', 'queued', 0, null)).toBe('');
  });
});
