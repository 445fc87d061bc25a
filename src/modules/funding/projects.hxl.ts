import type { Readable } from 'node:stream';
import { readerOf, type Database } from '../../db/database.js';
import { convert, rateOn, MissingRateError, type RateTable } from '../../engine/fx/convert.js';
import { invalid } from '../../errors.js';
import { hxlHead, hxlRow, type HxlColumn } from '../../io/hxl/hxl-csv.js';
import { loadRateTable } from './fx.service.js';
import { EXPORT_BATCH, organizationCache, primedStream, projectBatches } from './projects.export.js';
import { presentProject, shownText } from './projects.presenter.js';
import type { Project } from './projects.schema.js';
import { earliestValueDates } from './transactions.repository.js';
import { areaCodesOf } from '../geography/pcodes.js';

export const HXL_KINDS = ['3w', 'flows'] as const;
export type HxlKind = (typeof HXL_KINDS)[number];

interface ThreeW { project: Project; org: string; role: string; oblast: string; sector: string }
interface Flow { project: Project; type: string; provider: string; receiver: string; amount: string; currency: string; date: string; usd: string; rate: string; rateDate: string; rateSource: string }

export const THREE_W: HxlColumn<ThreeW>[] = [
  { header: 'Organisation', tag: '#org+name', value: (r) => r.org },
  { header: 'Role', tag: '#org+type', value: (r) => r.role },
  { header: 'Activity', tag: '#activity+name', value: (r) => shownText(r.project.title, ['en', 'uk', 'ja']) },
  { header: 'IATI identifier', tag: '#activity+code', value: (r) => r.project.iatiIdentifier },
  { header: 'Sector (DAC)', tag: '#sector+code', value: (r) => r.sector },
  // OCHA P-codes where HDX data sets join (#adm1+code, #adm2+code); KATOTTG, the Ministry's own code, apart.
  { header: 'Oblast', tag: '#adm1+name', value: (r) => areaCodesOf(r.oblast)?.adm1NameEn ?? '' },
  { header: 'Oblast P-code', tag: '#adm1+code', value: (r) => areaCodesOf(r.oblast)?.adm1Pcode ?? '' },
  { header: 'Oblast KATOTTG', tag: '#adm1+id', value: (r) => areaCodesOf(r.oblast)?.adm1Katottg ?? '' },
  { header: 'Raion P-code', tag: '#adm2+code', value: (r) => areaCodesOf(r.oblast)?.adm2Pcode ?? '' },
  { header: 'Status', tag: '#status+code', value: (r) => r.project.status },
  { header: 'Start', tag: '#date+start', value: (r) => r.project.startDate },
  { header: 'End', tag: '#date+end', value: (r) => r.project.endDate ?? '' },
];

export const FLOWS: HxlColumn<Flow>[] = [
  { header: 'Activity', tag: '#activity+code', value: (r) => r.project.iatiIdentifier },
  { header: 'Transaction type', tag: '#meta+type+code', value: (r) => r.type },
  { header: 'Provider', tag: '#org+name+funding', value: (r) => r.provider },
  { header: 'Receiver', tag: '#org+name+impl', value: (r) => r.receiver },
  { header: 'Value date', tag: '#date', value: (r) => r.date },
  { header: 'Original value', tag: '#value', value: (r) => r.amount },
  { header: 'Original currency', tag: '#currency', value: (r) => r.currency },
  { header: 'Value (USD)', tag: '#value+c_usd', value: (r) => r.usd },
  { header: 'Rate per USD', tag: '#indicator+num', value: (r) => r.rate },
  { header: 'Rate date', tag: '#date+reported', value: (r) => r.rateDate },
  { header: 'Rate source', tag: '#meta+source', value: (r) => r.rateSource },
];

/** Every rate, checked up front: a transaction dated before its currency's first rate refuses the export (never 1:1). */
async function ratesForFlows(database: Database): Promise<RateTable> {
  const firsts = await earliestValueDates(readerOf(database));
  const table = await loadRateTable(database.db, firsts.map((f) => f.currency), '9999-12-31');
  const missing = [];
  for (const f of firsts) {
    try {
      rateOn(table, f.currency, f.first);
    } catch (e) {
      if (!(e instanceof MissingRateError)) throw e;
      missing.push({ path: '/currency', message: `${e.message} (the earliest ${f.currency} transaction); import the rate (carebridge import fx)` });
    }
  }
  if (missing.length > 0) throw invalid(missing);
  return table;
}

async function* hxlChunks(database: Database, kind: HxlKind, counter: { rows: number }, batchSize: number): AsyncGenerator<string> {
  const rates = kind === 'flows' ? await ratesForFlows(database) : undefined;
  const orgOf = organizationCache(database);
  const nameOf = async (id: string | null) => (id === null ? '' : (await orgOf(id)).name_en);
  yield kind === '3w' ? hxlHead(THREE_W) : hxlHead(FLOWS);
  for await (const batch of projectBatches(database, batchSize)) {
    let out = '';
    for (const row of batch.projects) {
      const p = presentProject(row);
      if (rates === undefined) {
        for (const part of p.participants) {
          const org = await nameOf(part.organizationId);
          for (const oblast of p.locations.areas.length > 0 ? p.locations.areas : ['']) {
            for (const s of p.sectors) {
              out += hxlRow(THREE_W, { project: p, org, role: part.role, oblast, sector: s.code });
              counter.rows += 1;
            }
          }
        }
        continue;
      }
      for (const t of batch.transactions.get(row.id) ?? []) {
        const converted = convert(rates, t.amount, t.currency, 'USD', t.value_date);
        const rate = converted.rates[0];
        out += hxlRow(FLOWS, {
          project: p, type: t.type, provider: await nameOf(t.provider_org_id), receiver: await nameOf(t.receiver_org_id), amount: t.amount, currency: t.currency, date: t.value_date,
          usd: converted.amount, rate: rate?.ratePerUsd ?? '1', rateDate: rate?.date ?? t.value_date, rateSource: rate?.source ?? 'USD',
        });
        counter.rows += 1;
      }
    }
    if (out !== '') yield out;
  }
}

/**
 * Open-data HXL CSV of projects, streamed a batch at a time: public fields only
 * (organisations, sectors, oblasts, money; no facility). `3w` is who does what
 * where; `flows` is each transaction with its USD value and the rate used.
 */
export async function exportHxl(database: Database, kind: HxlKind, batchSize = EXPORT_BATCH): Promise<{ stream: Readable; rows: () => number }> {
  const counter = { rows: 0 };
  return { stream: await primedStream(hxlChunks(database, kind, counter, batchSize)), rows: () => counter.rows };
}
