import { Readable } from 'node:stream';
import { readerOf, type Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { activityXml, IATI_DOCUMENT_END, iatiDocumentStart, type IatiActivity, type IatiOrg, type IatiPlace, type IatiSource } from '../../io/iati/activity-xml.js';
import { publicPlaces } from '../geography/geography.service.js';
import { getOrganization } from '../organizations/organizations.service.js';
import type { OrganizationRow } from '../organizations/organizations.tables.js';
import { IATI_ORG_TYPE, IATI_ROLE } from './projects.iati-codes.js';
import { presentProject } from './projects.presenter.js';
import { listProjects, type ProjectRow } from './projects.repository.js';
import { transactionsOfProjects, type TransactionRow } from './transactions.repository.js';

/** Projects per batch: one batch (with its transactions) is all an export holds at a time. */
export const EXPORT_BATCH = 500;

/** Projects a batch at a time (keyset by id), so an export holds one batch, never the whole table. */
export async function* projectBatches(database: Database, size = EXPORT_BATCH): AsyncGenerator<{ projects: ProjectRow[]; transactions: Map<string, TransactionRow[]> }> {
  let after: string | undefined;
  for (;;) {
    // A replica serves exports when DATABASE_READ_URL is set: they read every project.
    const rows = await listProjects(readerOf(database), {}, after, size);
    const projects = rows.slice(0, size);
    if (projects.length === 0) return;
    const transactions = new Map<string, TransactionRow[]>();
    for (const t of await transactionsOfProjects(readerOf(database), projects.map((p) => p.id))) {
      const list = transactions.get(t.project_id) ?? [];
      list.push(t);
      transactions.set(t.project_id, list);
    }
    yield { projects, transactions };
    if (rows.length <= size) return;
    after = projects[projects.length - 1]?.id;
  }
}

/** Organisations by id, each read once per export (there are hundreds, against thousands of projects). */
export function organizationCache(database: Database): (id: string) => Promise<OrganizationRow> {
  const cache = new Map<string, Promise<OrganizationRow>>();
  return (id) => {
    let hit = cache.get(id);
    if (hit === undefined) {
      hit = getOrganization(database, id);
      cache.set(id, hit);
    }
    return hit;
  };
}

const iatiOrg = (o: OrganizationRow): IatiOrg => ({ ref: o.iati_org_id, type: IATI_ORG_TYPE[o.type] ?? '90', name: o.name_en, nameUk: o.name_uk, ourType: o.type, country: o.country });

/**
 * What an imported project's file had beyond our model. Once the project has been edited here,
 * its own last-updated time is written instead of the file's.
 */
function sourceOf(row: ProjectRow): IatiSource | undefined {
  if (row.iati_source === null || row.iati_source === undefined) return undefined;
  const source = JSON.parse(row.iati_source) as IatiSource;
  if (row.version === 1) return source;
  const extras = source.extras.map((x) => (x.path === '' && x.attrs !== undefined ? { ...x, attrs: x.attrs.filter(([k]) => k !== 'last-updated-datetime') } : x));
  return { ...source, extras };
}

async function activityOf(row: ProjectRow, reporting: OrganizationRow, source: IatiSource | undefined, transactions: readonly TransactionRow[], orgOf: (id: string) => Promise<OrganizationRow>, places: ReadonlyMap<string, IatiPlace>): Promise<IatiActivity> {
  const p = presentProject(row);
  const participants = [];
  for (const x of p.participants) participants.push({ ...iatiOrg(await orgOf(x.organizationId)), role: IATI_ROLE[x.role] ?? '4' });
  const txs = [];
  for (const t of transactions) {
    txs.push({
      type: t.type, date: t.transaction_date ?? t.value_date, amount: t.amount, currency: t.currency, valueDate: t.value_date, description: t.description,
      provider: t.provider_org_id === null ? null : iatiOrg(await orgOf(t.provider_org_id)),
      receiver: t.receiver_org_id === null ? null : iatiOrg(await orgOf(t.receiver_org_id)),
    });
  }
  return {
    identifier: p.iatiIdentifier, lastUpdated: p.updatedAt, defaultCurrency: p.budgets[0]?.currency ?? txs[0]?.currency ?? 'USD', humanitarian: p.humanitarian,
    reportingOrg: { ...iatiOrg(reporting), ref: reporting.iati_org_id ?? source?.reportingRef ?? '' }, title: p.title, description: p.description, participants, status: p.status,
    // Facility ids are partner-level (DESIGN §5): the public file names areas only.
    startDate: p.startDate, endDate: p.endDate, locations: p.locations.areas, places, sectors: p.sectors, budgets: p.budgets, transactions: txs,
    results: p.results, reconstruction: p.reconstruction, source,
  };
}

/** The named areas of a batch's projects, read in one query: each location says which place it is. */
async function placesOfBatch(database: Database, projects: readonly ProjectRow[]): Promise<Map<string, IatiPlace>> {
  const codes = projects.flatMap((r) => presentProject(r).locations.areas);
  const found = await publicPlaces(database.db, codes);
  return new Map([...found].map(([code, p]) => [code, { names: { uk: p.nameUk, ...(p.nameEn === null ? {} : { en: p.nameEn }) }, centre: p.centre }]));
}

/** The document as pieces: the start waits for the first activity, so "nothing to export" is known before any byte. */
async function* iatiChunks(database: Database, orgRef: string | undefined, generated: string, counter: { activities: number }, batchSize: number): AsyncGenerator<string> {
  const orgOf = organizationCache(database);
  for await (const batch of projectBatches(database, batchSize)) {
    let out = '';
    const places = await placesOfBatch(database, batch.projects);
    for (const row of batch.projects) {
      const reporting = await orgOf(row.reporting_org_id);
      const source = sourceOf(row);
      // An imported activity keeps its reporting ref even when our organisation row could not hold it (see the importer).
      const ref = reporting.iati_org_id ?? source?.reportingRef ?? null;
      if (ref === null || (orgRef !== undefined && ref !== orgRef)) continue;
      if (counter.activities === 0) out += iatiDocumentStart(generated);
      counter.activities += 1;
      out += activityXml(await activityOf(row, reporting, source, batch.transactions.get(row.id) ?? [], orgOf, places));
    }
    if (out !== '') yield out;
  }
  // The XSD requires at least one activity: an empty file would not be valid IATI, so say "nothing" instead.
  if (counter.activities === 0) throw new AppError('not_found', orgRef === undefined ? 'No projects with an IATI reporting organisation to export.' : `No projects reported by "${orgRef}" to export.`);
  yield IATI_DOCUMENT_END;
}

/**
 * Starts a streamed export: the first piece is produced before this returns,
 * so a refusal (nothing to export, a missing rate) is still an ordinary error
 * response rather than a broken download.
 */
export async function primedStream(chunks: AsyncGenerator<string>): Promise<Readable> {
  const first = await chunks.next();
  async function* all(): AsyncGenerator<string> {
    if (first.done !== true) yield first.value;
    yield* chunks;
  }
  return Readable.from(all(), { objectMode: false });
}

/**
 * All projects (optionally those reported by the organisation with IATI id
 * `orgRef`) as a streamed IATI 2.03 document. Project finance is public
 * (DESIGN §5); no facility is named, so nothing restricted can leave here.
 * `activities()` is the number written so far (all of them once the stream ends).
 */
export async function exportIati(database: Database, orgRef: string | undefined, generated: string, batchSize = EXPORT_BATCH): Promise<{ stream: Readable; activities: () => number }> {
  const counter = { activities: 0 };
  const stream = await primedStream(iatiChunks(database, orgRef, generated, counter, batchSize));
  return { stream, activities: () => counter.activities };
}
