import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../context.js';
import { DEMO_ORGANIZATIONS } from '../../demo/demo-organizations.js';
import { loadFundingDemo } from '../../demo/demo-funding.js';
import { Random } from '../../demo/random.js';
import { parseDecimal, formatDecimal } from '../../engine/fx/decimal.js';
import { nowIso } from '../../ids.js';
import { codeProblem, loadCodelist } from '../../io/iati/codelists.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { appFor } from '../../../test/support/api-client.js';
import { buildFacility, userWithToken } from '../../../test/support/factories.js';
import { createFacility } from '../facilities/facilities.service.js';
import type { FacilityRow } from '../facilities/facilities.tables.js';
import { newOrganizationRow, storeNewOrganizations } from '../organizations/organizations.service.js';
import type { DonorTotals } from './donors.schema.js';
import { exportIati } from './projects.export.js';
import { exportHxl } from './projects.hxl.js';
import type { Totals } from './transactions.schema.js';
import { withTransaction } from '../../db/transaction.js';

const IATI = '../shared/data/iati-2.03';
const GENERATED = '2025-01-31T12:00:00.000Z';
const ctx = systemContext('test');
const AREAS = ['UA46000000000026241', 'UA63000000000041885', 'UA80000000000093317', 'UA32000000000030281', 'UA12000000000090473', 'UA48000000000039575'];

async function withFundingDemo(testDb: TestDatabase): Promise<FacilityRow[]> {
  const { database } = testDb;
  await withTransaction(database, (trx) => storeNewOrganizations(trx, database, ctx, DEMO_ORGANIZATIONS.map((o) => newOrganizationRow(o, nowIso()))));
  const facilities = [];
  for (const area of AREAS) facilities.push(await createFacility(database, ctx, buildFacility({ areaKatottg: area })));
  await loadFundingDemo(database, ctx, new Random(11), facilities, 'small');
  return facilities;
}

function xmllint(xml: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iati-demo-'));
  const file = path.join(dir, 'export.xml');
  fs.writeFileSync(file, xml);
  try {
    // xmllint exits non-zero (and execFileSync throws with its message) when the file does not validate.
    execFileSync('xmllint', ['--noout', '--schema', path.join(IATI, 'iati-activities-schema.xsd'), file], { stdio: 'pipe' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every code at a path the official mapping (codelists/mapping.xml) ties to a
 * codelist shipped in ../shared is looked up in that list. Returns the
 * problems and how many codes were checked.
 */
function codelistCheck(xml: string): { problems: string[]; checked: number } {
  const mapping = fs.readFileSync(path.join(IATI, 'codelists', 'mapping.xml'), 'utf8');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseAttributeValue: false, parseTagValue: false }).parse(xml) as Record<string, unknown>;
  const asList = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]) as Record<string, unknown>[];
  const problems: string[] = [];
  let checked = 0;
  for (const m of mapping.matchAll(/<mapping>\s*<path>\/\/iati-activity\/([^<]+)<\/path>\s*<codelist ref="([^"]+)"\s*\/>\s*(?:<condition>([^<]+)<\/condition>)?/g)) {
    const [, xpath = '', listName = '', condition] = m;
    const file = path.join(IATI, 'codelists', `${listName}.xml`);
    if (!fs.existsSync(file) || xpath.includes('text()')) continue;
    const steps = xpath.split('/');
    const attribute = (steps.pop() ?? '').replace(/^@/, '@');
    let nodes = asList((doc['iati-activities'] as Record<string, unknown>)['iati-activity']);
    for (const s of steps) nodes = nodes.flatMap((n) => asList(n[s]));
    const vocabulary = /@vocabulary = '(\w+)'/.exec(condition ?? '')?.[1];
    for (const n of nodes) {
      const code = n[attribute];
      if (typeof code !== 'string') continue;
      const v = n['@vocabulary'];
      if (vocabulary !== undefined && !(v === vocabulary || (v === undefined && condition?.includes('not(@vocabulary)') === true))) continue;
      checked += 1;
      const problem = codeProblem(loadCodelist(path.dirname(file), listName), code);
      if (problem !== undefined) problems.push(`${xpath}: ${problem}`);
    }
  }
  return { problems, checked };
}

async function text(stream: NodeJS.ReadableStream): Promise<{ text: string; chunks: number }> {
  let out = '';
  let chunks = 0;
  for await (const chunk of stream) {
    out += String(chunk);
    chunks += 1;
  }
  return { text: out, chunks };
}

async function exported(testDb: TestDatabase, batchSize?: number): Promise<string> {
  return (await text((await exportIati(testDb.database, undefined, GENERATED, batchSize)).stream)).text;
}

