import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IatiDocumentError, readIatiActivities, type ParsedActivity } from './activity-parse.js';
import { codeProblem, loadCodelist } from './codelists.js';
import { escapeXml, iatiActivitiesXml, type IatiActivity } from './activity-xml.js';

const IATI = '../shared/data/iati-2.03';
const jica = { ref: 'XM-DAC-701-8', type: '10', name: 'Japan International Cooperation Agency' };

const ACTIVITY: IatiActivity = {
  identifier: 'XM-DAC-701-8-KH-001',
  lastUpdated: '2025-01-15T09:00:00Z',
  defaultCurrency: 'JPY',
  humanitarian: true,
  reportingOrg: jica,
  title: { en: 'Generators for Kharkiv hospitals & clinics', uk: 'Генератори для лікарень', ja: '病院の発電機' },
  description: { en: 'Supply of <100 kW> diesel generators' },
  participants: [{ ...jica, role: '1' }, { ref: null, type: '10', name: 'Ministry of Health', role: '4' }],
  status: '2',
  startDate: '2024-04-01',
  endDate: '2026-03-31',
  locations: ['UA46000000000026241'],
  sectors: [{ vocabulary: '1', code: '12220', percentage: 60 }, { vocabulary: '1', code: '12191', percentage: 40 }],
  budgets: [{ periodStart: '2024-04-01', periodEnd: '2025-03-31', amount: '1500000000', currency: 'JPY', valueDate: '2024-04-01' }],
  transactions: [{ type: '3', date: '2024-07-01', amount: '3100000.50', currency: 'USD', valueDate: '2024-07-01', description: 'First tranche', provider: { ...jica, ourType: 'bilateral_agency', country: 'JP' }, receiver: null }],
  results: [
    {
      type: '1', aggregationStatus: true, title: { en: 'Generators installed' },
      indicators: [{ measure: '1', ascending: true, title: { en: 'Units in service', uk: 'Одиниць у роботі' }, baseline: { year: 2024, value: '0' }, periods: [{ periodStart: '2024-04-01', periodEnd: '2025-03-31', target: '110', actual: null }] }],
    },
  ],
  reconstruction: { phase: 'construction', percentComplete: 35, milestones: [{ name: 'Roof "closed" & sealed', due: '2025-03-01', done: false }], ocid: 'ocds-be6bcu-UA-2024-05-20-000123-a' },
};

