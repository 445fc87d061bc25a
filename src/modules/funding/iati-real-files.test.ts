import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { canonicalActivities, canonicalString, missingFrom } from '../../../test/support/iati-canonical.js';
import { exportIati } from './projects.export.js';
import { importIati, type IatiImportOptions, type IatiImportResult } from './projects.import.js';

/**
 * Issue 18 acceptance: real IATI files published by others (../shared/data/interop/iati, see its README) import
 * whole, and import → export → import → export gives the same XML; the first export keeps every element and
 * attribute of the original (compared after canonicalisation, see test/support/iati-canonical.ts).
 */
const DIR = '../shared/data/interop/iati';
const IATI = '../shared/data/iati-2.03';
const CODELISTS = `${IATI}/codelists`;
const GENERATED = '2025-01-15T09:00:00Z';
const ctx = systemContext('test');

/** Valid 2.0x files: all their activities import (warnings apart). */
const WHOLE = ['nl-dgis-example_203_file.xml', 'jsval-iati-act-line-br.xml', 'oipa-purchase-of-equity-203.xml', 'iati-activity-standard-example-annotated.xml', 'iatikit-fixture-org-activities.xml', 'es-maec-indonesia.xml', 'gb-dfid-109616.xml'];
const fileOf = (name: string) => path.join(DIR, name);
const fromFile = (name: string) => () => fs.createReadStream(fileOf(name));
const fromText = (xml: string) => () => [xml];

async function refusal(database: TestDatabase, source: () => Iterable<string> | AsyncIterable<string | Uint8Array>, options: IatiImportOptions = {}): Promise<{ row: number; column: string; message: string }[]> {
  try {
    await importIati(database.database, ctx, source, CODELISTS, options);
  } catch (e) {
    if (e instanceof AppError) return e.extra.rowErrors ?? [];
    throw e;
  }
  throw new Error('the import was not refused');
}

const count = async (t: TestDatabase, table: 'projects' | 'transactions' | 'organizations') => (await t.database.db.selectFrom(table).select('id').execute()).length;

async function exported(t: TestDatabase): Promise<string> {
  return text((await exportIati(t.database, undefined, GENERATED)).stream);
}

/** The exported activities by identifier, each canonicalised. */
const byIdentifier = (xml: string) => new Map(canonicalActivities(xml).map((a) => [a.children.find((c) => c.name === 'iati-identifier')?.text ?? '', a]));

for (const dialect of DIALECTS) {
  describe(`real IATI files on ${dialect}`, () => {
    let first: TestDatabase;
    let second: TestDatabase;
    const results = new Map<string, IatiImportResult>();
    beforeAll(async () => {
      first = await createTestDatabase(dialect);
      second = await createTestDatabase(dialect);
    });
    afterAll(async () => {
      await first.drop();
      await second.drop();
    });

    it('refuses the 1.0x files with the version and that IATI retired it, and a truncated file clearly, writing nothing', async () => {
      for (const [name, version] of [['gb-dfid-CD-v1.01.xml', '1.01'], ['iatikit-fixture-org-activities2.xml', '1.05']] as const) {
        expect(await refusal(first, fromFile(name))).toEqual([{ row: 0, column: 'iati-activities/@version', message: `IATI version ${version} is not read: IATI retired the 1.0x versions (in June 2016); publish the file as 2.01 or later` }]);
      }
      const xml = fs.readFileSync(fileOf('nl-dgis-example_203_file.xml'), 'utf8');
      const [problem] = await refusal(first, fromText(xml.slice(0, Math.floor(xml.length / 2))));
      expect(problem?.message).toMatch(/^not well-formed XML/);
      expect(await Promise.all([count(first, 'projects'), count(first, 'transactions'), count(first, 'organizations')])).toEqual([0, 0, 0]);
    });

    it('refuses the UNDP file naming its condition without @type, and imports the rest with skipInvalid', async () => {
      const name = 'undp-gabon-error_at_70076.xml';
      const errors = await refusal(first, fromFile(name));
      expect(errors).toEqual([{ row: 1, column: 'conditions[1]/condition[41]/@type', message: 'activity XM-DAC-41114-PROJECT-00042420: is required by the IATI schema (condition without type)' }]);
      expect(errors[0]?.message).toMatch(/condition/);
      const r = await importIati(first.database, ctx, fromFile(name), CODELISTS, { skipInvalid: true });
      expect(r).toMatchObject({ activities: 0, skipped: 1, errorCount: 1 });
      expect(await count(first, 'projects')).toBe(0);
    });

    it('keeps only one recipient country with --country, and reports identifiers outside the reporting ref as warnings', async () => {
      const r = await importIati(first.database, ctx, fromFile('nl-dgis-example_203_file.xml'), CODELISTS, { dryRun: true, country: 'UA' });
      expect(r).toMatchObject({ activities: 1, skipped: 12 });
      const all = await importIati(first.database, ctx, fromFile('nl-dgis-example_203_file.xml'), CODELISTS, { dryRun: true });
      expect(all).toMatchObject({ activities: 13, errorCount: 0 });
      expect(all.warnings.some((w) => w.column === 'iati-identifier' && w.message.includes('IATI rule 1.1.21'))).toBe(true);
      expect(await count(first, 'projects')).toBe(0);
    });

    it('imports every valid 2.0x file whole, in a national file memory (streamed)', async () => {
      for (const name of WHOLE) {
        const r = await importIati(first.database, ctx, fromFile(name), CODELISTS, { skipInvalid: true });
        results.set(name, r);
        expect({ name, errors: r.errors }).toEqual({ name, errors: [] });
        expect(r.activities).toBe(canonicalActivities(fs.readFileSync(fileOf(name), 'utf8')).length);
      }
    });

    it('round-trips: import → export → import → export gives identical XML, and the first export keeps every element and attribute', async () => {
      const e1 = await exported(first);
      const again = await importIati(second.database, ctx, fromText(e1), CODELISTS);
      expect(again.errorCount).toBe(0);
      const e2 = await exported(second);
      expect(e2).toBe(e1);
      const ours = byIdentifier(e1);
      for (const name of WHOLE) {
        // The one 2.01 → 2.03 mapping that leaves something out: an empty capital-spend (2.03 requires its percentage).
        const original = canonicalActivities(fs.readFileSync(fileOf(name), 'utf8')).map((a) => ({ ...a, children: a.children.filter((c) => !(c.name === 'capital-spend' && c.attrs.percentage === undefined)) }));
        const missing = original.flatMap((a) => missingFrom(a, ours.get(a.children.find((c) => c.name === 'iati-identifier')?.text ?? '')));
        expect({ name, missing }).toEqual({ name, missing: [] });
      }
      // Our own reading of the export gives the same canonical activities as the export of that reading.
      expect([...byIdentifier(e2).values()].map(canonicalString)).toEqual([...ours.values()].map(canonicalString));
    });

    it('writes a 2.03 export that xmllint validates against the official XSD, the 2.01 files included', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iati-real-'));
      const file = path.join(dir, 'export.xml');
      fs.writeFileSync(file, await exported(first));
      try {
        // xmllint exits non-zero (and execFileSync throws with its message) when the file does not validate.
        execFileSync('xmllint', ['--noout', '--schema', path.join(IATI, 'iati-activities-schema.xsd'), file], { stdio: 'pipe' });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