for (const dialect of DIALECTS) {
  describe(`open data of the funding demo on ${dialect}`, () => {
    let source: TestDatabase;
    let target: TestDatabase;
    let sourceApp: FastifyInstance;
    let targetApp: FastifyInstance;
    let facilities: FacilityRow[] = [];
    let xml = '';
    const count = async (db: TestDatabase, table: 'projects' | 'transactions' | 'organizations') => Number((await db.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

    beforeAll(async () => {
      source = await createTestDatabase(dialect);
      target = await createTestDatabase(dialect);
      facilities = await withFundingDemo(source);
      sourceApp = await appFor(source);
      targetApp = await appFor(target);
      xml = await exported(source);
    }, 120_000);
    afterAll(async () => {
      await sourceApp.close();
      await targetApp.close();
      await source.drop();
      await target.drop();
    });

    it('exports the demo as IATI 2.03 that xmllint validates, using only codes on their codelists, naming no facility', async () => {
      expect(xml.match(/<iati-activity /g)).toHaveLength(await count(source, 'projects'));
      expect(xml).toContain('<cb:reconstruction phase="construction" percent-complete="35" ocid="ocds-be6bcu-UA-2024-05-20-000123-a">');
      expect(xml).toContain('<target value="110"/>');
      // A location says which place it is: its names and, for an oblast, its public centre (never a facility's point).
      const lviv = /<location ref="UA46000000000026241">([\s\S]*?)<\/location>/.exec(xml)?.[1] ?? '';
      expect(lviv).toContain('<narrative xml:lang="uk">Львівська</narrative>');
      expect(lviv).toMatch(/<point srsName="http:\/\/www.opengis.net\/def\/crs\/EPSG\/0\/4326"><pos>49\.8\d* 24\.0\d*<\/pos><\/point><exactness code="2"\/><location-class code="1"\/>/);
      xmllint(xml);
      const { problems, checked } = codelistCheck(xml);
      expect(problems).toEqual([]);
      expect(checked).toBeGreaterThan(100);
      for (const f of facilities) expect(xml).not.toContain(f.id);
      // Streamed a batch at a time: batches of 4 projects give more pieces and the same bytes.
      const small = await text((await exportIati(source.database, undefined, GENERATED, 4)).stream);
      expect(small.chunks).toBeGreaterThan(4);
      expect(small.text).toBe(xml);
      const flows = async (size?: number) => text((await exportHxl(source.database, 'flows', size)).stream);
      expect((await flows(3)).text).toBe((await flows()).text);
      const res = await sourceApp.inject({ url: '/api/v1/projects/export/iati?org=XM-DAC-701-8' });
      expect(res.statusCode).toBe(200);
      expect(res.body.match(/<iati-activity /g)?.length).toBe(8);
    });

    it('imports the export into an empty database, and exports it again byte for byte', async () => {
      const admin = (await userWithToken(target.database, 'admin')).headers;
      const orgsBefore = await count(target, 'organizations');
      // A dry run goes through every check and write, then rolls back: the same counts, nothing stored.
      const dry = await targetApp.inject({ method: 'POST', url: '/api/v1/projects/import/iati?dryRun=true', headers: { ...admin, 'content-type': 'application/xml' }, payload: xml });
      expect(dry.json()).toMatchObject({ dryRun: true, activities: await count(source, 'projects'), transactions: await count(source, 'transactions'), errorCount: 0, errors: [] });
      expect([await count(target, 'projects'), await count(target, 'organizations')]).toEqual([0, orgsBefore]);
      const res = await targetApp.inject({ method: 'POST', url: '/api/v1/projects/import/iati', headers: { ...admin, 'content-type': 'application/xml' }, payload: xml });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ activities: await count(source, 'projects'), transactions: await count(source, 'transactions') });
      expect(await count(target, 'organizations')).toBeGreaterThan(orgsBefore);
      expect(await exported(target)).toBe(xml);
      // Importing the same file again would duplicate every activity: refused, nothing written.
      const again = await targetApp.inject({ method: 'POST', url: '/api/v1/projects/import/iati', headers: { ...admin, 'content-type': 'application/xml' }, payload: xml });
      expect(again.statusCode).toBe(400);
      expect(again.json<{ rowErrors: { column: string }[] }>().rowErrors[0]?.column).toBe('iati-identifier');
    });

    it('refuses a bad file naming the activity and element, and writes nothing', async () => {
      const admin = (await userWithToken(source.database, 'admin')).headers;
      const before = [await count(source, 'projects'), await count(source, 'transactions'), await count(source, 'organizations')];
      const first = xml.slice(0, xml.indexOf('</iati-activity>') + '</iati-activity>\n'.length) + '</iati-activities>\n';
      const renamed = first.replace(/<iati-identifier>([^<]+)<\/iati-identifier>/, '<iati-identifier>$1-COPY</iati-identifier>');
      const post = (payload: string) => sourceApp.inject({ method: 'POST', url: '/api/v1/projects/import/iati', headers: { ...admin, 'content-type': 'application/xml' }, payload });
      const columns = async (payload: string) => (await post(payload)).json<{ rowErrors: { row: number; column: string; message: string }[] }>().rowErrors;
      const badSector = await columns(renamed.replace(/<sector vocabulary="1" code="\d+"/, '<sector vocabulary="1" code="99999"'));
      expect(badSector).toEqual([expect.objectContaining({ row: 1, column: 'sector[1]/@code', message: expect.stringMatching(/-COPY: .*not on the IATI Sector codelist/) as unknown })]);
      // A withdrawn code was current when the file was published: a warning, not a refusal.
      const withdrawn = await sourceApp.inject({ method: 'POST', url: '/api/v1/projects/import/iati?dryRun=true', headers: { ...admin, 'content-type': 'application/xml' }, payload: renamed.replace(/<sector vocabulary="1" code="\d+"/, '<sector vocabulary="1" code="11321"') });
      expect(withdrawn.json()).toMatchObject({ activities: 1, errorCount: 0, warnings: [expect.objectContaining({ column: 'sector[1]/@code', message: expect.stringMatching(/withdrawn/) as unknown })] });
      expect((await columns(renamed.replace(/(<transaction><transaction-type code=")\d+/, '$1999')))[0]).toMatchObject({ column: 'transaction[1]/transaction-type/@code', message: expect.stringContaining('"999" is not on the IATI TransactionType codelist') as unknown });
      expect((await columns(renamed.replace(/(<transaction>.*?<value currency=")[A-Z]{3}/, '$1XYZ')))[0]).toMatchObject({ column: 'transaction[1]/value/@currency' });
      expect((await columns(renamed.replace(/(<transaction>.*?<value[^>]*>)(\d)/, '$1x$2')))[0]).toMatchObject({ column: 'transaction[1]/value' });
      expect((await columns(renamed.replace(/<sector vocabulary="1" code="\d+"/, '<sector vocabulary="2" code="999"')))[0]).toMatchObject({ column: 'sector[1]/@code', message: expect.stringContaining('SectorCategory') as unknown });
      const unknownArea = '<recipient-country code="UA" percentage="100"/><location ref="UA99999999999999999"/>';
      expect((await columns(renamed.replace('<recipient-country code="UA" percentage="100"/>', unknownArea)))[0]).toMatchObject({ column: 'location[1]' });
      expect((await columns(renamed.replace('<iati-activity ', '<iati-activity><broken ')))[0]?.message).toMatch(/not well-formed/);
      expect((await columns(renamed.replace('<iati-activities', '<!DOCTYPE x [<!ENTITY a "aaaa">]><iati-activities')))[0]?.column).toBe('DOCTYPE');
      // The second activity breaks a project rule only checked while writing: the first, already written, is rolled back.
      const block = renamed.slice(renamed.indexOf('<iati-activity '), renamed.indexOf('</iati-activities>'));
      const badSecond = block.replace('-COPY</iati-identifier>', '-COPY2</iati-identifier>').replace('<recipient-country code="UA" percentage="100"/>', unknownArea);
      expect(await columns(renamed.replace('</iati-activities>', `${badSecond}</iati-activities>`))).toEqual([expect.objectContaining({ row: 2, column: 'location[1]' })]);
      expect(await Promise.all([count(source, 'projects'), count(source, 'transactions'), count(source, 'organizations')])).toEqual(before);
    });

    it('streams HXL: the hashtag row under the header, public fields only, flows with USD and the rate used', async () => {
      const threeW = (await sourceApp.inject({ url: '/api/v1/projects/export/hxl?dataset=3w' })).body.split('\r\n');
      expect(threeW[0]).toBe('Organisation,Role,Activity,IATI identifier,Sector (DAC),Oblast,Oblast P-code,Oblast KATOTTG,Raion P-code,Status,Start,End');
      expect(threeW[1]).toBe('#org+name,#org+type,#activity+name,#activity+code,#sector+code,#adm1+name,#adm1+code,#adm1+id,#adm2+code,#status+code,#date+start,#date+end');
      // Luhansk: P-code UA44 (what HDX joins on), ISO 3166-2 UA-09; the KATOTTG code in its own column.
      const luhansk = threeW.find((l) => l.includes(',Luhansk Oblast,'));
      if (luhansk !== undefined) expect(luhansk).toContain(',Luhansk Oblast,UA44,UA44000000000018893,');
      expect(threeW.slice(2).filter((l) => l !== '').every((l) => /,(UA[0-9]{2}),\1[0-9]{15},/.test(l) || /,,,,/.test(l))).toBe(true);
      expect(threeW).toContain(threeW.find((l) => l.startsWith('Japan International Cooperation Agency,extending,Emergency power for hospitals: 110 generators')));
      const flows = (await sourceApp.inject({ url: '/api/v1/projects/export/hxl?kind=flows' })).body.split('\r\n');
      expect(flows[1]).toContain('#value+c_usd,#indicator+num,#date+reported,#meta+source');
      // 20,000,000,000 JPY on 2024-04-15 at the 2024-04-01 rate of 151.3.
      expect(flows.find((l) => l.includes(',20000000000,JPY,'))).toMatch(/,20000000000,JPY,132187706\.54,151\.3,2024-04-01,demo/);
      expect(flows.length - 3).toBe(await count(source, 'transactions'));
      const all = [...threeW, ...flows].join('\n');
      for (const f of facilities) expect(all).not.toContain(f.id);
      expect(all).not.toMatch(/\blat\b|\blon\b|facility/i);
    });

    it('totals Japan (Government of Japan + JICA) over USD 12 billion committed, pledges apart, each figure the sum of its parts', async () => {
      const totals = (await sourceApp.inject({ url: '/api/v1/funding/donors?currency=USD' })).json<DonorTotals>();
      const japan = totals.countries.find((c) => c.country === 'JP');
      expect(japan).toBeDefined();
      expect(parseDecimal(japan?.committed ?? '0')).toBeGreaterThan(parseDecimal('12000000000'));
      expect(parseDecimal(japan?.pledged ?? '0')).toBeGreaterThan(0n);
      const jpDonors = totals.donors.filter((d) => d.country === 'JP');
      expect(jpDonors.map((d) => d.name).sort()).toEqual(['Embassy of Japan in Ukraine', 'Government of Japan', 'Japan International Cooperation Agency']);
      // The names Japanese readers see (issue 13): the demo stores them and the totals carry them.
      expect(jpDonors.map((d) => d.nameJa).sort()).toEqual(['在ウクライナ日本国大使館', '日本国政府', '独立行政法人国際協力機構（JICA）']);
      for (const stage of ['pledged', 'committed', 'disbursed', 'spent'] as const) {
        expect(formatDecimal(jpDonors.reduce((s, d) => s + parseDecimal(d[stage]), 0n), 2)).toBe(japan?.[stage]);
        // Across all sectors: the sector split adds up to the headline.
        expect(formatDecimal((japan?.sectors ?? []).reduce((s, x) => s + parseDecimal(x[stage]), 0n), 2)).toBe(japan?.[stage]);
      }
      expect(japan?.sectors[0]?.code).toBe('51010');
      expect(japan?.sectors.map((x) => x.code)).toEqual(expect.arrayContaining(['12230', '12191', '12220', '12340', '23630', '15250']));
      // The same figure another way: each project's converted parts (projects/:id/totals), kept when a Japanese organisation provided them.
      const admin = (await userWithToken(source.database, 'analyst')).headers;
      const jp = new Set(jpDonors.map((d) => d.organizationId));
      const providerOf = new Map((await source.database.db.selectFrom('transactions').select(['id', 'provider_org_id']).execute()).map((t) => [t.id, t.provider_org_id]));
      let committed = 0n;
      for (const p of await source.database.db.selectFrom('projects').select('id').execute()) {
        const t = (await sourceApp.inject({ url: `/api/v1/projects/${p.id}/totals?currency=USD`, headers: admin })).json<Totals>();
        for (const part of t.committed.parts) if (jp.has(providerOf.get(part.transactionId) ?? '')) committed += parseDecimal(part.amount);
      }
      expect(formatDecimal(committed, 2)).toBe(japan?.committed);
      expect(totals.rates.find((r) => r.currency === 'JPY' && r.date === '2024-04-01')).toMatchObject({ ratePerUsd: '151.3', source: expect.stringContaining('demo') as unknown });
      const inYen = (await sourceApp.inject({ url: '/api/v1/funding/donors?currency=JPY' })).json<DonorTotals>();
      expect(inYen.currency).toBe('JPY');
      expect(inYen.countries.find((c) => c.country === 'JP')?.committed).not.toBe(japan?.committed);
    });
  });
}