describe('IATI activity XML', () => {
  it('escapes text and validates against the official IATI 2.03 schema with xmllint', () => {
    expect(escapeXml(`a<b & "c"`)).toBe('a&lt;b &amp; &quot;c&quot;');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'iati-'));
    const file = path.join(dir, 'activities.xml');
    fs.writeFileSync(file, iatiActivitiesXml([ACTIVITY], '2025-01-15T09:00:00Z'));
    try {
      // xmllint exits non-zero (and execFileSync throws with its message) when the file does not validate.
      execFileSync('xmllint', ['--noout', '--schema', path.join(IATI, 'iati-activities-schema.xsd'), file], { stdio: 'pipe' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses only codes on their IATI codelists', () => {
    const dir = path.join(IATI, 'codelists');
    const checks: [string, string][] = [
      ['ActivityStatus', ACTIVITY.status],
      ['Currency', ACTIVITY.defaultCurrency],
      ['OrganisationType', ACTIVITY.reportingOrg.type],
      ...ACTIVITY.participants.map((p): [string, string] => ['OrganisationRole', p.role]),
      ...ACTIVITY.sectors.map((s): [string, string] => ['Sector', s.code]),
      ...ACTIVITY.transactions.map((t): [string, string] => ['TransactionType', t.type]),
      ['Country', 'UA'],
    ];
    expect(checks.map(([list, code]) => codeProblem(loadCodelist(dir, list), code)).filter((p) => p !== undefined)).toEqual([]);
  });
});

/** The bytes in chunks of `size`, so multi-byte characters and tags are cut across chunks as a stream would cut them. */
function* chunks(text: string, size: number): Generator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(source: Iterable<string | Uint8Array>): Promise<ParsedActivity[]> {
  const out: ParsedActivity[] = [];
  for await (const a of readIatiActivities(source)) out.push(a);
  return out;
}

const documentProblem = async (xml: string) => {
  try {
    await readAll([xml]);
  } catch (e) {
    if (e instanceof IatiDocumentError) return e.problem;
    throw e;
  }
  return undefined;
};

describe('IATI activity reader (streamed)', () => {
  const second: IatiActivity = { ...ACTIVITY, identifier: 'XM-DAC-701-8-KH-002', reconstruction: null, results: [] };
  const xml = iatiActivitiesXml([ACTIVITY, second], '2025-01-15T09:00:00Z');

  it('reads back what the writer wrote, whatever the chunks a stream cuts it into', async () => {
    for (const size of [7, 64, 1 << 20]) {
      const read = await readAll(chunks(xml, size));
      expect(read.map((r) => [r.row, r.activity.identifier, r.errors])).toEqual([[1, ACTIVITY.identifier, []], [2, second.identifier, []]]);
      expect(read[0]?.activity.title).toEqual(ACTIVITY.title);
      expect(read[0]?.activity.reconstruction?.milestones[0]?.name).toBe('Roof "closed" & sealed');
      expect(iatiActivitiesXml(read.map((r) => r.activity), '2025-01-15T09:00:00Z')).toBe(xml);
    }
  });

  it('names structural problems by activity and element', async () => {
    const [read] = await readAll([xml.replace('<activity-status code="2"/>', '<activity-status/>').replace('percentage="60"', 'percentage="sixty"')]);
    expect([...(read?.errors ?? [])].sort((a, b) => a.column.localeCompare(b.column))).toEqual([
      { row: 1, column: 'activity-status[1]/@code', message: 'activity XM-DAC-701-8-KH-001: is required by the IATI schema (activity-status without code)' },
      { row: 1, column: 'sector[1]/@percentage', message: 'activity XM-DAC-701-8-KH-001: "sixty" is not a number' },
    ]);
  });

  it('refuses a document that is not an IATI 2.01-2.03 activities file, saying why', async () => {
    expect(await documentProblem(xml.replace('version="2.03"', 'version="2.02"'))).toBeUndefined();
    expect(await documentProblem(xml.replace('version="2.03"', 'version="1.03"'))).toMatchObject({ row: 0, column: 'iati-activities/@version', message: expect.stringMatching(/^IATI version 1\.03 is not read: IATI retired the 1\.0x versions/) as unknown });
    expect(await documentProblem(xml.replace('version="2.03"', 'version="3.0"'))).toMatchObject({ message: 'IATI version "3.0" is not read (2.01, 2.02 and 2.03 are)' });
    expect(await documentProblem('<iati-organisations version="2.03"/>')).toMatchObject({ column: 'iati-activities' });
    expect(await documentProblem('<iati-activities version="2.03"></iati-activities>')).toMatchObject({ column: 'iati-activity', message: 'the file has no activities' });
    expect(await documentProblem(xml.replace('<iati-activities', '<!DOCTYPE x [<!ENTITY a "aaaa">]><iati-activities'))).toMatchObject({ column: 'DOCTYPE' });
    expect((await documentProblem(xml.replace('</title>', '</titel>')))?.message).toMatch(/^not well-formed XML/);
    expect(await documentProblem(xml.slice(0, xml.length - 30))).toMatchObject({ message: expect.stringMatching(/^not well-formed XML/) as unknown });
    const latin1 = Buffer.concat([Buffer.from(xml.slice(0, 200)), Buffer.from([0xe9]), Buffer.from(xml.slice(200))]);
    await expect(readAll([latin1])).rejects.toMatchObject({ problem: { column: 'encoding', message: 'the file is not UTF-8' } });
  });
});
